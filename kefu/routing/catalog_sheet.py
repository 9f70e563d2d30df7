"""The service-catalog Excel sheet (服务目录导入, seed 004): the template an admin downloads and
fills in, and the parser that checks every row of the uploaded file.

Pure: bytes in, rows and problems out. The importer creates the missing parents of the rows, and
imports nothing from a file with problems, so the parser reports every problem it finds.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Final

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kefu.core.i18n import CATALOG, DEFAULT_LOCALE, LOCALES, human_size, translate
from kefu.routing.catalog_messages import TEMPLATE_EXAMPLES  # importing it registers the texts

MAX_NAME: Final = 100  # CatalogItem.name
MAX_DESCRIPTION: Final = 500
MAX_ROWS: Final = 5000
MAX_BYTES: Final = 5 * 1024 * 1024
# What the tickets context's canonical_path splits a path on: in a name, each would cut a level.
SEPARATORS: Final = ("/", "›", ">", "»")
PATH_SEPARATOR: Final = " › "
# A filled-in template inflates a few times when unzipped; far more means a zip bomb.
_MAX_INFLATION: Final = 10

LEVELS: Final = ("level1", "level2", "level3")
COLUMNS: Final = (*LEVELS, "group", "active", "description")
_REQUIRED: Final = (*LEVELS, "group")
_WIDTHS: Final = {"level1": 18, "level2": 18, "level3": 18, "group": 20, "active": 8}
_YES: Final = frozenset({"是", "y", "yes", "true", "1"})
_NO: Final = frozenset({"否", "n", "no", "false", "0"})
_EDGES = re.compile(r"^[\s\u200b-\u200d\u2060\ufeff]+|[\s\u200b-\u200d\u2060\ufeff]+$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_HEADER_NOISE = re.compile(r"[\s*＊]+")
_CLIP: Final = 50


@dataclass(frozen=True)
class CatalogRow:
    """One catalog item as written in the file: ``path`` holds one to three names."""

    row: int
    path: tuple[str, ...]
    group: str | None
    active: bool
    description: str


@dataclass(frozen=True)
class SheetProblem:
    """A problem at a cell (``row`` as Excel numbers rows, ``column`` a letter such as "D").

    Problems with the whole file have row 0 and an empty column; problems with a whole row an
    empty column. ``code`` is an i18n code and ``params`` its parameters, except that a
    ``column`` parameter is a column key ("level2") which ``describe`` shows as its header.
    """

    row: int
    column: str
    code: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class SheetResult:
    """The rows without problems, in file order, and every problem found."""

    rows: tuple[CatalogRow, ...]
    problems: tuple[SheetProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def describe(problem: SheetProblem, locale: str = DEFAULT_LOCALE) -> str:
    """``第 4 行 D 列:客服组“售后二组”不存在`` in the reader's language."""
    params = dict(problem.params)
    if "column" in params:
        params["column"] = _header(str(params["column"]), locale)
    message = translate(problem.code, locale, **params)
    if problem.row <= 0:
        return message
    where = {"row": problem.row, "message": message}
    if problem.column:
        return translate("catalog_import.at_cell", locale, column=problem.column, **where)
    return translate("catalog_import.at_row", locale, **where)


# --- the template ---------------------------------------------------------------------------


