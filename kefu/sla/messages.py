"""The SLA context's user-facing texts (zh-CN first; zh-TW and en too).

Durations in the parameters are H:MM:SS of working time (``elapsed``, ``target``, ``remaining``,
``over``, ``working``, ``off_hours``); ``status`` is a ticket status code, ``conditions`` a list
of policy conditions as codes (``type=complaint, channel=phone``).
"""

from kefu.core.i18n import register

register(
    {
        # what is measured
        "sla.metric.first_response": {
            "zh-CN": "首次响应",
            "zh-TW": "首次回應",
            "en": "First response",
        },
        "sla.metric.next_response": {
            "zh-CN": "再次响应",
            "zh-TW": "再次回應",
            "en": "Next response",
        },
        "sla.metric.resolution": {"zh-CN": "解决时限", "zh-TW": "解決時限", "en": "Resolution"},
        # a clock's state, as a label
        "sla.state.running": {"zh-CN": "计时中", "zh-TW": "計時中", "en": "Running"},
        "sla.state.paused": {"zh-CN": "已暂停", "zh-TW": "已暫停", "en": "Paused"},
        "sla.state.at_risk": {"zh-CN": "即将超时", "zh-TW": "即將逾時", "en": "At risk"},
        "sla.state.met": {"zh-CN": "已达成", "zh-TW": "已達成", "en": "Met"},
        "sla.state.breached": {"zh-CN": "已超时", "zh-TW": "已逾時", "en": "Breached"},
        # a clock's state, in words
        "sla.running": {
            "zh-CN": "计时中:已用 {elapsed},目标 {target},还剩 {remaining}",
            "zh-TW": "計時中:已用 {elapsed},目標 {target},還剩 {remaining}",
            "en": "Running: {elapsed} used of {target}, {remaining} left",
        },
        "sla.running.off_hours": {
            "zh-CN": "现在是非工作时间,暂不计时:已用 {elapsed},目标 {target},还剩 {remaining}",
            "zh-TW": "現在是非工作時間,暫不計時:已用 {elapsed},目標 {target},還剩 {remaining}",
            "en": "Outside working hours, not counting now: {elapsed} used of {target}, {remaining} left",
        },
        "sla.at_risk": {
            "zh-CN": "即将超时:已用 {elapsed},目标 {target},仅剩 {remaining}",
            "zh-TW": "即將逾時:已用 {elapsed},目標 {target},僅剩 {remaining}",
            "en": "At risk: {elapsed} used of {target}, only {remaining} left",
        },
        "sla.breached.running": {
            "zh-CN": "已超时 {over}:已用 {elapsed},目标 {target}",
            "zh-TW": "已逾時 {over}:已用 {elapsed},目標 {target}",
            "en": "Breached by {over}: {elapsed} used of {target}",
        },
        "sla.breached.paused": {
            "zh-CN": "已超时 {over},目前暂停计时:已用 {elapsed},目标 {target}",
            "zh-TW": "已逾時 {over},目前暫停計時:已用 {elapsed},目標 {target}",
            "en": "Breached by {over}, now paused: {elapsed} used of {target}",
        },
        "sla.paused.pending": {
            "zh-CN": "等待客户回复,暂停计时:已用 {elapsed},目标 {target}",
            "zh-TW": "等待客戶回覆,暫停計時:已用 {elapsed},目標 {target}",
            "en": "Paused while waiting for the customer: {elapsed} used of {target}",
        },
        "sla.paused.on_hold": {
            "zh-CN": "工单挂起,暂停计时:已用 {elapsed},目标 {target}",
            "zh-TW": "工單掛起,暫停計時:已用 {elapsed},目標 {target}",
            "en": "Paused while on hold: {elapsed} used of {target}",
        },
        "sla.paused": {
            "zh-CN": "工单状态为 {status},暂停计时:已用 {elapsed},目标 {target}",
            "zh-TW": "工單狀態為 {status},暫停計時:已用 {elapsed},目標 {target}",
            "en": "Paused while the status is {status}: {elapsed} used of {target}",
        },
        "sla.met.reply": {
            "zh-CN": "已达成:客服在 {elapsed} 内回复(目标 {target})",
            "zh-TW": "已達成:客服在 {elapsed} 內回覆(目標 {target})",
            "en": "Met: an agent replied within {elapsed} (target {target})",
        },
        "sla.met.solved": {
            "zh-CN": "已达成:工单在 {elapsed} 内解决(目标 {target})",
            "zh-TW": "已達成:工單在 {elapsed} 內解決(目標 {target})",
            "en": "Met: solved within {elapsed} (target {target})",
        },
        "sla.breached.reply": {
            "zh-CN": "未达成:客服用了 {elapsed} 才回复,超出目标 {target} 共 {over}",
            "zh-TW": "未達成:客服用了 {elapsed} 才回覆,超出目標 {target} 共 {over}",
            "en": "Missed: an agent replied after {elapsed}, {over} over the {target} target",
        },
        "sla.breached.solved": {
            "zh-CN": "未达成:工单用了 {elapsed} 才解决,超出目标 {target} 共 {over}",
            "zh-TW": "未達成:工單用了 {elapsed} 才解決,超出目標 {target} 共 {over}",
            "en": "Missed: solved after {elapsed}, {over} over the {target} target",
        },
        # the timeline of a clock
        "sla.segment.running": {
            "zh-CN": "计时 {working}",
            "zh-TW": "計時 {working}",
            "en": "Counting {working}",
        },
        "sla.segment.running_off_hours": {
            "zh-CN": "计时 {working};其中非工作时间 {off_hours} 不计",
            "zh-TW": "計時 {working};其中非工作時間 {off_hours} 不計",
            "en": "Counting {working}; {off_hours} outside working hours not counted",
        },
        "sla.segment.paused.pending": {
            "zh-CN": "等待客户回复,暂停计时(期间工作时间 {working})",
            "zh-TW": "等待客戶回覆,暫停計時(期間工作時間 {working})",
            "en": "Paused, waiting for the customer ({working} of working time)",
        },
        "sla.segment.paused.on_hold": {
            "zh-CN": "工单挂起,暂停计时(期间工作时间 {working})",
            "zh-TW": "工單掛起,暫停計時(期間工作時間 {working})",
            "en": "Paused, on hold ({working} of working time)",
        },
        "sla.segment.paused": {
            "zh-CN": "工单状态为 {status},暂停计时(期间工作时间 {working})",
            "zh-TW": "工單狀態為 {status},暫停計時(期間工作時間 {working})",
            "en": "Paused while the status is {status} ({working} of working time)",
        },
        "sla.segment.solved": {
            "zh-CN": "已解决,停止计时,直到工单重新打开",
            "zh-TW": "已解決,停止計時,直到工單重新開啟",
            "en": "Solved: stopped until the ticket was reopened",
        },
        # which policy applies
        "sla.policy.matched": {
            "zh-CN": "符合该策略的条件:{conditions}",
            "zh-TW": "符合該策略的條件:{conditions}",
            "en": "The policy's conditions match: {conditions}",
        },
        "sla.policy.default": {
            "zh-CN": "没有更具体的策略适用,采用默认策略",
            "zh-TW": "沒有更具體的策略適用,採用預設策略",
            "en": "No more specific policy applies: the default one does",
        },
        "sla.policy.none": {
            "zh-CN": "没有适用的服务时限策略,不计时",
            "zh-TW": "沒有適用的服務時限策略,不計時",
            "en": "No SLA policy applies: no clocks",
        },
        # the default policies' names
        "sla.policy_name.complaint": {"zh-CN": "客诉", "zh-TW": "客訴", "en": "Complaints"},
        "sla.policy_name.phone": {"zh-CN": "电话", "zh-TW": "電話", "en": "Phone"},
        "sla.policy_name.chat": {
            "zh-CN": "在线咨询与微信",
            "zh-TW": "線上諮詢與微信",
            "en": "Web chat and WeChat",
        },
        "sla.policy_name.order": {"zh-CN": "订单咨询", "zh-TW": "訂單諮詢", "en": "Orders"},
        "sla.policy_name.vip": {"zh-CN": "VIP 客户", "zh-TW": "VIP 客戶", "en": "VIP customers"},
        "sla.policy_name.default": {"zh-CN": "默认", "zh-TW": "預設", "en": "Default"},
        # the ready calendars
        "sla.calendar.shop_hours": {
            "zh-CN": "网店在线时间(每天 9:00–23:30)",
            "zh-TW": "網店線上時間(每天 9:00–23:30)",
            "en": "Shop hours (every day 9:00–23:30)",
        },
        "sla.calendar.office": {
            "zh-CN": "办公时间(周一至周五 9:00–12:00、13:30–18:00,法定节假日休息)",
            "zh-TW": "辦公時間(週一至週五 9:00–12:00、13:30–18:00,法定節假日休息)",
            "en": "Office hours (Mon–Fri 9:00–12:00 and 13:30–18:00, public holidays off)",
        },
        "sla.calendar.always_open": {
            "zh-CN": "全天候 7×24",
            "zh-TW": "全天候 7×24",
            "en": "Always open, 24×7",
        },
        "sla.calendar.invalid": {
            "zh-CN": "工作时间设置有误:{detail}",
            "zh-TW": "工作時間設定有誤:{detail}",
            "en": "Invalid working hours: {detail}",
        },
    }
)

