"""The email channel's user-facing texts (zh-CN first; zh-TW and en too)."""

from kefu.core.i18n import register

register(
    {
        "mail.duplicate": {
            "zh-CN": "同一封邮件(Message-ID 相同)已收到过,未重复保存",
            "zh-TW": "同一封郵件(Message-ID 相同)已收到過,未重複保存",
            "en": "The same mail (same Message-ID) arrived before; nothing stored again",
        },
        "mail.review_no_sender": {
            "zh-CN": "邮件没有可用的发件人,已保留原件待人工查看",
            "zh-TW": "郵件沒有可用的寄件人,已保留原件待人工查看",
            "en": "No usable sender: kept raw for review",
        },
        "mail.own_mail": {
            "zh-CN": "发件人是本系统自己的地址(邮件循环),已忽略",
            "zh-TW": "寄件人是本系統自己的地址(郵件迴圈),已忽略",
            "en": "Sent from our own address (a mail loop): ignored",
        },
        "mail.bounce": {
            "zh-CN": "退信:已附到被退回邮件所属的工单",
            "zh-TW": "退信:已附到被退回郵件所屬的工單",
            "en": "Bounce: attached to the ticket whose mail bounced",
        },
        "mail.bounce_unmatched": {
            "zh-CN": "退信,但找不到被退回的邮件",
            "zh-TW": "退信,但找不到被退回的郵件",
            "en": "Bounce for a mail we cannot find",
        },
        "mail.bounce_note": {
            "zh-CN": "邮件被退回:发往 {to} 的「{subject}」未能送达。请核对客户邮箱或改用其他渠道联系。",
            "zh-TW": "郵件被退回:寄往 {to} 的「{subject}」未能送達。請核對客戶郵箱或改用其他渠道聯絡。",
            "en": "Mail bounced: '{subject}' to {to} was not delivered. Check the address or use another channel.",
        },
        "mail.auto_reply": {
            "zh-CN": "自动回复,不新建工单、不回复",
            "zh-TW": "自動回覆,不新建工單、不回覆",
            "en": "Automatic reply: opens no ticket and is not answered",
        },
        "mail.auto_reply_note": {
            "zh-CN": "客户邮箱发来的自动回复({why}):",
            "zh-TW": "客戶郵箱發來的自動回覆({why}):",
            "en": "Automatic reply from the customer's mailbox ({why}):",
        },
        "mail.ack_body": {
            "zh-CN": (
                "亲爱的{name}顾客,您好!\n\n"
                "您的来信我们已经收到,工单号为 {number}。客服会尽快为您处理并回复,"
                "请耐心等待。如需补充说明,直接回复本邮件即可(请保留主题中的工单号)。\n\n"
                "祝您生活愉快!"
            ),
            "zh-TW": (
                "親愛的{name}顧客,您好!\n\n"
                "您的來信我們已經收到,工單號為 {number}。客服會盡快為您處理並回覆,"
                "請耐心等候。如需補充說明,直接回覆本郵件即可(請保留主旨中的工單號)。\n\n"
                "祝您生活愉快!"
            ),
            "en": (
                "Dear {name},\n\nWe have received your mail; your ticket number is {number}. "
                "We will answer as soon as we can. To add anything, simply reply to this mail "
                "(keep the number in the subject).\n\nBest regards"
            ),
        },
        "mail.send_failed_note": {
            "zh-CN": "邮件发送失败(已重试 {attempts} 次):{error}。客户没有收到这条回复,请改用其他渠道联系。",
            "zh-TW": "郵件發送失敗(已重試 {attempts} 次):{error}。客戶沒有收到這則回覆,請改用其他渠道聯絡。",
            "en": "Sending the mail failed after {attempts} attempts: {error}. The customer did not get this reply; use another channel.",
        },
    }
)
