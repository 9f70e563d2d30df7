"""Texts of platform disputes (维权: kinds, checklists, deadlines, assessments, moves and the
evidence pack), the order webhook, complaint call-backs, the refund register sheet and the
notifications of the sweeps added with them (zh-CN, zh-TW, en). Importing this module registers
them."""

from kefu.core.i18n import register

register(
    {
        "aftersales.dispute.kind.false_shipment": {
            "zh-CN": "虚假发货",
            "zh-TW": "虛假髮貨",
            "en": "False shipment",
        },
        "aftersales.dispute.kind.late_shipment": {
            "zh-CN": "延迟发货",
            "zh-TW": "延遲發貨",
            "en": "Late shipment",
        },
        "aftersales.dispute.kind.broken_promise": {
            "zh-CN": "违背承诺",
            "zh-TW": "違背承諾",
            "en": "Broken promise",
        },
        "aftersales.dispute.kind.not_received": {
            "zh-CN": "未收到货",
            "zh-TW": "未收到貨",
            "en": "Not received",
        },
        "aftersales.dispute.kind.seven_day_return": {
            "zh-CN": "七天无理由退换货",
            "zh-TW": "七天無理由退換貨",
            "en": "Seven-day return",
        },
        "aftersales.dispute_state.open": {
            "zh-CN": "处理中",
            "zh-TW": "處理中",
            "en": "Open",
        },
        "aftersales.dispute_state.submitted": {
            "zh-CN": "已提交申诉",
            "zh-TW": "已提交申訴",
            "en": "Evidence submitted",
        },
        "aftersales.dispute_state.closed": {
            "zh-CN": "已结束",
            "zh-TW": "已結束",
            "en": "Closed",
        },
        "aftersales.dispute.outcome.withdrawn": {
            "zh-CN": "买家已撤销维权",
            "zh-TW": "買家已撤銷維權",
            "en": "Withdrawn by the buyer",
        },
        "aftersales.dispute.outcome.won": {
            "zh-CN": "平台判定支持商家",
            "zh-TW": "平臺判定支援商家",
            "en": "Ruled for the shop",
        },
        "aftersales.dispute.outcome.lost": {
            "zh-CN": "平台判定支持买家",
            "zh-TW": "平臺判定支援買家",
            "en": "Ruled for the buyer",
        },
        "aftersales.dispute.check.false_shipment.call_carrier": {
            "zh-CN": "致电快递公司核实揽收和物流记录",
            "zh-TW": "致電快遞公司核實攬收和物流記錄",
            "en": "Call the carrier to confirm the pick-up and tracking record",
        },
        "aftersales.dispute.check.false_shipment.upload_waybill": {
            "zh-CN": "上传发货面单作为凭证",
            "zh-TW": "上傳發貨面單作為憑證",
            "en": "Upload the waybill as evidence",
        },
        "aftersales.dispute.check.false_shipment.match_tracking": {
            "zh-CN": "核对物流信息与买家收货信息一致",
            "zh-TW": "核對物流資訊與買家收貨資訊一致",
            "en": "Check the tracking matches the buyer's address",
        },
        "aftersales.dispute.check.false_shipment.call_buyer": {
            "zh-CN": "主动致电买家沟通解释,协商撤销维权",
            "zh-TW": "主動致電買家溝通解釋,協商撤銷維權",
            "en": "Call the buyer, explain, and ask them to withdraw",
        },
        "aftersales.dispute.check.late_shipment.pickup_time": {
            "zh-CN": "以快递公司系统记录核对揽收时间",
            "zh-TW": "以快遞公司系統記錄核對攬收時間",
            "en": "Check the pick-up time in the carrier's system",
        },
        "aftersales.dispute.check.late_shipment.exemption": {
            "zh-CN": "核对是否预售、定制或与买家另有约定的发货时间",
            "zh-TW": "核對是否預售、定製或與買家另有約定的發貨時間",
            "en": "Check for presale, made-to-order or an agreed shipping time",
        },
        "aftersales.dispute.check.late_shipment.contact_buyer": {
            "zh-CN": "主动联系买家说明原因",
            "zh-TW": "主動聯絡買家說明原因",
            "en": "Contact the buyer and explain",
        },
        "aftersales.dispute.check.late_shipment.pay_penalty": {
            "zh-CN": "确属延迟发货的,按规则向买家支付违约金",
            "zh-TW": "確屬延遲發貨的,按規則向買家支付違約金",
            "en": "If late, pay the buyer the penalty the rules set",
        },
        "aftersales.dispute.check.broken_promise.find_promise": {
            "zh-CN": "找出商品页面或聊天中作出的承诺",
            "zh-TW": "找出商品頁面或聊天中作出的承諾",
            "en": "Find the promise on the product page or in the chat",
        },
        "aftersales.dispute.check.broken_promise.check_kept": {
            "zh-CN": "核实承诺(发货时间、价格、赠品、售后服务)是否兑现",
            "zh-TW": "核實承諾(發貨時間、價格、贈品、售後服務)是否兌現",
            "en": "Check whether the promise (shipping time, price, gift, service) was kept",
        },
        "aftersales.dispute.check.broken_promise.contact_buyer": {
            "zh-CN": "联系买家说明情况并协商",
            "zh-TW": "聯絡買家說明情況並協商",
            "en": "Contact the buyer, explain and agree a remedy",
        },
        "aftersales.dispute.check.broken_promise.submit_chat": {
            "zh-CN": "整理并提交有效聊天记录凭证",
            "zh-TW": "整理並提交有效聊天記錄憑證",
            "en": "Collect and submit the chat records as evidence",
        },
        "aftersales.dispute.check.not_received.call_carrier": {
            "zh-CN": "致电快递公司核实丢件、爆仓或派送延误",
            "zh-TW": "致電快遞公司核實丟件、爆倉或派送延誤",
            "en": "Call the carrier: lost parcel, backlog or slow delivery",
        },
        "aftersales.dispute.check.not_received.ask_signer": {
            "zh-CN": "查询派件员电话,要求提供签收人信息并请买家确认",
            "zh-TW": "查詢派件員電話,要求提供簽收人資訊並請買家確認",
            "en": "Get the courier's number and the signer's details, and ask the buyer to confirm",
        },
        "aftersales.dispute.check.not_received.reship_or_refund": {
            "zh-CN": "证实丢件的,与买家协商重发或退款",
            "zh-TW": "證實丟件的,與買家協商重發或退款",
            "en": "If lost, agree a reshipment or refund with the buyer",
        },
        "aftersales.dispute.check.not_received.claim_carrier": {
            "zh-CN": "快递员派送错误的,要求快递公司承担损失或追回包裹",
            "zh-TW": "快遞員派送錯誤的,要求快遞公司承擔損失或追回包裹",
            "en": "If the courier erred, claim the loss from the carrier or get the parcel back",
        },
        "aftersales.dispute.check.seven_day_return.check_window": {
            "zh-CN": "核对签收时间是否在七天内(以物流签收时间为准)",
            "zh-TW": "核對簽收時間是否在七天內(以物流簽收時間為準)",
            "en": "Check the request came within seven days of sign-for (the carrier's record)",
        },
        "aftersales.dispute.check.seven_day_return.check_intact": {
            "zh-CN": "核对商品未使用、包装完好、不影响二次销售",
            "zh-TW": "核對商品未使用、包裝完好、不影響二次銷售",
            "en": "Check the goods are unused, packed and fit to sell again",
        },
        "aftersales.dispute.check.seven_day_return.quality_proof": {
            "zh-CN": "如为质量问题,请买家提供证明照片",
            "zh-TW": "如為質量問題,請買家提供證明照片",
            "en": "For a quality problem, ask the buyer for photos as proof",
        },
        "aftersales.dispute.check.seven_day_return.contact": {
            "zh-CN": "主动联系买家协商,买家执意维权的不强求",
            "zh-TW": "主動聯絡買家協商,買家執意維權的不強求",
            "en": "Contact the buyer to agree; if they insist on the dispute, let it run",
        },
        "aftersales.dispute.platform_deadline": {
            "zh-CN": "平台给出的处理期限:{deadline}",
            "zh-TW": "平臺給出的處理期限:{deadline}",
            "en": "The platform's deadline: {deadline}",
        },
        "aftersales.dispute.respond_by": {
            "zh-CN": "须在 {deadline} 前处理并提交凭证(维权发起后 {hours} 小时;依据:{source})",
            "zh-TW": "須在 {deadline} 前處理並提交憑證(維權發起後 {hours} 小時;依據:{source})",
            "en": "Answer with evidence by {deadline} ({hours} hours after the dispute opened; per {source})",
        },
        "aftersales.dispute.assess.no_carrier_record": {
            "zh-CN": "订单没有快递公司的揽收记录或运单号,虚假发货维权大概率成立,请尽快联系买家协商(依据:{source})",
            "zh-TW": "訂單沒有快遞公司的攬收記錄或運單號,虛假髮貨維權大機率成立,請儘快聯絡買家協商(依據:{source})",
            "en": "The order has no carrier pick-up record or tracking number: the false-shipment claim will likely stand; contact the buyer now (per {source})",
        },
        "aftersales.dispute.assess.carrier_record": {
            "zh-CN": "快递公司于 {shipped} 揽收,运单号 {tracking}:提交发货面单和物流记录申诉(依据:{source})",
            "zh-TW": "快遞公司於 {shipped} 攬收,運單號 {tracking}:提交發貨面單和物流記錄申訴(依據:{source})",
            "en": "The carrier picked it up at {shipped}, tracking {tracking}: submit the waybill and tracking (per {source})",
        },
        "aftersales.dispute.assess.not_signed": {
            "zh-CN": "物流尚无签收记录:联系快递公司核实,证实丢件的与买家协商重发(依据:{source})",
            "zh-TW": "物流尚無簽收記錄:聯絡快遞公司核實,證實丟件的與買家協商重發(依據:{source})",
            "en": "No sign-for is recorded: ask the carrier; if lost, agree a reshipment with the buyer (per {source})",
        },
        "aftersales.dispute.assess.signed": {
            "zh-CN": "物流显示于 {signed} 签收:请快递提供签收人信息并请买家确认是否认识(依据:{source})",
            "zh-TW": "物流顯示於 {signed} 簽收:請快遞提供簽收人資訊並請買家確認是否認識(依據:{source})",
            "en": "The carrier shows it signed for at {signed}: get the signer's details and ask the buyer whether they know them (per {source})",
        },
        "aftersales.dispute.assess.check_promise": {
            "zh-CN": "请核对商品页面和聊天中的承诺是否兑现(依据:{source})",
            "zh-TW": "請核對商品頁面和聊天中的承諾是否兌現(依據:{source})",
            "en": "Check whether the promises on the page and in the chat were kept (per {source})",
        },
        "aftersales.dispute.assess.not_paid": {
            "zh-CN": "订单没有付款时间,无法判断是否延迟发货(依据:{source})",
            "zh-TW": "訂單沒有付款時間,無法判斷是否延遲發貨(依據:{source})",
            "en": "The order has no payment time, so lateness cannot be judged (per {source})",
        },
        "aftersales.dispute.assess.return_not_signed": {
            "zh-CN": "订单尚无签收记录,七天无理由期限尚未开始(依据:{source})",
            "zh-TW": "訂單尚無簽收記錄,七天無理由期限尚未開始(依據:{source})",
            "en": "The order is not signed for yet: the seven days have not started (per {source})",
        },
        "aftersales.dispute.assess.return_in_window": {
            "zh-CN": "{signed} 签收,{days} 天无理由期限至 {deadline},维权在期限内:请主动协商退换(依据:{source})",
            "zh-TW": "{signed} 簽收,{days} 天無理由期限至 {deadline},維權在期限內:請主動協商退換(依據:{source})",
            "en": "Signed for at {signed}; the {days}-day window ends {deadline} and the dispute is within it: offer the return (per {source})",
        },
        "aftersales.dispute.assess.return_out_of_window": {
            "zh-CN": "{signed} 签收,{days} 天无理由期限已于 {deadline} 结束,可就超期申诉;质量问题除外(依据:{source})",
            "zh-TW": "{signed} 簽收,{days} 天無理由期限已於 {deadline} 結束,可就超期申訴;質量問題除外(依據:{source})",
            "en": "Signed for at {signed}; the {days}-day window ended {deadline}: the shop may contest, unless it is a quality problem (per {source})",
        },
        "aftersales.dispute.illegal": {
            "zh-CN": "维权不能从「{old}」改为「{new}」",
            "zh-TW": "維權不能從「{old}」改為「{new}」",
            "en": "A dispute cannot move from '{old}' to '{new}'",
        },
        "aftersales.dispute.checklist_incomplete": {
            "zh-CN": "还有 {count} 项核查未完成,完成后才能提交申诉",
            "zh-TW": "還有 {count} 項核查未完成,完成後才能提交申訴",
            "en": "{count} checklist items are still open: finish them before submitting",
        },
        "aftersales.dispute.needs_outcome": {
            "zh-CN": "结束维权须填写结果(买家撤销、支持商家或支持买家)",
            "zh-TW": "結束維權須填寫結果(買家撤銷、支援商家或支援買家)",
            "en": "Closing a dispute needs its outcome (withdrawn, won or lost)",
        },
        "aftersales.dispute.ruling_before_submit": {
            "zh-CN": "尚未提交申诉的维权只能因买家撤销而结束",
            "zh-TW": "尚未提交申訴的維權只能因買家撤銷而結束",
            "en": "A dispute not yet submitted can only close as withdrawn by the buyer",
        },
        "aftersales.dispute.to.submitted": {
            "zh-CN": "已提交申诉",
            "zh-TW": "已提交申訴",
            "en": "Evidence submitted",
        },
        "aftersales.dispute.to.closed": {
            "zh-CN": "维权已结束",
            "zh-TW": "維權已結束",
            "en": "Dispute closed",
        },
        "aftersales.dispute.not_found": {
            "zh-CN": "维权单不存在",
            "zh-TW": "維權單不存在",
            "en": "Dispute not found",
        },
        "aftersales.dispute.closed": {
            "zh-CN": "维权已结束,不能再修改",
            "zh-TW": "維權已結束,不能再修改",
            "en": "The dispute is closed and cannot change",
        },
        "aftersales.dispute.unknown_item": {
            "zh-CN": "不是该类维权的核查项,可选:{choices}",
            "zh-TW": "不是該類維權的核查項,可選:{choices}",
            "en": "Not an item of this dispute's checklist; expected one of: {choices}",
        },
        "aftersales.dispute.in_future": {
            "zh-CN": "发起时间不能晚于现在",
            "zh-TW": "發起時間不能晚於現在",
            "en": "The opening time cannot be in the future",
        },
        "aftersales.pack.title": {
            "zh-CN": "维权申诉材料",
            "zh-TW": "維權申訴材料",
            "en": "Dispute evidence",
        },
        "aftersales.pack.dispute": {
            "zh-CN": "维权单",
            "zh-TW": "維權單",
            "en": "Dispute",
        },
        "aftersales.pack.kind": {
            "zh-CN": "维权类型",
            "zh-TW": "維權型別",
            "en": "Kind",
        },
        "aftersales.pack.state": {
            "zh-CN": "状态",
            "zh-TW": "狀態",
            "en": "State",
        },
        "aftersales.pack.opened_at": {
            "zh-CN": "发起时间",
            "zh-TW": "發起時間",
            "en": "Opened",
        },
        "aftersales.pack.deadline": {
            "zh-CN": "处理期限",
            "zh-TW": "處理期限",
            "en": "Deadline",
        },
        "aftersales.pack.order": {
            "zh-CN": "订单",
            "zh-TW": "訂單",
            "en": "Order",
        },
        "aftersales.pack.platform": {
            "zh-CN": "平台",
            "zh-TW": "平臺",
            "en": "Platform",
        },
        "aftersales.pack.order_number": {
            "zh-CN": "订单号",
            "zh-TW": "訂單號",
            "en": "Order number",
        },
        "aftersales.pack.buyer": {
            "zh-CN": "买家",
            "zh-TW": "買家",
            "en": "Buyer",
        },
        "aftersales.pack.receiver": {
            "zh-CN": "收货人",
            "zh-TW": "收貨人",
            "en": "Receiver",
        },
        "aftersales.pack.paid": {
            "zh-CN": "实付金额(元)",
            "zh-TW": "實付金額(元)",
            "en": "Paid (yuan)",
        },
        "aftersales.pack.items": {
            "zh-CN": "商品",
            "zh-TW": "商品",
            "en": "Items",
        },
        "aftersales.pack.carrier": {
            "zh-CN": "快递公司",
            "zh-TW": "快遞公司",
            "en": "Carrier",
        },
        "aftersales.pack.tracking": {
            "zh-CN": "运单号",
            "zh-TW": "運單號",
            "en": "Tracking number",
        },
        "aftersales.pack.paid_at": {
            "zh-CN": "付款时间",
            "zh-TW": "付款時間",
            "en": "Paid at",
        },
        "aftersales.pack.shipped_at": {
            "zh-CN": "揽收时间",
            "zh-TW": "攬收時間",
            "en": "Picked up at",
        },
        "aftersales.pack.signed_at": {
            "zh-CN": "签收时间",
            "zh-TW": "簽收時間",
            "en": "Signed for at",
        },
        "aftersales.pack.ship_by": {
            "zh-CN": "发货期限",
            "zh-TW": "發貨期限",
            "en": "Ship by",
        },
        "aftersales.pack.timeline": {
            "zh-CN": "经过",
            "zh-TW": "經過",
            "en": "Timeline",
        },
        "aftersales.pack.decision": {
            "zh-CN": "判断及依据",
            "zh-TW": "判斷及依據",
            "en": "Assessment and the rule it rests on",
        },
        "aftersales.pack.checklist": {
            "zh-CN": "核查清单",
            "zh-TW": "核查清單",
            "en": "Checklist",
        },
        "aftersales.pack.done": {
            "zh-CN": "已完成({name},{at})",
            "zh-TW": "已完成({name},{at})",
            "en": "Done ({name}, {at})",
        },
        "aftersales.pack.not_done": {
            "zh-CN": "未完成",
            "zh-TW": "未完成",
            "en": "Not done",
        },
        "aftersales.pack.files": {
            "zh-CN": "附件",
            "zh-TW": "附件",
            "en": "Files",
        },
        "aftersales.pack.messages": {
            "zh-CN": "聊天记录:{count} 条(见 transcript.txt)",
            "zh-TW": "聊天記錄:{count} 條(見 transcript.txt)",
            "en": "Chat records: {count} messages (see transcript.txt)",
        },
        "aftersales.pack.none": {
            "zh-CN": "无",
            "zh-TW": "無",
            "en": "none",
        },
        "aftersales.pack.event.paid": {
            "zh-CN": "买家付款",
            "zh-TW": "買家付款",
            "en": "The buyer paid",
        },
        "aftersales.pack.event.shipped": {
            "zh-CN": "快递揽收",
            "zh-TW": "快遞攬收",
            "en": "The carrier picked up the parcel",
        },
        "aftersales.pack.event.signed": {
            "zh-CN": "买家签收",
            "zh-TW": "買家簽收",
            "en": "Signed for",
        },
        "aftersales.pack.event.opened": {
            "zh-CN": "买家发起维权",
            "zh-TW": "買家發起維權",
            "en": "The buyer opened the dispute",
        },
        "aftersales.pack.event.ticked": {
            "zh-CN": "完成核查:{item}",
            "zh-TW": "完成核查:{item}",
            "en": "Checked: {item}",
        },
        "aftersales.pack.event.moved": {
            "zh-CN": "状态改为:{state}",
            "zh-TW": "狀態改為:{state}",
            "en": "Moved to: {state}",
        },
        "aftersales.pack.event.case": {
            "zh-CN": "售后单 {case}:{state}",
            "zh-TW": "售後單 {case}:{state}",
            "en": "After-sales case {case}: {state}",
        },
        "aftersales.pack.return_parcel": {
            "zh-CN": "售后单 {case} 退货运单",
            "zh-TW": "售後單 {case} 退貨運單",
            "en": "Case {case}: return parcel",
        },
        "aftersales.pack.replacement_parcel": {
            "zh-CN": "售后单 {case} 补发/换货运单",
            "zh-TW": "售後單 {case} 補發/換貨運單",
            "en": "Case {case}: replacement parcel",
        },
        "aftersales.pack.author.customer": {
            "zh-CN": "买家",
            "zh-TW": "買家",
            "en": "Buyer",
        },
        "aftersales.pack.author.agent": {
            "zh-CN": "客服",
            "zh-TW": "客服",
            "en": "Agent",
        },
        "aftersales.pack.author.system": {
            "zh-CN": "系统",
            "zh-TW": "系統",
            "en": "System",
        },
        "aftersales.pack.internal": {
            "zh-CN": "内部备注",
            "zh-TW": "內部備註",
            "en": "internal note",
        },
        "aftersales.pack.ticket": {
            "zh-CN": "工单 {number}({channel})",
            "zh-TW": "工單 {number}({channel})",
            "en": "Ticket {number} ({channel})",
        },
        "aftersales.webhook.not_configured": {
            "zh-CN": "订单推送未启用:请设置 KEFU_ORDER_WEBHOOK_SECRET",
            "zh-TW": "訂單推送未啟用:請設定 KEFU_ORDER_WEBHOOK_SECRET",
            "en": "The order webhook is off: set KEFU_ORDER_WEBHOOK_SECRET",
        },
        "aftersales.webhook.bad_signature": {
            "zh-CN": "签名校验失败:请用 KEFU_ORDER_WEBHOOK_SECRET 对请求体做 HMAC-SHA256,以 sha256=<十六进制> 放在 X-Kefu-Signature 头中",
            "zh-TW": "簽名校驗失敗:請用 KEFU_ORDER_WEBHOOK_SECRET 對請求體做 HMAC-SHA256,以 sha256=<十六進位制> 放在 X-Kefu-Signature 頭中",
            "en": "Bad signature: send sha256=<hex HMAC-SHA256 of the body with KEFU_ORDER_WEBHOOK_SECRET> in X-Kefu-Signature",
        },
        "aftersales.callback.not_found": {
            "zh-CN": "回电任务不存在",
            "zh-TW": "回電任務不存在",
            "en": "Call-back task not found",
        },
        "aftersales.callback.done": {
            "zh-CN": "该回电任务已于 {at} 完成",
            "zh-TW": "該回電任務已於 {at} 完成",
            "en": "This call-back was done at {at}",
        },
        "aftersales.callback.needs_note": {
            "zh-CN": "请填写回电结果",
            "zh-TW": "請填寫回電結果",
            "en": "Write down how the call went",
        },
        "aftersales.register.sheet": {
            "zh-CN": "退款登记",
            "zh-TW": "退款登記",
            "en": "Refund register",
        },
        "notification.refund_register": {
            "zh-CN": "{agent} {day} 退款登记:{count} 笔,合计 {total} 元",
            "zh-TW": "{agent} {day} 退款登記:{count} 筆,合計 {total} 元",
            "en": "{agent}'s refund register for {day}: {count} refunds, {total} yuan in all",
        },
        "notification.complaint_callback": {
            "zh-CN": "投诉工单须在 {due} 前电话回访客户 {phone}",
            "zh-TW": "投訴工單須在 {due} 前電話回訪客戶 {phone}",
            "en": "The complaint needs a phone call to {phone} by {due}",
        },
        "notification.complaint_not_reported": {
            "zh-CN": "工单中客户提到「{keyword}」,{minutes} 分钟内未标记投诉或上报主管,已记录扣分",
            "zh-TW": "工單中客戶提到「{keyword}」,{minutes} 分鐘內未標記投訴或上報主管,已記錄扣分",
            "en": "The customer wrote '{keyword}' and the ticket was neither marked a complaint nor reported within {minutes} minutes: points recorded",
        },
    }
)
