"""Texts the admin pages share: the areas, buttons and notices (each page registers its own)."""

from __future__ import annotations

from kefu.core.i18n import register

register(
    {
        "admin.title": {"zh-CN": "系统管理", "zh-TW": "系統管理", "en": "Administration"},
        "admin.sections": {"zh-CN": "管理分区", "zh-TW": "管理分區", "en": "Admin areas"},
        "admin.section.users": {
            "zh-CN": "用户与角色",
            "zh-TW": "使用者與角色",
            "en": "Users and roles",
        },
        "admin.section.desks": {
            "zh-CN": "服务台与客服组",
            "zh-TW": "服務台與客服組",
            "en": "Desks and groups",
        },
        "admin.section.catalog": {
            "zh-CN": "服务目录",
            "zh-TW": "服務目錄",
            "en": "Service catalog",
        },
        "admin.section.rules": {"zh-CN": "路由规则", "zh-TW": "路由規則", "en": "Routing rules"},
        "admin.section.sla": {
            "zh-CN": "SLA 与工作日历",
            "zh-TW": "SLA 與工作日曆",
            "en": "SLA and calendars",
        },
        "admin.section.replies": {"zh-CN": "快捷回复", "zh-TW": "快捷回覆", "en": "Canned replies"},
        "admin.section.wechat": {
            "zh-CN": "微信公众号",
            "zh-TW": "微信公眾號",
            "en": "WeChat accounts",
        },
        "admin.section.channels": {
            "zh-CN": "渠道设置",
            "zh-TW": "渠道設定",
            "en": "Channel settings",
        },
        "admin.about.users": {
            "zh-CN": "创建账号、调整角色、停用账号、重置密码、签发 API 令牌",
            "zh-TW": "建立帳號、調整角色、停用帳號、重設密碼、簽發 API 權杖",
            "en": "Create accounts, change roles, deactivate, reset passwords, issue API tokens",
        },
        "admin.about.desks": {
            "zh-CN": "服务台、客服组的分配策略、成员及其接待上限",
            "zh-TW": "服務台、客服組的分配策略、成員及其接待上限",
            "en": "Desks, groups with their strategy, members and their capacity",
        },
        "admin.about.catalog": {
            "zh-CN": "服务目录树、负责客服组,以及 Excel 模板下载与导入",
            "zh-TW": "服務目錄樹、負責客服組,以及 Excel 範本下載與匯入",
            "en": "The catalog tree, responsible groups, the Excel template and import",
        },
        "admin.about.rules": {
            "zh-CN": "按顺序执行的路由规则,以及试运行:看哪条规则命中、为什么",
            "zh-TW": "依序執行的路由規則,以及試運行:看哪條規則命中、為什麼",
            "en": "Ordered routing rules, and a dry run showing which rule fires and why",
        },
        "admin.about.sla": {
            "zh-CN": "SLA 策略的时限目标,工作日历与节假日",
            "zh-TW": "SLA 策略的時限目標,工作日曆與節假日",
            "en": "SLA policy targets, business calendars and holidays",
        },
        "admin.about.replies": {
            "zh-CN": "客服常用的快捷回复(快捷语)",
            "zh-TW": "客服常用的快捷回覆(快捷語)",
            "en": "Agents' canned replies",
        },
        "admin.about.wechat": {
            "zh-CN": "公众号的 AppID、Token、EncodingAESKey 与 AppSecret",
            "zh-TW": "公眾號的 AppID、Token、EncodingAESKey 與 AppSecret",
            "en": "Official accounts: AppID, Token, EncodingAESKey and AppSecret",
        },
        "admin.about.channels": {
            "zh-CN": "邮件收发、IMAP 与电话回调的当前配置(只读)",
            "zh-TW": "郵件收發、IMAP 與電話回呼的目前設定(唯讀)",
            "en": "Mail in and out, IMAP and the phone webhook as configured (read-only)",
        },
        "admin.forbidden": {
            "zh-CN": "您没有权限打开此管理页面",
            "zh-TW": "您沒有權限開啟此管理頁面",
            "en": "You are not allowed to open this admin page",
        },
        "admin.save": {"zh-CN": "保存", "zh-TW": "儲存", "en": "Save"},
        "admin.create": {"zh-CN": "新建", "zh-TW": "新建", "en": "Create"},
        "admin.delete": {"zh-CN": "删除", "zh-TW": "刪除", "en": "Delete"},
        "admin.edit": {"zh-CN": "编辑", "zh-TW": "編輯", "en": "Edit"},
        "admin.cancel": {"zh-CN": "取消", "zh-TW": "取消", "en": "Cancel"},
        "admin.yes": {"zh-CN": "是", "zh-TW": "是", "en": "Yes"},
        "admin.no": {"zh-CN": "否", "zh-TW": "否", "en": "No"},
        "admin.none": {"zh-CN": "(无)", "zh-TW": "(無)", "en": "(none)"},
        "admin.actions": {"zh-CN": "操作", "zh-TW": "操作", "en": "Actions"},
        "admin.name": {"zh-CN": "名称", "zh-TW": "名稱", "en": "Name"},
        "admin.active": {"zh-CN": "启用", "zh-TW": "啟用", "en": "Active"},
        "admin.not_set": {"zh-CN": "未配置", "zh-TW": "未設定", "en": "Not set"},
        "admin.done.saved": {"zh-CN": "已保存", "zh-TW": "已儲存", "en": "Saved"},
        "admin.done.created": {"zh-CN": "已创建", "zh-TW": "已建立", "en": "Created"},
        "admin.done.deleted": {"zh-CN": "已删除", "zh-TW": "已刪除", "en": "Deleted"},
        "admin.done.moved": {"zh-CN": "已调整顺序", "zh-TW": "已調整順序", "en": "Order changed"},
    }
)