def build_template(groups: Sequence[str] = (), locale: str = DEFAULT_LOCALE) -> bytes:
    """The .xlsx offered for download: the catalog sheet with examples, then its instructions.

    ``groups`` (the existing group names) become the drop-down of the group column.
    """
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = translate("catalog_import.sheet.catalog", locale)
    _write_catalog_sheet(sheet, locale)
    _write_help_sheet(book.create_sheet(translate("catalog_import.sheet.help", locale)), locale)
    if groups:
        _add_group_list(book, sheet, groups, locale)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write_catalog_sheet(sheet: Worksheet, locale: str) -> None:
    for position, key in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=position, value=_header(key, locale))
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center")
        sheet.column_dimensions[get_column_letter(position)].width = _WIDTHS.get(key, 48)
    sheet.freeze_panes = "A2"
    yes = translate("catalog_import.yes", locale)
    examples = TEMPLATE_EXAMPLES.get(locale, TEMPLATE_EXAMPLES[DEFAULT_LOCALE])
    for number, (one, two, three, note) in enumerate(examples, start=2):
        for position, value in enumerate((one, two, three, "", yes, note), start=1):
            if value:
                _put_text(sheet, number, position, value)
    active = DataValidation(
        type="list",
        formula1=f'"{yes},{translate("catalog_import.no", locale)}"',
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        prompt=translate("catalog_import.prompt.active", locale),
    )
    active.add(_column_range("active"))
    sheet.add_data_validation(active)


def _add_group_list(book: Workbook, sheet: Worksheet, groups: Sequence[str], locale: str) -> None:
    # A list on a hidden sheet, not an inline list: Excel caps those at 255 characters and
    # splits them on commas, which a group's name may hold.
    listing = book.create_sheet(translate("catalog_import.sheet.groups", locale))
    listing.sheet_state = "hidden"
    for number, name in enumerate(groups, start=1):
        _put_text(listing, number, 1, name)
    title = listing.title.replace("'", "''")
    validation = DataValidation(
        type="list",
        formula1=f"'{title}'!$A$1:$A${len(groups)}",
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        prompt=translate("catalog_import.prompt.group", locale),
        error=translate("catalog_import.prompt.group_error", locale),
    )
    validation.add(_column_range("group"))
    sheet.add_data_validation(validation)


def _write_help_sheet(sheet: Worksheet, locale: str) -> None:
    def text(code: str) -> str:
        return translate(code, locale, max=MAX_NAME, max_rows=MAX_ROWS)

    bold = Font(bold=True)
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 100
    sheet.cell(row=1, column=1, value=text("catalog_import.help.title")).font = Font(
        bold=True, size=14
    )
    sheet.cell(row=3, column=1, value=text("catalog_import.help.column")).font = bold
    sheet.cell(row=3, column=2, value=text("catalog_import.help.explanation")).font = bold
    row = 4
    for key in COLUMNS:
        sheet.cell(row=row, column=1, value=_header(key, locale))
        limit = MAX_DESCRIPTION if key == "description" else MAX_NAME
        explanation = translate(f"catalog_import.help.{key}", locale, max=limit)
        sheet.cell(row=row, column=2, value=explanation).alignment = Alignment(wrap_text=True)
        row += 1
    sheet.cell(row=row + 1, column=1, value=text("catalog_import.help.notes")).font = bold
    notes = ("row", "parents", "unique", "all_or_nothing", "layout", "examples")
    for offset, note in enumerate(notes, start=row + 2):
        sheet.cell(row=offset, column=1, value=f"{offset - row - 1}.")
        cell = sheet.cell(row=offset, column=2, value=text(f"catalog_import.help.note_{note}"))
        cell.alignment = Alignment(wrap_text=True)


def _put_text(sheet: Worksheet, row: int, column: int, value: str) -> None:
    cell = sheet.cell(row=row, column=column, value=value)
    if value.startswith("="):
        cell.data_type = "s"  # a name, never a formula


def _column_range(key: str) -> str:
    letter = get_column_letter(COLUMNS.index(key) + 1)
    return f"{letter}2:{letter}{MAX_ROWS + 1}"


def _header(key: str, locale: str) -> str:
    return translate(f"catalog_import.column.{key}", locale)


# --- the parser -----------------------------------------------------------------------------


def _normal_header(text: str) -> str:
    return _HEADER_NOISE.sub("", text).casefold()


# The header row may be in any shipped language, whatever the importer's own.
_HEADERS: Final = {
    _normal_header(CATALOG[f"catalog_import.column.{key}"][locale]): key
    for key in COLUMNS
    for locale in LOCALES
}


