# A sentence stays on one line for translators, as in the contexts' messages.py files.
"""Texts of the admin page module ``channels`` (zh-CN first; zh-TW and en too)."""

from kefu.core.i18n import register

register(
    {
        "admin.channels.about": {
            "zh-CN": "这些设置来自环境变量,在服务启动时读取。修改方法:设置对应的环境变量(或 .env 文件)后重启 kefu serve 与 kefu worker。",
            "zh-TW": "這些設定來自環境變數,在服務啟動時讀取。修改方法:設定對應的環境變數(或 .env 檔案)後重新啟動 kefu serve 與 kefu worker。",
            "en": "These settings come from the environment and are read at start-up. To change one, set its variable (or the .env file) and restart kefu serve and kefu worker.",
        },
        "admin.channels.setting": {"zh-CN": "设置", "zh-TW": "設定", "en": "Setting"},
        "admin.channels.value": {"zh-CN": "当前值", "zh-TW": "目前值", "en": "Current value"},
        "admin.channels.variable": {"zh-CN": "环境变量", "zh-TW": "環境變數", "en": "Variable"},
        "admin.channels.mail_in": {
            "zh-CN": "邮件接收(SMTP)",
            "zh-TW": "郵件接收(SMTP)",
            "en": "Mail in (SMTP)",
        },
        "admin.channels.mail_out": {
            "zh-CN": "邮件发送(SMTP)",
            "zh-TW": "郵件發送(SMTP)",
            "en": "Mail out (SMTP)",
        },
        "admin.channels.imap": {
            "zh-CN": "邮箱收取(IMAP)",
            "zh-TW": "郵箱收取(IMAP)",
            "en": "Mailbox polling (IMAP)",
        },
        "admin.channels.phone": {
            "zh-CN": "电话回调(Webhook)",
            "zh-TW": "電話回呼(Webhook)",
            "en": "Phone webhook",
        },
        "admin.channels.smtp_port": {
            "zh-CN": "监听端口(0 为关闭)",
            "zh-TW": "監聽連接埠(0 為關閉)",
            "en": "Listening port (0: off)",
        },
        "admin.channels.mail_domains": {
            "zh-CN": "接收的域名",
            "zh-TW": "接收的網域",
            "en": "Accepted domains",
        },
        "admin.channels.all_domains": {"zh-CN": "全部", "zh-TW": "全部", "en": "all"},
        "admin.channels.max_mail": {
            "zh-CN": "单封邮件上限",
            "zh-TW": "單封郵件上限",
            "en": "Largest mail",
        },
        "admin.channels.smtp_out_url": {
            "zh-CN": "发信服务器",
            "zh-TW": "發信伺服器",
            "en": "Outgoing server",
        },
        "admin.channels.mail_from": {
            "zh-CN": "发件人地址",
            "zh-TW": "寄件人位址",
            "en": "From address",
        },
        "admin.channels.imap_url": {
            "zh-CN": "IMAP 邮箱",
            "zh-TW": "IMAP 郵箱",
            "en": "IMAP mailbox",
        },
        "admin.channels.phone_secret": {
            "zh-CN": "签名密钥(HMAC-SHA256)",
            "zh-TW": "簽章金鑰(HMAC-SHA256)",
            "en": "Signing secret (HMAC-SHA256)",
        },
        "admin.channels.phone_url": {
            "zh-CN": "呼叫事件地址",
            "zh-TW": "呼叫事件位址",
            "en": "Call events URL",
        },
        "admin.channels.phone_off": {
            "zh-CN": "未配置:电话回调拒绝所有请求",
            "zh-TW": "未設定:電話回呼拒絕所有請求",
            "en": "Not set: the webhook refuses every request",
        },
    }
)