# Editing policies and calendars: errors shown next to the field (``field``-less ones are the
# error's message). ``choices`` lists codes, ``calendar`` and ``key`` are what the caller sent.
register(
    {
        "sla.policy.not_found": {
            "zh-CN": "服务时限策略不存在",
            "zh-TW": "服務時限策略不存在",
            "en": "SLA policy not found",
        },
        "sla.policy.key_taken": {
            "zh-CN": "策略标识「{key}」已被另一条策略使用",
            "zh-TW": "策略標識「{key}」已被另一條策略使用",
            "en": "The policy key '{key}' is already used by another policy",
        },
        "sla.field.key": {
            "zh-CN": "只能使用小写英文字母、数字和下划线,以字母开头,最多 40 个字符",
            "zh-TW": "只能使用小寫英文字母、數字和底線,以字母開頭,最多 40 個字元",
            "en": "lower-case letters, digits and underscores only, starting with a letter, at most 40 characters",
        },
        "sla.field.target": {
            "zh-CN": "时限须为 1 到 31536000 秒(365 天)之间的整数;留空表示该项不计时",
            "zh-TW": "時限須為 1 到 31536000 秒(365 天)之間的整數;留空表示該項不計時",
            "en": "a target is a whole number of seconds from 1 to 31536000 (365 days); leave it empty for no clock",
        },
        "sla.field.no_target": {
            "zh-CN": "请至少设置一项时限(首次响应、再次响应或解决时限)",
            "zh-TW": "請至少設定一項時限(首次回應、再次回應或解決時限)",
            "en": "set at least one target (first response, next response or resolution)",
        },
        "sla.field.warn_ratio": {
            "zh-CN": "预警比例须大于 0 且小于 1,例如 0.8 表示用去 80% 的时限时预警",
            "zh-TW": "預警比例須大於 0 且小於 1,例如 0.8 表示用去 80% 的時限時預警",
            "en": "the warning ratio must be between 0 and 1, e.g. 0.8 warns when 80% of the target is used",
        },
        "sla.field.calendar": {
            "zh-CN": "没有标识为「{calendar}」的工作日历",
            "zh-TW": "沒有標識為「{calendar}」的工作日曆",
            "en": "there is no business calendar '{calendar}'",
        },
        "sla.field.vip_level": {
            "zh-CN": "VIP 等级须在 0 到 10 之间,留空表示不限",
            "zh-TW": "VIP 等級須在 0 到 10 之間,留空表示不限",
            "en": "the VIP level is between 0 and 10, or empty for any customer",
        },
        "sla.field.group": {
            "zh-CN": "没有编号为 {group} 的客服组",
            "zh-TW": "沒有編號為 {group} 的客服組",
            "en": "there is no agent group {group}",
        },
        "sla.field.duplicate": {
            "zh-CN": "重复的取值:{value}",
            "zh-TW": "重複的取值:{value}",
            "en": "listed twice: {value}",
        },
        "sla.field.weekly": {
            "zh-CN": "须给出 7 天(周一至周日)的工作时段,休息日为空列表",
            "zh-TW": "須給出 7 天(週一至週日)的工作時段,休息日為空列表",
            "en": "give the working periods of 7 days, Monday first, an empty list for a day off",
        },
        "sla.field.wall_time": {
            "zh-CN": "时间格式应为 HH:MM,在 00:00 到 24:00 之间,例如 09:00",
            "zh-TW": "時間格式應為 HH:MM,在 00:00 到 24:00 之間,例如 09:00",
            "en": "a time is HH:MM between 00:00 and 24:00, e.g. 09:00",
        },
        "sla.field.period_order": {
            "zh-CN": "结束时间须晚于开始时间",
            "zh-TW": "結束時間須晚於開始時間",
            "en": "the end must come after the start",
        },
        "sla.field.period_overlap": {
            "zh-CN": "时段须按时间先后排列且互不重叠",
            "zh-TW": "時段須按時間先後排列且互不重疊",
            "en": "periods must be in order and must not overlap",
        },
        "sla.field.no_working_time": {
            "zh-CN": "该日历没有任何工作时段,时限无法计算",
            "zh-TW": "該日曆沒有任何工作時段,時限無法計算",
            "en": "the calendar has no working time, so no deadline could ever be reached",
        },
        "sla.field.timezone": {
            "zh-CN": "未知的时区「{timezone}」,请使用 IANA 名称,例如 Asia/Shanghai",
            "zh-TW": "未知的時區「{timezone}」,請使用 IANA 名稱,例如 Asia/Shanghai",
            "en": "unknown time zone '{timezone}': use an IANA name such as Asia/Shanghai",
        },
        "sla.field.too_many_days": {
            "zh-CN": "特殊日期最多 {max} 个",
            "zh-TW": "特殊日期最多 {max} 個",
            "en": "at most {max} special days",
        },
        "sla.field.day_twice": {
            "zh-CN": "日期 {day} 出现了不止一次",
            "zh-TW": "日期 {day} 出現了不止一次",
            "en": "the day {day} is listed more than once",
        },
    }
)
