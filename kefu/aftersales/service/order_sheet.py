"""A shop's order export (CSV or .xlsx) read into orders, every problem reported by row and
column. Pure: bytes in, orders and problems out; the importer writes nothing from a file with
a problem, so the parser reports every one it finds.

The file has one row per order line (宝贝), the order's own columns repeated on each of its
lines, as the shop's order and item reports give them joined. Headers are matched by name, in
Chinese or English (订单编号 / order number); columns the parser does not know (买家支付宝账号,
运送方式, …) are ignored. CSV may be UTF-8 (with or without a BOM) or GB18030, the encoding
the platforms' exports use; cells written as ``="2563…"`` (kept as text by Excel) are read as
their text. Times without an offset are the shop's local time.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any, Final

from openpyxl import load_workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from kefu.aftersales.rules import Category
from kefu.aftersales.service.order_cells import (
    CellProblem,
    as_category,
    as_flag,
    as_instant,
    as_money,
    as_phone,
    as_plain_text,
    as_platform,
    as_quantity,
    as_status,
    as_text,
    as_yes_no,
    colour_and_size,
    parse_remark,
)
from kefu.aftersales.service.orders import ItemInput, OrderInput, RemarkInput
from kefu.core import clock
from kefu.core.i18n import human_size

MAX_ROWS: Final = 5000
MAX_BYTES: Final = 5 * 1024 * 1024
_MAX_INFLATION: Final = 10

# fmt: off
HEADERS: Final[dict[str, tuple[str, ...]]] = {
    "platform":        ("平台", "platform"),
    "number":          ("订单编号", "订单号", "order number", "order_number"),
    "buyer_id":        ("买家会员名", "买家昵称", "买家id", "buyer id", "buyer_id", "buyer"),
    "receiver_name":   ("收货人姓名", "收货人", "receiver name", "receiver_name"),
    "receiver_phone":  ("联系手机", "手机号码", "联系电话", "receiver phone", "receiver_phone"),
    "address":         ("收货地址", "address"),
    "status":          ("订单状态", "status"),
    "paid":            ("买家实际支付金额", "实付金额", "paid", "paid amount"),
    "shipping_fee":    ("买家应付邮费", "邮费", "运费", "shipping fee", "shipping_fee"),
    "paid_at":         ("订单付款时间", "付款时间", "paid at", "paid_at"),
    "shipped_at":      ("发货时间", "shipped at", "shipped_at"),
    "signed_at":       ("签收时间", "signed at", "signed_at"),
    "carrier":         ("物流公司", "快递公司", "carrier"),
    "tracking_number": ("物流单号", "运单号", "快递单号", "tracking number", "tracking_number"),
    "presale":         ("预售", "是否预售", "presale"),
    "remark_flag":     ("旗帜", "备注旗帜", "remark flag", "flag"),
    "remark":          ("商家备注", "卖家备注", "remark"),
    "title":           ("宝贝标题", "商品标题", "商品名称", "title"),
    "sku":             ("商家编码", "商品编码", "sku"),
    "attributes":      ("商品属性", "销售属性", "attributes"),
    "colour":          ("颜色", "颜色分类", "colour", "color"),
    "size":            ("尺码", "size"),
    "price":           ("价格", "单价", "price"),
    "quantity":        ("购买数量", "数量", "quantity"),
    "item_paid":       ("商品实付金额", "宝贝实付金额", "item paid", "item_paid"),
    "category":        ("类目", "商品类目", "category"),
}
# fmt: on
REQUIRED: Final = ("number", "paid", "sku", "price", "quantity")
ORDER_KEYS: Final = (
    "platform", "buyer_id", "receiver_name", "receiver_phone", "address", "status", "paid",
    "shipping_fee", "paid_at", "shipped_at", "signed_at", "carrier", "tracking_number", "presale",
)  # fmt: skip
_LIMITS: Final = {
    "number": 64, "buyer_id": 64, "receiver_name": 100, "address": 500, "carrier": 50,
    "tracking_number": 64, "title": 200, "sku": 64, "colour": 32, "size": 32, "remark": 500,
}  # fmt: skip


@dataclass(frozen=True)
class SheetProblem:
    """A problem at ``row`` (numbered as a spreadsheet shows it, the header being row 1) in the
    column ``key`` (see HEADERS; "" for the whole row, row 0 for the whole file). ``code`` is an
    i18n code; its ``column`` parameter is the header as written in the file."""

    row: int
    key: str
    code: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class SheetResult:
    orders: tuple[OrderInput, ...]
    problems: tuple[SheetProblem, ...]


class _FileProblem(Exception):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def parse_orders(
    data: bytes, *, platform: str, tz: tzinfo, max_rows: int = MAX_ROWS
) -> SheetResult:
    """Read every row of the export; ``platform`` is used where the file has no 平台 column."""
    try:
        rows = _rows(data, max_rows)
    except _FileProblem as problem:
        return SheetResult((), (SheetProblem(0, "", problem.code, problem.params),))
    if not rows:
        return SheetResult((), (SheetProblem(0, "", "aftersales.import.empty"),))
    (header_number, header), *body = rows
    columns, problems = _header(header_number, header)
    if problems:
        return SheetResult((), tuple(problems))
    reader = _Reader(columns, platform, tz)
    for number, values in body:
        reader.read(number, values)
    if not reader.orders and not reader.problems:
        return SheetResult((), (SheetProblem(0, "", "aftersales.import.no_rows"),))
    return SheetResult(reader.result(), tuple(reader.problems))


# -- reading the file -------------------------------------------------------------------------


def _rows(data: bytes, max_rows: int) -> list[tuple[int, tuple[object, ...]]]:
    if len(data) > MAX_BYTES:
        raise _FileProblem("aftersales.import.too_large", limit=human_size(MAX_BYTES))
    raw = _xlsx_rows(data) if data[:4] == b"PK\x03\x04" else _csv_rows(data)
    rows: list[tuple[int, tuple[object, ...]]] = []
    for number, values in raw:
        if any(as_text(v) for v in values):
            rows.append((number, tuple(values)))
            if len(rows) > max_rows + 1:
                raise _FileProblem("aftersales.import.too_many_rows", max=max_rows)
    return rows


def _csv_rows(data: bytes) -> Iterable[tuple[int, tuple[object, ...]]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise _FileProblem("aftersales.import.not_readable")
    if "\x00" in text:
        raise _FileProblem("aftersales.import.not_readable")
    try:
        lines = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise _FileProblem("aftersales.import.not_readable") from exc
    return ((number, tuple(values)) for number, values in enumerate(lines, start=1))


def _xlsx_rows(data: bytes) -> list[tuple[int, tuple[object, ...]]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _FileProblem("aftersales.import.not_readable") from exc
    if inflated > MAX_BYTES * _MAX_INFLATION:
        raise _FileProblem("aftersales.import.too_large", limit=human_size(MAX_BYTES))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about features it drops on reading
        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # a damaged upload fails in many ways inside openpyxl
            raise _FileProblem("aftersales.import.not_readable") from exc
        try:
            if not book.worksheets:
                return []
            sheet = book.worksheets[0]
            if isinstance(sheet, ReadOnlyWorksheet):
                sheet.reset_dimensions()
            values = sheet.iter_rows(values_only=True)
            return [(number, tuple(row)) for number, row in enumerate(values, start=1)]
        except Exception as exc:
            raise _FileProblem("aftersales.import.not_readable") from exc
        finally:
            book.close()


_HEADER_NOISE = re.compile(r"[\s*＊:：]+")


def _normal(text: str) -> str:
    return _HEADER_NOISE.sub("", text).casefold()


_BY_HEADER: Final = {_normal(alias): key for key, aliases in HEADERS.items() for alias in aliases}


@dataclass(frozen=True)
class _Column:
    position: int
    header: str  # as written in the file


def _header(
    number: int, values: tuple[object, ...]
) -> tuple[dict[str, _Column], list[SheetProblem]]:
    columns: dict[str, _Column] = {}
    problems: list[SheetProblem] = []
    for position, value in enumerate(values):
        header = as_text(value)
        key = _BY_HEADER.get(_normal(header))
        if key is None:
            continue
        if key in columns:
            problems.append(
                SheetProblem(number, key, "aftersales.import.header_duplicate", {"column": header})
            )
        else:
            columns[key] = _Column(position, header)
    if not columns:
        return columns, [SheetProblem(number, "", "aftersales.import.no_header")]
    problems.extend(
        SheetProblem(number, key, "aftersales.import.header_missing", {"column": HEADERS[key][0]})
        for key in REQUIRED
        if key not in columns
    )
    return columns, problems


# -- reading the rows -------------------------------------------------------------------------


@dataclass
class _Order:
    first_row: int
    values: dict[str, Any]
    items: list[ItemInput] = field(default_factory=list)
    remarks: list[RemarkInput] = field(default_factory=list)


class _Reader:
    """Reads rows one by one, gathering the lines of each order and every problem."""

    def __init__(self, columns: dict[str, _Column], platform: str, tz: tzinfo) -> None:
        self.columns = columns
        self.platform = platform
        self.tz = tz
        self.orders: dict[tuple[str, str], _Order] = {}
        self.problems: list[SheetProblem] = []
        self.row = 0
        self.bad: set[str] = set()  # the columns of the current row with a problem
        self.converters: dict[str, Callable[[object], Any]] = {
            "platform": as_platform,
            "receiver_phone": as_phone,
            "status": as_status,
            "paid": as_money,
            "shipping_fee": as_money,
            "paid_at": self._instant,
            "shipped_at": self._instant,
            "signed_at": self._instant,
            "presale": as_yes_no,
            "remark_flag": as_flag,
            "price": as_money,
            "quantity": as_quantity,
            "item_paid": as_money,
            "category": as_category,
        }

    def read(self, number: int, values: tuple[object, ...]) -> None:
        """Check one row, reporting every problem in it, and add its line to its order."""
        self.row, self.bad = number, set()
        cells = {key: self._cell(key, values) for key in self.columns}
        for key in REQUIRED:
            if key not in self.bad and cells.get(key) in (None, ""):
                self._add(key, "aftersales.import.required")
        if "number" in self.bad:
            return
        platform = cells.get("platform") or self.platform
        order_key = (platform, str(cells["number"]))
        order = self.orders.get(order_key)
        if order is None:
            values_ = {k: cells.get(k) for k in ORDER_KEYS}
            order = self.orders[order_key] = _Order(number, {**values_, "platform": platform})
            self._check_buyer(order)
        else:
            self._check_same(order, cells)
        if not self.bad & {"sku", "price", "quantity", "item_paid", "category"}:
            order.items.append(self._item(cells))
        self._remark(order, cells)

    def _cell(self, key: str, values: tuple[object, ...]) -> Any:
        position = self.columns[key].position
        value = values[position] if position < len(values) else None
        converter = self.converters.get(key, as_plain_text)
        try:
            converted = converter(value)
        except CellProblem as bad:
            self._add(key, bad.code, **bad.params)
            return None
        limit = _LIMITS.get(key)
        if limit and isinstance(converted, str) and len(converted) > limit:
            self._add(key, "aftersales.import.too_long", max=limit)
            return None
        return converted

    def _add(self, key: str, code: str, **params: object) -> None:
        header = self.columns[key].header if key in self.columns else HEADERS.get(key, ("",))[0]
        params = {"column": header, **params}
        self.bad.add(key)
        self.problems.append(SheetProblem(self.row, key, code, params))

    def _check_buyer(self, order: _Order) -> None:
        v = order.values
        if not (v.get("buyer_id") or v.get("receiver_phone") or v.get("receiver_name")):
            self._add("buyer_id", "aftersales.import.no_buyer")

    def _check_same(self, order: _Order, cells: dict[str, Any]) -> None:
        """The order's own columns must say the same on each of its lines."""
        for key in ORDER_KEYS:
            value, first = cells.get(key), order.values.get(key)
            given = key in self.columns and key != "platform" and value not in (None, "")
            if given and first not in (None, "") and first != value:
                self._add(key, "aftersales.import.differs", first_row=order.first_row)

    def _item(self, cells: dict[str, Any]) -> ItemInput:
        colour, size = colour_and_size(str(cells.get("attributes") or ""))
        return ItemInput(
            sku=str(cells["sku"]),
            title=str(cells.get("title") or ""),
            size=str(cells.get("size") or size),
            colour=str(cells.get("colour") or colour),
            price_fen=int(cells["price"]),
            quantity=int(cells["quantity"]),
            paid_fen=cells.get("item_paid"),
            category=cells.get("category") or Category.GENERAL,
        )

    def _remark(self, order: _Order, cells: dict[str, Any]) -> None:
        text = str(cells.get("remark") or "")
        if not text:
            return
        flag = cells.get("remark_flag")
        if flag is None:
            self._add("remark", "aftersales.import.flag_required")
            return
        remark = parse_remark(text, flag, default_year=self._year(order))
        if remark not in order.remarks:
            order.remarks.append(remark)

    def _year(self, order: _Order) -> int:
        paid = order.values.get("paid_at")
        return paid.year if isinstance(paid, datetime) else clock.now().astimezone(self.tz).year

    def _instant(self, value: object) -> datetime | None:
        return as_instant(value, self.tz)

    def result(self) -> tuple[OrderInput, ...]:
        if self.problems:
            return ()
        return tuple(_order_input(number, o) for (_, number), o in self.orders.items())


def _order_input(number: str, order: _Order) -> OrderInput:
    v = order.values
    return OrderInput(
        platform=v["platform"],
        number=number,
        paid_fen=v["paid"],
        buyer_id=v.get("buyer_id") or "",
        receiver_name=v.get("receiver_name") or "",
        receiver_phone=v.get("receiver_phone") or "",
        address=v.get("address") or "",
        status=v.get("status"),
        shipping_fee_fen=v.get("shipping_fee") or 0,
        carrier=v.get("carrier") or "",
        tracking_number=v.get("tracking_number") or "",
        paid_at=v.get("paid_at"),
        shipped_at=v.get("shipped_at"),
        signed_at=v.get("signed_at"),
        presale=bool(v.get("presale")),
        items=tuple(order.items),
        remarks=tuple(order.remarks),
    )
