"""Translations of user-facing strings. zh-CN is the default; zh-TW and en are shipped.

Messages are keyed by a stable code; ``{name}`` placeholders are filled with ``str.format``.
"""

from __future__ import annotations

from typing import Final

DEFAULT_LOCALE: Final = "zh-CN"
LOCALES: Final = ("zh-CN", "zh-TW", "en")

CATALOG: dict[str, dict[str, str]] = {
    # generic
    "not_found": {"zh-CN": "找不到该资源", "zh-TW": "找不到該資源", "en": "Not found"},
    "validation_failed": {
        "zh-CN": "提交的数据有误,请检查标出的字段",
        "zh-TW": "提交的資料有誤,請檢查標出的欄位",
        "en": "The request has invalid fields",
    },
    "unauthenticated": {
        "zh-CN": "请先登录或提供有效的 API 令牌",
        "zh-TW": "請先登入或提供有效的 API 權杖",
        "en": "Authentication required: log in or send a valid API token",
    },
    "forbidden": {
        "zh-CN": "您没有权限执行此操作",
        "zh-TW": "您沒有權限執行此操作",
        "en": "You are not allowed to do this",
    },
    "payload_too_large": {
        "zh-CN": "文件过大:上限为 {limit}",
        "zh-TW": "檔案過大:上限為 {limit}",
        "en": "File too large: the limit is {limit}",
    },
    "internal_error": {
        "zh-CN": "服务器内部错误,请稍后重试",
        "zh-TW": "伺服器內部錯誤,請稍後重試",
        "en": "Internal server error, please retry later",
    },
    "conflict": {"zh-CN": "操作冲突", "zh-TW": "操作衝突", "en": "Conflict"},
    # field-level validation
    "field.required": {"zh-CN": "必填", "zh-TW": "必填", "en": "required"},
    "field.unknown": {"zh-CN": "未知字段", "zh-TW": "未知欄位", "en": "unknown field"},
    "field.invalid": {"zh-CN": "取值无效", "zh-TW": "取值無效", "en": "invalid value"},
    "field.too_long": {
        "zh-CN": "过长(最多 {max} 个字符)",
        "zh-TW": "過長(最多 {max} 個字元)",
        "en": "too long (at most {max} characters)",
    },
    "field.too_short": {
        "zh-CN": "过短(至少 {min} 个字符)",
        "zh-TW": "過短(至少 {min} 個字元)",
        "en": "too short (at least {min} characters)",
    },
    "field.choice": {
        "zh-CN": "取值无效,可选:{choices}",
        "zh-TW": "取值無效,可選:{choices}",
        "en": "invalid value, expected one of: {choices}",
    },
    "field.type": {"zh-CN": "类型不正确", "zh-TW": "類型不正確", "en": "wrong type"},
    "field.email": {
        "zh-CN": "邮箱格式不正确",
        "zh-TW": "郵箱格式不正確",
        "en": "not a valid email",
    },
    "field.phone": {
        "zh-CN": "电话号码格式不正确",
        "zh-TW": "電話號碼格式不正確",
        "en": "not a valid phone number",
    },
    "field.datetime": {
        "zh-CN": "日期时间格式不正确",
        "zh-TW": "日期時間格式不正確",
        "en": "not a valid date/time",
    },
    "field.out_of_range": {
        "zh-CN": "超出允许范围",
        "zh-TW": "超出允許範圍",
        "en": "out of range",
    },
    # tickets
    "ticket.not_found": {"zh-CN": "工单不存在", "zh-TW": "工單不存在", "en": "Ticket not found"},
    "ticket.message_not_found": {
        "zh-CN": "该工单没有这条消息",
        "zh-TW": "該工單沒有這則訊息",
        "en": "No such message on this ticket",
    },
    "ticket.merge_into_itself": {
        "zh-CN": "不能把工单合并到它自己",
        "zh-TW": "不能把工單合併到它自己",
        "en": "A ticket cannot be merged into itself",
    },
    "ticket.merge_closed": {
        "zh-CN": "工单 {number} 已关闭或已被合并,不能再合并",
        "zh-TW": "工單 {number} 已關閉或已被合併,不能再合併",
        "en": "Ticket {number} is closed or already merged",
    },
    "ticket.split_only_message": {
        "zh-CN": "这是工单唯一的消息,无需拆分",
        "zh-TW": "這是工單唯一的訊息,無需拆分",
        "en": "This is the ticket's only message: nothing to split",
    },
    "ticket.illegal_transition": {
        "zh-CN": "工单状态不能从「{old}」变为「{new}」",
        "zh-TW": "工單狀態不能從「{old}」變為「{new}」",
        "en": "A ticket cannot go from '{old}' to '{new}'",
    },
    "ticket.customer_required": {
        "zh-CN": "请至少提供客户的一种联系方式(邮箱、电话或微信)或姓名",
        "zh-TW": "請至少提供客戶的一種聯絡方式(郵箱、電話或微信)或姓名",
        "en": "Give at least one customer contact (email, phone or WeChat) or a name",
    },
    "ticket.unknown_catalog_item": {
        "zh-CN": "服务目录中没有该项",
        "zh-TW": "服務目錄中沒有該項",
        "en": "No such service catalog item",
    },
    "ticket.unknown_assignee": {
        "zh-CN": "没有该客服",
        "zh-TW": "沒有該客服",
        "en": "No such agent",
    },
    "ticket.custom_field_invalid": {
        "zh-CN": "自定义字段不符合「{item}」的要求:{detail}",
        "zh-TW": "自訂欄位不符合「{item}」的要求:{detail}",
        "en": "Custom field does not satisfy '{item}': {detail}",
    },
    "ticket.idempotency_mismatch": {
        "zh-CN": "该 Idempotency-Key 已用于另一个不同的请求",
        "zh-TW": "該 Idempotency-Key 已用於另一個不同的請求",
        "en": "This Idempotency-Key was already used for a different request",
    },
    "ticket.message_empty": {
        "zh-CN": "消息内容不能为空",
        "zh-TW": "訊息內容不能為空",
        "en": "The message is empty",
    },
    "ticket.attachment_not_found": {
        "zh-CN": "附件不存在",
        "zh-TW": "附件不存在",
        "en": "Attachment not found",
    },
    # customers
    "customer.not_found": {
        "zh-CN": "客户不存在",
        "zh-TW": "客戶不存在",
        "en": "Customer not found",
    },
    "customer.identity_taken": {
        "zh-CN": "该{kind}已属于另一位客户(编号 {customer_id})",
        "zh-TW": "該{kind}已屬於另一位客戶(編號 {customer_id})",
        "en": "This {kind} already belongs to customer {customer_id}",
    },
    "customer.merge_self": {
        "zh-CN": "不能把客户与自己合并",
        "zh-TW": "不能把客戶與自己合併",
        "en": "A customer cannot be merged with itself",
    },
    "customer.merged": {
        "zh-CN": "该客户已合并到客户 {target}",
        "zh-TW": "該客戶已合併到客戶 {target}",
        "en": "This customer was merged into customer {target}",
    },
    "customer.blacklist_reason_required": {
        "zh-CN": "加入黑名单必须填写原因",
        "zh-TW": "加入黑名單必須填寫原因",
        "en": "A reason is required to blacklist a customer",
    },
    # users
    "user.exists": {"zh-CN": "用户名已存在", "zh-TW": "使用者名稱已存在", "en": "Username taken"},
    "user.not_found": {"zh-CN": "用户不存在", "zh-TW": "使用者不存在", "en": "User not found"},
    # search
    "search.empty_query": {
        "zh-CN": "请输入搜索内容",
        "zh-TW": "請輸入搜尋內容",
        "en": "Enter something to search for",
    },
    "cursor.invalid": {"zh-CN": "分页游标无效", "zh-TW": "分頁游標無效", "en": "Invalid cursor"},
}

