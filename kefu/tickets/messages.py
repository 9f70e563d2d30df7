"""Texts of the tickets context's own automations (zh-CN first; zh-TW and en too)."""

from kefu.core.i18n import register

register(
    {
        "ticket.already_taken": {
            "zh-CN": "该工单已被其他客服接入",
            "zh-TW": "該工單已被其他客服接入",
            "en": "Another agent has already taken this ticket",
        },
        "ticket.pending_reminder": {
            "zh-CN": "亲,您好!关于您的问题(工单 {number}),我们还在等您的回复,方便时补充一下信息,我们马上为您处理哦~",
            "zh-TW": "親,您好!關於您的問題(工單 {number}),我們還在等您的回覆,方便時補充一下資訊,我們馬上為您處理喔~",
            "en": "Hello! About your request (ticket {number}): we are still waiting for your reply. Send us the details when convenient and we will take care of it right away.",
        },
        "ticket.pending_solved": {
            "zh-CN": "客户 {days} 天未回复,系统已自动将工单设为已解决;客户再次来信会重新打开",
            "zh-TW": "客戶 {days} 天未回覆,系統已自動將工單設為已解決;客戶再次來信會重新開啟",
            "en": "No reply from the customer for {days} days: solved automatically; a new message reopens it",
        },
    }
)
