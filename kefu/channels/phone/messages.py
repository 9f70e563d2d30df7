"""The phone channel's user-facing texts (zh-CN first; zh-TW and en too)."""

from kefu.core.i18n import register

register(
    {
        "call.bad_signature": {
            "zh-CN": "签名校验失败:请用 KEFU_PHONE_SECRET 对请求体做 HMAC-SHA256,放在 X-Kefu-Signature 头中",
            "zh-TW": "簽名校驗失敗:請用 KEFU_PHONE_SECRET 對請求體做 HMAC-SHA256,放在 X-Kefu-Signature 標頭中",
            "en": "Bad signature: send sha256=<HMAC-SHA256 of the body with KEFU_PHONE_SECRET> in X-Kefu-Signature",
        },
        "call.not_configured": {
            "zh-CN": "电话渠道未配置(缺少 KEFU_PHONE_SECRET)",
            "zh-TW": "電話渠道未設定(缺少 KEFU_PHONE_SECRET)",
            "en": "The phone channel is not configured (KEFU_PHONE_SECRET is missing)",
        },
        "call.not_found": {
            "zh-CN": "通话记录不存在",
            "zh-TW": "通話記錄不存在",
            "en": "No such call",
        },
        "call.unknown_agent": {
            "zh-CN": "没有工号或用户名为「{agent}」的客服",
            "zh-TW": "沒有工號或用戶名為「{agent}」的客服",
            "en": "No agent with work number or username '{agent}'",
        },
        "call.ringing_text": {
            "zh-CN": "[来电] {caller} 呼入 {called}",
            "zh-TW": "[來電] {caller} 呼入 {called}",
            "en": "[Call] {caller} calling {called}",
        },
        "call.subject": {
            "zh-CN": "来电 {caller}",
            "zh-TW": "來電 {caller}",
            "en": "Call from {caller}",
        },
        "call.hidden_number": {"zh-CN": "未显示号码", "zh-TW": "未顯示號碼", "en": "hidden number"},
        "call.missed_note": {
            "zh-CN": "未接来电:{caller} 于 {at} 来电未接通,请尽快回拨。",
            "zh-TW": "未接來電:{caller} 於 {at} 來電未接通,請盡快回撥。",
            "en": "Missed call from {caller} at {at}: call back soon.",
        },
        "call.answered_note": {
            "zh-CN": "{agent} 接听,等待 {seconds} 秒{late}",
            "zh-TW": "{agent} 接聽,等待 {seconds} 秒{late}",
            "en": "Answered by {agent} after {seconds} s{late}",
        },
        "call.late_suffix": {
            "zh-CN": "(超过三声铃响的要求)",
            "zh-TW": "(超過三聲鈴響的要求)",
            "en": " (later than the three-ring target)",
        },
        "call.ended_note": {
            "zh-CN": "通话结束,时长 {seconds} 秒{recording}",
            "zh-TW": "通話結束,時長 {seconds} 秒{recording}",
            "en": "Call ended after {seconds} s{recording}",
        },
        "call.not_answered": {"zh-CN": "未接听", "zh-TW": "未接聽", "en": "not answered"},
        "call.answered_in_time": {
            "zh-CN": "三声铃响内接听",
            "zh-TW": "三聲鈴響內接聽",
            "en": "answered within three rings",
        },
        "call.answered_late": {
            "zh-CN": "接听超过三声铃响",
            "zh-TW": "接聽超過三聲鈴響",
            "en": "answered after three rings",
        },
        "call.no_such_agent": {
            "zh-CN": "该客服不存在或已停用",
            "zh-TW": "該客服不存在或已停用",
            "en": "No such active agent",
        },
        "call.task_not_found": {
            "zh-CN": "电话清单中没有这一项",
            "zh-TW": "電話清單中沒有這一項",
            "en": "No such call on the list",
        },
        "call.task_bad_move": {
            "zh-CN": "当前状态({current})下不能这样修改",
            "zh-TW": "目前狀態({current})下不能這樣修改",
            "en": "Not allowed from the current state ({current})",
        },
        "call.task_outcome_needed": {
            "zh-CN": "标记为已完成前,请填写通话结果",
            "zh-TW": "標記為已完成前,請填寫通話結果",
            "en": "Write the outcome of the call before marking it done",
        },
    }
)
