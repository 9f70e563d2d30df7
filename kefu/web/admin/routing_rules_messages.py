# A sentence stays on one line for translators, as in the contexts' messages.py files.
"""Texts of the admin page module ``routing_rules`` (zh-CN first; zh-TW and en too)."""

from kefu.core.i18n import register

register(
    {
        "admin.rule.list": {
            "zh-CN": "规则(自上而下执行)",
            "zh-TW": "規則(由上而下執行)",
            "en": "Rules (run top to bottom)",
        },
        "admin.rule.empty": {
            "zh-CN": "还没有路由规则",
            "zh-TW": "還沒有路由規則",
            "en": "No routing rule yet",
        },
        "admin.rule.new": {"zh-CN": "新建规则", "zh-TW": "新建規則", "en": "New rule"},
        "admin.rule.edit": {"zh-CN": "编辑规则", "zh-TW": "編輯規則", "en": "Edit rule"},
        "admin.rule.order": {"zh-CN": "顺序", "zh-TW": "順序", "en": "Order"},
        "admin.rule.conditions": {"zh-CN": "条件", "zh-TW": "條件", "en": "Conditions"},
        "admin.rule.actions": {"zh-CN": "动作", "zh-TW": "動作", "en": "Actions"},
        "admin.rule.match": {"zh-CN": "条件组合", "zh-TW": "條件組合", "en": "Match"},
        "admin.rule.match.all": {"zh-CN": "全部满足", "zh-TW": "全部滿足", "en": "All conditions"},
        "admin.rule.match.any": {"zh-CN": "任一满足", "zh-TW": "任一滿足", "en": "Any condition"},
        "admin.rule.field": {"zh-CN": "字段", "zh-TW": "欄位", "en": "Field"},
        "admin.rule.op": {"zh-CN": "比较", "zh-TW": "比較", "en": "Operator"},
        "admin.rule.value": {"zh-CN": "值", "zh-TW": "值", "en": "Value"},
        "admin.rule.kind": {"zh-CN": "动作", "zh-TW": "動作", "en": "Action"},
        "admin.rule.condition_n": {"zh-CN": "条件 {n}", "zh-TW": "條件 {n}", "en": "Condition {n}"},
        "admin.rule.action_n": {"zh-CN": "动作 {n}", "zh-TW": "動作 {n}", "en": "Action {n}"},
        "admin.rule.value_hint": {
            "zh-CN": "多个值用逗号分隔;客服组、客服、服务目录可填名称;是/否填 true/false;通知填 group:组名 或 user:用户名",
            "zh-TW": "多個值用逗號分隔;客服組、客服、服務目錄可填名稱;是/否填 true/false;通知填 group:組名 或 user:使用者名稱",
            "en": "Several values: separate with commas; groups, agents and catalog items by name; flags true/false; notify as group:name or user:username",
        },
        "admin.rule.no_conditions": {
            "zh-CN": "(无条件,总是命中)",
            "zh-TW": "(無條件,總是命中)",
            "en": "(no condition: always matches)",
        },
        "admin.rule.up": {"zh-CN": "上移", "zh-TW": "上移", "en": "Move up"},
        "admin.rule.down": {"zh-CN": "下移", "zh-TW": "下移", "en": "Move down"},
        "admin.rule.inactive": {"zh-CN": "已停用", "zh-TW": "已停用", "en": "inactive"},
        "admin.rule.back": {
            "zh-CN": "返回规则列表",
            "zh-TW": "返回規則列表",
            "en": "Back to the rules",
        },
        "admin.done.rule_saved": {"zh-CN": "规则已保存", "zh-TW": "規則已儲存", "en": "Rule saved"},
    }
)
