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
    }
)
