# A sentence stays on one line for translators, as in the contexts' messages.py files.
"""Texts of the admin page module ``desks`` (zh-CN first; zh-TW and en too)."""

from kefu.core.i18n import register

register(
    {
        "admin.desk.list": {"zh-CN": "服务台", "zh-TW": "服務台", "en": "Service desks"},
        "admin.desk.description": {"zh-CN": "说明", "zh-TW": "說明", "en": "Description"},
        "admin.desk.private": {
            "zh-CN": "私有(工单仅成员与主管可见)",
            "zh-TW": "私有(工單僅成員與主管可見)",
            "en": "Private (tickets seen by members and supervisors only)",
        },
        "admin.desk.create": {"zh-CN": "新建服务台", "zh-TW": "新建服務台", "en": "New desk"},
        "admin.desk.none": {
            "zh-CN": "还没有服务台,请先新建一个",
            "zh-TW": "還沒有服務台,請先新建一個",
            "en": "No desk yet: create one first",
        },
        "admin.group.create": {"zh-CN": "新建客服组", "zh-TW": "新建客服組", "en": "New group"},
        "admin.group.desk": {"zh-CN": "所属服务台", "zh-TW": "所屬服務台", "en": "Desk"},
        "admin.group.strategy": {"zh-CN": "分配策略", "zh-TW": "分配策略", "en": "Strategy"},
        "admin.group.auto_assign": {
            "zh-CN": "自动分配",
            "zh-TW": "自動分配",
            "en": "Assign automatically",
        },
        "admin.group.members": {"zh-CN": "成员", "zh-TW": "成員", "en": "Members"},
        "admin.group.save_members": {
            "zh-CN": "保存成员",
            "zh-TW": "儲存成員",
            "en": "Save members",
        },
        "admin.group.none": {
            "zh-CN": "该服务台还没有客服组",
            "zh-TW": "該服務台還沒有客服組",
            "en": "No group in this desk",
        },
        "admin.strategy.round_robin": {
            "zh-CN": "轮流分配",
            "zh-TW": "輪流分配",
            "en": "Round robin",
        },
        "admin.strategy.least_loaded": {
            "zh-CN": "最空闲优先",
            "zh-TW": "最空閒優先",
            "en": "Least loaded",
        },
        "admin.strategy.skills": {"zh-CN": "按技能", "zh-TW": "按技能", "en": "By skills"},
        "admin.strategy.sticky": {
            "zh-CN": "老客户找原客服",
            "zh-TW": "老客戶找原客服",
            "en": "Sticky (same agent)",
        },
        "admin.capacity.title": {
            "zh-CN": "客服接待上限",
            "zh-TW": "客服接待上限",
            "en": "Agents' capacity",
        },
        "admin.capacity.agent": {"zh-CN": "客服", "zh-TW": "客服", "en": "Agent"},
        "admin.capacity.chat": {
            "zh-CN": "同时会话数",
            "zh-TW": "同時會話數",
            "en": "Chats at once",
        },
        "admin.capacity.ticket": {
            "zh-CN": "处理中工单数",
            "zh-TW": "處理中工單數",
            "en": "Open tickets",
        },
        "admin.capacity.skills": {
            "zh-CN": "技能(逗号分隔)",
            "zh-TW": "技能(逗號分隔)",
            "en": "Skills (comma separated)",
        },
        "admin.done.desk_created": {
            "zh-CN": "服务台已创建",
            "zh-TW": "服務台已建立",
            "en": "Desk created",
        },
        "admin.done.group_created": {
            "zh-CN": "客服组已创建",
            "zh-TW": "客服組已建立",
            "en": "Group created",
        },
        "admin.done.members_saved": {
            "zh-CN": "成员已保存",
            "zh-TW": "成員已儲存",
            "en": "Members saved",
        },
        "admin.done.capacity_saved": {
            "zh-CN": "接待上限已保存",
            "zh-TW": "接待上限已儲存",
            "en": "Capacity saved",
        },
    }
)
