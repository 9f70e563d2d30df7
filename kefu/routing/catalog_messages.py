# A sentence stays on one line for translators, as in the contexts' messages.py files.
"""Texts of the service-catalog Excel import (服务目录导入): the template's headers,
instructions and example rows, and every problem the parser reports (zh-CN first; zh-TW and en
too)."""

from typing import Final

from kefu.core.i18n import register

register(
    {
        "routing.catalog_sheet_invalid": {
            "zh-CN": "服务目录文件有 {count} 处问题(见各行各列),未导入任何条目",
            "zh-TW": "服務目錄檔案有 {count} 處問題(見各列各欄),未匯入任何條目",
            "en": "The catalog file has {count} problem(s) (see each row and column); nothing was imported",
        },
        # Column headers: the template writes them in one locale; the parser accepts all three.
        "catalog_import.column.level1": {"zh-CN": "一级目录", "zh-TW": "一級目錄", "en": "Level 1"},
        "catalog_import.column.level2": {"zh-CN": "二级目录", "zh-TW": "二級目錄", "en": "Level 2"},
        "catalog_import.column.level3": {"zh-CN": "三级目录", "zh-TW": "三級目錄", "en": "Level 3"},
        "catalog_import.column.group": {
            "zh-CN": "负责客服组",
            "zh-TW": "負責客服組",
            "en": "Responsible group",
        },
        "catalog_import.column.active": {"zh-CN": "启用", "zh-TW": "啟用", "en": "Active"},
        "catalog_import.column.description": {
            "zh-CN": "说明",
            "zh-TW": "說明",
            "en": "Description",
        },
        # Template
        "catalog_import.sheet.catalog": {
            "zh-CN": "服务目录",
            "zh-TW": "服務目錄",
            "en": "Service catalog",
        },
        "catalog_import.sheet.help": {
            "zh-CN": "填写说明",
            "zh-TW": "填寫說明",
            "en": "Instructions",
        },
        "catalog_import.sheet.groups": {"zh-CN": "客服组", "zh-TW": "客服組", "en": "Groups"},
        "catalog_import.yes": {"zh-CN": "是", "zh-TW": "是", "en": "Yes"},
        "catalog_import.no": {"zh-CN": "否", "zh-TW": "否", "en": "No"},
        "catalog_import.prompt.group": {
            "zh-CN": "从列表中选择负责的客服组;留空则按服务台的默认规则投递",
            "zh-TW": "從清單中選擇負責的客服組;留空則按服務台的預設規則投遞",
            "en": "Pick the responsible group from the list; leave empty for the desk's default delivery",
        },
        "catalog_import.prompt.group_error": {
            "zh-CN": "请从列表中选择已有的客服组",
            "zh-TW": "請從清單中選擇已有的客服組",
            "en": "Pick an existing group from the list",
        },
        "catalog_import.prompt.active": {
            "zh-CN": "填“是”或“否”,留空视为“是”",
            "zh-TW": "填「是」或「否」,留空視為「是」",
            "en": "Yes or No; empty means Yes",
        },
        "catalog_import.help.title": {
            "zh-CN": "服务目录导入说明",
            "zh-TW": "服務目錄匯入說明",
            "en": "How to fill in the service catalog",
        },
        "catalog_import.help.column": {"zh-CN": "列", "zh-TW": "欄", "en": "Column"},
        "catalog_import.help.explanation": {
            "zh-CN": "填写说明",
            "zh-TW": "填寫說明",
            "en": "What to enter",
        },
        "catalog_import.help.level1": {
            "zh-CN": "必填。服务目录的第一级,例如“售后”。最多 {max} 个字符,不能含有分隔符 / › > »。",
            "zh-TW": "必填。服務目錄的第一級,例如「售後」。最多 {max} 個字元,不能含有分隔符 / › > »。",
            "en": "Required. The first level of the catalog, e.g. 售后 (after-sales). At most {max} characters, without the separators / › > ».",
        },
        "catalog_import.help.level2": {
            "zh-CN": "选填。第二级,例如“退货”。填写二级前必须先填写一级。",
            "zh-TW": "選填。第二級,例如「退貨」。填寫二級前必須先填寫一級。",
            "en": "Optional. The second level, e.g. 退货 (returns). Needs a first level.",
        },
        "catalog_import.help.level3": {
            "zh-CN": "选填。第三级,例如“仅退款”。填写三级前必须先填写一级和二级。",
            "zh-TW": "選填。第三級,例如「僅退款」。填寫三級前必須先填寫一級和二級。",
            "en": "Optional. The third level, e.g. 仅退款 (refund only). Needs a first and a second level.",
        },
        "catalog_import.help.group": {
            "zh-CN": "选填。负责该条目的客服组(责任关系):这类服务请求优先投递给该组。必须是系统中已有的客服组,可从下拉列表中选择;留空则按服务台的默认规则投递。",
            "zh-TW": "選填。負責該條目的客服組(責任關係):這類服務請求優先投遞給該組。必須是系統中已有的客服組,可從下拉清單中選擇;留空則按服務台的預設規則投遞。",
            "en": "Optional. The group responsible for the item: its requests go to that group first. It must be an existing group (pick it from the list); empty means the desk's default delivery.",
        },
        "catalog_import.help.active": {
            "zh-CN": "选填。填“是”或“否”,留空视为“是”;也可以填 Y/N、yes/no、true/false、1/0。停用的条目不能再被选用。",
            "zh-TW": "選填。填「是」或「否」,留空視為「是」;也可以填 Y/N、yes/no、true/false、1/0。停用的條目不能再被選用。",
            "en": "Optional. Yes or No, empty means Yes; Y/N, true/false, 1/0 and 是/否 work too. An inactive item can no longer be chosen.",
        },
        "catalog_import.help.description": {
            "zh-CN": "选填。条目的说明,最多 {max} 个字符。",
            "zh-TW": "選填。條目的說明,最多 {max} 個字元。",
            "en": "Optional. A note on the item, at most {max} characters.",
        },
        "catalog_import.help.notes": {"zh-CN": "注意事项", "zh-TW": "注意事項", "en": "Notes"},
        "catalog_import.help.note_row": {
            "zh-CN": "每行一个服务条目:只填到二级即表示二级条目,例如 售后 | 退货。",
            "zh-TW": "每列一個服務條目:只填到二級即表示二級條目,例如 售後 | 退貨。",
            "en": "One catalog item a row: a row filled up to the second level is a second-level item, e.g. 售后 | 退货.",
        },
        "catalog_import.help.note_parents": {
            "zh-CN": "上级目录不必单独成行:导入“售后 › 退货”时,如果“售后”还不存在会自动创建。",
            "zh-TW": "上級目錄不必單獨成列:匯入「售後 › 退貨」時,如果「售後」還不存在會自動建立。",
            "en": "Parents need no row of their own: importing 售后 › 退货 creates 售后 when it does not exist yet.",
        },
        "catalog_import.help.note_unique": {
            "zh-CN": "同一个目录在文件中只能出现一次。",
            "zh-TW": "同一個目錄在檔案中只能出現一次。",
            "en": "Each item may appear only once in the file.",
        },
        "catalog_import.help.note_all_or_nothing": {
            "zh-CN": "文件中只要有一处错误就不会导入任何内容;请按提示修改后重新导入。",
            "zh-TW": "檔案中只要有一處錯誤就不會匯入任何內容;請按提示修改後重新匯入。",
            "en": "A file with any problem imports nothing: fix what is reported and import it again.",
        },
        "catalog_import.help.note_layout": {
            "zh-CN": "请保留第一行表头,不要修改表头文字;空行会被忽略;最多 {max_rows} 行。只读取第一个工作表。",
            "zh-TW": "請保留第一列表頭,不要修改表頭文字;空白列會被忽略;最多 {max_rows} 列。只讀取第一個工作表。",
            "en": "Keep the header row as it is; empty rows are skipped; at most {max_rows} rows. Only the first sheet is read.",
        },
        "catalog_import.help.note_examples": {
            "zh-CN": "模板中的示例行可以修改或删除;保留的示例行会一并导入。",
            "zh-TW": "範本中的範例列可以修改或刪除;保留的範例列會一併匯入。",
            "en": "The example rows may be edited or deleted; example rows left in place are imported too.",
        },
        # Where a problem is
        "catalog_import.at_cell": {
            "zh-CN": "第 {row} 行 {column} 列:{message}",
            "zh-TW": "第 {row} 列 {column} 欄:{message}",
            "en": "Row {row}, column {column}: {message}",
        },
        "catalog_import.at_row": {
            "zh-CN": "第 {row} 行:{message}",
            "zh-TW": "第 {row} 列:{message}",
            "en": "Row {row}: {message}",
        },
        # Problems with the whole file
        "catalog_import.not_xlsx": {
            "zh-CN": "无法读取该文件:它不是有效的 Excel(.xlsx)文件。请使用下载的模板填写,并另存为 .xlsx 格式",
            "zh-TW": "無法讀取該檔案:它不是有效的 Excel(.xlsx)檔案。請使用下載的範本填寫,並另存為 .xlsx 格式",
            "en": "This file cannot be read: it is not a valid Excel (.xlsx) file. Fill in the downloaded template and save it as .xlsx",
        },
        "catalog_import.too_large": {
            "zh-CN": "文件过大:上限为 {limit}",
            "zh-TW": "檔案過大:上限為 {limit}",
            "en": "File too large: the limit is {limit}",
        },
        "catalog_import.too_many_rows": {
            "zh-CN": "行数过多:一次最多导入 {max} 行,请分成几个文件导入",
            "zh-TW": "列數過多:一次最多匯入 {max} 列,請分成幾個檔案匯入",
            "en": "Too many rows: at most {max} rows at a time, split the file",
        },
        "catalog_import.empty": {
            "zh-CN": "表格是空的:请在下载的模板中填写服务目录后再导入",
            "zh-TW": "表格是空的:請在下載的範本中填寫服務目錄後再匯入",
            "en": "The sheet is empty: fill in the downloaded template, then import it",
        },
        "catalog_import.no_rows": {
            "zh-CN": "表格中只有表头,没有服务目录条目",
            "zh-TW": "表格中只有表頭,沒有服務目錄條目",
            "en": "The sheet has a header but no catalog items",
        },
        # Problems with the header row
        "catalog_import.no_header": {
            "zh-CN": "找不到表头:第一行应为 一级目录、二级目录、三级目录、负责客服组、启用、说明,请使用下载的模板",
            "zh-TW": "找不到表頭:第一列應為 一級目錄、二級目錄、三級目錄、負責客服組、啟用、說明,請使用下載的範本",
            "en": "No header row: the first row should read Level 1, Level 2, Level 3, Responsible group, Active, Description; use the downloaded template",
        },
        "catalog_import.header_missing": {
            "zh-CN": "表头缺少“{column}”列",
            "zh-TW": "表頭缺少「{column}」欄",
            "en": "The header has no “{column}” column",
        },
        "catalog_import.header_duplicate": {
            "zh-CN": "表头中“{column}”出现了不止一次",
            "zh-TW": "表頭中「{column}」出現了不只一次",
            "en": "The header has more than one “{column}” column",
        },
        # Problems with one cell
        "catalog_import.level1_empty": {
            "zh-CN": "一级目录不能为空",
            "zh-TW": "一級目錄不能為空",
            "en": "Level 1 is empty",
        },
        "catalog_import.parent_empty": {
            "zh-CN": "上一级目录为空",
            "zh-TW": "上一級目錄為空",
            "en": "The level above is empty",
        },
        "catalog_import.name_too_long": {
            "zh-CN": "名称过长:最多 {max} 个字符,现有 {length} 个",
            "zh-TW": "名稱過長:最多 {max} 個字元,現有 {length} 個",
            "en": "Name too long: at most {max} characters, this one has {length}",
        },
        "catalog_import.name_separator": {
            "zh-CN": "名称中不能含有“{char}”:它是目录层级的分隔符",
            "zh-TW": "名稱中不能含有「{char}」:它是目錄層級的分隔符",
            "en": "A name cannot contain “{char}”: it separates the levels of a path",
        },
        "catalog_import.name_control": {
            "zh-CN": "名称中不能含有换行符或制表符",
            "zh-TW": "名稱中不能含有換行符號或定位字元",
            "en": "A name cannot contain line breaks or tabs",
        },
        "catalog_import.duplicate_path": {
            "zh-CN": "目录“{path}”与第 {first_row} 行重复",
            "zh-TW": "目錄「{path}」與第 {first_row} 列重複",
            "en": "“{path}” repeats row {first_row}",
        },
        "catalog_import.unknown_group": {
            "zh-CN": "客服组“{group}”不存在",
            "zh-TW": "客服組「{group}」不存在",
            "en": "There is no group “{group}”",
        },
        "catalog_import.active_invalid": {
            "zh-CN": "“启用”只能填“是”或“否”,现为“{value}”",
            "zh-TW": "「啟用」只能填「是」或「否」,現為「{value}」",
            "en": "Active must be Yes or No, not “{value}”",
        },
        "catalog_import.description_too_long": {
            "zh-CN": "说明过长:最多 {max} 个字符,现有 {length} 个",
            "zh-TW": "說明過長:最多 {max} 個字元,現有 {length} 個",
            "en": "Description too long: at most {max} characters, this one has {length}",
        },
    }
)

