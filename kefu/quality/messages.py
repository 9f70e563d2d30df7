"""The quality context's user-facing texts (zh-CN first; zh-TW and en too)."""

from kefu.core.i18n import register

register(
    {
        "quality.bare_negative": {
            "zh-CN": "「{word}」是否定词,本句没有解释或替代方案(手册:使用否定词一定要加解释)",
            "zh-TW": "「{word}」是否定詞,本句沒有解釋或替代方案(手冊:使用否定詞一定要加解釋)",
            "en": "'{word}' is a negative with no explanation or alternative in its sentence (handbook: always explain a negative)",
        },
        "quality.rude_phrase": {
            "zh-CN": "「{word}」是服务禁语:会让客户觉得被推脱、敷衍或顶撞",
            "zh-TW": "「{word}」是服務禁語:會讓客戶覺得被推託、敷衍或頂撞",
            "en": "'{word}' is a service taboo: the customer hears a brush-off or a retort",
        },
        "quality.missing_greeting": {
            "zh-CN": "首次回复缺少问候语(如「您好」「亲」「欢迎光临」)",
            "zh-TW": "首次回覆缺少問候語(如「您好」「親」「歡迎光臨」)",
            "en": "A first reply should greet the customer (e.g. 您好, 亲, 欢迎光临)",
        },
        "quality.missing_farewell": {
            "zh-CN": "结束语缺少感谢或道别(如「感谢您的惠顾」「再见」「祝您生活愉快」)",
            "zh-TW": "結束語缺少感謝或道別(如「感謝您的惠顧」「再見」「祝您生活愉快」)",
            "en": "A closing reply should thank the customer or say goodbye (e.g. 感谢您的惠顾, 再见)",
        },
    }
)
