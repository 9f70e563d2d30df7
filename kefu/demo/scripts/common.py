"""Lines every conversation shares: greetings, farewells, nudges, thanks (seed 001's 标准话术),
and how a reply looks on each channel."""

from __future__ import annotations

from kefu.tickets.rules import Channel

GREETINGS = (
    "您好,我是客服{agent}号,很高兴为您服务,有什么我可以效劳的:)",
    "您好,欢迎光临{shop},客服{agent}号竭诚为您服务:)",
    "亲,您好,我是客服{agent}号,很高兴为您服务:)",
)
PHONE_GREETINGS = (
    "您好,{shop_short}客服{agent}号,很高兴为您服务。",
    "您好,{shop_short}!我是客服{agent}号,请问有什么可以帮您?",
)
FAREWELLS = (
    "感谢您的惠顾,期待您的再次光临,收到货满意请给予我们5分,我们珍惜每一位买家对我们的评价,"
    "如果对我们的商品或服务不满意,可以随时和我们联系,我们会服务到您满意为止:)",
    "您好,感谢您的惠顾,您对客服{agent}号的服务是否满意,如果满意,请您给予我们满分,"
    "{shop_short}有您更精彩:)",
)
APOLOGETIC_FAREWELLS = (
    "再次向您表示歉意,感谢您的理解和支持,有任何问题可以随时联系我们,我是客服{agent}号。",
    "嗯,感谢您的理解,十分抱歉,给您添麻烦了。后续有任何问题随时找客服{agent}号:)",
)
PHONE_FAREWELL = "谢谢您的来电!有任何问题欢迎随时联系{shop_short}。"
NUDGES = ("有人在吗?", "在吗?", "怎么没人回复?", "客服在吗,急!", "你好?在不在?")
THANKS = ("好的,谢谢", "嗯,感谢", "好的,辛苦了", "行,那就这样吧", "好的,知道了,谢谢客服")
REOPENS = (
    "你好,上次说的问题还是没有解决,麻烦再帮我看一下。",
    "又是我,之前说好的处理到现在还没动静,订单号{order}。",
    "客服你好,还是不行,麻烦再跟进一下,我的电话{phone}。",
)
ASSIGNED_NOTES = (
    "客户来电未接通,稍后回电{phone}--客服{agent}号--{date}",
    "已查看客户历史订单,待回复--客服{agent}号--{date}",
)
SUPERVISOR_NOTES = (
    "主管已介入,今天内电话联系客户了解情况。",
    "已查看全部聊天记录,按投诉流程处理;客户不撤销的话准备申诉材料提交平台。",
    "主管已审核处理方案,同意执行,注意留好有效聊天记录。",
)

CHAT_CHANNELS = frozenset(
    {Channel.WEB_CHAT, Channel.WECHAT, Channel.APP_SDK, Channel.DESKTOP, Channel.PHONE}
)
MAIL_CHANNELS = frozenset({Channel.EMAIL, Channel.WEB_FORM})


def greeting_for(channel: Channel) -> tuple[str, ...]:
    return PHONE_GREETINGS if channel == Channel.PHONE else GREETINGS


def as_reply(channel: Channel, body: str) -> str:
    """An agent reply as the channel shows it: an e-mail has a salutation and a signature.
    Returns a template: the salutation's placeholders are still to be filled."""
    if channel in MAIL_CHANNELS:
        body = body.removeprefix("您好,").removeprefix("亲,您好,").removeprefix("亲,")
        return "{customer}您好:\n\n" + body + "\n\n客服{agent}号\n{shop}"
    return body
