"""The web form's user-facing texts (zh-CN first; zh-TW and en too)."""

from kefu.core.i18n import register

register(
    {
        "webform.contact_required": {
            "zh-CN": "请至少填写邮箱或手机号,方便我们回复您",
            "zh-TW": "請至少填寫郵箱或手機號,方便我們回覆您",
            "en": "Give an email or a phone number so that we can answer",
        },
        "webform.too_long": {
            "zh-CN": "太长了(最多 {limit} 个字)",
            "zh-TW": "太長了(最多 {limit} 個字)",
            "en": "Too long (at most {limit} characters)",
        },
        "webform.title": {
            "zh-CN": "联系客服 · 提交问题",
            "zh-TW": "聯絡客服 · 提交問題",
            "en": "Contact us · New request",
        },
        "webform.heading": {"zh-CN": "联系客服", "zh-TW": "聯絡客服", "en": "Contact us"},
        "webform.intro": {
            "zh-CN": "亲,请描述您遇到的问题,我们会尽快回复您。带 * 的为必填项。",
            "zh-TW": "親,請描述您遇到的問題,我們會盡快回覆您。帶 * 的為必填項。",
            "en": "Tell us what went wrong and we will answer as soon as we can. "
            "Fields marked * are required.",
        },
        "webform.check_fields": {
            "zh-CN": "请检查标红的内容后再提交。",
            "zh-TW": "請檢查標紅的內容後再提交。",
            "en": "Please check the fields marked in red and send again.",
        },
        "webform.name": {"zh-CN": "您的称呼", "zh-TW": "您的稱呼", "en": "Your name"},
        "webform.email": {"zh-CN": "邮箱", "zh-TW": "郵箱", "en": "Email"},
        "webform.phone": {"zh-CN": "手机号", "zh-TW": "手機號", "en": "Mobile number"},
        "webform.contact_hint": {
            "zh-CN": "邮箱和手机号至少填一项。",
            "zh-TW": "郵箱和手機號至少填一項。",
            "en": "Give at least an email or a mobile number.",
        },
        "webform.catalog": {"zh-CN": "问题类别", "zh-TW": "問題類別", "en": "Topic"},
        "webform.choose": {"zh-CN": "请选择", "zh-TW": "請選擇", "en": "Choose one"},
        "webform.subject": {"zh-CN": "主题", "zh-TW": "主旨", "en": "Subject"},
        "webform.description": {
            "zh-CN": "问题描述",
            "zh-TW": "問題描述",
            "en": "What happened",
        },
        "webform.files": {
            "zh-CN": "附件(照片、订单截图等)",
            "zh-TW": "附件(照片、訂單截圖等)",
            "en": "Attachments (photos, order screenshots …)",
        },
        "webform.submit": {"zh-CN": "提交", "zh-TW": "送出", "en": "Send"},
        "webform.done_title": {
            "zh-CN": "已收到您的问题",
            "zh-TW": "已收到您的問題",
            "en": "We have your request",
        },
        "webform.done_number": {
            "zh-CN": "您的工单号是 {number},请保存好以便查询。",
            "zh-TW": "您的工單號是 {number},請保存好以便查詢。",
            "en": "Your request number is {number}; keep it to follow up.",
        },
        "webform.done_thanks": {
            "zh-CN": "客服会尽快与您联系,感谢您的耐心等待!",
            "zh-TW": "客服會盡快與您聯絡,感謝您的耐心等待!",
            "en": "We will get back to you soon. Thank you for your patience!",
        },
        "webform.done_follow": {
            "zh-CN": "查看我的工单",
            "zh-TW": "查看我的工單",
            "en": "Follow my requests",
        },
        "webform.again": {
            "zh-CN": "再提交一个问题",
            "zh-TW": "再提交一個問題",
            "en": "Write about something else",
        },
    }
)
