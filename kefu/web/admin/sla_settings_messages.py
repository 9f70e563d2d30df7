# A sentence stays on one line for translators, as in the contexts' messages.py files.
"""Texts of the admin page module ``sla_settings`` (zh-CN first; zh-TW and en too)."""

from kefu.core.i18n import register

register(
    {
        "admin.sla.policies": {
            "zh-CN": "SLA 策略(按顺序匹配)",
            "zh-TW": "SLA 策略(依序比對)",
            "en": "SLA policies (tried in order)",
        },
        "admin.sla.calendars": {
            "zh-CN": "工作日历",
            "zh-TW": "工作日曆",
            "en": "Business calendars",
        },
        "admin.sla.calendar": {"zh-CN": "工作日历", "zh-TW": "工作日曆", "en": "Calendar"},
        "admin.sla.warn_ratio": {
            "zh-CN": "预警点(时限的比例,0–1)",
            "zh-TW": "預警點(時限的比例,0–1)",
            "en": "Warning at (share of the target, 0–1)",
        },
        "admin.sla.target_hint": {
            "zh-CN": "留空表示不计时",
            "zh-TW": "留空表示不計時",
            "en": "Empty: no clock",
        },
        "admin.sla.unit": {"zh-CN": "单位", "zh-TW": "單位", "en": "Unit"},
        "admin.sla.unit.s": {"zh-CN": "秒", "zh-TW": "秒", "en": "seconds"},
        "admin.sla.unit.min": {"zh-CN": "分钟", "zh-TW": "分鐘", "en": "minutes"},
        "admin.sla.unit.h": {"zh-CN": "小时", "zh-TW": "小時", "en": "hours"},
        "admin.sla.unit.d": {"zh-CN": "天", "zh-TW": "天", "en": "days"},
        "admin.sla.edit_policy": {
            "zh-CN": "编辑 SLA 策略",
            "zh-TW": "編輯 SLA 策略",
            "en": "Edit SLA policy",
        },
        "admin.sla.edit_calendar": {
            "zh-CN": "编辑工作日历",
            "zh-TW": "編輯工作日曆",
            "en": "Edit calendar",
        },
        "admin.sla.timezone": {"zh-CN": "时区", "zh-TW": "時區", "en": "Time zone"},
        "admin.sla.always_open": {
            "zh-CN": "全天候(7×24)",
            "zh-TW": "全天候(7×24)",
            "en": "Always open (24×7)",
        },
        "admin.sla.weekly": {
            "zh-CN": "每周工作时间",
            "zh-TW": "每週工作時間",
            "en": "Weekly hours",
        },
        "admin.sla.weekly_hint": {
            "zh-CN": "如 09:00-12:00, 13:30-18:00;留空表示休息",
            "zh-TW": "如 09:00-12:00, 13:30-18:00;留空表示休息",
            "en": "e.g. 09:00-12:00, 13:30-18:00; empty: closed",
        },
        "admin.sla.special_days": {
            "zh-CN": "节假日与调休上班日",
            "zh-TW": "節假日與調休上班日",
            "en": "Holidays and adjusted working days",
        },
        "admin.sla.special_days_hint": {
            "zh-CN": "每行一天:日期 类型 名称,类型为 holiday(休息)或 workday(调休上班),如 2026-10-01 holiday 国庆节",
            "zh-TW": "每行一天:日期 類型 名稱,類型為 holiday(休息)或 workday(調休上班),如 2026-10-01 holiday 國慶節",
            "en": "One day a line: date kind name, kind holiday or workday, e.g. 2026-10-01 holiday National Day",
        },
        "admin.sla.day": {"zh-CN": "日期", "zh-TW": "日期", "en": "Day"},
        "admin.sla.kind": {"zh-CN": "类型", "zh-TW": "類型", "en": "Kind"},
        "admin.sla.kind.holiday": {"zh-CN": "休息", "zh-TW": "休息", "en": "Holiday"},
        "admin.sla.kind.workday": {"zh-CN": "调休上班", "zh-TW": "調休上班", "en": "Working day"},
        "admin.sla.used_by": {"zh-CN": "使用它的策略", "zh-TW": "使用它的策略", "en": "Used by"},
        "admin.sla.closed": {"zh-CN": "休息", "zh-TW": "休息", "en": "closed"},
        "admin.sla.bad_line": {
            "zh-CN": "第 {line} 行格式不对,应为:日期 类型 名称",
            "zh-TW": "第 {line} 行格式不對,應為:日期 類型 名稱",
            "en": "Line {line} should read: date kind name",
        },
        "admin.sla.bad_period": {
            "zh-CN": "时间段格式应为 09:00-12:00",
            "zh-TW": "時間段格式應為 09:00-12:00",
            "en": "A period reads 09:00-12:00",
        },
        "admin.sla.weekday.0": {"zh-CN": "周一", "zh-TW": "週一", "en": "Monday"},
        "admin.sla.weekday.1": {"zh-CN": "周二", "zh-TW": "週二", "en": "Tuesday"},
        "admin.sla.weekday.2": {"zh-CN": "周三", "zh-TW": "週三", "en": "Wednesday"},
        "admin.sla.weekday.3": {"zh-CN": "周四", "zh-TW": "週四", "en": "Thursday"},
        "admin.sla.weekday.4": {"zh-CN": "周五", "zh-TW": "週五", "en": "Friday"},
        "admin.sla.weekday.5": {"zh-CN": "周六", "zh-TW": "週六", "en": "Saturday"},
        "admin.sla.weekday.6": {"zh-CN": "周日", "zh-TW": "週日", "en": "Sunday"},
        "admin.done.policy_saved": {
            "zh-CN": "SLA 策略已保存,相关工单的时限已重新计算",
            "zh-TW": "SLA 策略已儲存,相關工單的時限已重新計算",
            "en": "Policy saved; the tickets' clocks were recomputed",
        },
        "admin.done.calendar_saved": {
            "zh-CN": "工作日历已保存,相关工单的时限已重新计算",
            "zh-TW": "工作日曆已儲存,相關工單的時限已重新計算",
            "en": "Calendar saved; the tickets' clocks were recomputed",
        },
    }
)
