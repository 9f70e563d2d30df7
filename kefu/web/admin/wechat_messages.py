# A sentence stays on one line for translators, as in the contexts' messages.py files.
"""Texts of the admin page module ``wechat`` (zh-CN first; zh-TW and en too)."""

from kefu.core.i18n import register

register(
    {
        "admin.wechat.list": {
            "zh-CN": "已接入的公众号",
            "zh-TW": "已接入的公眾號",
            "en": "Accounts",
        },
        "admin.wechat.empty": {
            "zh-CN": "还没有接入公众号",
            "zh-TW": "還沒有接入公眾號",
            "en": "No account yet",
        },
        "admin.wechat.add": {"zh-CN": "接入公众号", "zh-TW": "接入公眾號", "en": "Add an account"},
        "admin.wechat.edit": {
            "zh-CN": "修改 {name}",
            "zh-TW": "修改 {name}",
            "en": "Change {name}",
        },
        "admin.wechat.name_hint": {
            "zh-CN": "服务器地址的一部分:/channels/wechat/名称",
            "zh-TW": "伺服器位址的一部分:/channels/wechat/名稱",
            "en": "Part of the server URL: /channels/wechat/name",
        },
        "admin.wechat.token": {"zh-CN": "令牌(Token)", "zh-TW": "權杖(Token)", "en": "Token"},
        "admin.wechat.aes_key": {
            "zh-CN": "消息加解密密钥(EncodingAESKey)",
            "zh-TW": "訊息加解密金鑰(EncodingAESKey)",
            "en": "EncodingAESKey",
        },
        "admin.wechat.secret": {
            "zh-CN": "开发者密码(AppSecret)",
            "zh-TW": "開發者密碼(AppSecret)",
            "en": "AppSecret",
        },
        "admin.wechat.url": {
            "zh-CN": "服务器地址(URL)",
            "zh-TW": "伺服器位址(URL)",
            "en": "Server URL",
        },
        "admin.wechat.plain_mode": {
            "zh-CN": "未配置(明文模式)",
            "zh-TW": "未設定(明文模式)",
            "en": "Not set (plain mode)",
        },
        "admin.wechat.keep_hint": {
            "zh-CN": "留空则保留当前值(当前:{current})",
            "zh-TW": "留空則保留目前值(目前:{current})",
            "en": "Leave empty to keep the current value ({current})",
        },
        "admin.wechat.clear_aes_key": {
            "zh-CN": "删除密钥(改用明文模式)",
            "zh-TW": "刪除金鑰(改用明文模式)",
            "en": "Remove the key (plain mode)",
        },
        "admin.wechat.clear_secret": {
            "zh-CN": "删除 AppSecret",
            "zh-TW": "刪除 AppSecret",
            "en": "Remove the AppSecret",
        },
        "admin.wechat.console_hint": {
            "zh-CN": "在公众号后台「设置与开发 › 基本配置 › 服务器配置」填写相同的 URL、Token 与 EncodingAESKey。",
            "zh-TW": "在公眾號後台「設定與開發 › 基本配置 › 伺服器配置」填寫相同的 URL、Token 與 EncodingAESKey。",
            "en": "In the WeChat console (Settings and development › Basic configuration › Server), enter the same URL, Token and EncodingAESKey.",
        },
        "admin.done.account_added": {
            "zh-CN": "公众号已接入",
            "zh-TW": "公眾號已接入",
            "en": "Account added",
        },
        "admin.done.account_saved": {
            "zh-CN": "公众号已保存",
            "zh-TW": "公眾號已儲存",
            "en": "Account saved",
        },
    }
)
