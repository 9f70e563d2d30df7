# A sentence stays on one line for translators, as in the contexts' messages.py files.
"""Texts of the admin page module ``catalog`` (zh-CN first; zh-TW and en too)."""

from kefu.core.i18n import register

register(
    {
        "admin.catalog.tree": {"zh-CN": "目录树", "zh-TW": "目錄樹", "en": "Catalog tree"},
        "admin.catalog.empty": {
            "zh-CN": "服务目录为空",
            "zh-TW": "服務目錄為空",
            "en": "The catalog is empty",
        },
        "admin.catalog.path": {"zh-CN": "路径", "zh-TW": "路徑", "en": "Path"},
        "admin.catalog.add": {"zh-CN": "新增条目", "zh-TW": "新增條目", "en": "Add an item"},
        "admin.catalog.path_hint": {
            "zh-CN": "用 / 或 › 分隔层级,如:售后/退货;缺少的上级会一并创建",
            "zh-TW": "用 / 或 › 分隔層級,如:售後/退貨;缺少的上級會一併建立",
            "en": "Levels separated by / or ›, e.g. After-sales/Returns; missing parents are created",
        },
        "admin.catalog.rename": {"zh-CN": "改名", "zh-TW": "改名", "en": "Rename"},
        "admin.catalog.move": {"zh-CN": "移动到", "zh-TW": "移動到", "en": "Move under"},
        "admin.catalog.top": {"zh-CN": "(顶层)", "zh-TW": "(頂層)", "en": "(top level)"},
        "admin.catalog.responsible": {
            "zh-CN": "负责客服组",
            "zh-TW": "負責客服組",
            "en": "Responsible group",
        },
        "admin.catalog.deactivate": {"zh-CN": "停用", "zh-TW": "停用", "en": "Deactivate"},
        "admin.catalog.reactivate": {"zh-CN": "启用", "zh-TW": "啟用", "en": "Reactivate"},
        "admin.catalog.inactive": {"zh-CN": "已停用", "zh-TW": "已停用", "en": "inactive"},
        "admin.catalog.edit_item": {
            "zh-CN": "编辑 {path}",
            "zh-TW": "編輯 {path}",
            "en": "Edit {path}",
        },
        "admin.catalog.import": {
            "zh-CN": "Excel 导入",
            "zh-TW": "Excel 匯入",
            "en": "Excel import",
        },
        "admin.catalog.template": {
            "zh-CN": "下载模板(服务目录.xlsx)",
            "zh-TW": "下載範本(服務目錄.xlsx)",
            "en": "Download the template (xlsx)",
        },
        "admin.catalog.file": {
            "zh-CN": "填好的文件",
            "zh-TW": "填好的檔案",
            "en": "Filled-in file",
        },
        "admin.catalog.import_button": {"zh-CN": "导入", "zh-TW": "匯入", "en": "Import"},
        "admin.catalog.import_steps": {
            "zh-CN": "下载模板 → 按说明填写 → 上传导入。文件有任何问题时不会导入任何条目,下方会列出每一处问题。",
            "zh-TW": "下載範本 → 按說明填寫 → 上傳匯入。檔案有任何問題時不會匯入任何條目,下方會列出每一處問題。",
            "en": "Download the template, fill it in, upload it. A file with any problem imports nothing; each problem is listed.",
        },
        "admin.catalog.problems": {
            "zh-CN": "文件中的问题",
            "zh-TW": "檔案中的問題",
            "en": "Problems in the file",
        },
        "admin.catalog.bad_name": {
            "zh-CN": "名称不能包含 {marks}",
            "zh-TW": "名稱不能包含 {marks}",
            "en": "A name cannot contain {marks}",
        },
        "admin.catalog.taken": {
            "zh-CN": "已有同名条目",
            "zh-TW": "已有同名條目",
            "en": "An item with this path exists",
        },
        "admin.catalog.bad_parent": {
            "zh-CN": "不能移到这里(条目自身、其下级或已停用的条目)",
            "zh-TW": "不能移到這裡(條目自身、其下級或已停用的條目)",
            "en": "Cannot move there (the item itself, one below it, or an inactive item)",
        },
        "admin.catalog.parent_inactive": {
            "zh-CN": "上级「{parent}」已停用,请先启用上级",
            "zh-TW": "上級「{parent}」已停用,請先啟用上級",
            "en": "The parent “{parent}” is inactive: reactivate it first",
        },
        "admin.done.item_added": {"zh-CN": "条目已新增", "zh-TW": "條目已新增", "en": "Item added"},
        "admin.done.imported": {
            "zh-CN": "服务目录已导入",
            "zh-TW": "服務目錄已匯入",
            "en": "Catalog imported",
        },
    }
)