# Labels for enumerations shown to people.
LABELS: dict[str, dict[str, str]] = {
    "new": {"zh-CN": "新建", "zh-TW": "新建", "en": "new"},
    "open": {"zh-CN": "处理中", "zh-TW": "處理中", "en": "open"},
    "pending": {"zh-CN": "等待客户回复", "zh-TW": "等待客戶回覆", "en": "pending"},
    "on_hold": {"zh-CN": "挂起", "zh-TW": "掛起", "en": "on hold"},
    "solved": {"zh-CN": "已解决", "zh-TW": "已解決", "en": "solved"},
    "closed": {"zh-CN": "已关闭", "zh-TW": "已關閉", "en": "closed"},
    "email": {"zh-CN": "邮箱", "zh-TW": "郵箱", "en": "email"},
    "phone": {"zh-CN": "电话", "zh-TW": "電話", "en": "phone"},
    "wechat_openid": {"zh-CN": "微信 openid", "zh-TW": "微信 openid", "en": "WeChat openid"},
    "buyer_nick": {"zh-CN": "买家昵称", "zh-TW": "買家暱稱", "en": "buyer nickname"},
}


def register(entries: dict[str, dict[str, str]]) -> None:
    """A context adds its own messages (each with zh-CN at least) to the catalog at import."""
    for code, texts in entries.items():
        if DEFAULT_LOCALE not in texts:
            raise ValueError(f"message {code!r} has no {DEFAULT_LOCALE} text")
        CATALOG[code] = texts


def negotiate(accept_language: str | None) -> str:
    """Pick a shipped locale from an Accept-Language header; zh-CN unless another is asked for."""
    if not accept_language:
        return DEFAULT_LOCALE
    weighted: list[tuple[float, str]] = []
    for part in accept_language.split(","):
        bits = part.strip().split(";q=")
        try:
            q = float(bits[1]) if len(bits) > 1 else 1.0
        except ValueError:
            q = 0.0
        weighted.append((q, bits[0].strip()))
    for _, tag in sorted(weighted, key=lambda pair: -pair[0]):
        chosen = _match(tag)
        if chosen:
            return chosen
    return DEFAULT_LOCALE


def _match(tag: str) -> str | None:
    lowered = tag.lower()
    if lowered in ("zh-tw", "zh-hk", "zh-mo", "zh-hant") or lowered.startswith("zh-hant"):
        return "zh-TW"
    if lowered.startswith("zh"):
        return "zh-CN"
    if lowered.startswith("en"):
        return "en"
    return None


def translate(code: str, locale: str = DEFAULT_LOCALE, **params: object) -> str:
    """The message for ``code`` in ``locale``, falling back to zh-CN, then to the code itself."""
    entry = CATALOG.get(code) or LABELS.get(code)
    if entry is None:
        return code
    text = entry.get(locale) or entry[DEFAULT_LOCALE]
    return text.format(**params) if params else text


def label(value: str, locale: str = DEFAULT_LOCALE) -> str:
    entry = LABELS.get(value)
    return (entry.get(locale) or entry[DEFAULT_LOCALE]) if entry else value


def human_size(size: int) -> str:
    """Sizes in messages: ``20 MB``, ``512 KB``."""
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"
