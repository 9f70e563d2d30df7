"""The routing context's user-facing texts (zh-CN first; zh-TW and en too).

Reasons of the dry run carry raw field, operator and action names in their parameters; a page
shows them through the ``routing.field.*``, ``routing.op.*`` and ``routing.action_kind.*``
labels below. Extra parameters a text does not use (e.g. ``kind``) are kept for machines.
"""

from kefu.core.i18n import register

register(
    {
        # -- rule validation
        "routing.condition.list_required": {
            "zh-CN": "请提供至少一个取值的列表",
            "zh-TW": "請提供至少一個取值的清單",
            "en": "give a list of at least one value",
        },
        "routing.condition.too_many_values": {
            "zh-CN": "取值过多(最多 {max} 个)",
            "zh-TW": "取值過多(最多 {max} 個)",
            "en": "too many values (at most {max})",
        },
        "routing.condition.op_not_allowed": {
            "zh-CN": "字段 {field} 不支持该运算,可选:{ops}",
            "zh-TW": "欄位 {field} 不支援該運算,可選:{ops}",
            "en": "this operator does not apply to {field}; expected one of: {ops}",
        },
        "routing.action.id_required": {
            "zh-CN": "请填写有效的编号(正整数)",
            "zh-TW": "請填寫有效的編號(正整數)",
            "en": "give a valid id (a positive whole number)",
        },
        "routing.action.tags_invalid": {
            "zh-CN": "标签须为 1 至 {max} 个、每个不超过 {length} 个字符的列表",
            "zh-TW": "標籤須為 1 至 {max} 個、每個不超過 {length} 個字元的清單",
            "en": "tags must be a list of 1 to {max} tags of at most {length} characters",
        },
        "routing.action.notify_target": {
            "zh-CN": "通知对象须为一个客服(user)或一个客服组(group)及其编号",
            "zh-TW": "通知對象須為一個客服(user)或一個客服組(group)及其編號",
            "en": "notify one agent (user) or one group (group), given by its id",
        },
        "routing.rule.no_actions": {
            "zh-CN": "规则至少需要一个动作",
            "zh-TW": "規則至少需要一個動作",
            "en": "a rule needs at least one action",
        },
        # -- set-up and use errors
        "routing.desk_exists": {
            "zh-CN": "已有同名的服务台",
            "zh-TW": "已有同名的服務台",
            "en": "A desk with this name already exists",
        },
        "routing.group_exists": {
            "zh-CN": "已有同名的客服组",
            "zh-TW": "已有同名的客服組",
            "en": "A group with this name already exists",
        },
        "routing.unknown_desk": {
            "zh-CN": "没有该服务台",
            "zh-TW": "沒有該服務台",
            "en": "No such desk",
        },
        "routing.unknown_group": {
            "zh-CN": "没有该客服组",
            "zh-TW": "沒有該客服組",
            "en": "No such group",
        },
        "routing.unknown_group_for": {
            "zh-CN": "以下各项指向不存在的客服组:{keys}",
            "zh-TW": "以下各項指向不存在的客服組:{keys}",
            "en": "These point to groups that do not exist: {keys}",
        },
        "routing.unknown_agent": {
            "zh-CN": "没有该客服(或其账号已停用)",
            "zh-TW": "沒有該客服(或其帳號已停用)",
            "en": "No such agent (or the account is disabled)",
        },
        "routing.unknown_agents": {
            "zh-CN": "以下编号的客服不存在:{ids}",
            "zh-TW": "以下編號的客服不存在:{ids}",
            "en": "No agents with these ids: {ids}",
        },
        "routing.unknown_rule": {
            "zh-CN": "没有该路由规则",
            "zh-TW": "沒有該路由規則",
            "en": "No such routing rule",
        },
        "routing.capacity_range": {
            "zh-CN": "接待上限须在 0 至 {max} 之间",
            "zh-TW": "接待上限須在 0 至 {max} 之間",
            "en": "the capacity must be between 0 and {max}",
        },
        "routing.transfer_target_required": {
            "zh-CN": "请选择要转给的客服组或客服",
            "zh-TW": "請選擇要轉給的客服組或客服",
            "en": "Choose the group or the agent to transfer to",
        },
        # -- the dry run: conditions
        "routing.condition.met": {
            "zh-CN": "条件成立:{field} {op} {expected}(本工单:{actual})",
            "zh-TW": "條件成立:{field} {op} {expected}(本工單:{actual})",
            "en": "Condition met: {field} {op} {expected} (this ticket: {actual})",
        },
        "routing.condition.not_met": {
            "zh-CN": "条件不成立:{field} {op} {expected}(本工单:{actual})",
            "zh-TW": "條件不成立:{field} {op} {expected}(本工單:{actual})",
            "en": "Condition not met: {field} {op} {expected} (this ticket: {actual})",
        },
        "routing.condition.invalid": {
            "zh-CN": "条件无效({field} {op}),视为不成立,请修改该规则",
            "zh-TW": "條件無效({field} {op}),視為不成立,請修改該規則",
            "en": "Invalid condition ({field} {op}) counts as not met: fix the rule",
        },
        "routing.condition.keyword_found": {
            "zh-CN": "内容包含关键词「{keyword}」",
            "zh-TW": "內容包含關鍵詞「{keyword}」",
            "en": "The text contains the keyword “{keyword}”",
        },
        "routing.condition.keywords_missing": {
            "zh-CN": "内容不包含关键词:{keywords}",
            "zh-TW": "內容不包含關鍵詞:{keywords}",
            "en": "The text lacks the keywords: {keywords}",
        },
        "routing.condition.keywords_all_found": {
            "zh-CN": "内容包含全部关键词:{keywords}",
            "zh-TW": "內容包含全部關鍵詞:{keywords}",
            "en": "The text contains all the keywords: {keywords}",
        },
        "routing.condition.keyword_present": {
            "zh-CN": "内容包含排除的关键词「{keyword}」",
            "zh-TW": "內容包含排除的關鍵詞「{keyword}」",
            "en": "The text contains the excluded keyword “{keyword}”",
        },
        "routing.condition.keywords_absent": {
            "zh-CN": "内容不含任何排除的关键词:{keywords}",
            "zh-TW": "內容不含任何排除的關鍵詞:{keywords}",
            "en": "The text contains none of the excluded keywords: {keywords}",
        },
        # -- the dry run: rules and actions
        "routing.rule.no_conditions": {
            "zh-CN": "规则没有条件,对所有工单生效",
            "zh-TW": "規則沒有條件,對所有工單生效",
            "en": "The rule has no conditions: it applies to every ticket",
        },
        "routing.rule.invalid_match": {
            "zh-CN": "匹配方式「{match}」无效,规则不生效",
            "zh-TW": "匹配方式「{match}」無效,規則不生效",
            "en": "Unknown match “{match}”: the rule does not apply",
        },
        "routing.rule.inactive": {
            "zh-CN": "规则已停用,跳过",
            "zh-TW": "規則已停用,略過",
            "en": "The rule is inactive: skipped",
        },
        "routing.rule.after_stop": {
            "zh-CN": "规则 {rule} 已生效并要求停止,之后的规则不再执行",
            "zh-TW": "規則 {rule} 已生效並要求停止,之後的規則不再執行",
            "en": "Rule {rule} fired and stopped the evaluation: not run",
        },
        "routing.action.invalid": {
            "zh-CN": "动作「{kind}」无效,已跳过,请修改该规则",
            "zh-TW": "動作「{kind}」無效,已略過,請修改該規則",
            "en": "Invalid action “{kind}” skipped: fix the rule",
        },
        # -- delivery (服务请求投递)
        "routing.delivery.blacklisted": {
            "zh-CN": "黑名单客户的请求转给主管组 {group} 处理",
            "zh-TW": "黑名單客戶的請求轉給主管組 {group} 處理",
            "en": "A blacklisted customer's request goes to the supervisor group {group}",
        },
        "routing.delivery.complaint": {
            "zh-CN": "投诉转给主管组 {group} 处理",
            "zh-TW": "投訴轉給主管組 {group} 處理",
            "en": "Complaints go to the supervisor group {group}",
        },
        "routing.delivery.entry_point": {
            "zh-CN": "按接入点「{entry_point}」投递到客服组 {group}",
            "zh-TW": "按接入點「{entry_point}」投遞到客服組 {group}",
            "en": "Delivered to group {group} by its entry point “{entry_point}”",
        },
        "routing.delivery.channel": {
            "zh-CN": "按渠道 {channel} 投递到客服组 {group}",
            "zh-TW": "按渠道 {channel} 投遞到客服組 {group}",
            "en": "Delivered to group {group} by its channel {channel}",
        },
        "routing.delivery.responsible": {
            "zh-CN": "服务目录项 {item} 的责任客服组为 {group},优先投递",
            "zh-TW": "服務目錄項 {item} 的責任客服組為 {group},優先投遞",
            "en": "Catalog item {item} has the responsible group {group}: delivered there",
        },
        "routing.delivery.default": {
            "zh-CN": "投递到默认客服组 {group}",
            "zh-TW": "投遞到預設客服組 {group}",
            "en": "Delivered to the default group {group}",
        },
        "routing.delivery.unconfigured": {
            "zh-CN": "投递设置中没有适用的客服组(也没有默认客服组),工单暂不属于任何客服组",
            "zh-TW": "投遞設定中沒有適用的客服組(也沒有預設客服組),工單暫不屬於任何客服組",
            "en": "No group in the delivery settings applies and there is no default group: the ticket has no group",
        },
        # -- assignment (分配)
        "routing.assign.round_robin": {
            "zh-CN": "轮流分配给客服 {agent}(当前 {load}/{capacity})",
            "zh-TW": "輪流分配給客服 {agent}(目前 {load}/{capacity})",
            "en": "Round robin: assigned to agent {agent} ({load}/{capacity})",
        },
        "routing.assign.least_loaded": {
            "zh-CN": "分配给负载最低的客服 {agent}(当前 {load}/{capacity})",
            "zh-TW": "分配給負載最低的客服 {agent}(目前 {load}/{capacity})",
            "en": "Assigned to the least loaded agent {agent} ({load}/{capacity})",
        },
        "routing.assign.skills": {
            "zh-CN": "分配给具备技能「{skills}」且负载最低的客服 {agent}(当前 {load}/{capacity})",
            "zh-TW": "分配給具備技能「{skills}」且負載最低的客服 {agent}(目前 {load}/{capacity})",
            "en": "Assigned to agent {agent}, the least loaded with the skills “{skills}” ({load}/{capacity})",
        },
        "routing.assign.no_skilled_agent": {
            "zh-CN": "没有客服具备所需技能「{skills}」,进入排队等待",
            "zh-TW": "沒有客服具備所需技能「{skills}」,進入排隊等待",
            "en": "No agent has the required skills “{skills}”: the work waits in the queue",
        },
        "routing.assign.skilled_unavailable": {
            "zh-CN": "具备技能「{skills}」的客服都不在线或已满负荷,进入排队等待",
            "zh-TW": "具備技能「{skills}」的客服都不在線或已滿負荷,進入排隊等待",
            "en": "The agents with the skills “{skills}” are offline or full: the work waits in the queue",
        },
        "routing.assign.sticky": {
            "zh-CN": "分配给上次接待该客户的客服 {agent}(当前 {load}/{capacity})",
            "zh-TW": "分配給上次接待該客戶的客服 {agent}(目前 {load}/{capacity})",
            "en": "Assigned to agent {agent}, who served this customer before ({load}/{capacity})",
        },
        "routing.assign.sticky_no_previous": {
            "zh-CN": "该客户没有接待过的客服,分配给负载最低的客服 {agent}",
            "zh-TW": "該客戶沒有接待過的客服,分配給負載最低的客服 {agent}",
            "en": "Nobody served this customer before: assigned to the least loaded agent {agent}",
        },
        "routing.assign.sticky_previous_gone": {
            "zh-CN": "上次接待的客服 {previous} 已不在本组,分配给负载最低的客服 {agent}",
            "zh-TW": "上次接待的客服 {previous} 已不在本組,分配給負載最低的客服 {agent}",
            "en": "The previous agent {previous} is no longer in the group: assigned to the least loaded agent {agent}",
        },
        "routing.assign.sticky_previous_not_online": {
            "zh-CN": "上次接待的客服 {previous} 不在线,分配给负载最低的客服 {agent}",
            "zh-TW": "上次接待的客服 {previous} 不在線,分配給負載最低的客服 {agent}",
            "en": "The previous agent {previous} is not online: assigned to the least loaded agent {agent}",
        },
        "routing.assign.sticky_previous_full": {
            "zh-CN": "上次接待的客服 {previous} 已满负荷,分配给负载最低的客服 {agent}",
            "zh-TW": "上次接待的客服 {previous} 已滿負荷,分配給負載最低的客服 {agent}",
            "en": "The previous agent {previous} is at capacity: assigned to the least loaded agent {agent}",
        },
        "routing.assign.nobody_online": {
            "zh-CN": "当前没有在线客服,进入排队等待",
            "zh-TW": "目前沒有在線客服,進入排隊等待",
            "en": "No agent is online: the work waits in the queue",
        },
        "routing.assign.all_full": {
            "zh-CN": "在线客服都已满负荷,进入排队等待",
            "zh-TW": "在線客服都已滿負荷,進入排隊等待",
            "en": "Every online agent is at capacity: the work waits in the queue",
        },
        # -- labels of the rule editor and the dry run
        "routing.field.channel": {"zh-CN": "渠道", "zh-TW": "渠道", "en": "channel"},
        "routing.field.type": {"zh-CN": "类型", "zh-TW": "類型", "en": "type"},
        "routing.field.priority": {"zh-CN": "优先级", "zh-TW": "優先級", "en": "priority"},
        "routing.field.catalog_item": {
            "zh-CN": "服务目录",
            "zh-TW": "服務目錄",
            "en": "catalog item",
        },
        "routing.field.vip_level": {"zh-CN": "VIP 等级", "zh-TW": "VIP 等級", "en": "VIP level"},
        "routing.field.blacklisted": {"zh-CN": "黑名单", "zh-TW": "黑名單", "en": "blacklisted"},
        "routing.field.keywords": {"zh-CN": "关键词", "zh-TW": "關鍵詞", "en": "keywords"},
        "routing.field.business_hours": {
            "zh-CN": "工作时间内",
            "zh-TW": "工作時間內",
            "en": "in business hours",
        },
        "routing.field.entry_point": {"zh-CN": "接入点", "zh-TW": "接入點", "en": "entry point"},
        "routing.op.eq": {"zh-CN": "等于", "zh-TW": "等於", "en": "is"},
        "routing.op.ne": {"zh-CN": "不等于", "zh-TW": "不等於", "en": "is not"},
        "routing.op.in": {"zh-CN": "属于", "zh-TW": "屬於", "en": "is one of"},
        "routing.op.not_in": {"zh-CN": "不属于", "zh-TW": "不屬於", "en": "is none of"},
        "routing.op.gte": {"zh-CN": "不低于", "zh-TW": "不低於", "en": "is at least"},
        "routing.op.lte": {"zh-CN": "不高于", "zh-TW": "不高於", "en": "is at most"},
        "routing.op.any_of": {"zh-CN": "包含任一", "zh-TW": "包含任一", "en": "contains any of"},
        "routing.op.all_of": {"zh-CN": "包含全部", "zh-TW": "包含全部", "en": "contains all of"},
        "routing.op.none_of": {"zh-CN": "不包含", "zh-TW": "不包含", "en": "contains none of"},
        "routing.op.is": {"zh-CN": "为", "zh-TW": "為", "en": "is"},
        "routing.action_kind.set_group": {
            "zh-CN": "转给客服组",
            "zh-TW": "轉給客服組",
            "en": "set group",
        },
        "routing.action_kind.set_priority": {
            "zh-CN": "设置优先级",
            "zh-TW": "設定優先級",
            "en": "set priority",
        },
        "routing.action_kind.add_tags": {
            "zh-CN": "添加标签",
            "zh-TW": "新增標籤",
            "en": "add tags",
        },
        "routing.action_kind.assign_to": {
            "zh-CN": "分配给客服",
            "zh-TW": "分配給客服",
            "en": "assign to",
        },
        "routing.action_kind.notify": {"zh-CN": "通知", "zh-TW": "通知", "en": "notify"},
        "routing.action_kind.stop": {
            "zh-CN": "停止后续规则",
            "zh-TW": "停止後續規則",
            "en": "stop",
        },
        "routing.mode.single": {
            "zh-CN": "单服务台投递",
            "zh-TW": "單服務台投遞",
            "en": "single desk",
        },
        "routing.mode.multi": {
            "zh-CN": "多服务台投递",
            "zh-TW": "多服務台投遞",
            "en": "multiple desks",
        },
        "routing.mode.primary_secondary": {
            "zh-CN": "主从服务台投递",
            "zh-TW": "主從服務台投遞",
            "en": "primary/secondary desks",
        },
        "routing.presence.online": {"zh-CN": "在线", "zh-TW": "在線", "en": "online"},
        "routing.presence.busy": {"zh-CN": "忙碌", "zh-TW": "忙碌", "en": "busy"},
        "routing.presence.away": {"zh-CN": "离开", "zh-TW": "離開", "en": "away"},
        "routing.presence.offline": {"zh-CN": "离线", "zh-TW": "離線", "en": "offline"},
        "routing.strategy.round_robin": {
            "zh-CN": "轮流分配",
            "zh-TW": "輪流分配",
            "en": "round robin",
        },
        "routing.strategy.least_loaded": {
            "zh-CN": "负载均衡",
            "zh-TW": "負載均衡",
            "en": "least loaded",
        },
        "routing.strategy.skills": {
            "zh-CN": "按技能分配",
            "zh-TW": "按技能分配",
            "en": "by skills",
        },
        "routing.strategy.sticky": {
            "zh-CN": "原客服优先",
            "zh-TW": "原客服優先",
            "en": "previous agent first",
        },
        # notifications, by kind; params: number (the ticket's), metric, due_at
        "notification.complaint_received": {
            "zh-CN": "收到投诉工单 {number},请尽快处理(5 分钟内知会)",
            "zh-TW": "收到投訴工單 {number},請盡快處理(5 分鐘內知會)",
            "en": "Complaint {number} received: handle it now (report within 5 minutes)",
        },
        "notification.blacklisted_customer": {
            "zh-CN": "黑名单客户来信:工单 {number} 已转主管处理",
            "zh-TW": "黑名單客戶來信:工單 {number} 已轉主管處理",
            "en": "A blacklisted customer wrote: ticket {number} is with the supervisors",
        },
        "notification.routing_rule": {
            "zh-CN": "分配规则要求通知您:工单 {number}",
            "zh-TW": "分配規則要求通知您:工單 {number}",
            "en": "A routing rule asks you to look at ticket {number}",
        },
        "notification.sla_warning": {
            "zh-CN": "工单 {number} 即将超时({metric}),到期 {due_at}",
            "zh-TW": "工單 {number} 即將逾時({metric}),到期 {due_at}",
            "en": "Ticket {number} is about to breach its {metric} target, due {due_at}",
        },
        "notification.sla_breached": {
            "zh-CN": "工单 {number} 已超时({metric}),已升级处理",
            "zh-TW": "工單 {number} 已逾時({metric}),已升級處理",
            "en": "Ticket {number} breached its {metric} target and was escalated",
        },
    }
)
