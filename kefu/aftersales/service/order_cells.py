"""Reading one cell of a shop's order export: amounts in yuan as fen, counts, local times,
statuses, yes/no, remark flags, categories, phones and platforms in the words the exports use,
and remarks in the handbook's format 事由--姓名--日期. Pure; a cell that cannot be read raises
``CellProblem`` with the i18n code of the problem."""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Final

from kefu.aftersales.rules import Category
from kefu.aftersales.service.orders import UNSET_PLATFORMS, RemarkInput
from kefu.aftersales.service.terms import OrderStatus, RemarkFlag
from kefu.customers.rules import InvalidIdentity, normalise_phone

_CLIP: Final = 40
_EDGES = re.compile(r"^[\s\u200b-\u200d\u2060\ufeff']+|[\s\u200b-\u200d\u2060\ufeff]+$")
_EXCEL_TEXT = re.compile(r'^="(.*)"$')
_PLATFORM = re.compile(r"^[a-z][a-z0-9_]{0,19}$")
_PLATFORMS: Final = {
    "淘宝": "taobao", "天猫": "tmall", "京东": "jd", "拼多多": "pdd", "抖音": "douyin",
    "快手": "kuaishou", "微信": "wechat", "微店": "weidian", "有赞": "youzan",
}  # fmt: skip
_STATUSES: Final = {
    "等待买家付款": OrderStatus.UNPAID, "买家已付款": OrderStatus.PAID,
    "等待卖家发货": OrderStatus.PAID, "买家已付款，等待卖家发货": OrderStatus.PAID,
    "卖家已发货": OrderStatus.SHIPPED, "等待买家确认收货": OrderStatus.SHIPPED,
    "卖家已发货，等待买家确认": OrderStatus.SHIPPED, "已签收": OrderStatus.SIGNED,
    "交易成功": OrderStatus.COMPLETED, "交易关闭": OrderStatus.CLOSED,
    **{s.value: s for s in OrderStatus},
}  # fmt: skip
_FLAGS: Final = {
    **{w: RemarkFlag.RED for w in ("红", "红旗", "红色", "red")},
    **{w: RemarkFlag.BLUE for w in ("蓝", "蓝旗", "蓝色", "blue")},
    **{w: RemarkFlag.YELLOW for w in ("黄", "黄旗", "黄色", "yellow")},
}
_CATEGORIES: Final = {
    **{c.value: c for c in Category},
    **{w: Category.APPAREL for w in ("服装", "鞋", "鞋子", "女鞋", "男鞋", "服饰", "鞋包", "箱包")},
    **{w: Category.ELECTRONICS for w in ("数码", "电子", "家电", "手机")},
    **{w: Category.SEALED for w in ("食品", "化妆品", "美妆", "个护")},
    **{w: Category.PERISHABLE for w in ("生鲜", "鲜花", "水果")},
    **{w: Category.DIGITAL_MEDIA for w in ("音像", "软件", "数字商品")},
    **{w: Category.PERIODICAL for w in ("报纸", "期刊", "杂志")},
    **{w: Category.GENERAL for w in ("其他", "通用", "日用")},
}
_YES: Final = frozenset({"是", "y", "yes", "true", "1"})
_NO: Final = frozenset({"否", "n", "no", "false", "0", ""})
_TIME_FORMATS: Final = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
    "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d",
)  # fmt: skip
_DAY_FORMATS: Final = ("%Y-%m-%d", "%Y.%m.%d", "%Y/%m/%d", "%Y%m%d")


