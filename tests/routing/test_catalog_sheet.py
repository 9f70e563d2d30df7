"""The service-catalog Excel template and its parser (服务目录导入, seed 004)."""

from __future__ import annotations

import io
import string
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from kefu.core.i18n import CATALOG, LOCALES
from kefu.routing.catalog_sheet import (
    CatalogRow,
    SheetProblem,
    SheetResult,
    build_template,
    describe,
    parse_catalog_sheet,
)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "catalog"
HEADER = ("一级目录", "二级目录", "三级目录", "负责客服组", "启用", "说明")
HEADER_TW = ("一級目錄", "二級目錄", "三級目錄", "負責客服組", "啟用", "說明")
HEADER_EN = ("Level 1", "Level 2", "Level 3", "Responsible group", "Active", "Description")
GROUPS = ("售前组", "售后一组", "投诉处理组")


def workbook_bytes(*rows: tuple[object, ...], header: tuple[object, ...] | None = HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    if header is not None:
        sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def parse(*rows: tuple[object, ...], header: tuple[object, ...] | None = HEADER) -> SheetResult:
    return parse_catalog_sheet(workbook_bytes(*rows, header=header), GROUPS)


def messages(result: SheetResult, locale: str = "zh-CN") -> list[str]:
    return [describe(problem, locale) for problem in result.problems]


def open_template(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


# --- the template ---------------------------------------------------------------------------


def test_template_has_the_header_frozen_examples_and_a_sheet_of_instructions():
    book = open_template(build_template(GROUPS))

    assert book.sheetnames[:2] == ["服务目录", "填写说明"]
    sheet = book.worksheets[0]
    assert tuple(cell.value for cell in sheet[1]) == HEADER
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["F"].width > sheet.column_dimensions["E"].width
    examples = [tuple(row) for row in sheet.iter_rows(min_row=2, max_col=3, values_only=True)]
    assert 3 <= len(examples) <= 6
    assert ("售前咨询", "商品咨询", None) in examples
    assert ("售后", "退货", None) in examples
    assert ("售后", "退款", "仅退款") in examples
    assert ("投诉", None, None) in examples
    help_text = "\n".join(
        str(value) for row in book["填写说明"].iter_rows(values_only=True) for value in row if value
    )
    for column in HEADER:
        assert column in help_text
    assert "最多 100 个字符" in help_text
    assert "自动创建" in help_text


def test_template_offers_the_groups_and_yes_or_no_as_drop_downs():
    book = open_template(build_template(GROUPS))
    sheet = book.worksheets[0]

    validations = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert validations["E2:E5001"].formula1 == '"是,否"'
    group_list = validations["D2:D5001"]
    assert group_list.type == "list"
    listing = book["客服组"]
    assert listing.sheet_state == "hidden"
    assert group_list.formula1 == "'客服组'!$A$1:$A$3"
    assert [row[0] for row in listing.iter_rows(values_only=True)] == list(GROUPS)


def test_template_without_groups_has_no_group_drop_down():
    book = open_template(build_template())

    assert book.sheetnames == ["服务目录", "填写说明"]
    ranges = [str(v.sqref) for v in book.worksheets[0].data_validations.dataValidation]
    assert ranges == ["E2:E5001"]


def test_a_group_named_like_a_formula_is_written_as_text():
    book = open_template(build_template(["=1+1", "售后一组"]))

    cell = book["客服组"]["A1"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")


@pytest.mark.parametrize(
    ("locale", "header", "sheets"),
    [
        ("zh-CN", HEADER, ["服务目录", "填写说明"]),
        ("zh-TW", HEADER_TW, ["服務目錄", "填寫說明"]),
        ("en", HEADER_EN, ["Service catalog", "Instructions"]),
    ],
)
def test_template_speaks_the_locale_and_its_examples_import_cleanly(locale, header, sheets):
    data = build_template(GROUPS, locale=locale)
    book = open_template(data)

    assert book.sheetnames[:2] == sheets
    assert tuple(cell.value for cell in book.worksheets[0][1]) == header
    result = parse_catalog_sheet(data, GROUPS)
    assert result.problems == ()
    assert len(result.rows) == 5
    assert all(row.active and row.group is None for row in result.rows)


# --- round trip and the sample files --------------------------------------------------------


def test_rows_filled_into_the_downloaded_template_come_back():
    book = open_template(build_template(GROUPS))
    sheet = book.worksheets[0]
    sheet.delete_rows(2, sheet.max_row)
    sheet.append(("售后", "退货", None, "售后一组", "是", "七天无理由"))
    sheet.append(("售后", "退款", "仅退款", None, "否", None))
    sheet.append(("投诉", None, None, "投诉处理组", None, None))
    buffer = io.BytesIO()
    book.save(buffer)

    result = parse_catalog_sheet(buffer.getvalue(), GROUPS)

    assert result.ok
    assert result.rows == (
        CatalogRow(2, ("售后", "退货"), "售后一组", True, "七天无理由"),
        CatalogRow(3, ("售后", "退款", "仅退款"), None, False, ""),
        CatalogRow(4, ("投诉",), "投诉处理组", True, ""),
    )


def test_the_sample_file_an_admin_filled_in_parses_without_problems():
    result = parse_catalog_sheet((FIXTURES / "catalog_sample.xlsx").read_bytes(), GROUPS)

    assert result.problems == ()
    by_row = {row.row: row for row in result.rows}
    assert len(result.rows) == 13
    assert 10 not in by_row  # the empty row is skipped, and the numbers stay Excel's
    assert by_row[9] == CatalogRow(
        9, ("售后", "退款", "退货退款"), "售后一组", True, "已收到货,需要退回商品"
    )
    assert by_row[11].path == ("售后", "物流", "快递丢件")  # full-width spaces trimmed
    assert by_row[12].active is False
    assert by_row[13].active is True  # a 1 typed as a number
    assert by_row[15].path == ("会员", "2024", "年度权益")  # a number read as text


def test_the_sample_file_with_errors_reports_every_problem_in_chinese():
    result = parse_catalog_sheet((FIXTURES / "catalog_with_errors.xlsx").read_bytes(), GROUPS)

    assert messages(result) == [
        "第 3 行 C 列:上一级目录为空",
        "第 4 行 C 列:目录“售后 › 退款 › 仅退款”与第 2 行重复",
        "第 4 行 D 列:客服组“售后二组”不存在",
        "第 5 行 B 列:上一级目录为空",
        "第 6 行 A 列:一级目录不能为空",
        "第 7 行 B 列:名称中不能含有“/”:它是目录层级的分隔符",
        "第 8 行 B 列:名称过长:最多 100 个字符,现有 101 个",
        "第 9 行 B 列:名称中不能含有换行符或制表符",
        "第 10 行 E 列:“启用”只能填“是”或“否”,现为“可以”",
        "第 11 行 F 列:说明过长:最多 500 个字符,现有 501 个",
    ]
    assert [row.row for row in result.rows] == [2]


def test_problems_read_in_traditional_chinese_and_english():
    result = parse_catalog_sheet((FIXTURES / "catalog_with_errors.xlsx").read_bytes(), GROUPS)
    unknown_group = result.problems[2]

    assert describe(unknown_group, "zh-TW") == "第 4 列 D 欄:客服組「售后二组」不存在"
    assert describe(unknown_group, "en") == "Row 4, column D: There is no group “售后二组”"


# --- files that cannot be read --------------------------------------------------------------


def _zip(**members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"",
        "一级目录,二级目录\n售后,退货\n".encode(),
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504,  # an old .xls
        _zip(readme="not a workbook"),
        workbook_bytes(("售后", "退货"))[:600],  # cut short in the upload
    ],
    ids=["empty", "csv", "xls", "other-zip", "truncated"],
)
def test_a_file_that_is_not_an_xlsx_is_one_problem_at_row_zero(data):
    result = parse_catalog_sheet(data, GROUPS)

    assert result.rows == ()
    assert result.problems == (SheetProblem(0, "", "catalog_import.not_xlsx"),)
    assert "不是有效的 Excel(.xlsx)文件" in describe(result.problems[0])


def test_a_file_over_the_size_limit_is_refused_before_it_is_opened():
    result = parse_catalog_sheet(b"x" * 2048, GROUPS, max_bytes=1024)

    assert messages(result) == ["文件过大:上限为 1 KB"]


def test_a_zip_that_unpacks_far_beyond_the_limit_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "<" * (2 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 100 * 1024

    result = parse_catalog_sheet(data, GROUPS, max_bytes=100 * 1024)

    assert [p.code for p in result.problems] == ["catalog_import.too_large"]


def test_too_many_rows_is_one_problem_and_empty_rows_do_not_count():
    rows = [("售后", f"条目{n}") for n in range(4)]
    with_gaps = (rows[0], (None,), rows[1], (None,), rows[2])

    assert parse_catalog_sheet(workbook_bytes(*with_gaps), GROUPS, max_rows=3).ok
    result = parse_catalog_sheet(workbook_bytes(*rows), GROUPS, max_rows=3)
    assert result.rows == ()
    assert messages(result) == ["行数过多:一次最多导入 3 行,请分成几个文件导入"]


def test_an_empty_sheet_and_a_sheet_with_only_the_header_are_problems():
    assert messages(parse(header=None)) == ["表格是空的:请在下载的模板中填写服务目录后再导入"]
    assert messages(parse()) == ["表格中只有表头,没有服务目录条目"]


def test_only_the_first_sheet_is_read():
    book = load_workbook(io.BytesIO(workbook_bytes(("售后", "退货"))))
    book.create_sheet("草稿").append(("售后", None, "乱填"))
    buffer = io.BytesIO()
    book.save(buffer)

    result = parse_catalog_sheet(buffer.getvalue(), GROUPS)

    assert result.ok
    assert [row.path for row in result.rows] == [("售后", "退货")]


def test_a_sheet_from_another_tool_with_inline_strings_and_a_wrong_size_is_read_whole():
    def cell(ref: str, text: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'

    header = "".join(cell(f"{col}1", name) for col, name in zip("ABCDEF", HEADER, strict=True))
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<dimension ref="A1"/><sheetData>'
        f'<row r="1">{header}</row>'
        f'<row r="2">{cell("A2", "售后")}{cell("B2", "退货")}</row>'
        f'<row r="4">{cell("A4", "会员")}<c r="B4"><v>2024</v></c>{cell("E4", "否")}</row>'
        "</sheetData></worksheet>"
    )
    data = _zip(
        **{
            "[Content_Types].xml": (
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" '
                'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                "</Types>"
            ),
            "_rels/.rels": (
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Target="xl/workbook.xml" Type="http://schemas.'
                'openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
                "</Relationships>"
            ),
            "xl/workbook.xml": (
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<sheets><sheet name="导出" sheetId="1" r:id="rId1"/></sheets></workbook>'
            ),
            "xl/_rels/workbook.xml.rels": (
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="http://schemas.'
                'openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
                "</Relationships>"
            ),
            "xl/worksheets/sheet1.xml": sheet,
        }
    )

    result = parse_catalog_sheet(data, GROUPS)

    assert result.problems == ()
    assert result.rows == (
        CatalogRow(2, ("售后", "退货"), None, True, ""),
        CatalogRow(4, ("会员", "2024"), None, False, ""),
    )


# --- the header row -------------------------------------------------------------------------


@pytest.mark.parametrize("header", [HEADER_EN, HEADER_TW, ("LEVEL 1", "level2", "Level 3 ", "responsible group", "active", "DESCRIPTION")])  # fmt: skip
def test_the_header_may_be_in_english_or_traditional_chinese(header):
    result = parse(("售后", "退货", None, "售后一组", "是", None), header=header)

    assert result.problems == ()
    assert result.rows == (CatalogRow(2, ("售后", "退货"), "售后一组", True, ""),)


def test_columns_may_come_in_another_order_beside_columns_of_ones_own():
    header = ("备注", "负责客服组", "一级目录", "二级目录", "三级目录")
    result = parse(("自己看的", "售后一组", "售后", "退货"), ("只有备注",), header=header)

    assert result.problems == ()
    assert result.rows == (CatalogRow(2, ("售后", "退货"), "售后一组", True, ""),)


def test_active_and_description_columns_may_be_left_out():
    result = parse(("售后", "退货", None, None), header=HEADER[:4])

    assert result.rows == (CatalogRow(2, ("售后", "退货"), None, True, ""),)


def test_each_missing_column_of_the_header_is_reported():
    result = parse(("售后", None), header=("一级目录", "启用"))

    assert messages(result) == [
        "第 1 行:表头缺少“二级目录”列",
        "第 1 行:表头缺少“三级目录”列",
        "第 1 行:表头缺少“负责客服组”列",
    ]
    assert messages(result, "en")[0] == "Row 1: The header has no “Level 2” column"


def test_a_column_twice_in_the_header_is_reported_at_the_second():
    result = parse(("售后",), header=(*HEADER, "一级目录"))

    assert messages(result) == ["第 1 行 G 列:表头中“一级目录”出现了不止一次"]


def test_a_first_row_that_is_no_header_is_reported():
    result = parse(("售后", "退货"), header=("服务目录导入",))

    assert [p.code for p in result.problems] == ["catalog_import.no_header"]
    assert messages(result)[0].startswith("第 1 行:找不到表头")


# --- the rows -------------------------------------------------------------------------------


def test_whitespace_and_full_width_spaces_around_a_cell_are_trimmed():
    result = parse(("\u3000售后 ", "\t退货\u3000", " ", " 售后一组\u200b", " 否 ", "  七天  "))

    assert result.rows == (CatalogRow(2, ("售后", "退货"), "售后一组", False, "七天"),)


def test_numbers_in_cells_are_read_as_text():
    result = parse(("会员", 2024, 3.0, None, None, 12.5))

    assert result.rows == (CatalogRow(2, ("会员", "2024", "3"), None, True, "12.5"),)


def test_a_level_after_an_empty_level_is_reported_at_its_cell():
    result = parse(("售后", None, "补发"))

    assert result.rows == ()
    assert result.problems == (SheetProblem(2, "C", "catalog_import.parent_empty"),)
    assert messages(result) == ["第 2 行 C 列:上一级目录为空"]


def test_a_second_level_without_a_first_is_reported_at_the_second():
    assert messages(parse((None, "退货"))) == ["第 2 行 B 列:上一级目录为空"]


def test_a_row_with_no_level_at_all_is_reported_at_the_first_level():
    assert messages(parse((None, None, None, "售后一组"))) == ["第 2 行 A 列:一级目录不能为空"]


def test_a_name_of_100_characters_passes_and_one_of_101_does_not():
    assert parse(("售" * 100,)).ok
    result = parse(("售后", "退" * 101))

    assert result.problems == (
        SheetProblem(2, "B", "catalog_import.name_too_long", {"max": 100, "length": 101}),
    )


@pytest.mark.parametrize("separator", ["/", "›", ">", "»"])
def test_a_name_holding_a_path_separator_is_reported(separator):
    result = parse(("售后", f"退{separator}换"))

    assert result.problems == (
        SheetProblem(2, "B", "catalog_import.name_separator", {"char": separator}),
    )


def test_a_name_with_a_line_break_is_reported():
    assert messages(parse(("售后\n退货",))) == ["第 2 行 A 列:名称中不能含有换行符或制表符"]


def test_a_repeated_path_is_reported_with_the_row_it_repeats():
    result = parse(("售后", "退货"), ("投诉",), (" 售后", "退货 ", None, "售后一组"))

    assert result.problems == (
        SheetProblem(
            4, "B", "catalog_import.duplicate_path", {"path": "售后 › 退货", "first_row": 2}
        ),
    )
    assert [row.row for row in result.rows] == [2, 3]


def test_a_parent_written_after_its_child_is_no_repeat_and_is_not_added_twice():
    result = parse(("售后", "退货"), ("售后", "退款", "仅退款"), ("售后",))

    assert result.ok
    assert [row.path for row in result.rows] == [
        ("售后", "退货"),
        ("售后", "退款", "仅退款"),
        ("售后",),
    ]


def test_unknown_group_is_reported_at_its_row_and_column():
    result = parse(("售后", "退货"), ("售后", "退款", None, "售后二组"))

    assert result.problems == (
        SheetProblem(3, "D", "catalog_import.unknown_group", {"group": "售后二组"}),
    )
    assert messages(result) == ["第 3 行 D 列:客服组“售后二组”不存在"]


def test_an_empty_group_means_no_responsible_group():
    assert parse(("售后", "退货", None, "  ")).rows[0].group is None


@pytest.mark.parametrize(
    ("value", "active"),
    [
        ("是", True),
        ("否", False),
        ("Y", True),
        ("n", False),
        ("Yes", True),
        ("NO", False),
        ("true", True),
        ("FALSE", False),
        (1, True),
        (0, False),
        ("1", True),
        ("0", False),
        (True, True),
        (False, False),
        (None, True),
        ("", True),
    ],
)
def test_active_accepts_yes_and_no_in_many_spellings(value, active):
    assert parse(("售后", "退货", None, None, value)).rows[0].active is active


@pytest.mark.parametrize("value", ["可以", "停", 2, "yes please"])
def test_active_refuses_anything_else(value):
    result = parse(("售后", "退货", None, None, value))

    assert result.problems == (
        SheetProblem(2, "E", "catalog_import.active_invalid", {"value": str(value)}),
    )


def test_a_long_wrong_value_is_clipped_in_the_message():
    result = parse(("售后", "退货", None, "组" * 80))

    group = result.problems[0].params["group"]
    assert isinstance(group, str)
    assert len(group) == 50
    assert group.endswith("…")


def test_a_description_of_500_characters_passes_and_one_of_501_does_not():
    assert parse(("售后", None, None, None, None, "说" * 500)).ok
    assert messages(parse(("售后", None, None, None, None, "说" * 501))) == [
        "第 2 行 F 列:说明过长:最多 500 个字符,现有 501 个"
    ]


def test_every_problem_of_a_row_and_of_the_file_is_reported():
    result = parse(
        ("售后", None, "补发", "售后二组", "也许", "说" * 501),
        ("售后/退货", "x" * 101),
        ("投诉",),
    )

    assert [(p.row, p.column, p.code) for p in result.problems] == [
        (2, "C", "catalog_import.parent_empty"),
        (2, "D", "catalog_import.unknown_group"),
        (2, "E", "catalog_import.active_invalid"),
        (2, "F", "catalog_import.description_too_long"),
        (3, "A", "catalog_import.name_separator"),
        (3, "B", "catalog_import.name_too_long"),
    ]
    assert [row.path for row in result.rows] == [("投诉",)]


def test_a_file_level_problem_reads_without_a_place():
    problem = SheetProblem(0, "", "catalog_import.too_many_rows", {"max": 5000})

    assert describe(problem) == "行数过多:一次最多导入 5000 行,请分成几个文件导入"
    assert describe(problem, "en") == "Too many rows: at most 5000 rows at a time, split the file"


def test_every_text_of_the_import_has_three_locales_with_the_same_placeholders():
    formatter = string.Formatter()
    codes = [code for code in CATALOG if code.startswith("catalog_import.")]
    assert len(codes) > 40
    for code in codes:
        texts = CATALOG[code]
        assert set(texts) == set(LOCALES), code
        names = {
            frozenset(n for _, n, _, _ in formatter.parse(text) if n) for text in texts.values()
        }
        assert len(names) == 1, code


# --- speed ----------------------------------------------------------------------------------


def test_five_thousand_rows_parse_completely():
    rows = [
        (f"一级{n // 500}", f"二级{n // 50}", f"三级{n}", GROUPS[n % 3], "是", f"说明{n}")
        for n in range(5000)
    ]
    data = workbook_bytes(*rows)

    # How long it takes is a figure, not a test (about 0.35 s on the development machine).
    result = parse_catalog_sheet(data, GROUPS)

    assert result.problems == ()
    assert len(result.rows) == 5000
