"""The web chat's user-facing texts (zh-CN first; zh-TW and en too). Every ``webchat.*`` text is
also sent to the widget (``/widget.js``), which shows them in the visitor's language."""

from kefu.core.i18n import register

register(
    {
        # the widget
        "webchat.title": {"zh-CN": "在线客服", "zh-TW": "線上客服", "en": "Customer service"},
        "webchat.open": {"zh-CN": "咨询客服", "zh-TW": "諮詢客服", "en": "Chat with us"},
        "webchat.close": {"zh-CN": "收起", "zh-TW": "收起", "en": "Close"},
        "webchat.prechat_hint": {
            "zh-CN": "亲,留下称呼和联系方式,客服不在线时也能回复您(均为选填)",
            "zh-TW": "親,留下稱呼和聯絡方式,客服不在線時也能回覆您(均為選填)",
            "en": "Leave your name and a contact so that we can answer even when nobody is online (all optional)",
        },
        "webchat.field_name": {"zh-CN": "您的称呼", "zh-TW": "您的稱呼", "en": "Your name"},
        "webchat.field_phone": {"zh-CN": "手机号", "zh-TW": "手機號", "en": "Mobile number"},
        "webchat.field_email": {"zh-CN": "邮箱", "zh-TW": "郵箱", "en": "Email"},
        "webchat.start": {"zh-CN": "开始咨询", "zh-TW": "開始諮詢", "en": "Start chatting"},
        "webchat.placeholder": {
            "zh-CN": "请输入您的问题…",
            "zh-TW": "請輸入您的問題…",
            "en": "Type your question…",
        },
        "webchat.send": {"zh-CN": "发送", "zh-TW": "發送", "en": "Send"},
        "webchat.message_label": {"zh-CN": "消息", "zh-TW": "訊息", "en": "Message"},
        "webchat.welcome": {
            "zh-CN": "亲,您好!欢迎光临,很高兴为您服务,请问有什么可以帮您?:)",
            "zh-TW": "親,您好!歡迎光臨,很高興為您服務,請問有什麼可以幫您?:)",
            "en": "Hello and welcome! Happy to help: what can we do for you? :)",
        },
        "webchat.welcome_shop": {
            "zh-CN": "亲,您好!欢迎光临{shop},很高兴为您服务,请问有什么可以帮您?:)",
            "zh-TW": "親,您好!歡迎光臨{shop},很高興為您服務,請問有什麼可以幫您?:)",
            "en": "Hello and welcome to {shop}! Happy to help: what can we do for you? :)",
        },
        "webchat.agent_greeting": {
            "zh-CN": "您好,我是{agent},很高兴为您服务,有什么我可以效劳的:)",
            "zh-TW": "您好,我是{agent},很高興為您服務,有什麼我可以效勞的:)",
            "en": "Hello, this is {agent}, glad to be of service. How can I help? :)",
        },
        "webchat.agent": {
            "zh-CN": "客服{number}号",
            "zh-TW": "客服{number}號",
            "en": "Agent {number}",
        },
        "webchat.served": {
            "zh-CN": "{agent}正在为您服务",
            "zh-TW": "{agent}正在為您服務",
            "en": "{agent} is looking after you",
        },
        "webchat.queue": {
            "zh-CN": "您正在排队,前面还有 {ahead} 位,预计等待约 {minutes} 分钟",
            "zh-TW": "您正在排隊,前面還有 {ahead} 位,預計等待約 {minutes} 分鐘",
            "en": "You are in the queue: {ahead} ahead of you, about {minutes} min to wait",
        },
        "webchat.queue_next": {
            "zh-CN": "马上就轮到您了,请稍候",
            "zh-TW": "馬上就輪到您了,請稍候",
            "en": "You are next, one moment please",
        },
        "webchat.queue_unknown": {
            "zh-CN": "正在为您接入客服,请稍候…",
            "zh-TW": "正在為您接入客服,請稍候…",
            "en": "Connecting you to an agent…",
        },
        "webchat.no_agent": {
            "zh-CN": "客服暂时不在线,您可以先留言,我们会尽快回复您",
            "zh-TW": "客服暫時不在線,您可以先留言,我們會盡快回覆您",
            "en": "Nobody is online right now: leave a message and we will answer as soon as we can",
        },
        "webchat.offline": {
            "zh-CN": "连接已断开,正在重新连接…",
            "zh-TW": "連線已中斷,正在重新連線…",
            "en": "Connection lost, reconnecting…",
        },
        "webchat.sending": {"zh-CN": "发送中", "zh-TW": "發送中", "en": "Sending"},
        "webchat.failed": {"zh-CN": "未发送", "zh-TW": "未發送", "en": "Not sent"},
        "webchat.me": {"zh-CN": "我", "zh-TW": "我", "en": "Me"},
        "webchat.system": {"zh-CN": "系统消息", "zh-TW": "系統訊息", "en": "Notice"},
        "webchat.unread": {
            "zh-CN": "{count} 条新消息",
            "zh-TW": "{count} 則新訊息",
            "en": "{count} new",
        },
        "webchat.visitor": {
            "zh-CN": "网页访客{number}",
            "zh-TW": "網頁訪客{number}",
            "en": "Web visitor {number}",
        },
        "webchat.demo_title": {
            "zh-CN": "网页会话演示",
            "zh-TW": "網頁會話演示",
            "en": "Web chat demo",
        },
        "webchat.demo_text": {
            "zh-CN": "这是一个普通的商店页面,只加了一行 <script>。点右下角的按钮咨询客服。",
            "zh-TW": "這是一個普通的商店頁面,只加了一行 <script>。點右下角的按鈕諮詢客服。",
            "en": "A plain shop page with one <script> tag added. Click the button at the bottom right to chat.",
        },
        "webchat.typing": {
            "zh-CN": "{agent}正在输入…",
            "zh-TW": "{agent}正在輸入…",
            "en": "{agent} is typing…",
        },
        "webchat.typing_someone": {
            "zh-CN": "对方正在输入…",
            "zh-TW": "對方正在輸入…",
            "en": "Typing…",
        },
        "webchat.read": {"zh-CN": "已读", "zh-TW": "已讀", "en": "Read"},
        "webchat.attach": {
            "zh-CN": "上传图片或文件",
            "zh-TW": "上傳圖片或檔案",
            "en": "Upload a picture or a file",
        },
        "webchat.emoji": {"zh-CN": "表情", "zh-TW": "表情", "en": "Emoji"},
        "webchat.uploading": {"zh-CN": "上传中", "zh-TW": "上傳中", "en": "Uploading"},
        "webchat.file_too_big": {
            "zh-CN": "文件太大了(最大 {limit})",
            "zh-TW": "檔案太大了(最大 {limit})",
            "en": "The file is too large (at most {limit})",
        },
        "webchat.image_subject": {
            "zh-CN": "[图片] {name}",
            "zh-TW": "[圖片] {name}",
            "en": "[Picture] {name}",
        },
        "webchat.file_subject": {
            "zh-CN": "[文件] {name}",
            "zh-TW": "[檔案] {name}",
            "en": "[File] {name}",
        },
        # refusals
        "webchat.bad_read": {
            "zh-CN": "已读位置 last_id 缺失或不是本会话的消息",
            "zh-TW": "已讀位置 last_id 缺失或不是本會話的訊息",
            "en": "last_id is missing or not a message of this chat",
        },
        "webchat.file_missing": {
            "zh-CN": "请选择要发送的文件",
            "zh-TW": "請選擇要發送的檔案",
            "en": "Choose a file to send",
        },
        "webchat.file_empty": {
            "zh-CN": "文件是空的",
            "zh-TW": "檔案是空的",
            "en": "The file is empty",
        },
        "webchat.not_a_chat": {
            "zh-CN": "该工单不是网页会话",
            "zh-TW": "該工單不是網頁會話",
            "en": "This ticket is not a web chat",
        },
        "webchat.not_in_ticket": {
            "zh-CN": "该消息不属于这个工单",
            "zh-TW": "該訊息不屬於這個工單",
            "en": "That message is not on this ticket",
        },
        "webchat.bad_frame": {
            "zh-CN": "无法识别的消息格式,请发送 JSON 对象",
            "zh-TW": "無法識別的訊息格式,請發送 JSON 物件",
            "en": "Unreadable frame: send a JSON object",
        },
        "webchat.frame_too_large": {
            "zh-CN": "消息过大(上限 {limit} KB)",
            "zh-TW": "訊息過大(上限 {limit} KB)",
            "en": "Frame too large (at most {limit} KB)",
        },
        "webchat.unknown_type": {
            "zh-CN": "不支持的消息类型:{type}",
            "zh-TW": "不支援的訊息類型:{type}",
            "en": "Unknown frame type: {type}",
        },
        "webchat.bad_client_id": {
            "zh-CN": "消息编号 client_id 缺失或格式不正确(1–64 个字母、数字或 _.:-)",
            "zh-TW": "訊息編號 client_id 缺失或格式不正確(1–64 個字母、數字或 _.:-)",
            "en": "client_id is missing or malformed (1–64 letters, digits or _.:-)",
        },
        "webchat.empty_text": {
            "zh-CN": "消息不能为空",
            "zh-TW": "訊息不能為空",
            "en": "The message is empty",
        },
        "webchat.too_long": {
            "zh-CN": "消息太长了(最多 {limit} 个字)",
            "zh-TW": "訊息太長了(最多 {limit} 個字)",
            "en": "The message is too long (at most {limit} characters)",
        },
        "webchat.not_stored": {
            "zh-CN": "消息未能保存,请稍后重试",
            "zh-TW": "訊息未能儲存,請稍後重試",
            "en": "The message could not be stored; please try again",
        },
        "webchat.session_expired": {
            "zh-CN": "会话已失效,请重新开始咨询",
            "zh-TW": "會話已失效,請重新開始諮詢",
            "en": "This chat has expired: please start a new one",
        },
        "webchat.bad_shop": {
            "zh-CN": "店铺标识只能包含字母、数字、汉字、_ 和 -",
            "zh-TW": "店鋪標識只能包含字母、數字、漢字、_ 和 -",
            "en": "The shop key may hold only letters, digits, _ and -",
        },
    }
)