class _FileProblem(Exception):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def parse_catalog_sheet(
    data: bytes,
    known_groups: Collection[str],
    *,
    max_rows: int = MAX_ROWS,
    max_bytes: int = MAX_BYTES,
) -> SheetResult:
    """Read the first sheet of an uploaded .xlsx and check every row.

    A file that cannot be read, is over ``max_bytes`` or has over ``max_rows`` filled rows is one
    problem at row 0. The first filled row is the header, in any shipped language; the levels and
    the group column are required, the others optional, columns of one's own ignored. Empty rows
    are skipped; cells are trimmed (full-width spaces too) and numbers read as text. A level may
    be empty only once the path has ended; a name has at most ``MAX_NAME`` characters and none of
    ``SEPARATORS``; a path appears once; a group must be known; 启用 is yes or no (empty: yes).
    Parents implied by deeper rows are not returned: the importer creates them.
    """
    try:
        rows = _read_rows(data, max_rows, max_bytes)
    except _FileProblem as problem:
        return SheetResult((), (SheetProblem(0, "", problem.code, problem.params),))
    if not rows:
        return SheetResult((), (SheetProblem(0, "", "catalog_import.empty"),))
    (header_row, header_values), *body = rows
    columns, problems = _read_header(header_row, header_values)
    if problems:
        return SheetResult((), tuple(problems))
    checker = _RowChecker(columns, known_groups)
    parsed = [row for number, values in body if (row := checker.check(number, values))]
    if not parsed and not checker.problems:
        return SheetResult((), (SheetProblem(0, "", "catalog_import.no_rows"),))
    return SheetResult(tuple(parsed), tuple(checker.problems))


def _read_rows(data: bytes, max_rows: int, max_bytes: int) -> list[tuple[int, tuple[object, ...]]]:
    """The non-empty rows of the first sheet, each with its number as Excel shows it."""
    if len(data) > max_bytes:
        raise _FileProblem("catalog_import.too_large", limit=human_size(max_bytes))
    _check_archive(data, max_bytes)
    with warnings.catch_warnings():
        # openpyxl warns about Excel features it drops on reading; none matters here.
        warnings.simplefilter("ignore")
        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # a damaged upload fails in many ways inside openpyxl
            raise _FileProblem("catalog_import.not_xlsx") from exc
        try:
            return _sheet_rows(book, max_rows)
        except _FileProblem:
            raise
        except Exception as exc:
            raise _FileProblem("catalog_import.not_xlsx") from exc
        finally:
            book.close()


def _check_archive(data: bytes, max_bytes: int) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _FileProblem("catalog_import.not_xlsx") from exc
    if inflated > max_bytes * _MAX_INFLATION:
        raise _FileProblem("catalog_import.too_large", limit=human_size(max_bytes))


def _sheet_rows(book: Workbook, max_rows: int) -> list[tuple[int, tuple[object, ...]]]:
    if not book.worksheets:
        return []
    sheet = book.worksheets[0]
    if isinstance(sheet, ReadOnlyWorksheet):
        sheet.reset_dimensions()  # some writers record a wrong size: read the rows that are there
    rows: list[tuple[int, tuple[object, ...]]] = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if any(_text(value) for value in values):
            rows.append((number, tuple(values)))
            if len(rows) > max_rows + 1:  # the header is not a row of the catalog
                raise _FileProblem("catalog_import.too_many_rows", max=max_rows)
    return rows


