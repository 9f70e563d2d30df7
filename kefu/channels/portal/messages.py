"""The portal's user-facing texts (zh-CN first; zh-TW and en too)."""

from kefu.core.i18n import register

register(
    {
        "portal.code_subject": {
            "zh-CN": "您的登录验证码:{pin}",
            "zh-TW": "您的登入驗證碼:{pin}",
            "en": "Your sign-in code: {pin}",
        },
        "portal.code_body": {
            "zh-CN": "您好!\n\n您的客服中心登录验证码是:{pin}\n\n"
            "验证码 {minutes} 分钟内有效,请勿告诉他人。如果不是您本人操作,请忽略本邮件。",
            "zh-TW": "您好!\n\n您的客服中心登入驗證碼是:{pin}\n\n"
            "驗證碼 {minutes} 分鐘內有效,請勿告訴他人。如果不是您本人操作,請忽略本郵件。",
            "en": "Hello,\n\nYour sign-in code for the help centre is: {pin}\n\n"
            "It is valid for {minutes} minutes; do not share it. "
            "If you did not ask for it, ignore this mail.",
        },
        "portal.email_required": {
            "zh-CN": "请填写邮箱",
            "zh-TW": "請填寫郵箱",
            "en": "Enter your email address",
        },
        "portal.phone_not_yet": {
            "zh-CN": "暂不支持手机号登录,请使用邮箱",
            "zh-TW": "暫不支援手機號登入,請使用郵箱",
            "en": "Signing in with a phone number is not available yet; use your email",
        },
        "portal.code_invalid": {
            "zh-CN": "验证码不正确或已过期,请重新获取",
            "zh-TW": "驗證碼不正確或已過期,請重新獲取",
            "en": "The code is wrong or has expired; ask for a new one",
        },
        "portal.csrf_failed": {
            "zh-CN": "页面已过期,请刷新后重试",
            "zh-TW": "頁面已過期,請重新整理後重試",
            "en": "The page has expired; reload it and try again",
        },
        "portal.too_long": {
            "zh-CN": "太长了(最多 {limit} 个字)",
            "zh-TW": "太長了(最多 {limit} 個字)",
            "en": "Too long (at most {limit} characters)",
        },
        "portal.ticket_closed": {
            "zh-CN": "该工单已关闭,如有新问题请重新提交",
            "zh-TW": "該工單已關閉,如有新問題請重新提交",
            "en": "This ticket is closed; open a new request for a new question",
        },
    }
)
