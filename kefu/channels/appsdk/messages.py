"""The app SDK channel's texts, in every shipped language."""

from kefu.core.i18n import register

register(
    {
        "appsdk.unauthenticated": {
            "zh-CN": "客户令牌无效、已过期或已注销,请重新登录应用",
            "zh-TW": "客戶令牌無效、已過期或已登出,請重新登入應用程式",
            "en": "The customer token is invalid, expired or revoked: sign in to the app again",
        },
        "appsdk.body_empty": {
            "zh-CN": "消息内容不能为空",
            "zh-TW": "訊息內容不能為空",
            "en": "The message is empty",
        },
        "appsdk.body_too_long": {
            "zh-CN": "消息过长,最多 {max} 个字",
            "zh-TW": "訊息過長,最多 {max} 個字",
            "en": "The message is too long: at most {max} characters",
        },
        "appsdk.client_id_invalid": {
            "zh-CN": "client_id 只能包含字母、数字和 _ . : -,最长 64 位",
            "zh-TW": "client_id 只能包含字母、數字和 _ . : -,最長 64 位",
            "en": "client_id may hold letters, digits and _ . : - only, at most 64",
        },
        "appsdk.ticket_closed": {
            "zh-CN": "该会话已关闭,请发起新的咨询",
            "zh-TW": "該會話已關閉,請發起新的諮詢",
            "en": "This conversation is closed: start a new one",
        },
        "appsdk.identity_needed": {
            "zh-CN": "请提供 app_user 或至少一种客户联系方式(手机、邮箱、买家昵称)",
            "zh-TW": "請提供 app_user 或至少一種客戶聯絡方式(手機、郵箱、買家暱稱)",
            "en": "Give app_user or at least one of the customer's phone, email or buyer nick",
        },
    }
)
