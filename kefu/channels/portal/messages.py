"""The portal's user-facing texts (zh-CN first; zh-TW and en too)."""

from kefu.core.i18n import register

register(
    {
        "portal.code_subject": {
            "zh-CN": "您的登录验证码:{pin}",
            "zh-TW": "您的登入驗證碼:{pin}",
            "en": "Your sign-in code: {pin}",
        },
        "portal.code_link": {
            "zh-CN": "\n\n也可以直接打开下面的链接,点“登录”即可:\n{link}",
            "zh-TW": "\n\n也可以直接開啟下面的連結,點「登入」即可:\n{link}",
            "en": "\n\nOr open this link and press Sign in:\n{link}",
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
        "portal.code_sms": {
            "zh-CN": "您的登录验证码是 {pin},{minutes} 分钟内有效,请勿告诉他人。",
            "zh-TW": "您的登入驗證碼是 {pin},{minutes} 分鐘內有效,請勿告訴他人。",
            "en": "Your sign-in code is {pin}. It is valid for {minutes} minutes; do not share it.",
        },
        "portal.address_required": {
            "zh-CN": "请填写邮箱或手机号",
            "zh-TW": "請填寫郵箱或手機號",
            "en": "Enter your email address or mobile number",
        },
        "portal.not_mobile": {
            "zh-CN": "请填写手机号(座机收不到短信验证码)",
            "zh-TW": "請填寫手機號(市話收不到簡訊驗證碼)",
            "en": "Enter a mobile number (a landline cannot receive the text)",
        },
        "portal.email_required": {
            "zh-CN": "请填写邮箱",
            "zh-TW": "請填寫郵箱",
            "en": "Enter your email address",
        },
        "portal.phone_not_yet": {
            "zh-CN": "暂不支持手机号登录(短信验证码尚未开通),请使用邮箱",
            "zh-TW": "暫不支援手機號登入(簡訊驗證碼尚未開通),請使用郵箱",
            "en": "Signing in with a phone number is not available yet (no text messages); "
            "use your email",
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

# The pages' own texts.
register(
    {
        "portal.login.title": {
            "zh-CN": "登录客服中心",
            "zh-TW": "登入客服中心",
            "en": "Sign in to the help centre",
        },
        "portal.login.hint_mail": {
            "zh-CN": "无需密码:填写您联系我们时用的邮箱,我们会发送一个 6 位验证码到该邮箱。",
            "zh-TW": "無需密碼:填寫您聯絡我們時用的郵箱,我們會寄送一組 6 位驗證碼到該郵箱。",
            "en": "No password needed: enter the email you wrote to us from and we will mail "
            "you a 6-digit code.",
        },
        "portal.login.hint_both": {
            "zh-CN": "无需密码:填写您联系我们时用的邮箱或手机号,"
            "我们会通过邮件或短信发送一个 6 位验证码。",
            "zh-TW": "無需密碼:填寫您聯絡我們時用的郵箱或手機號,"
            "我們會透過郵件或簡訊寄送一組 6 位驗證碼。",
            "en": "No password needed: enter the email or mobile number you gave us and we "
            "will send you a 6-digit code by mail or text message.",
        },
        "portal.login.field_mail": {"zh-CN": "邮箱", "zh-TW": "郵箱", "en": "Email"},
        "portal.login.field_both": {
            "zh-CN": "邮箱或手机号",
            "zh-TW": "郵箱或手機號",
            "en": "Email or mobile number",
        },
        "portal.login.sms_off": {
            "zh-CN": "暂不支持手机号登录(短信验证码尚未开通),请使用邮箱。",
            "zh-TW": "暫不支援手機號登入(簡訊驗證碼尚未開通),請使用郵箱。",
            "en": "Signing in with a mobile number is not available yet (no text messages); "
            "use your email.",
        },
        "portal.login.submit": {
            "zh-CN": "获取验证码",
            "zh-TW": "取得驗證碼",
            "en": "Send me a code",
        },
        "portal.login.no_ticket": {
            "zh-CN": "没有工单?提交一个新问题",
            "zh-TW": "沒有工單?提交一個新問題",
            "en": "No request yet? Write to us",
        },
        "portal.login.link": {"zh-CN": "登录", "zh-TW": "登入", "en": "Sign in"},
        "portal.verify.title": {
            "zh-CN": "输入验证码",
            "zh-TW": "輸入驗證碼",
            "en": "Enter your code",
        },
        "portal.verify.sent_mail": {
            "zh-CN": "如果 <strong>{address}</strong> 是我们登记过的邮箱,验证码已发送,"
            "{minutes} 分钟内有效。没收到的话请检查垃圾邮件;同一邮箱 {minutes} 分钟内最多发送 {most} 次。",
            "zh-TW": "如果 <strong>{address}</strong> 是我們登記過的郵箱,驗證碼已寄出,"
            "{minutes} 分鐘內有效。沒收到的話請檢查垃圾郵件;同一郵箱 {minutes} 分鐘內最多寄送 {most} 次。",
            "en": "If <strong>{address}</strong> is an address we know, a code is on its way; "
            "it is valid for {minutes} minutes. Nothing came? Look in your spam folder; an "
            "address gets at most {most} codes in {minutes} minutes.",
        },
        "portal.verify.sent_sms": {
            "zh-CN": "如果 <strong>{address}</strong> 是我们登记过的手机号,短信验证码已发送,"
            "{minutes} 分钟内有效;同一号码 {minutes} 分钟内最多发送 {most} 次。",
            "zh-TW": "如果 <strong>{address}</strong> 是我們登記過的手機號,簡訊驗證碼已寄出,"
            "{minutes} 分鐘內有效;同一號碼 {minutes} 分鐘內最多寄送 {most} 次。",
            "en": "If <strong>{address}</strong> is a number we know, a code is on its way by "
            "text message; it is valid for {minutes} minutes. A number gets at most {most} "
            "codes in {minutes} minutes.",
        },
        "portal.verify.code": {"zh-CN": "验证码", "zh-TW": "驗證碼", "en": "Code"},
        "portal.verify.submit": {"zh-CN": "登录", "zh-TW": "登入", "en": "Sign in"},
        "portal.verify.again": {
            "zh-CN": "重新获取验证码",
            "zh-TW": "重新取得驗證碼",
            "en": "Ask for a new code",
        },
        "portal.tickets.title": {"zh-CN": "我的工单", "zh-TW": "我的工單", "en": "My requests"},
        "portal.tickets.none": {
            "zh-CN": "您还没有工单。",
            "zh-TW": "您還沒有工單。",
            "en": "You have no requests yet.",
        },
        "portal.tickets.new": {
            "zh-CN": "提交一个新问题",
            "zh-TW": "提交一個新問題",
            "en": "Write to us about something new",
        },
        "portal.sign_out": {"zh-CN": "退出登录", "zh-TW": "登出", "en": "Sign out"},
        "portal.col.number": {"zh-CN": "工单号", "zh-TW": "工單號", "en": "Number"},
        "portal.col.subject": {"zh-CN": "主题", "zh-TW": "主旨", "en": "Subject"},
        "portal.col.status": {"zh-CN": "状态", "zh-TW": "狀態", "en": "Status"},
        "portal.col.updated": {"zh-CN": "更新时间", "zh-TW": "更新時間", "en": "Updated"},
        "portal.ticket.title": {
            "zh-CN": "工单 {number}",
            "zh-TW": "工單 {number}",
            "en": "Request {number}",
        },
        "portal.ticket.back": {"zh-CN": "← 我的工单", "zh-TW": "← 我的工單", "en": "← My requests"},
        "portal.ticket.me": {"zh-CN": "我", "zh-TW": "我", "en": "Me"},
        "portal.ticket.agent": {"zh-CN": "客服", "zh-TW": "客服", "en": "Customer service"},
        "portal.ticket.reply": {"zh-CN": "回复", "zh-TW": "回覆", "en": "Reply"},
        "portal.ticket.send": {"zh-CN": "发送回复", "zh-TW": "送出回覆", "en": "Send reply"},
    }
)
