"""The conversations context's user-facing texts (zh-CN first; zh-TW and en too)."""

from kefu.core.i18n import register

register(
    {
        "thread.in_reply_to": {
            "zh-CN": "回复了本工单的邮件 {id}(In-Reply-To)",
            "zh-TW": "回覆了本工單的郵件 {id}(In-Reply-To)",
            "en": "Replies to this ticket's mail {id} (In-Reply-To)",
        },
        "thread.references": {
            "zh-CN": "引用了本工单的邮件 {id}(References)",
            "zh-TW": "引用了本工單的郵件 {id}(References)",
            "en": "Refers to this ticket's mail {id} (References)",
        },
        "thread.subject_number": {
            "zh-CN": "主题中有工单号 {number},且发件人参与了该工单",
            "zh-TW": "主旨中有工單號 {number},且寄件人參與了該工單",
            "en": "Subject names ticket {number} and the sender takes part in it",
        },
        "thread.new": {
            "zh-CN": "新来信,未引用已有工单",
            "zh-TW": "新來信,未引用已有工單",
            "en": "New mail that refers to no ticket",
        },
        "thread.new_not_participant": {
            "zh-CN": "主题提到工单 {number},但发件人不是该工单的参与者,因此新建工单",
            "zh-TW": "主旨提到工單 {number},但寄件人不是該工單的參與者,因此新建工單",
            "en": "Subject mentions ticket {number} but the sender takes no part in it: new ticket",
        },
        "thread.new_conversation": {
            "zh-CN": "新的会话或来电,没有进行中的工单,新建工单",
            "zh-TW": "新的會話或來電,沒有進行中的工單,新建工單",
            "en": "A new conversation or call with no open ticket: new ticket",
        },
        "thread.session": {
            "zh-CN": "同一会话中的消息",
            "zh-TW": "同一會話中的訊息",
            "en": "Message of the same conversation",
        },
    }
)