# Sample rows from the handbooks (level 1, level 2, level 3, description). Their group stays
# empty: an example left in the file must not send requests to a group nobody chose.
TEMPLATE_EXAMPLES: Final = {
    "zh-CN": (
        ("售前咨询", "商品咨询", "", "商品规格、库存、发货时间等咨询"),
        ("售后", "退货", "", "七天无理由退货:商品完好、不影响二次销售"),
        ("售后", "退款", "仅退款", "未发货或未收到货时申请退款"),
        ("售后", "换货", "", "尺码、颜色不合适或商品有质量问题时换货"),
        ("投诉", "", "", "对商品、物流或服务态度的投诉"),
    ),
    "zh-TW": (
        ("售前諮詢", "商品諮詢", "", "商品規格、庫存、發貨時間等諮詢"),
        ("售後", "退貨", "", "七天無理由退貨:商品完好、不影響二次銷售"),
        ("售後", "退款", "僅退款", "未發貨或未收到貨時申請退款"),
        ("售後", "換貨", "", "尺碼、顏色不合適或商品有品質問題時換貨"),
        ("投訴", "", "", "對商品、物流或服務態度的投訴"),
    ),
    "en": (
        ("Pre-sales", "Product question", "", "Sizes, stock, shipping times"),
        ("After-sales", "Return", "", "7-day no-reason return: goods intact and resellable"),
        ("After-sales", "Refund", "Refund only", "Not shipped yet, or never received"),
        ("After-sales", "Exchange", "", "Wrong size or colour, or a faulty item"),
        ("Complaint", "", "", "About goods, delivery or service"),
    ),
}