class CellProblem(Exception):
    """A cell that cannot be read: an i18n code and its parameters."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _EDGES.sub("", str(value))
    match = _EXCEL_TEXT.match(text)
    return match.group(1).strip() if match else text


def clip(text: str) -> str:
    return text if len(text) <= _CLIP else text[: _CLIP - 1] + "…"


def as_plain_text(value: object) -> str:
    return as_text(value)


def as_money(value: object) -> int | None:
    """Yuan with at most two decimals (``128``, ``128.5``, ``¥1,280.00``) as fen."""
    if value is None or as_text(value) == "":
        return None
    text = as_text(value) if not isinstance(value, int | float) else repr(value)
    cleaned = re.sub(r"[¥￥,，元\s]", "", text)
    try:
        amount = Decimal(cleaned)
    except InvalidOperation as exc:
        raise CellProblem("aftersales.import.amount", value=clip(as_text(value))) from exc
    fen = amount * 100
    if not amount.is_finite() or amount < 0 or fen != fen.to_integral_value():
        raise CellProblem("aftersales.import.amount", value=clip(as_text(value)))
    return int(fen)


def as_quantity(value: object) -> int | None:
    text = as_text(value)
    if not text:
        return None
    if not text.isdigit() or int(text) < 1 or int(text) > 100_000:
        raise CellProblem("aftersales.import.quantity", value=clip(text))
    return int(text)


def as_instant(value: object, tz: tzinfo) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=tz)
    text = as_text(value)
    if not text:
        return None
    for form in _TIME_FORMATS:
        try:
            return datetime.strptime(text, form).replace(tzinfo=tz)
        except ValueError:
            continue
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError as exc:
        raise CellProblem("aftersales.import.datetime", value=clip(text)) from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)


def as_status(value: object) -> OrderStatus | None:
    text = as_text(value).replace(",", "，")
    if not text:
        return None
    status = _STATUSES.get(text) or _STATUSES.get(text.casefold())
    if status is None:
        raise CellProblem("aftersales.import.status", value=clip(text))
    return status


def as_yes_no(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = as_text(value).casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellProblem("aftersales.import.yes_no", value=clip(text))


def as_flag(value: object) -> RemarkFlag | None:
    text = as_text(value).casefold()
    if not text:
        return None
    flag = _FLAGS.get(text)
    if flag is None:
        raise CellProblem("aftersales.import.flag", value=clip(text))
    return flag


def as_category(value: object) -> Category | None:
    text = as_text(value)
    if not text:
        return None
    category = _CATEGORIES.get(text.casefold()) or _CATEGORIES.get(text)
    if category is None:
        raise CellProblem("aftersales.import.category", value=clip(text))
    return category


def as_phone(value: object) -> str:
    text = as_text(value)
    if not text:
        return ""
    try:
        return normalise_phone(text)
    except InvalidIdentity as exc:
        raise CellProblem("aftersales.import.phone", value=clip(text)) from exc


def colour_and_size(text: str) -> tuple[str, str]:
    """Colour and size from 销售属性 such as ``颜色分类：黑色;尺码：40``."""
    colour = size = ""
    for part in re.split(r"[;；]", text):
        name, _, value = _pair(part)
        if "颜色" in name or name.casefold() in ("colour", "color"):
            colour = value
        elif "尺码" in name or "尺寸" in name or name.casefold() == "size":
            size = value
    return colour, size


def _pair(part: str) -> tuple[str, str, str]:
    name, sep, value = re.sub(r"：", ":", part).partition(":")
    return name.strip(), sep, value.strip()


def parse_remark(text: str, flag: RemarkFlag, *, default_year: int) -> RemarkInput:
    """A remark in the handbook's format 事由--姓名--日期 (``尺码40--小美--2026-11-20``, the date
    also ``11.20``); anything else is kept whole as the matter."""
    parts = [p.strip() for p in re.split(r"-{2,}|——", text)]
    if len(parts) == 3 and parts[0]:
        day = _day(parts[2], default_year)
        if day is not None:
            return RemarkInput(flag, parts[0], parts[1], day)
    return RemarkInput(flag, text.strip())


def _day(text: str, default_year: int) -> date | None:
    for form in _DAY_FORMATS:
        try:
            return datetime.strptime(text, form).date()  # noqa: DTZ007  (a calendar day)
        except ValueError:
            continue
    match = re.fullmatch(r"(\d{1,2})[./\-月](\d{1,2})日?", text)
    if match:
        try:
            return date(default_year, int(match.group(1)), int(match.group(2)))
        except ValueError:
            return None
    return None


def as_platform(value: object) -> str:
    text = as_text(value)
    if not text:
        return ""
    platform = _PLATFORMS.get(text, text.casefold())
    if not _PLATFORM.match(platform) or platform in UNSET_PLATFORMS:
        raise CellProblem("aftersales.import.platform", value=clip(text))
    return platform
