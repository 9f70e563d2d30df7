# A sentence stays on one line for translators, as in the contexts' messages.py files.
"""Texts of the admin page module ``dry_run`` (zh-CN first; zh-TW and en too)."""

from kefu.core.i18n import register

_LABELS: dict[str, dict[str, str]] = {
    "admin.dry.title": {"zh-CN": "试运行", "zh-TW": "試運行", "en": "Dry run"},
    "admin.dry.about": {
        "zh-CN": "描述一个请求,看服务台投递与每条规则会怎样处理它、为什么;不会创建工单。",
        "zh-TW": "描述一個請求,看服務台投遞與每條規則會怎樣處理它、為什麼;不會建立工單。",
        "en": "Describe a request to see what delivery and each rule would do with it, and why; no ticket is created.",
    },
    "admin.dry.run": {"zh-CN": "试运行", "zh-TW": "試運行", "en": "Run"},
    "admin.dry.channel": {"zh-CN": "渠道", "zh-TW": "渠道", "en": "Channel"},
    "admin.dry.type": {"zh-CN": "类型", "zh-TW": "類型", "en": "Type"},
    "admin.dry.priority": {"zh-CN": "优先级", "zh-TW": "優先級", "en": "Priority"},
    "admin.dry.catalog_item": {"zh-CN": "服务目录", "zh-TW": "服務目錄", "en": "Catalog item"},
    "admin.dry.vip_level": {"zh-CN": "VIP 等级", "zh-TW": "VIP 等級", "en": "VIP level"},
    "admin.dry.blacklisted": {
        "zh-CN": "黑名单客户",
        "zh-TW": "黑名單客戶",
        "en": "Blacklisted customer",
    },
    "admin.dry.text": {
        "zh-CN": "标题与首条消息",
        "zh-TW": "標題與首則訊息",
        "en": "Subject and first message",
    },
    "admin.dry.entry_point": {"zh-CN": "接入点", "zh-TW": "接入點", "en": "Entry point"},
    "admin.dry.result": {"zh-CN": "结果", "zh-TW": "結果", "en": "Result"},
    "admin.dry.delivery": {"zh-CN": "服务台投递", "zh-TW": "服務台投遞", "en": "Delivery"},
    "admin.dry.group": {"zh-CN": "最终客服组", "zh-TW": "最終客服組", "en": "Group"},
    "admin.dry.assignee": {"zh-CN": "指派给", "zh-TW": "指派給", "en": "Assigned to"},
    "admin.dry.tags": {"zh-CN": "标签", "zh-TW": "標籤", "en": "Tags"},
    "admin.dry.fired": {"zh-CN": "命中", "zh-TW": "命中", "en": "Fired"},
    "admin.dry.not_fired": {"zh-CN": "未命中", "zh-TW": "未命中", "en": "Not fired"},
    "admin.dry.no_rules": {
        "zh-CN": "没有规则可运行",
        "zh-TW": "沒有規則可運行",
        "en": "No rule to run",
    },
    "admin.dry.unchanged": {"zh-CN": "(不变)", "zh-TW": "(不變)", "en": "(unchanged)"},
}
_CHANNELS = {
    "phone": ("电话", "電話", "Phone"),
    "email": ("邮件", "郵件", "Email"),
    "web_form": ("网页表单", "網頁表單", "Web form"),
    "api": ("API", "API", "API"),
    "app_sdk": ("App", "App", "App"),
    "wechat": ("微信", "微信", "WeChat"),
    "web_chat": ("网页聊天", "網頁聊天", "Web chat"),
    "desktop": ("桌面端", "桌面端", "Desktop"),
}
_TYPES = {
    "inquiry": ("咨询", "諮詢", "Inquiry"),
    "complaint": ("投诉", "投訴", "Complaint"),
    "after_sales": ("售后", "售後", "After-sales"),
    "suggestion": ("建议", "建議", "Suggestion"),
    "order": ("下单", "下單", "Order"),
    "other": ("其他", "其他", "Other"),
}
_PRIORITIES = {
    "low": ("低", "低", "Low"),
    "normal": ("普通", "普通", "Normal"),
    "high": ("高", "高", "High"),
    "urgent": ("紧急", "緊急", "Urgent"),
}
for _prefix, _table in (("channel", _CHANNELS), ("type", _TYPES), ("priority", _PRIORITIES)):
    for _key, (_cn, _tw, _en) in _table.items():
        _LABELS[f"admin.{_prefix}.{_key}"] = {"zh-CN": _cn, "zh-TW": _tw, "en": _en}
register(_LABELS)
