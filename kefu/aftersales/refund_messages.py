"""Texts of refund deadlines, the instant refund, payouts and late shipments (zh-CN, zh-TW,
en); parameters as in ``messages.py``."""

from kefu.core.i18n import register

register(
    {
        # refund deadlines and the instant refund (rules/refunds.py)
        "aftersales.refund.respond_by": {
            "zh-CN": "退款申请须在 {hours} 小时内处理,截至 {deadline}(依据:{source})",
            "zh-TW": "退款申請須在 {hours} 小時內處理,截至 {deadline}(依據:{source})",
            "en": "The refund request must be handled within {hours} hours, by {deadline} (per {source})",
        },
        "aftersales.refund.platform_timeout": {
            "zh-CN": "平台给出的处理期限为 {deadline},以平台为准",
            "zh-TW": "平臺給出的處理期限為 {deadline},以平臺為準",
            "en": "The platform's own deadline is {deadline}, and it prevails",
        },
        "aftersales.refund.due.promise": {
            "zh-CN": "我们收到退货后 {hours} 小时内为您退款,最晚 {deadline}(依据:{source})",
            "zh-TW": "我們收到退貨後 {hours} 小時內為您退款,最晚 {deadline}(依據:{source})",
            "en": "We refund you within {hours} hours of receiving the goods, by {deadline} at the latest (per {source})",
        },
        "aftersales.refund.due.legal": {
            "zh-CN": "我们收到退货后会在 {deadline} 前为您退款(依据:{source})",
            "zh-TW": "我們收到退貨後會在 {deadline} 前為您退款(依據:{source})",
            "en": "We refund you by {deadline} after receiving the goods (per {source})",
        },
        "aftersales.refund.stage.on_time": {
            "zh-CN": "退货已于 {received} 收到,请在 {due} 前退款",
            "zh-TW": "退貨已於 {received} 收到,請在 {due} 前退款",
            "en": "The goods came back at {received}: refund by {due}",
        },
        "aftersales.refund.stage.overdue": {
            "zh-CN": "已超过承诺的退款时间 {due},请尽快退款;法定最晚 {legal_due}",
            "zh-TW": "已超過承諾的退款時間 {due},請儘快退款;法定最晚 {legal_due}",
            "en": "Past the promised refund time of {due}: refund now; the legal limit is {legal_due}",
        },
        "aftersales.refund.stage.escalated": {
            "zh-CN": "退货 {received} 收到至今仍未退款,已上报主管;法定最晚 {legal_due}",
            "zh-TW": "退貨 {received} 收到至今仍未退款,已上報主管;法定最晚 {legal_due}",
            "en": "Still unpaid since the goods came back at {received}: escalated to a supervisor; the legal limit is {legal_due}",
        },
        "aftersales.refund.stage.late": {
            "zh-CN": "已超过法定退款期限 {legal_due},请立即退款;超过 {penalty} 将面临行政处罚",
            "zh-TW": "已超過法定退款期限 {legal_due},請立即退款;超過 {penalty} 將面臨行政處罰",
            "en": "Past the legal refund limit of {legal_due}: refund immediately; after {penalty} the shop may be fined",
        },
        "aftersales.refund.stage.penalty": {
            "zh-CN": "收到退货已超过十五日仍未退款(截至 {penalty}),店铺可能受到行政处罚,请立即退款",
            "zh-TW": "收到退貨已超過十五日仍未退款(截至 {penalty}),店鋪可能受到行政處罰,請立即退款",
            "en": "More than fifteen days since the goods came back without a refund (since {penalty}): the shop may be fined; refund immediately",
        },
        "aftersales.refund.transaction_extended": {
            "zh-CN": "已为您延长交易时间 {days} 天,至 {deadline},退货期间交易不会自动完成(依据:{source})",
            "zh-TW": "已為您延長交易時間 {days} 天,至 {deadline},退貨期間交易不會自動完成(依據:{source})",
            "en": "We extended the transaction by {days} days, to {deadline}, so it cannot close on its own while the goods travel back (per {source})",
        },
        "aftersales.instant.shop_bears_fee": {
            "zh-CN": "即时到账退款 {amount} 元,手续费 {fee} 元({rate}%)由我们承担,您将全额收到 {payout} 元(依据:{source})",
            "zh-TW": "即時到帳退款 {amount} 元,手續費 {fee} 元({rate}%)由我們承擔,您將全額收到 {payout} 元(依據:{source})",
            "en": "Instant refund of ¥{amount}: we bear the ¥{fee} ({rate}%) fee and you receive the full ¥{payout} (per {source})",
        },
        "aftersales.instant.small_amount": {
            "zh-CN": "即时到账退款 {amount} 元,金额不大,手续费 {fee} 元由我们承担,您将收到 {payout} 元(依据:{source})",
            "zh-TW": "即時到帳退款 {amount} 元,金額不大,手續費 {fee} 元由我們承擔,您將收到 {payout} 元(依據:{source})",
            "en": "Instant refund of ¥{amount}: the amount is small, so we bear the ¥{fee} fee and you receive ¥{payout} (per {source})",
        },
        "aftersales.instant.buyer_bears_fee": {
            "zh-CN": "即时到账退款 {amount} 元,因是您个人原因,需扣除支付宝手续费 {fee} 元({rate}%),您将收到 {payout} 元(依据:{source})",
            "zh-TW": "即時到帳退款 {amount} 元,因是您個人原因,需扣除支付寶手續費 {fee} 元({rate}%),您將收到 {payout} 元(依據:{source})",
            "en": "Instant refund of ¥{amount}: as it is for your own reason, the ¥{fee} ({rate}%) Alipay fee is deducted and you receive ¥{payout} (per {source})",
        },
        "aftersales.instant.unverified_account": {
            "zh-CN": "您的支付宝账户还没有实名认证,到账的钱暂时无法使用,请先完成认证",
            "zh-TW": "您的支付寶帳戶還沒有實名認證,到帳的錢暫時無法使用,請先完成認證",
            "en": "Your Alipay account is not verified: the money will arrive but cannot be used until you verify it",
        },
        # payouts (rules/payouts.py)
        "aftersales.payout.allowed": {
            "zh-CN": "可以为售后单 {case} 打款 {amount} 元(本订单实付 {paid} 元,此前已退 {refunded} 元)",
            "zh-TW": "可以為售後單 {case} 打款 {amount} 元(本訂單實付 {paid} 元,此前已退 {refunded} 元)",
            "en": "Case {case} may be paid ¥{amount} (the order was paid ¥{paid}, ¥{refunded} of it refunded before)",
        },
        "aftersales.payout.allowed.approved": {
            "zh-CN": "可以为售后单 {case} 打款 {amount} 元,已由 {approver} 审批(依据:{source})",
            "zh-TW": "可以為售後單 {case} 打款 {amount} 元,已由 {approver} 審批(依據:{source})",
            "en": "Case {case} may be paid ¥{amount}, approved by {approver} (per {source})",
        },
        "aftersales.payout.non_positive": {
            "zh-CN": "打款金额须大于 0",
            "zh-TW": "打款金額須大於 0",
            "en": "A payout must be more than zero",
        },
        "aftersales.payout.agreement_unconfirmed": {
            "zh-CN": "顾客还没有确认退款协议(金额和方式),请先确认再打款(依据:{source})",
            "zh-TW": "顧客還沒有確認退款協議(金額和方式),請先確認再打款(依據:{source})",
            "en": "The customer has not confirmed the refund agreement (amount and way): confirm it before paying (per {source})",
        },
        "aftersales.payout.duplicate": {
            "zh-CN": "售后单 {case} 已经打过款({earlier} 元),不能重复打款(依据:{source})",
            "zh-TW": "售後單 {case} 已經打過款({earlier} 元),不能重複打款(依據:{source})",
            "en": "Case {case} was already paid (¥{earlier}): it cannot be paid twice (per {source})",
        },
        "aftersales.payout.duplicate_instant": {
            "zh-CN": "售后单 {case} 已经即时到账打过款({earlier} 元),再次提交会重复打款,已拒绝(依据:{source})",
            "zh-TW": "售後單 {case} 已經即時到帳打過款({earlier} 元),再次提交會重複打款,已拒絕(依據:{source})",
            "en": "Case {case} already had an instant refund (¥{earlier}); submitting again would pay twice, so it is refused (per {source})",
        },
        "aftersales.payout.exceeds_paid": {
            "zh-CN": "打款 {amount} 元超过可退金额:本订单实付 {paid} 元,已退 {refunded} 元,最多还能退 {remaining} 元(依据:{source})",
            "zh-TW": "打款 {amount} 元超過可退金額:本訂單實付 {paid} 元,已退 {refunded} 元,最多還能退 {remaining} 元(依據:{source})",
            "en": "A payout of ¥{amount} is more than can be refunded: the order was paid ¥{paid}, ¥{refunded} is refunded, at most ¥{remaining} remains (per {source})",
        },
        "aftersales.payout.approval_required": {
            "zh-CN": "打款 {amount} 元超过 {limit} 元,须由主管审批并署名(依据:{source})",
            "zh-TW": "打款 {amount} 元超過 {limit} 元,須由主管審批並署名(依據:{source})",
            "en": "A payout of ¥{amount} is above ¥{limit}: a supervisor must approve it by name (per {source})",
        },
        "aftersales.payout.self_approved": {
            "zh-CN": "打款 {amount} 元须由申请人以外的主管审批(依据:{source})",
            "zh-TW": "打款 {amount} 元須由申請人以外的主管審批(依據:{source})",
            "en": "A payout of ¥{amount} must be approved by someone other than the agent asking (per {source})",
        },
        # late shipment and its watch (rules/disputes.py)
        "aftersales.late.exempt.presale": {
            "zh-CN": "预售商品按页面约定的时间发货,不适用七十二小时发货的规定(依据:{source})",
            "zh-TW": "預售商品按頁面約定的時間出貨,不適用七十二小時出貨的規定(依據:{source})",
            "en": "Presale goods ship at the time stated on the page; the shipping limit does not apply (per {source})",
        },
        "aftersales.late.exempt.made_to_order": {
            "zh-CN": "定制商品按约定的时间发货,不适用七十二小时发货的规定(依据:{source})",
            "zh-TW": "定製商品按約定的時間出貨,不適用七十二小時出貨的規定(依據:{source})",
            "en": "Made-to-order goods ship at the agreed time; the shipping limit does not apply (per {source})",
        },
        "aftersales.late.not_yet_due": {
            "zh-CN": "订单付款于 {paid_at},须在 {ship_by} 前发货,还剩 {remaining}(依据:{source})",
            "zh-TW": "訂單付款於 {paid_at},須在 {ship_by} 前出貨,還剩 {remaining}(依據:{source})",
            "en": "Paid at {paid_at}, the order must ship by {ship_by}: {remaining} left (per {source})",
        },
        "aftersales.late.shipped_on_time": {
            "zh-CN": "订单已按时发货(须在 {ship_by} 前发货)",
            "zh-TW": "訂單已按時出貨(須在 {ship_by} 前出貨)",
            "en": "The order shipped on time (due by {ship_by})",
        },
        "aftersales.late.shipped_late": {
            "zh-CN": "付款后 {hours} 小时内未发货,属于延迟发货:应向您支付违约金 {penalty} 元(成交金额的 {rate}%,最高 {cap} 元)(依据:{source})",
            "zh-TW": "付款後 {hours} 小時內未出貨,屬於延遲出貨:應向您支付違約金 {penalty} 元(成交金額的 {rate}%,最高 {cap} 元)(依據:{source})",
            "en": "Not shipped within {hours} hours of payment, so the shipment is late: you are owed a penalty of ¥{penalty} ({rate}% of the price paid, at most ¥{cap}) (per {source})",
        },
        "aftersales.late.shipped_late_agreed": {
            "zh-CN": "未在约定的 {ship_by} 前发货,属于延迟发货:应向您支付违约金 {penalty} 元(依据:{source})",
            "zh-TW": "未在約定的 {ship_by} 前出貨,屬於延遲出貨:應向您支付違約金 {penalty} 元(依據:{source})",
            "en": "Not shipped by the agreed {ship_by}, so the shipment is late: you are owed a penalty of ¥{penalty} (per {source})",
        },
        "aftersales.late.not_shipped": {
            "zh-CN": "付款后 {hours} 小时仍未发货(应于 {ship_by} 前发货),属于延迟发货:应向您支付违约金 {penalty} 元(成交金额的 {rate}%,最高 {cap} 元),店铺扣 {points} 分(依据:{source})",
            "zh-TW": "付款後 {hours} 小時仍未出貨(應於 {ship_by} 前出貨),屬於延遲出貨:應向您支付違約金 {penalty} 元(成交金額的 {rate}%,最高 {cap} 元),店鋪扣 {points} 分(依據:{source})",
            "en": "Still not shipped {hours} hours after payment (due by {ship_by}), so the shipment is late: you are owed a penalty of ¥{penalty} ({rate}% of the price paid, at most ¥{cap}) and the shop loses {points} points (per {source})",
        },
        "aftersales.late.not_shipped_agreed": {
            "zh-CN": "未在约定的 {ship_by} 前发货,属于延迟发货:应向您支付违约金 {penalty} 元,店铺扣 {points} 分(依据:{source})",
            "zh-TW": "未在約定的 {ship_by} 前出貨,屬於延遲出貨:應向您支付違約金 {penalty} 元,店鋪扣 {points} 分(依據:{source})",
            "en": "Not shipped by the agreed {ship_by}, so the shipment is late: you are owed a penalty of ¥{penalty} and the shop loses {points} points (per {source})",
        },
        "aftersales.late.out_of_stock": {
            "zh-CN": "付款后告知缺货,属于延迟发货:应向您支付违约金 {penalty} 元(成交金额的 {rate}%,最高 {cap} 元)(依据:{source})",
            "zh-TW": "付款後告知缺貨,屬於延遲出貨:應向您支付違約金 {penalty} 元(成交金額的 {rate}%,最高 {cap} 元)(依據:{source})",
            "en": "Declaring the goods out of stock after payment counts as late shipment: you are owed a penalty of ¥{penalty} ({rate}% of the price paid, at most ¥{cap}) (per {source})",
        },
        "aftersales.watch.warn": {
            "zh-CN": "订单 {order} 须在 {ship_by} 前发货,只剩 {remaining},请尽快发货(依据:{source})",
            "zh-TW": "訂單 {order} 須在 {ship_by} 前出貨,只剩 {remaining},請儘快出貨(依據:{source})",
            "en": "Order {order} must ship by {ship_by}, only {remaining} left: ship it now (per {source})",
        },
        "aftersales.watch.late": {
            "zh-CN": "订单 {order} 已超过发货期限 {ship_by},请立即发货并联系买家说明(依据:{source})",
            "zh-TW": "訂單 {order} 已超過出貨期限 {ship_by},請立即出貨並聯繫買家說明(依據:{source})",
            "en": "Order {order} is past its shipping time of {ship_by}: ship it now and tell the buyer (per {source})",
        },
    }
)
