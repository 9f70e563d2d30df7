"""The handbooks' standard scripts, shipped as canned replies.

Wording as the handbooks write it, in simplified characters with Chinese punctuation; where a
script names the agent (客服8号, 8号客服, 客服XXX) or the shop (XX旗舰店, XX(店名), 本店) it holds
``{agent_number}`` or ``{shop_name}``. The handbooks' "+笑脸表情" (add a smiley) is left to the
agent, since each channel draws its own. ``source`` names the handbook (``seeds/`` file prefix) and
section; a script the handbook gives as an instruction rather than a quotation says so
("据…改写"), as do the OCR slips restored in seed 004 (欢送→欢迎, 快乐→高兴) and seed 002's typos
(专递→转递, 否侧→否则).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Seed:
    key: str
    category: str
    shortcut: str
    title: str
    body: str
    source: str


_S001 = "001 客服与客户交流的流程"
_S002 = "002 话务沟通语言技巧 §五(二)应答规范"
_S004 = "004 售中沟通"

SEEDS: tuple[Seed, ...] = (
    # -- welcome ---------------------------------------------------------------------------------
    Seed(
        "001-welcome-1",
        "welcome",
        "hy1",
        "欢迎语(自我介绍)",
        "您好，我是{agent_number}，很高兴为您服务，有什么我可以效劳的",
        f"{_S001} §1 欢迎语 B",
    ),
    Seed(
        "001-welcome-2",
        "welcome",
        "hy2",
        "欢迎光临本店",
        "您好，欢迎光临{shop_name}，{agent_number}竭诚为您服务",
        f"{_S001} §1 欢迎语 B",
    ),
    Seed(
        "002-welcome",
        "welcome",
        "hy3",
        "请问有什么可以帮到您",
        "您好！请问有什么可以帮到您？",
        f"{_S002} 接通电话 1(必需严格执行)",
    ),
    Seed(
        "004-welcome-1",
        "welcome",
        "hy4",
        "欢迎光临,请问选好款式了么",
        "亲，您好！欢迎光临{shop_name}！我是{agent_number}，请问选购好款式了么？很愿意为亲效劳！",
        f"{_S004} 2、招呼用语 1)(OCR 欢送→欢迎)",
    ),
    Seed(
        "004-welcome-2",
        "welcome",
        "hy5",
        "恭候您多时了",
        "恭候您多时了，亲！请问有什么我可以为您效劳的？",
        f"{_S004} 2、招呼用语 2)",
    ),
    Seed(
        "004-welcome-3",
        "welcome",
        "hy6",
        "欢迎光临,很高兴为您效劳",
        "您好，欢迎光临{shop_name}，很高兴为您效劳，有什么可以为您效劳？",
        f"{_S004} 2、招呼用语 3)(OCR 欢送→欢迎、快乐→高兴)",
    ),
    Seed(
        "000-welcome",
        "welcome",
        "hy7",
        "接听标准用语",
        "您好，{shop_name}！",
        "000 客服部日常事务统一规范守则 (8) 接听标准用语",
    ),
    # -- inquiry ---------------------------------------------------------------------------------
    Seed(
        "002-inquiry-questions",
        "inquiry",
        "zx1",
        "先问几个小问题",
        "为了尽快为您解决这个问题，我可以向您提几个小问题吗？",
        f"{_S002} 通话过程 1",
    ),
    Seed(
        "002-inquiry-check",
        "inquiry",
        "zx2",
        "先帮您查一下",
        "对不起，您能让我先帮您查一下嘛？",
        f"{_S002} 通话过程 5",
    ),
    Seed(
        "002-inquiry-waited",
        "inquiry",
        "zx3",
        "让您久等了",
        "很抱歉让您久等了。",
        f"{_S002} 通话过程 6",
    ),
    Seed(
        "002-inquiry-repeat",
        "inquiry",
        "zx4",
        "没听清,请重复",
        "对不起，我没听清您的讲话，请您重复一遍，好吗？谢谢！",
        f"{_S002} 通话过程 7",
    ),
    Seed(
        "004-inquiry-sold-out",
        "inquiry",
        "zx5",
        "这款卖完了,推荐新款",
        "真是不好意思，这款卖完了，有刚到的其他新款，给您看一下吧。",
        f"{_S004} 3、对话、询问用语 2)",
    ),
    # -- bargaining ------------------------------------------------------------------------------
    Seed(
        "001-bargain-principle",
        "bargaining",
        "yj1",
        "价格是公司制定的",
        "亲，我们的产品是优质的，销售价格是公司制定的，已经是最低了，价格是无法做变动的，"
        "这是原则，希望您能理解。",
        f"{_S001} §3 议价环节(据原则改写)",
    ),
    Seed(
        "001-bargain-promotion",
        "bargaining",
        "yj2",
        "价格无法优惠,介绍优惠活动",
        "亲，商品的价格是无法优惠的，产品质量是有保证的，不过店铺现在有优惠活动，我给您介绍一下吧。",
        f"{_S001} §3 议价环节(据原则改写)",
    ),
    Seed(
        "001-bargain-shipping",
        "bargaining",
        "yj3",
        "运费优惠或赠品",
        "亲，价格确实无法再优惠了，不过可以在运费上给您一些优惠，或者送您一份小赠品，您看可以吗？",
        f"{_S001} §3 议价环节(据原则改写)",
    ),
    # -- payment ---------------------------------------------------------------------------------
    Seed(
        "001-pay-stuck",
        "payment",
        "zf1",
        "支付遇到问题了吗",
        "亲，您好，是支付上遇到问题了吗？有不清楚的地方，可以告诉我，或许我能帮到您",
        f"{_S001} §4 支付环节 A",
    ),
    Seed(
        "001-pay-shipping-fee",
        "payment",
        "zf2",
        "先拍下,改好运费再付",
        "您好，您拍下来后，先不要进入支付页面，我修改好运费后，您再支付。",
        f"{_S001} §4 支付环节 B",
    ),
    Seed(
        "001-pay-done",
        "payment",
        "zf3",
        "已看到您支付成功",
        "亲，已经看到您支付成功了，我们会及时为您发货，感谢您购买我们的商品，有任何问题，"
        "可以随时联系我们，我是{agent_number}",
        f"{_S001} §4 支付环节 C",
    ),
    # -- logistics -------------------------------------------------------------------------------
    Seed(
        "001-ship-city",
        "logistics",
        "wl1",
        "寄到哪个城市",
        "您好，我是{agent_number}，请问您的货是寄到哪个城市的？",
        f"{_S001} §5 物流环节 A",
    ),
    Seed(
        "001-ship-courier",
        "logistics",
        "wl2",
        "合作快递与到货时间",
        "您好，我们是和XX快递合作的，您现在购买，今天安排发货出去，正常情况下XX天左右可以到货",
        f"{_S001} §5 物流环节 A(XX 由客服按实际填写)",
    ),
    Seed(
        "001-ship-no-guarantee",
        "logistics",
        "wl3",
        "到货时间无法保证",
        "您好，由于快递不受我们控制，我们无法保证具体到货时间，只能保证今天一定给您安排发货出去，"
        "希望您能理解。",
        f"{_S001} §5 物流环节 B",
    ),
    Seed(
        "001-ship-express",
        "logistics",
        "wl4",
        "着急可用顺丰",
        "如果您很急的话，建议您使用顺丰快递，就是运费稍微贵了些，江浙沪一公斤内是14元，"
        "其他地区一公斤内22元",
        f"{_S001} §5 物流环节 C",
    ),
    # -- after-sales -----------------------------------------------------------------------------
    Seed(
        "001-after-sorry-check",
        "after_sales",
        "sh1",
        "抱歉,马上查物流",
        "十分抱歉，耽误您时间了，稍等一下我查查物流信息。",
        f"{_S001} §6 售后环节 情景对话一",
    ),
    Seed(
        "001-after-arrived",
        "after_sales",
        "sh2",
        "货已到当地",
        "您好，刚查了物流信息，货已经到您当地了，可能是还没有给您派送。",
        f"{_S001} §6 售后环节 情景对话一",
    ),
    Seed(
        "001-after-contact-courier",
        "after_sales",
        "sh3",
        "联系快递公司",
        "这样，我们现在联系快递公司，问问具体情况，然后回复您，争取让尽快给您送到。",
        f"{_S001} §6 售后环节 情景对话一",
    ),
    Seed(
        "001-after-courier-sorry",
        "after_sales",
        "sh4",
        "快递原因致歉",
        "实在抱歉，由于快递的问题，耽误您时间了。",
        f"{_S001} §6 售后环节 情景对话一",
    ),
    Seed(
        "001-after-thanks",
        "after_sales",
        "sh5",
        "感谢理解,添麻烦了",
        "嗯，感谢您的理解，十分抱歉，给您添麻烦了。",
        f"{_S001} §6 售后环节 情景对话一",
    ),
    Seed(
        "001-after-what-happened",
        "after_sales",
        "sh6",
        "说说具体情况",
        "您好，不好意思，给您添麻烦了，您能跟我说说具体是什么情况吗？",
        f"{_S001} §6 售后环节 情景对话二",
    ),
    Seed(
        "001-after-photo",
        "after_sales",
        "sh7",
        "请拍图,质量问题无条件退",
        "您好，十分抱歉，您看您方便拍张图片传给我们一下吗？你放心，如果确实是我们货有质量问题，"
        "无条件给您退货退款的。",
        f"{_S001} §6 售后环节 情景对话二",
    ),
    Seed(
        "001-after-will-handle",
        "after_sales",
        "sh8",
        "尽快帮您处理",
        "好的，我们会尽快帮您处理好的，耽误您时间了",
        f"{_S001} §6 售后环节 情景对话二",
    ),
    # -- complaint soothing ----------------------------------------------------------------------
    Seed(
        "002-complaint-sorry",
        "complaint",
        "ts1",
        "给您造成不便",
        "对不起，给您造成不便，敬请原谅。",
        f"{_S002} 通话过程 2(用户抱怨时)",
    ),
    Seed(
        "002-complaint-calm",
        "complaint",
        "ts2",
        "理解您的心情,请慢慢说",
        "对不起，我非常理解您的心情，但是为了帮您解决问题，请您慢慢说好吗？我会尽全力帮您解决的。",
        f"{_S002} 通话过程 3(用户破口大骂时)",
    ),
    Seed(
        "002-complaint-civil",
        "complaint",
        "ts3",
        "请使用文明用语",
        "对不起，先生/小姐，请您使用文明用语，否则很抱歉，我们将结束这次通话。",
        f"{_S002} 结束通话 3(遇到粗俗电话;否侧→否则)",
    ),
    # -- farewell --------------------------------------------------------------------------------
    Seed(
        "001-farewell-1",
        "farewell",
        "hs1",
        "欢送语(邀请5分好评)",
        "感谢您的惠顾，期待您的再次光临，收到货满意请给予我们5分，我们珍惜每一位买家对我们评价，"
        "如果对我们的商品或服务不满意，可以随时和我们联系，我们会服务到您满意为止！",
        f"{_S001} §7 欢送+好评",
    ),
    Seed(
        "001-farewell-2",
        "farewell",
        "hs2",
        "欢送语(服务满意度)",
        "您好，感谢您的惠顾，您对{agent_number}的服务是否满意，如果满意，请您给予我们满分，"
        "{shop_name}有您更精彩。",
        f"{_S001} §7 欢送+好评",
    ),
    Seed(
        "002-farewell-anything-else",
        "farewell",
        "hs3",
        "还有什么需要查询吗",
        "请问还有什么需要查询吗？",
        f"{_S002} 结束通话 1",
    ),
    Seed(
        "002-farewell-bye",
        "farewell",
        "hs4",
        "谢谢您的电话,再见",
        "谢谢您的电话，再见！",
        f"{_S002} 结束通话 4",
    ),
    Seed(
        "000-farewell-call",
        "farewell",
        "hs5",
        "谢谢您的来电",
        "谢谢您的来电！",
        "000 客服部日常事务统一规范守则 (8) 客人挂机时",
    ),
    # -- other -----------------------------------------------------------------------------------
    Seed(
        "002-other-privacy",
        "other",
        "qt1",
        "不能泄漏客户信息",
        "对不起，我们必须保护用户的利益，不能泄漏客户的个人信息。",
        f"{_S002} 接通电话 6(查询机主信息)",
    ),
    Seed(
        "002-other-suggestion",
        "other",
        "qt2",
        "感谢您的建议",
        "您的建议很重要，我会及时转递给相关部门，谢谢您的支持！",
        f"{_S002} 通话过程 4(专递→转递)",
    ),
    Seed(
        "002-other-never-mind",
        "other",
        "qt3",
        "没关系,还需要帮助吗",
        "没关系！还有什么需要我帮助吗？",
        f"{_S002} 接通电话 5(客户道歉时)",
    ),
)
