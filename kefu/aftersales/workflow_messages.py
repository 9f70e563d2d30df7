"""Texts of the after-sales use cases (zh-CN, zh-TW, en): orders and their import, the rule
table, cases, payouts and complaints as the service refuses or records them, the labels of the
context's enumerations (kinds, reasons, statuses, flags, faults), the refund register's columns
and the notifications the worker sends. Importing this module registers them."""

from kefu.core.i18n import register

register(
    {
        # orders, their import, the rule table, cases, payouts, complaints
        "aftersales.order.not_found": {
            "zh-CN": "订单不存在",
            "zh-TW": "訂單不存在",
            "en": "Order not found",
        },
        "aftersales.order.platform_reserved": {
            "zh-CN": "「law」和「shop」是规则表的范围名,不能作为平台名",
            "zh-TW": "「law」和「shop」是規則表的範圍名,不能作為平臺名",
            "en": "'law' and 'shop' name scopes of the rule table, not platforms",
        },
        "aftersales.order.no_buyer": {
            "zh-CN": "请至少提供买家ID、收货人手机或收货人姓名之一,以便关联到客户",
            "zh-TW": "請至少提供買家ID、收貨人手機或收貨人姓名之一,以便關聯到客戶",
            "en": "Give the buyer id, the receiver's phone or the receiver's name, so the order can be linked to its customer",
        },
        "aftersales.import.invalid": {
            "zh-CN": "导入文件有 {count} 处问题,没有导入任何订单;请按标出的行列修改后重新导入",
            "zh-TW": "匯入檔案有 {count} 處問題,沒有匯入任何訂單;請按標出的行列修改後重新匯入",
            "en": "The file has {count} problems and no order was imported; fix the rows and columns shown and import it again",
        },
        "aftersales.import.not_readable": {
            "zh-CN": "无法读取该文件:请上传从店铺后台导出的 CSV 或 Excel(.xlsx)文件",
            "zh-TW": "無法讀取該檔案:請上傳從店鋪後臺匯出的 CSV 或 Excel(.xlsx)檔案",
            "en": "The file cannot be read: upload the CSV or Excel (.xlsx) file exported from the shop",
        },
        "aftersales.import.too_large": {
            "zh-CN": "文件过大:上限为 {limit}",
            "zh-TW": "檔案過大:上限為 {limit}",
            "en": "The file is too large: the limit is {limit}",
        },
        "aftersales.import.too_many_rows": {
            "zh-CN": "文件行数过多:一次最多导入 {max} 行,请分批导入",
            "zh-TW": "檔案行數過多:一次最多匯入 {max} 行,請分批匯入",
            "en": "Too many rows: at most {max} rows at a time, import the file in parts",
        },
        "aftersales.import.empty": {
            "zh-CN": "文件是空的",
            "zh-TW": "檔案是空的",
            "en": "The file is empty",
        },
        "aftersales.import.no_rows": {
            "zh-CN": "文件只有表头,没有订单",
            "zh-TW": "檔案只有表頭,沒有訂單",
            "en": "The file has a header and no orders",
        },
        "aftersales.import.no_header": {
            "zh-CN": "第一行不是订单报表的表头(例如「订单编号」「买家实际支付金额」)",
            "zh-TW": "第一行不是訂單報表的表頭(例如「訂單編號」「買家實際支付金額」)",
            "en": "The first row is not the header of an order export (such as 订单编号 / order number, 买家实际支付金额 / paid)",
        },
        "aftersales.import.header_missing": {
            "zh-CN": "缺少必需的列「{column}」",
            "zh-TW": "缺少必需的列「{column}」",
            "en": "The required column '{column}' is missing",
        },
        "aftersales.import.header_duplicate": {
            "zh-CN": "「{column}」列出现了两次",
            "zh-TW": "「{column}」列出現了兩次",
            "en": "The column '{column}' appears twice",
        },
        "aftersales.import.required": {
            "zh-CN": "「{column}」不能为空",
            "zh-TW": "「{column}」不能為空",
            "en": "'{column}' is required",
        },
        "aftersales.import.too_long": {
            "zh-CN": "「{column}」过长(最多 {max} 个字符)",
            "zh-TW": "「{column}」過長(最多 {max} 個字元)",
            "en": "'{column}' is too long (at most {max} characters)",
        },
        "aftersales.import.amount": {
            "zh-CN": "「{column}」不是有效的金额(元,最多两位小数):{value}",
            "zh-TW": "「{column}」不是有效的金額(元,最多兩位小數):{value}",
            "en": "'{column}' is not a valid amount (yuan, at most two decimals): {value}",
        },
        "aftersales.import.quantity": {
            "zh-CN": "「{column}」须为正整数:{value}",
            "zh-TW": "「{column}」須為正整數:{value}",
            "en": "'{column}' must be a positive whole number: {value}",
        },
        "aftersales.import.datetime": {
            "zh-CN": "「{column}」不是有效的时间(例如 2026-11-20 10:30:00):{value}",
            "zh-TW": "「{column}」不是有效的時間(例如 2026-11-20 10:30:00):{value}",
            "en": "'{column}' is not a valid time (for example 2026-11-20 10:30:00): {value}",
        },
        "aftersales.import.status": {
            "zh-CN": "「{column}」不是已知的订单状态(等待买家付款、买家已付款、卖家已发货、已签收、交易成功、交易关闭):{value}",
            "zh-TW": "「{column}」不是已知的訂單狀態(等待買家付款、買家已付款、賣家已發貨、已簽收、交易成功、交易關閉):{value}",
            "en": "'{column}' is not a known order status (waiting for payment, paid, shipped, signed for, completed, closed): {value}",
        },
        "aftersales.import.yes_no": {
            "zh-CN": "「{column}」只能填「是」或「否」:{value}",
            "zh-TW": "「{column}」只能填「是」或「否」:{value}",
            "en": "'{column}' must be yes or no: {value}",
        },
        "aftersales.import.flag": {
            "zh-CN": "「{column}」只能是红旗、蓝旗或黄旗:{value}",
            "zh-TW": "「{column}」只能是紅旗、藍旗或黃旗:{value}",
            "en": "'{column}' must be a red, blue or yellow flag: {value}",
        },
        "aftersales.import.flag_required": {
            "zh-CN": "「{column}」有内容时须标明旗帜颜色(红旗:售前;蓝旗:售后;黄旗:身高体重和尺码)",
            "zh-TW": "「{column}」有內容時須標明旗幟顏色(紅旗:售前;藍旗:售後;黃旗:身高體重和尺碼)",
            "en": "A remark in '{column}' needs a flag colour (red: pre-sales; blue: after-sales; yellow: height, weight and size)",
        },
        "aftersales.import.category": {
            "zh-CN": "「{column}」不是已知的类目:{value}",
            "zh-TW": "「{column}」不是已知的類目:{value}",
            "en": "'{column}' is not a known category: {value}",
        },
        "aftersales.import.phone": {
            "zh-CN": "「{column}」不是有效的电话号码:{value}",
            "zh-TW": "「{column}」不是有效的電話號碼:{value}",
            "en": "'{column}' is not a valid phone number: {value}",
        },
        "aftersales.import.platform": {
            "zh-CN": "「{column}」不是有效的平台名:{value}",
            "zh-TW": "「{column}」不是有效的平臺名:{value}",
            "en": "'{column}' is not a valid platform name: {value}",
        },
        "aftersales.import.no_buyer": {
            "zh-CN": "买家会员名、收货人手机和收货人姓名至少要填一项,才能关联到客户",
            "zh-TW": "買家會員名、收貨人手機和收貨人姓名至少要填一項,才能關聯到客戶",
            "en": "Fill in at least the buyer id, the receiver's phone or the receiver's name, so the order can be linked to its customer",
        },
        "aftersales.import.differs": {
            "zh-CN": "同一订单的「{column}」与第 {first_row} 行不一致",
            "zh-TW": "同一訂單的「{column}」與第 {first_row} 行不一致",
            "en": "'{column}' differs from row {first_row} of the same order",
        },
        "aftersales.rule.law_fixed": {
            "zh-CN": "法律规定不能在这里修改:只能添加店铺或平台的规则",
            "zh-TW": "法律規定不能在這裡修改:只能新增店鋪或平臺的規則",
            "en": "The law cannot be changed here: add a shop or platform rule instead",
        },
        "aftersales.rule.unknown": {
            "zh-CN": "没有这条规则",
            "zh-TW": "沒有這條規則",
            "en": "No such rule",
        },
        "aftersales.rule.invalid": {
            "zh-CN": "规则无效:{detail}",
            "zh-TW": "規則無效:{detail}",
            "en": "Invalid rule: {detail}",
        },
        "aftersales.rule.same_day": {
            "zh-CN": "同一范围的这条规则在同一天已经有一行生效,请换一个生效日期",
            "zh-TW": "同一範圍的這條規則在同一天已經有一行生效,請換一個生效日期",
            "en": "A row of this rule and scope already takes effect on that day: choose another date",
        },
        "aftersales.case.not_found": {
            "zh-CN": "售后单不存在",
            "zh-TW": "售後單不存在",
            "en": "After-sales case not found",
        },
        "aftersales.case.item_not_in_order": {
            "zh-CN": "该商品不在这个订单里",
            "zh-TW": "該商品不在這個訂單裡",
            "en": "This item is not in the order",
        },
        "aftersales.case.order_of_another_customer": {
            "zh-CN": "这个订单属于另一位客户,不能在本会话中为它开售后单",
            "zh-TW": "這個訂單屬於另一位客戶,不能在本會話中為它開售後單",
            "en": "This order belongs to another customer: no case for it can be opened from this conversation",
        },
        "aftersales.case.resend_only_missing": {
            "zh-CN": "只有少发、漏发或未收到货才能补发",
            "zh-TW": "只有少發、漏發或未收到貨才能補發",
            "en": "Only a missing item or a parcel not received is sent again",
        },
        "aftersales.case.amount_required": {
            "zh-CN": "请填写要退的金额",
            "zh-TW": "請填寫要退的金額",
            "en": "Give the amount to refund",
        },
        "aftersales.case.amount_above_paid": {
            "zh-CN": "金额超过了订单实付的 {paid} 元",
            "zh-TW": "金額超過了訂單實付的 {paid} 元",
            "en": "The amount is more than the {paid} yuan paid for the order",
        },
        "aftersales.case.in_future": {
            "zh-CN": "申请时间不能晚于现在",
            "zh-TW": "申請時間不能晚於現在",
            "en": "The request cannot be later than now",
        },
        "aftersales.case.refund_due": {
            "zh-CN": "退货退款应退 {amount} 元:商品 {goods} 元,另退运费 {owed_to_buyer} 元,扣除运费 {owed_by_buyer} 元",
            "zh-TW": "退貨退款應退 {amount} 元:商品 {goods} 元,另退運費 {owed_to_buyer} 元,扣除運費 {owed_by_buyer} 元",
            "en": "A return refunds {amount} yuan: {goods} yuan for the goods, plus {owed_to_buyer} yuan of shipping, less {owed_by_buyer} yuan of shipping",
        },
        "aftersales.case.closed": {
            "zh-CN": "售后单已完结,不能再修改",
            "zh-TW": "售後單已完結,不能再修改",
            "en": "The case is closed and cannot be changed",
        },
        "aftersales.payout.not_found": {
            "zh-CN": "打款记录不存在",
            "zh-TW": "打款記錄不存在",
            "en": "Payout not found",
        },
        "aftersales.payout.not_refunding": {
            "zh-CN": "售后单还没有到退款这一步(须先确定退款,或退货检查通过),不能打款",
            "zh-TW": "售後單還沒有到退款這一步(須先確定退款,或退貨檢查通過),不能打款",
            "en": "The case has not reached its refund step (a refund decided, or the returned goods checked), so nothing can be paid yet",
        },
        "aftersales.payout.not_awaiting": {
            "zh-CN": "这笔打款已经处理过,不在待审批状态",
            "zh-TW": "這筆打款已經處理過,不在待審批狀態",
            "en": "This payout was already decided and is not awaiting approval",
        },
        "aftersales.payout.rejected": {
            "zh-CN": "主管没有批准售后单 {case} 的打款:{note}",
            "zh-TW": "主管沒有批准售後單 {case} 的打款:{note}",
            "en": "A supervisor turned down the payout of case {case}: {note}",
        },
        "aftersales.complaint.not_complaint": {
            "zh-CN": "这个工单不是投诉工单",
            "zh-TW": "這個工單不是投訴工單",
            "en": "This ticket is not a complaint",
        },
        # labels
        "aftersales.kind.return_refund": {
            "zh-CN": "退货退款",
            "zh-TW": "退貨退款",
            "en": "Return and refund",
        },
        "aftersales.kind.refund_only": {
            "zh-CN": "仅退款",
            "zh-TW": "僅退款",
            "en": "Refund only",
        },
        "aftersales.kind.exchange": {
            "zh-CN": "换货",
            "zh-TW": "換貨",
            "en": "Exchange",
        },
        "aftersales.kind.resend": {
            "zh-CN": "补发",
            "zh-TW": "補發",
            "en": "Resend a missing item",
        },
        "aftersales.kind.partial_refund": {
            "zh-CN": "折价",
            "zh-TW": "折價",
            "en": "Partial refund",
        },
        "aftersales.kind.price_difference": {
            "zh-CN": "退差价",
            "zh-TW": "退差價",
            "en": "Price-difference refund",
        },
        "aftersales.kind.shipping_refund": {
            "zh-CN": "退运费",
            "zh-TW": "退運費",
            "en": "Shipping refund",
        },
        "aftersales.reason.quality": {
            "zh-CN": "质量问题",
            "zh-TW": "品質問題",
            "en": "Quality problem",
        },
        "aftersales.reason.wrong_item": {
            "zh-CN": "发错货",
            "zh-TW": "發錯貨",
            "en": "Wrong item sent",
        },
        "aftersales.reason.missing_item": {
            "zh-CN": "少发漏发",
            "zh-TW": "少發漏發",
            "en": "Item missing",
        },
        "aftersales.reason.transit_damage": {
            "zh-CN": "运输破损",
            "zh-TW": "運輸破損",
            "en": "Damaged in transit",
        },
        "aftersales.reason.not_as_described": {
            "zh-CN": "描述不符",
            "zh-TW": "描述不符",
            "en": "Not as described",
        },
        "aftersales.reason.does_not_fit": {
            "zh-CN": "尺码不合适",
            "zh-TW": "尺碼不合適",
            "en": "Does not fit",
        },
        "aftersales.reason.changed_mind": {
            "zh-CN": "不喜欢/七天无理由",
            "zh-TW": "不喜歡/七天無理由",
            "en": "Changed mind",
        },
        "aftersales.reason.not_received": {
            "zh-CN": "未收到货",
            "zh-TW": "未收到貨",
            "en": "Not received",
        },
        "aftersales.order_status.unpaid": {
            "zh-CN": "等待买家付款",
            "zh-TW": "等待買家付款",
            "en": "Waiting for payment",
        },
        "aftersales.order_status.paid": {
            "zh-CN": "买家已付款,等待发货",
            "zh-TW": "買家已付款,等待發貨",
            "en": "Paid, waiting to ship",
        },
        "aftersales.order_status.shipped": {
            "zh-CN": "卖家已发货",
            "zh-TW": "賣家已發貨",
            "en": "Shipped",
        },
        "aftersales.order_status.signed": {
            "zh-CN": "已签收",
            "zh-TW": "已簽收",
            "en": "Signed for",
        },
        "aftersales.order_status.completed": {
            "zh-CN": "交易成功",
            "zh-TW": "交易成功",
            "en": "Completed",
        },
        "aftersales.order_status.closed": {
            "zh-CN": "交易关闭",
            "zh-TW": "交易關閉",
            "en": "Closed",
        },
        "aftersales.flag.red": {
            "zh-CN": "红旗(售前备注)",
            "zh-TW": "紅旗(售前備註)",
            "en": "Red flag (pre-sales)",
        },
        "aftersales.flag.blue": {
            "zh-CN": "蓝旗(售后备注)",
            "zh-TW": "藍旗(售後備註)",
            "en": "Blue flag (after-sales)",
        },
        "aftersales.flag.yellow": {
            "zh-CN": "黄旗(身高体重尺码)",
            "zh-TW": "黃旗(身高體重尺碼)",
            "en": "Yellow flag (height, weight, size)",
        },
        "aftersales.payout_status.paid": {
            "zh-CN": "已打款",
            "zh-TW": "已打款",
            "en": "Paid",
        },
        "aftersales.payout_status.awaiting_approval": {
            "zh-CN": "待主管审批",
            "zh-TW": "待主管審批",
            "en": "Awaiting approval",
        },
        "aftersales.payout_status.rejected": {
            "zh-CN": "未获批准",
            "zh-TW": "未獲批准",
            "en": "Rejected",
        },
        "aftersales.method.platform": {
            "zh-CN": "平台退款",
            "zh-TW": "平臺退款",
            "en": "Platform refund",
        },
        "aftersales.method.instant": {
            "zh-CN": "即时到账",
            "zh-TW": "即時到帳",
            "en": "Instant transfer",
        },
        "aftersales.fault.complaint_not_reported": {
            "zh-CN": "发现投诉后不予理睬和上报",
            "zh-TW": "發現投訴後不予理睬和上報",
            "en": "Complaint not reported",
        },
        "aftersales.fault.uninformed_appeal": {
            "zh-CN": "未了解情况私自申诉",
            "zh-TW": "未了解情況私自申訴",
            "en": "Appealed without the facts",
        },
        "aftersales.fault.refund_not_handled": {
            "zh-CN": "未及时处理退款",
            "zh-TW": "未及時處理退款",
            "en": "Refund not handled in time",
        },
        "aftersales.fault.missed_report": {
            "zh-CN": "遗漏上报导致平台介入",
            "zh-TW": "遺漏上報導致平臺介入",
            "en": "Missed report led to the platform stepping in",
        },
        "aftersales.fault.duplicate_instant_refund": {
            "zh-CN": "即时到账重复提交",
            "zh-TW": "即時到帳重複提交",
            "en": "Instant refund submitted twice",
        },
        "aftersales.fault.agreement_unconfirmed": {
            "zh-CN": "退款协议未确认就提交退款",
            "zh-TW": "退款協議未確認就提交退款",
            "en": "Refund submitted before the agreement was confirmed",
        },
        "aftersales.fault.misjudged_refund": {
            "zh-CN": "判断失误导致中差评",
            "zh-TW": "判斷失誤導致中差評",
            "en": "Misjudged refund led to a bad review",
        },
        "aftersales.register.column.paid_at": {
            "zh-CN": "打款时间",
            "zh-TW": "打款時間",
            "en": "Paid at",
        },
        "aftersales.register.column.agent": {
            "zh-CN": "客服",
            "zh-TW": "客服",
            "en": "Agent",
        },
        "aftersales.register.column.ticket": {
            "zh-CN": "工单号",
            "zh-TW": "工單號",
            "en": "Ticket",
        },
        "aftersales.register.column.case": {
            "zh-CN": "售后单号",
            "zh-TW": "售後單號",
            "en": "Case",
        },
        "aftersales.register.column.platform": {
            "zh-CN": "平台",
            "zh-TW": "平臺",
            "en": "Platform",
        },
        "aftersales.register.column.order": {
            "zh-CN": "订单编号",
            "zh-TW": "訂單編號",
            "en": "Order",
        },
        "aftersales.register.column.buyer": {
            "zh-CN": "买家",
            "zh-TW": "買家",
            "en": "Buyer",
        },
        "aftersales.register.column.kind": {
            "zh-CN": "售后类型",
            "zh-TW": "售後類型",
            "en": "Kind",
        },
        "aftersales.register.column.reason": {
            "zh-CN": "原因",
            "zh-TW": "原因",
            "en": "Reason",
        },
        "aftersales.register.column.method": {
            "zh-CN": "退款方式",
            "zh-TW": "退款方式",
            "en": "Method",
        },
        "aftersales.register.column.amount": {
            "zh-CN": "退款金额(元)",
            "zh-TW": "退款金額(元)",
            "en": "Amount (yuan)",
        },
        "aftersales.register.column.fee": {
            "zh-CN": "手续费(元)",
            "zh-TW": "手續費(元)",
            "en": "Fee (yuan)",
        },
        "aftersales.register.column.approver": {
            "zh-CN": "审批人",
            "zh-TW": "審批人",
            "en": "Approved by",
        },
        "aftersales.register.column.note": {
            "zh-CN": "备注",
            "zh-TW": "備註",
            "en": "Note",
        },
        "aftersales.register.total": {
            "zh-CN": "合计",
            "zh-TW": "合計",
            "en": "Total",
        },
        # notifications (shown by the routing context's notification list)
        "notification.late_shipment_warn": {
            "zh-CN": "订单 {order} 须在 {ship_by} 前发货,只剩 {remaining},请尽快发货",
            "zh-TW": "訂單 {order} 須在 {ship_by} 前發貨,只剩 {remaining},請儘快發貨",
            "en": "Order {order} must ship by {ship_by}: {remaining} left, ship it now",
        },
        "notification.late_shipment_late": {
            "zh-CN": "订单 {order} 已超过发货期限 {ship_by} 仍未发货,请立即发货并联系买家",
            "zh-TW": "訂單 {order} 已超過發貨期限 {ship_by} 仍未發貨,請立即發貨並聯繫買家",
            "en": "Order {order} passed its shipping deadline {ship_by} unshipped: ship it now and contact the buyer",
        },
        "notification.payout_approval": {
            "zh-CN": "售后单 {case} 申请打款 {amount} 元,超过审批额度,请审批",
            "zh-TW": "售後單 {case} 申請打款 {amount} 元,超過審批額度,請審批",
            "en": "Case {case} asks to pay {amount} yuan, above the approval limit: please approve",
        },
        "notification.refund_escalated": {
            "zh-CN": "售后单 {case} 的退货于 {received} 收到,至今仍未退款;法定最晚 {legal_due}",
            "zh-TW": "售後單 {case} 的退貨於 {received} 收到,至今仍未退款;法定最晚 {legal_due}",
            "en": "The goods of case {case} came back at {received} and are still not refunded; the legal deadline is {legal_due}",
        },
    }
)
