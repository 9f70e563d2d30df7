"""The after-sales context's user-facing texts (zh-CN first; zh-TW and en too).

Every decision of ``rules/`` carries one of these codes as its ``reason``, in words an agent can
repeat to the customer. Amounts in the parameters are yuan with two decimals (``12.50``),
instants the shop's wall time (``2026-05-10 23:59:59``), durations H:MM:SS; ``source`` is the
citation of the rule row the decision rests on, kept in the language it was written in.
Importing this module registers the texts of the whole context.
"""

from kefu.aftersales import case_messages as _case_messages  # noqa: F401  (registers them)
from kefu.aftersales import refund_messages as _refund_messages  # noqa: F401  (registers them)
from kefu.core.i18n import register

register(
    {
        # the seven-day no-reason return (rules/returns.py)
        "aftersales.return.not_signed": {
            "zh-CN": "商品还没有签收,无需退货:可以申请仅退款,我们会拦截快递",
            "zh-TW": "商品還沒有簽收,無需退貨:可以申請僅退款,我們會攔截快遞",
            "en": "The goods have not been signed for yet, so there is nothing to return: ask for a refund only and we will stop the parcel",
        },
        "aftersales.return.excluded.made_to_order": {
            "zh-CN": "定做的商品不适用七天无理由退货(《消费者权益保护法》第二十五条);如有质量问题,仍可按质量问题处理",
            "zh-TW": "定做的商品不適用七天無理由退貨(《消費者權益保護法》第二十五條);如有品質問題,仍可按品質問題處理",
            "en": "Made-to-order goods are not covered by the seven-day no-reason return (Consumer Protection Law, art. 25); a quality problem is still handled as one",
        },
        "aftersales.return.excluded.perishable": {
            "zh-CN": "鲜活易腐的商品不适用七天无理由退货(《消费者权益保护法》第二十五条);如有质量问题,仍可按质量问题处理",
            "zh-TW": "鮮活易腐的商品不適用七天無理由退貨(《消費者權益保護法》第二十五條);如有品質問題,仍可按品質問題處理",
            "en": "Fresh and perishable goods are not covered by the seven-day no-reason return (Consumer Protection Law, art. 25); a quality problem is still handled as one",
        },
        "aftersales.return.excluded.periodical": {
            "zh-CN": "已交付的报纸、期刊不适用七天无理由退货(《消费者权益保护法》第二十五条)",
            "zh-TW": "已交付的報紙、期刊不適用七天無理由退貨(《消費者權益保護法》第二十五條)",
            "en": "Newspapers and periodicals once delivered are not covered by the seven-day no-reason return (Consumer Protection Law, art. 25)",
        },
        "aftersales.return.excluded.digital_opened": {
            "zh-CN": "已拆封或在线下载的音像制品、计算机软件等数字化商品不适用七天无理由退货(《消费者权益保护法》第二十五条)",
            "zh-TW": "已拆封或線上下載的音像製品、電腦軟體等數位商品不適用七天無理由退貨(《消費者權益保護法》第二十五條)",
            "en": "Audio, video, software and other digital goods that were unsealed or downloaded are not covered by the seven-day no-reason return (Consumer Protection Law, art. 25)",
        },
        "aftersales.return.excluded.confirmed.unsafe_once_opened": {
            "zh-CN": "该商品拆封后可能影响人身安全、生命健康或商品品质,您购买时已确认它不适用七天无理由退货(《网络购买商品七日无理由退货暂行办法》第七条)",
            "zh-TW": "該商品拆封後可能影響人身安全、生命健康或商品品質,您購買時已確認它不適用七天無理由退貨(《網絡購買商品七日無理由退貨暫行辦法》第七條)",
            "en": "Once opened this product may put safety or health at risk or change in quality, and you confirmed at purchase that it is not covered by the seven-day no-reason return (Seven-Day Return Measures, art. 7)",
        },
        "aftersales.return.excluded.confirmed.loses_value_once_activated": {
            "zh-CN": "该商品一经激活或试用价值贬损较大,您购买时已确认它不适用七天无理由退货(《网络购买商品七日无理由退货暂行办法》第七条)",
            "zh-TW": "該商品一經啟用或試用價值貶損較大,您購買時已確認它不適用七天無理由退貨(《網絡購買商品七日無理由退貨暫行辦法》第七條)",
            "en": "This product loses much of its value once activated or tried, and you confirmed at purchase that it is not covered by the seven-day no-reason return (Seven-Day Return Measures, art. 7)",
        },
        "aftersales.return.excluded.confirmed.near_expiry_or_flawed": {
            "zh-CN": "该商品销售时已明示临近保质期或有瑕疵,您购买时已确认它不适用七天无理由退货(《网络购买商品七日无理由退货暂行办法》第七条)",
            "zh-TW": "該商品銷售時已明示臨近保質期或有瑕疵,您購買時已確認它不適用七天無理由退貨(《網絡購買商品七日無理由退貨暫行辦法》第七條)",
            "en": "This product was sold as near its expiry date or flawed, and you confirmed at purchase that it is not covered by the seven-day no-reason return (Seven-Day Return Measures, art. 7)",
        },
        "aftersales.return.window_closed": {
            "zh-CN": "七天无理由退货期已过:商品于 {signed} 签收,从次日起算 {days} 天,截至 {deadline}(依据:{source})",
            "zh-TW": "七天無理由退貨期已過:商品於 {signed} 簽收,從次日起算 {days} 天,截至 {deadline}(依據:{source})",
            "en": "The seven-day no-reason return has expired: the goods were signed for at {signed}, and the {days} days counted from the next day ended at {deadline} (per {source})",
        },
        "aftersales.return.not_intact.used": {
            "zh-CN": "商品已使用,超出了拆封查验和合理试用的范围,商品不再完好,不适用七天无理由退货(《网络购买商品七日无理由退货暂行办法》第八条、第九条)",
            "zh-TW": "商品已使用,超出了拆封查驗和合理試用的範圍,商品不再完好,不適用七天無理由退貨(《網絡購買商品七日無理由退貨暫行辦法》第八條、第九條)",
            "en": "The goods were used beyond opening to inspect and a reasonable trial: the goods are no longer intact, so the seven-day no-reason return does not apply (Online Purchase Seven-Day Return Measures, arts. 8–9)",
        },
        "aftersales.return.not_intact.parts_missing": {
            "zh-CN": "商品的配件或赠品不全,商品不再完好,不适用七天无理由退货(《网络购买商品七日无理由退货暂行办法》第八条、第九条)",
            "zh-TW": "商品的配件或贈品不全,商品不再完好,不適用七天無理由退貨(《網絡購買商品七日無理由退貨暫行辦法》第八條、第九條)",
            "en": "Accessories or gifts are missing: the goods are no longer intact, so the seven-day no-reason return does not apply (Online Purchase Seven-Day Return Measures, arts. 8–9)",
        },
        "aftersales.return.not_intact.damaged": {
            "zh-CN": "商品有难以恢复原状的损坏或磨损,商品不再完好,不适用七天无理由退货(《网络购买商品七日无理由退货暂行办法》第八条、第九条)",
            "zh-TW": "商品有難以恢復原狀的損壞或磨損,商品不再完好,不適用七天無理由退貨(《網絡購買商品七日無理由退貨暫行辦法》第八條、第九條)",
            "en": "The goods have damage or wear that is hard to restore: the goods are no longer intact, so the seven-day no-reason return does not apply (Online Purchase Seven-Day Return Measures, arts. 8–9)",
        },
        "aftersales.return.not_intact.tags_removed": {
            "zh-CN": "商品的吊牌、标识或商标已被剪掉或拆除,商品不再完好,不适用七天无理由退货(《网络购买商品七日无理由退货暂行办法》第八条、第九条)",
            "zh-TW": "商品的吊牌、標識或商標已被剪掉或拆除,商品不再完好,不適用七天無理由退貨(《網絡購買商品七日無理由退貨暫行辦法》第八條、第九條)",
            "en": "Tags, labels or trade marks were cut off or removed: the goods are no longer intact, so the seven-day no-reason return does not apply (Online Purchase Seven-Day Return Measures, arts. 8–9)",
        },
        "aftersales.return.not_intact.soiled_or_washed": {
            "zh-CN": "商品已被洗涤或有污渍,商品不再完好,不适用七天无理由退货(《网络购买商品七日无理由退货暂行办法》第八条、第九条)",
            "zh-TW": "商品已被洗滌或有汙漬,商品不再完好,不適用七天無理由退貨(《網絡購買商品七日無理由退貨暫行辦法》第八條、第九條)",
            "en": "The goods were washed or are soiled: the goods are no longer intact, so the seven-day no-reason return does not apply (Online Purchase Seven-Day Return Measures, arts. 8–9)",
        },
        "aftersales.return.not_intact.unsealed": {
            "zh-CN": "商品必要的一次性密封包装已被拆开,商品不再完好,不适用七天无理由退货(《网络购买商品七日无理由退货暂行办法》第八条、第九条)",
            "zh-TW": "商品必要的一次性密封包裝已被拆開,商品不再完好,不適用七天無理由退貨(《網絡購買商品七日無理由退貨暫行辦法》第八條、第九條)",
            "en": "The one-time seal of the packaging was broken: the goods are no longer intact, so the seven-day no-reason return does not apply (Online Purchase Seven-Day Return Measures, arts. 8–9)",
        },
        "aftersales.return.not_intact.activated_or_data_left": {
            "zh-CN": "商品已激活,或留有账号、数据等个人信息,商品不再完好,不适用七天无理由退货(《网络购买商品七日无理由退货暂行办法》第八条、第九条)",
            "zh-TW": "商品已啟用,或留有帳號、資料等個人資訊,商品不再完好,不適用七天無理由退貨(《網絡購買商品七日無理由退貨暫行辦法》第八條、第九條)",
            "en": "The device was activated, or an account or personal data is left on it: the goods are no longer intact, so the seven-day no-reason return does not apply (Online Purchase Seven-Day Return Measures, arts. 8–9)",
        },
        "aftersales.return.not_intact.repaired_or_relabelled": {
            "zh-CN": "商品经过非授权维修,或序列号、标识被改动,商品不再完好,不适用七天无理由退货(《网络购买商品七日无理由退货暂行办法》第八条、第九条)",
            "zh-TW": "商品經過非授權維修,或序號、標識被改動,商品不再完好,不適用七天無理由退貨(《網絡購買商品七日無理由退貨暫行辦法》第八條、第九條)",
            "en": "The goods were repaired without authorisation, or their serial number or labels were altered: the goods are no longer intact, so the seven-day no-reason return does not apply (Online Purchase Seven-Day Return Measures, arts. 8–9)",
        },
        "aftersales.return.allowed.unconfirmed_exclusion": {
            "zh-CN": "可以七天无理由退货,请在 {deadline} 前提出:该商品虽标注为不宜退货,但您购买时没有确认过,仍然适用(《网络购买商品七日无理由退货暂行办法》第七条、第二十条)",
            "zh-TW": "可以七天無理由退貨,請在 {deadline} 前提出:該商品雖標註為不宜退貨,但您購買時沒有確認過,仍然適用(《網絡購買商品七日無理由退貨暫行辦法》第七條、第二十條)",
            "en": "You may return it without a reason until {deadline}: the product is marked as not returnable, but you never confirmed that at purchase, so the return still applies (Seven-Day Return Measures, arts. 7 and 20)",
        },
        "aftersales.return.allowed.intact": {
            "zh-CN": "商品完好,可以七天无理由退货(签收于 {signed},期限至 {deadline};依据:{source})",
            "zh-TW": "商品完好,可以七天無理由退貨(簽收於 {signed},期限至 {deadline};依據:{source})",
            "en": "The goods are intact and may be returned without a reason (signed for at {signed}, open until {deadline}; per {source})",
        },
        "aftersales.return.allowed.general": {
            "zh-CN": "可以七天无理由退货,请在 {deadline} 前提出,并保持商品完好、配件和标识齐全(依据:{source})",
            "zh-TW": "可以七天無理由退貨,請在 {deadline} 前提出,並保持商品完好、配件和標識齊全(依據:{source})",
            "en": "You may return it without a reason until {deadline}; keep the goods intact, with all accessories and labels (per {source})",
        },
        "aftersales.return.allowed.apparel": {
            "zh-CN": "可以七天无理由退货,请在 {deadline} 前提出;请保留吊牌,不要穿着外出或洗涤(依据:{source})",
            "zh-TW": "可以七天無理由退貨,請在 {deadline} 前提出;請保留吊牌,不要穿著外出或洗滌(依據:{source})",
            "en": "You may return it without a reason until {deadline}; keep the tags on, and do not wear it out or wash it (per {source})",
        },
        "aftersales.return.allowed.electronics": {
            "zh-CN": "可以七天无理由退货,请在 {deadline} 前提出;可以拆封查验,但请不要激活,寄回前清除个人信息,配件齐全(依据:{source})",
            "zh-TW": "可以七天無理由退貨,請在 {deadline} 前提出;可以拆封查驗,但請不要啟用,寄回前清除個人資訊,配件齊全(依據:{source})",
            "en": "You may return it without a reason until {deadline}; you may unpack it to inspect it, but do not activate it, remove your personal data and send every accessory back (per {source})",
        },
        "aftersales.return.allowed.sealed": {
            "zh-CN": "可以七天无理由退货,请在 {deadline} 前提出;请不要拆开一次性密封包装(依据:{source})",
            "zh-TW": "可以七天無理由退貨,請在 {deadline} 前提出;請不要拆開一次性密封包裝(依據:{source})",
            "en": "You may return it without a reason until {deadline}; do not break the one-time seal (per {source})",
        },
        "aftersales.return.allowed.digital_media": {
            "zh-CN": "可以七天无理由退货,请在 {deadline} 前提出;请不要拆封或下载(依据:{source})",
            "zh-TW": "可以七天無理由退貨,請在 {deadline} 前提出;請不要拆封或下載(依據:{source})",
            "en": "You may return it without a reason until {deadline}; do not unseal or download it (per {source})",
        },
        # who pays the shipping (rules/shipping.py)
        "aftersales.shipping.fault.quality": {
            "zh-CN": "商品有质量问题,来回运费都由我们承担:寄回运费 {return} 元我们会补给您(依据:{source})",
            "zh-TW": "商品有品質問題,來回運費都由我們承擔:寄回運費 {return} 元我們會補給您(依據:{source})",
            "en": "The goods have a quality problem, so we pay the shipping both ways: we will pay you back the ¥{return} return freight (per {source})",
        },
        "aftersales.shipping.fault.wrong_item": {
            "zh-CN": "是我们发错了货,来回运费都由我们承担:寄回运费 {return} 元我们会补给您(依据:{source})",
            "zh-TW": "是我們寄錯了貨,來回運費都由我們承擔:寄回運費 {return} 元我們會補給您(依據:{source})",
            "en": "We sent the wrong item, so we pay the shipping both ways: we will pay you back the ¥{return} return freight (per {source})",
        },
        "aftersales.shipping.fault.missing_item": {
            "zh-CN": "是我们少发了货,补发的运费由我们承担,您不用寄回任何东西(依据:{source})",
            "zh-TW": "是我們少寄了貨,補寄的運費由我們承擔,您不用寄回任何東西(依據:{source})",
            "en": "We left something out, so we pay for sending it; you need not send anything back (per {source})",
        },
        "aftersales.shipping.fault.transit_damage": {
            "zh-CN": "商品在运输中损坏,来回运费都由我们承担,由我们向快递公司追究(依据:{source})",
            "zh-TW": "商品在運輸中損壞,來回運費都由我們承擔,由我們向快遞公司追究(依據:{source})",
            "en": "The goods were damaged in transit, so we pay the shipping both ways and take it up with the carrier ourselves (per {source})",
        },
        "aftersales.shipping.fault.not_as_described": {
            "zh-CN": "商品与描述不符,来回运费都由我们承担:寄回运费 {return} 元我们会补给您(依据:{source})",
            "zh-TW": "商品與描述不符,來回運費都由我們承擔:寄回運費 {return} 元我們會補給您(依據:{source})",
            "en": "The goods are not as described, so we pay the shipping both ways: we will pay you back the ¥{return} return freight (per {source})",
        },
        "aftersales.shipping.exchange.buyer": {
            "zh-CN": "七天无理由换货的来回运费由您承担:寄回运费 {return} 元,重新发货运费 {outbound} 元(依据:{source})",
            "zh-TW": "七天無理由換貨的來回運費由您承擔:寄回運費 {return} 元,重新出貨運費 {outbound} 元(依據:{source})",
            "en": "For an exchange without a reason you pay the shipping both ways: ¥{return} to send it back and ¥{outbound} for the new parcel (per {source})",
        },
        "aftersales.shipping.exchange.shop": {
            "zh-CN": "这次换货的来回运费由我们承担(依据:{source})",
            "zh-TW": "這次換貨的來回運費由我們承擔(依據:{source})",
            "en": "We pay the shipping both ways for this exchange (per {source})",
        },
        "aftersales.shipping.free_shipping_lost": {
            "zh-CN": "部分退货后订单不再满足包邮条件,当初发货的运费 {owed_by_buyer} 元会从退款中扣除,寄回运费也由您承担(依据:{source})",
            "zh-TW": "部分退貨後訂單不再滿足免運條件,當初出貨的運費 {owed_by_buyer} 元會從退款中扣除,寄回運費也由您承擔(依據:{source})",
            "en": "After a partial return the order no longer qualifies for free shipping: the original shipping of ¥{owed_by_buyer} is deducted from the refund, and you pay the return parcel (per {source})",
        },
        "aftersales.shipping.no_reason.buyer_buyer": {
            "zh-CN": "七天无理由退货的运费由您承担:当初发货的运费 {outbound} 元不退,寄回运费也由您支付(依据:{source})",
            "zh-TW": "七天無理由退貨的運費由您承擔:當初出貨的運費 {outbound} 元不退,寄回運費也由您支付(依據:{source})",
            "en": "For a return without a reason you pay the shipping: the original ¥{outbound} shipping is not refunded and you pay the return parcel (per {source})",
        },
        "aftersales.shipping.no_reason.shop_buyer": {
            "zh-CN": "这单是包邮的,您只需承担寄回的运费,当初发货的运费不用您出(依据:{source})",
            "zh-TW": "這單是免運的,您只需承擔寄回的運費,當初出貨的運費不用您出(依據:{source})",
            "en": "The order shipped free, so you pay only the return parcel, not the original shipping (per {source})",
        },
        "aftersales.shipping.no_reason.buyer_shop": {
            "zh-CN": "寄回运费由我们承担,当初发货的运费 {outbound} 元由您承担(依据:{source})",
            "zh-TW": "寄回運費由我們承擔,當初出貨的運費 {outbound} 元由您承擔(依據:{source})",
            "en": "We pay the return parcel; the original shipping of ¥{outbound} is yours (per {source})",
        },
        "aftersales.shipping.no_reason.shop_shop": {
            "zh-CN": "这次退货的来回运费都由我们承担(依据:{source})",
            "zh-TW": "這次退貨的來回運費都由我們承擔(依據:{source})",
            "en": "We pay the shipping both ways for this return (per {source})",
        },
        # the remedy (rules/remedy.py)
        "aftersales.remedy.missing.reship": {
            "zh-CN": "我们马上为您补发少发的商品,您不用寄回任何东西",
            "zh-TW": "我們馬上為您補寄少寄的商品,您不用寄回任何東西",
            "en": "We will send the missing item right away; you need not send anything back",
        },
        "aftersales.remedy.missing.refund_part": {
            "zh-CN": "按您的意思,少发的商品我们直接退款 {discount} 元",
            "zh-TW": "按您的意思,少寄的商品我們直接退款 {discount} 元",
            "en": "As you prefer, we refund the missing item: ¥{discount}",
        },
        "aftersales.remedy.missing.no_stock": {
            "zh-CN": "少发的商品暂时没有库存,我们为这部分退款 {discount} 元",
            "zh-TW": "少寄的商品暫時沒有庫存,我們為這部分退款 {discount} 元",
            "en": "The missing item is out of stock, so we refund it: ¥{discount}",
        },
        "aftersales.remedy.return.buyer_choice": {
            "zh-CN": "按您的要求办理退货退款(依据:{source})",
            "zh-TW": "按您的要求辦理退貨退款(依據:{source})",
            "en": "We will take the goods back and refund you, as you asked (per {source})",
        },
        "aftersales.remedy.return.no_stock": {
            "zh-CN": "这款暂时没有库存可换,我们为您办理退货退款",
            "zh-TW": "這款暫時沒有庫存可換,我們為您辦理退貨退款",
            "en": "There is no stock to exchange it, so we will take it back and refund you",
        },
        "aftersales.remedy.exchange.buyer_choice": {
            "zh-CN": "按您的要求为您换货",
            "zh-TW": "按您的要求為您換貨",
            "en": "We will exchange it, as you asked",
        },
        "aftersales.remedy.exchange.no_discount": {
            "zh-CN": "我们为您换一件新的",
            "zh-TW": "我們為您換一件新的",
            "en": "We will exchange it for a new one",
        },
        "aftersales.remedy.exchange.shop_policy": {
            "zh-CN": "我们为您换一件新的(依据:{source})",
            "zh-TW": "我們為您換一件新的(依據:{source})",
            "en": "We will exchange it for a new one (per {source})",
        },
        "aftersales.remedy.exchange.cheaper": {
            "zh-CN": "我们建议为您换一件新的(依据:{source})",
            "zh-TW": "我們建議為您換一件新的(依據:{source})",
            "en": "We suggest exchanging it for a new one (per {source})",
        },
        "aftersales.remedy.partial.cheaper": {
            "zh-CN": "如果您愿意保留商品,我们可以退您 {discount} 元作为补偿,省去来回寄送的麻烦;不接受的话我们再为您换货(依据:{source})",
            "zh-TW": "如果您願意保留商品,我們可以退您 {discount} 元作為補償,省去來回寄送的麻煩;不接受的話我們再為您換貨(依據:{source})",
            "en": "If you keep the goods we can refund you ¥{discount} as compensation and spare you the parcels; if not, we will exchange it (per {source})",
        },
        "aftersales.remedy.partial.buyer_choice": {
            "zh-CN": "按您的意思,您保留商品,我们退您 {discount} 元",
            "zh-TW": "按您的意思,您保留商品,我們退您 {discount} 元",
            "en": "As you prefer, you keep the goods and we refund you ¥{discount}",
        },
    }
)