def _read_header(
    number: int, values: tuple[object, ...]
) -> tuple[dict[str, int], list[SheetProblem]]:
    """Column key → position; columns with other headers are the user's own and are ignored."""
    columns: dict[str, int] = {}
    problems: list[SheetProblem] = []
    for position, value in enumerate(values):
        key = _HEADERS.get(_normal_header(_text(value)))
        if key is None:
            continue
        if key in columns:
            letter = get_column_letter(position + 1)
            problems.append(
                SheetProblem(number, letter, "catalog_import.header_duplicate", {"column": key})
            )
        else:
            columns[key] = position
    if not columns:
        return columns, [SheetProblem(number, "", "catalog_import.no_header")]
    problems.extend(
        SheetProblem(number, "", "catalog_import.header_missing", {"column": key})
        for key in _REQUIRED
        if key not in columns
    )
    return columns, problems


class _RowChecker:
    """Checks the rows one by one, remembering the paths seen so far."""

    def __init__(self, columns: dict[str, int], known_groups: Collection[str]) -> None:
        self.columns = columns
        self.letters = {key: get_column_letter(position + 1) for key, position in columns.items()}
        self.groups = frozenset(known_groups)
        self.seen: dict[tuple[str, ...], int] = {}
        self.number = 0
        self.problems: list[SheetProblem] = []

    def check(self, number: int, values: tuple[object, ...]) -> CatalogRow | None:
        """The row, or None when it is blank or has problems (added to ``self.problems``)."""
        cells = {key: values[at] if at < len(values) else None for key, at in self.columns.items()}
        texts = {key: _text(value) for key, value in cells.items()}
        if not any(texts.values()):
            return None
        self.number, before = number, len(self.problems)
        path = self._path(texts)
        group = self._group(texts["group"])
        active = self._active(cells.get("active"), texts.get("active", ""))
        description = texts.get("description", "")
        if len(description) > MAX_DESCRIPTION:
            size = {"max": MAX_DESCRIPTION, "length": len(description)}
            self._add("description", "catalog_import.description_too_long", **size)
        if len(self.problems) > before:
            return None
        return CatalogRow(number, path, group, active, description)

    def _path(self, texts: dict[str, str]) -> tuple[str, ...]:
        before = len(self.problems)
        names: list[str] = []
        for depth, key in enumerate(LEVELS):
            name = texts[key]
            if not name:
                continue
            if len(names) < depth:
                self._add(key, "catalog_import.parent_empty")
                return ()
            self._check_name(key, name)
            names.append(name)
        if not names:
            self._add("level1", "catalog_import.level1_empty")
        if not names or len(self.problems) > before:
            return ()
        path = tuple(names)
        first = self.seen.setdefault(path, self.number)
        if first != self.number:
            where = {"path": PATH_SEPARATOR.join(path), "first_row": first}
            self._add(LEVELS[len(path) - 1], "catalog_import.duplicate_path", **where)
        return path

    def _check_name(self, key: str, name: str) -> None:
        if len(name) > MAX_NAME:
            self._add(key, "catalog_import.name_too_long", max=MAX_NAME, length=len(name))
        separator = next((char for char in SEPARATORS if char in name), None)
        if separator is not None:
            self._add(key, "catalog_import.name_separator", char=separator)
        if _CONTROL.search(name):
            self._add(key, "catalog_import.name_control")

    def _group(self, text: str) -> str | None:
        if text and text not in self.groups:
            self._add("group", "catalog_import.unknown_group", group=_clip(text))
        return text or None

    def _active(self, value: object, text: str) -> bool:
        if isinstance(value, bool):  # a TRUE/FALSE cell
            return value
        lowered = text.casefold()
        if lowered in _NO:
            return False
        if lowered and lowered not in _YES:
            self._add("active", "catalog_import.active_invalid", value=_clip(text))
        return True

    def _add(self, key: str, code: str, **params: object) -> None:
        self.problems.append(SheetProblem(self.number, self.letters[key], code, params))


def _text(value: object) -> str:
    """A cell as trimmed text: numbers without a needless ".0", full-width spaces trimmed too."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _EDGES.sub("", str(value))


def _clip(text: str) -> str:
    return text if len(text) <= _CLIP else text[: _CLIP - 1] + "…"
