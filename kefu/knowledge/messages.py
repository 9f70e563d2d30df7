"""The knowledge context's user-facing texts (zh-CN first; zh-TW and en too).

``knowledge.unknown_variable`` takes ``names`` and ``known`` (variables as written, in braces).
"""

from kefu.core.i18n import register

_CATEGORIES = {
    "welcome": ("欢迎语", "歡迎語", "Welcome"),
    "inquiry": ("咨询应答", "諮詢應答", "Inquiry"),
    "bargaining": ("议价", "議價", "Bargaining"),
    "payment": ("支付", "支付", "Payment"),
    "logistics": ("物流", "物流", "Logistics"),
    "after_sales": ("售后", "售後", "After-sales"),
    "complaint": ("投诉安抚", "投訴安撫", "Complaint soothing"),
    "farewell": ("欢送语", "歡送語", "Farewell"),
    "other": ("其他", "其他", "Other"),
}

register(
    {
        f"knowledge.category.{key}": {"zh-CN": cn, "zh-TW": tw, "en": en}
        for key, (cn, tw, en) in _CATEGORIES.items()
    }
)

register(
    {
        # errors
        "knowledge.reply_not_found": {
            "zh-CN": "快捷语不存在",
            "zh-TW": "快捷語不存在",
            "en": "Canned reply not found",
        },
        "knowledge.title_length": {
            "zh-CN": "标题需为 1–{max} 个字符",
            "zh-TW": "標題需為 1–{max} 個字元",
            "en": "The title needs 1–{max} characters",
        },
        "knowledge.body_length": {
            "zh-CN": "内容需为 1–{max} 个字符",
            "zh-TW": "內容需為 1–{max} 個字元",
            "en": "The text needs 1–{max} characters",
        },
        "knowledge.shortcut_length": {
            "zh-CN": "快捷码需为 1–{max} 个字符",
            "zh-TW": "快捷碼需為 1–{max} 個字元",
            "en": "The shortcut needs 1–{max} characters",
        },
        "knowledge.shortcut_space": {
            "zh-CN": "快捷码不能包含空格",
            "zh-TW": "快捷碼不能包含空格",
            "en": "The shortcut may not contain spaces",
        },
        "knowledge.shortcut_taken": {
            "zh-CN": "快捷码「{shortcut}」已被快捷语「{title}」使用",
            "zh-TW": "快捷碼「{shortcut}」已被快捷語「{title}」使用",
            "en": "The shortcut '{shortcut}' is already used by '{title}'",
        },
        "knowledge.category_unknown": {
            "zh-CN": "请选择一个分类:欢迎语、咨询应答、议价、支付、物流、售后、投诉安抚、欢送语或其他",
            "zh-TW": "請選擇一個分類:歡迎語、諮詢應答、議價、支付、物流、售後、投訴安撫、歡送語或其他",
            "en": "Choose a category: welcome, inquiry, bargaining, payment, logistics, after_sales, complaint, farewell or other",
        },
        "knowledge.locale_unknown": {
            "zh-CN": "语言无效,可选:{choices}",
            "zh-TW": "語言無效,可選:{choices}",
            "en": "Unknown language, expected one of: {choices}",
        },
        "knowledge.unknown_variable": {
            "zh-CN": "未知变量 {names};可用变量:{known}",
            "zh-TW": "未知變數 {names};可用變數:{known}",
            "en": "Unknown variable {names}; available: {known}",
        },
        # the admin page
        "knowledge.page_title": {"zh-CN": "快捷语", "zh-TW": "快捷語", "en": "Canned replies"},
        "knowledge.intro": {
            "zh-CN": "客服在对话中输入「/快捷码」即可插入。可用变量:{agent_number}(客服工号,如 客服8号)、{shop_name}(店铺名称)、{customer_name}(客户称呼,未知时为「亲」)。",
            "zh-TW": "客服在對話中輸入「/快捷碼」即可插入。可用變數:{agent_number}(客服工號,如 客服8號)、{shop_name}(店鋪名稱)、{customer_name}(客戶稱呼,未知時為「親」)。",
            "en": "Agents insert a reply in a conversation by typing /shortcut. Variables: {agent_number} (the agent's work number, e.g. 客服8号), {shop_name} (the shop's name), {customer_name} (the customer, else 亲).",
        },
        "knowledge.add": {"zh-CN": "新增快捷语", "zh-TW": "新增快捷語", "en": "Add a canned reply"},
        "knowledge.edit": {"zh-CN": "编辑快捷语", "zh-TW": "編輯快捷語", "en": "Edit canned reply"},
        "knowledge.edit_link": {"zh-CN": "编辑", "zh-TW": "編輯", "en": "Edit"},
        "knowledge.field.title": {"zh-CN": "标题", "zh-TW": "標題", "en": "Title"},
        "knowledge.field.shortcut": {"zh-CN": "快捷码", "zh-TW": "快捷碼", "en": "Shortcut"},
        "knowledge.field.category": {"zh-CN": "分类", "zh-TW": "分類", "en": "Category"},
        "knowledge.field.body": {"zh-CN": "内容", "zh-TW": "內容", "en": "Text"},
        "knowledge.field.position": {"zh-CN": "排序", "zh-TW": "排序", "en": "Position"},
        "knowledge.field.source": {"zh-CN": "出处", "zh-TW": "出處", "en": "Source"},
        "knowledge.field.actions": {"zh-CN": "操作", "zh-TW": "操作", "en": "Actions"},
        "knowledge.save": {"zh-CN": "保存", "zh-TW": "儲存", "en": "Save"},
        "knowledge.cancel": {"zh-CN": "取消", "zh-TW": "取消", "en": "Cancel"},
        "knowledge.deactivate": {"zh-CN": "停用", "zh-TW": "停用", "en": "Deactivate"},
        "knowledge.activate": {"zh-CN": "重新启用", "zh-TW": "重新啟用", "en": "Reactivate"},
        "knowledge.inactive": {"zh-CN": "已停用", "zh-TW": "已停用", "en": "Deactivated"},
        "knowledge.empty": {
            "zh-CN": "暂无快捷语",
            "zh-TW": "暫無快捷語",
            "en": "No canned replies",
        },
        "knowledge.position_invalid": {
            "zh-CN": "排序须为 0–1000000 的整数",
            "zh-TW": "排序須為 0–1000000 的整數",
            "en": "The position must be a whole number from 0 to 1000000",
        },
        "knowledge.done.created": {
            "zh-CN": "已新增快捷语「{title}」",
            "zh-TW": "已新增快捷語「{title}」",
            "en": "Added '{title}'",
        },
        "knowledge.done.updated": {
            "zh-CN": "已保存快捷语「{title}」",
            "zh-TW": "已儲存快捷語「{title}」",
            "en": "Saved '{title}'",
        },
        "knowledge.done.deactivated": {
            "zh-CN": "已停用快捷语「{title}」",
            "zh-TW": "已停用快捷語「{title}」",
            "en": "Deactivated '{title}'",
        },
        "knowledge.done.activated": {
            "zh-CN": "已重新启用快捷语「{title}」",
            "zh-TW": "已重新啟用快捷語「{title}」",
            "en": "Reactivated '{title}'",
        },
        "knowledge.form_invalid": {
            "zh-CN": "保存失败,请按提示修改标出的字段",
            "zh-TW": "儲存失敗,請依提示修改標出的欄位",
            "en": "Not saved: correct the marked fields",
        },
    }
)
