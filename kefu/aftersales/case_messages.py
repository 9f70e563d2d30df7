"""Texts of the case and complaint state machines and their state labels (zh-CN, zh-TW, en).
``old`` and ``new`` are state codes; the service shows the labels below in their place."""

from kefu.core.i18n import register

register(
    {
        # the case (rules/cases.py)
        "aftersales.case.illegal": {
            "zh-CN": "售后单不能从「{old}」直接转到「{new}」",
            "zh-TW": "售後單不能從「{old}」直接轉到「{new}」",
            "en": "An after-sales case cannot go from '{old}' to '{new}'",
        },
        "aftersales.case.needs_photos": {
            "zh-CN": "请先请顾客拍照举证,再判断责任",
            "zh-TW": "請先請顧客拍照舉證,再判斷責任",
            "en": "Ask the customer for photos before judging whose fault it is",
        },
        "aftersales.case.needs_cause": {
            "zh-CN": "请先判断问题原因(质量问题、发错货、少发、运输破损、描述不符或顾客个人原因)",
            "zh-TW": "請先判斷問題原因(品質問題、寄錯貨、少寄、運輸破損、描述不符或顧客個人原因)",
            "en": "Judge the cause first (quality, wrong item, missing item, damaged in transit, not as described, or the customer's own reason)",
        },
        "aftersales.case.wrong_remedy_step": {
            "zh-CN": "这一步与已定的处理方式不符",
            "zh-TW": "這一步與已定的處理方式不符",
            "en": "This step does not match the remedy decided",
        },
        "aftersales.case.needs_tracking": {
            "zh-CN": "请先让顾客提供退货快递单号",
            "zh-TW": "請先讓顧客提供退貨快遞單號",
            "en": "Get the return tracking number from the customer first",
        },
        "aftersales.case.not_received": {
            "zh-CN": "退货还没有收到,不能开始检查",
            "zh-TW": "退貨還沒有收到,不能開始檢查",
            "en": "The returned goods have not arrived: they cannot be checked yet",
        },
        "aftersales.case.check_not_failed": {
            "zh-CN": "只有检查发现问题时才需要重新判断",
            "zh-TW": "只有檢查發現問題時才需要重新判斷",
            "en": "Only a failed check sends the case back to judging",
        },
        "aftersales.case.check_not_passed": {
            "zh-CN": "退回的商品还没有通过检查,不能退款或发货",
            "zh-TW": "退回的商品還沒有通過檢查,不能退款或出貨",
            "en": "The returned goods have not passed the check: no refund or replacement yet",
        },
        "aftersales.case.refund_unpaid": {
            "zh-CN": "退款还没有到账,不能关闭售后单",
            "zh-TW": "退款還沒有到帳,不能關閉售後單",
            "en": "The refund is not paid yet: the case cannot be closed",
        },
        "aftersales.case.replacement_unshipped": {
            "zh-CN": "换货或补发的商品还没有发出(没有快递单号),不能关闭售后单",
            "zh-TW": "換貨或補寄的商品還沒有寄出(沒有快遞單號),不能關閉售後單",
            "en": "The replacement has not shipped (no tracking number): the case cannot be closed",
        },
        "aftersales.case.still_open": {
            "zh-CN": "售后还没有处理完:只有顾客撤销申请,或申请经判断被驳回并已告知顾客,才能提前关闭",
            "zh-TW": "售後還沒有處理完:只有顧客撤銷申請,或申請經判斷被駁回並已告知顧客,才能提前關閉",
            "en": "The case is not done: it closes early only when the customer withdraws it, or when the claim was judged unfounded and the customer told",
        },
        "aftersales.case.to.evidence": {
            "zh-CN": "请顾客拍照举证",
            "zh-TW": "請顧客拍照舉證",
            "en": "Ask the customer for evidence (photos)",
        },
        "aftersales.case.to.judging": {
            "zh-CN": "判断问题原因和责任",
            "zh-TW": "判斷問題原因和責任",
            "en": "Judge the cause and whose fault it is",
        },
        "aftersales.case.to.deciding": {
            "zh-CN": "确定处理方式:折价、换货、退货或补发",
            "zh-TW": "確定處理方式:折價、換貨、退貨或補寄",
            "en": "Decide the remedy: partial refund, exchange, return or reshipment",
        },
        "aftersales.case.to.awaiting_return": {
            "zh-CN": "等待顾客寄回商品并提供快递单号",
            "zh-TW": "等待顧客寄回商品並提供快遞單號",
            "en": "Wait for the customer to send the goods back with a tracking number",
        },
        "aftersales.case.to.return_shipped": {
            "zh-CN": "退货已寄出,等待收货",
            "zh-TW": "退貨已寄出,等待收貨",
            "en": "The goods are on their way back",
        },
        "aftersales.case.to.inspecting": {
            "zh-CN": "已收到退货,检查商品情况",
            "zh-TW": "已收到退貨,檢查商品情況",
            "en": "The goods are back: check them",
        },
        "aftersales.case.to.refunding": {
            "zh-CN": "办理退款",
            "zh-TW": "辦理退款",
            "en": "Pay the refund",
        },
        "aftersales.case.to.replacing": {
            "zh-CN": "发出换货或补发的商品",
            "zh-TW": "寄出換貨或補寄的商品",
            "en": "Send the replacement",
        },
        "aftersales.case.to.closed": {
            "zh-CN": "售后单已完结",
            "zh-TW": "售後單已完結",
            "en": "The case is closed",
        },
        # the complaint
        "aftersales.complaint.illegal": {
            "zh-CN": "投诉不能从「{old}」直接转到「{new}」",
            "zh-TW": "投訴不能從「{old}」直接轉到「{new}」",
            "en": "A complaint cannot go from '{old}' to '{new}'",
        },
        "aftersales.complaint.inform_supervisor": {
            "zh-CN": "收到投诉须第一时间上报主管,再开始调查",
            "zh-TW": "收到投訴須第一時間上報主管,再開始調查",
            "en": "Report the complaint to a supervisor at once, before investigating",
        },
        "aftersales.complaint.needs_proposal": {
            "zh-CN": "请先写明给顾客的处理方案",
            "zh-TW": "請先寫明給顧客的處理方案",
            "en": "Write down the proposal to the customer first",
        },
        "aftersales.complaint.not_carried_out": {
            "zh-CN": "顾客接受的方案还没有执行完,不能结案",
            "zh-TW": "顧客接受的方案還沒有執行完,不能結案",
            "en": "The accepted proposal has not been carried out: the complaint cannot be closed",
        },
        "aftersales.complaint.supervisor_must_decide": {
            "zh-CN": "顾客不接受方案时,须由主管决定是否结案或申诉,客服不能自行处理",
            "zh-TW": "顧客不接受方案時,須由主管決定是否結案或申訴,客服不能自行處理",
            "en": "When the customer refuses the proposal, a supervisor decides whether to close or appeal; an agent may not",
        },
        "aftersales.complaint.to.investigating": {
            "zh-CN": "调查投诉原因",
            "zh-TW": "調查投訴原因",
            "en": "Investigate the cause",
        },
        "aftersales.complaint.to.proposed": {
            "zh-CN": "向顾客提出处理方案",
            "zh-TW": "向顧客提出處理方案",
            "en": "Propose a remedy to the customer",
        },
        "aftersales.complaint.to.accepted": {
            "zh-CN": "顾客接受了处理方案",
            "zh-TW": "顧客接受了處理方案",
            "en": "The customer accepted the proposal",
        },
        "aftersales.complaint.to.refused": {
            "zh-CN": "顾客不接受处理方案",
            "zh-TW": "顧客不接受處理方案",
            "en": "The customer refused the proposal",
        },
        "aftersales.complaint.to.closed": {
            "zh-CN": "投诉已结案",
            "zh-TW": "投訴已結案",
            "en": "The complaint is closed",
        },
        # state labels, shown instead of the codes in ``old`` and ``new``
        "aftersales.case_state.understanding": {
            "zh-CN": "了解情况",
            "zh-TW": "瞭解情況",
            "en": "Understanding",
        },
        "aftersales.case_state.evidence": {"zh-CN": "举证", "zh-TW": "舉證", "en": "Evidence"},
        "aftersales.case_state.judging": {"zh-CN": "判断", "zh-TW": "判斷", "en": "Judging"},
        "aftersales.case_state.deciding": {
            "zh-CN": "确定处理方式",
            "zh-TW": "確定處理方式",
            "en": "Deciding",
        },
        "aftersales.case_state.awaiting_return": {
            "zh-CN": "等待退货",
            "zh-TW": "等待退貨",
            "en": "Awaiting return",
        },
        "aftersales.case_state.return_shipped": {
            "zh-CN": "退货在途",
            "zh-TW": "退貨在途",
            "en": "Return shipped",
        },
        "aftersales.case_state.inspecting": {
            "zh-CN": "检查退货",
            "zh-TW": "檢查退貨",
            "en": "Inspecting",
        },
        "aftersales.case_state.refunding": {
            "zh-CN": "退款中",
            "zh-TW": "退款中",
            "en": "Refunding",
        },
        "aftersales.case_state.replacing": {
            "zh-CN": "发货中",
            "zh-TW": "出貨中",
            "en": "Sending replacement",
        },
        "aftersales.case_state.closed": {"zh-CN": "已完结", "zh-TW": "已完結", "en": "Closed"},
        "aftersales.complaint_state.received": {
            "zh-CN": "已受理",
            "zh-TW": "已受理",
            "en": "Received",
        },
        "aftersales.complaint_state.investigating": {
            "zh-CN": "调查中",
            "zh-TW": "調查中",
            "en": "Investigating",
        },
        "aftersales.complaint_state.proposed": {
            "zh-CN": "已提出方案",
            "zh-TW": "已提出方案",
            "en": "Proposed",
        },
        "aftersales.complaint_state.accepted": {
            "zh-CN": "顾客已接受",
            "zh-TW": "顧客已接受",
            "en": "Accepted",
        },
        "aftersales.complaint_state.refused": {
            "zh-CN": "顾客不接受",
            "zh-TW": "顧客不接受",
            "en": "Refused",
        },
        "aftersales.complaint_state.closed": {"zh-CN": "已结案", "zh-TW": "已結案", "en": "Closed"},
    }
)
