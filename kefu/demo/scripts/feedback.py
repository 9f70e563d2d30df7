"""Complaints (投诉), suggestions (建议) and everything else (其他).

Complaints follow seed 003 §七 (第一时间上报主管, 查明原因和全部聊天记录, 电话联系客人, 恶意投诉告知
主管) and seed 000's 维权 cases (延迟发货, 虚假发货, 未收到货).
"""

from __future__ import annotations

from kefu.demo.scripts.base import Scenario
from kefu.tickets.rules import Priority, TicketType

COMPLAINT = TicketType.COMPLAINT
SUGGESTION = TicketType.SUGGESTION
OTHER = TicketType.OTHER

MALICIOUS = "malicious"

SCENARIOS = (
    Scenario(
        key="late_shipping",
        type=COMPLAINT,
        catalog="投诉",
        tags=("延迟发货",),
        subjects=("付款三天了还不发货", "延迟发货投诉", "说好当天发货的"),
        asks=(
            "付款三天了还没发货,客服说当天发,骗人的吗?我要投诉!",
            "订单{order}到现在还显示未发货,再不发我就申请退款投诉你们了。",
        ),
        answers=(
            "十分抱歉让您久等了,我马上核实仓库的发货情况,今天之内一定给您一个答复。",
            "您好,真的非常抱歉,您的问题我已经上报主管,马上查清楚原因。",
        ),
        follow_ups=("今天必须发,不然我就投诉到平台。", "尽快给我个说法。"),
        resolutions=(
            "已经核实,是您拍的{color}{size}码临时缺货导致延迟,今天已经从其他仓库调货用顺丰发出,"
            "单号{sf_tracking},按规定给您补偿5%的违约金,实在抱歉。",
        ),
        notes=("已报主管。延迟发货,已顺丰加急并补偿违约金--客服{agent}号--{date}",),
        holds=("已报主管,等待仓库调货--客服{agent}号--{date}",),
        priority=Priority.HIGH,
        escalate=True,
        weight=3,
    ),
    Scenario(
        key="no_tracking",
        type=COMPLAINT,
        catalog="投诉",
        tags=("虚假发货", "物流"),
        subjects=("显示已发货但查不到物流", "虚假发货", "单号{tracking}查不到"),
        asks=(
            "显示已经发货两天了,单号{tracking}一直查不到物流信息,是不是虚假发货?",
            "你们是不是点了发货没寄?{courier}查不到单号{tracking}。",
        ),
        answers=("您好,非常抱歉,物流信息需要一定时间更新,我现在致电{courier}核实,稍后回复您。",),
        follow_ups=("都两天了还查不到,再不给说法我就维权。", "你们快点,我等着用。"),
        resolutions=(
            "已经联系{courier}核实,包裹当天已揽收,是网点漏扫了,现在物流已经更新,明天就能派送。"
            "发货面单我们也已上传凭证,给您添麻烦了。",
        ),
        notes=("已联系快递,核实为网点漏扫,面单已上传凭证--客服{agent}号--{date}",),
        holds=("已致电{courier}核实揽收记录,等待回复--客服{agent}号--{date}",),
        priority=Priority.HIGH,
        weight=2,
    ),
    Scenario(
        key="signed_not_received",
        type=COMPLAINT,
        catalog="投诉",
        tags=("未收到货", "物流"),
        subjects=("显示签收但没收到货", "快递被别人签收了", "未收到货"),
        asks=(
            "物流显示已经签收了,但我根本没收到!我的电话{phone},没人给我打过电话。",
            "订单{order}显示交易成功,可是东西我没收到,谁签收的?",
        ),
        answers=("十分抱歉,我马上联系派件的快递员核实签收人信息,请您稍等。",),
        follow_ups=("快点,里面是我买的{product}。", "我一直在家,根本没人送过来。"),
        resolutions=(
            "已经联系快递员,包裹放在了小区门口的快递驿站,快递员会打您电话{phone}确认。"
            "如果确认丢件,我们马上给您重新发货。",
        ),
        notes=("已联系快递员核实签收人,客户电话{phone}--客服{agent}号--{date}",),
        waits=("麻烦您先确认一下家人、门卫或者快递驿站有没有代收,我们同时联系快递员核实。",),
        holds=("已联系{courier}派件员追回包裹,等待结果--客服{agent}号--{date}",),
        priority=Priority.HIGH,
        weight=2,
    ),
    Scenario(
        key="attitude",
        type=COMPLAINT,
        catalog="投诉",
        tags=("服务态度",),
        subjects=("客服回复太慢,态度敷衍", "投诉客服业务不熟"),
        asks=(
            "昨天问了好几遍都没人回,回了也是敷衍,你们客服什么态度?",
            "我要投诉客服,问个尺码都说不清楚,还让我自己看详情页。",
        ),
        answers=(
            "非常抱歉给您带来不好的体验,这是我们的失职。您的问题我已经上报主管,能告诉我具体的时间吗?"
            "我们调取聊天记录核实。",
        ),
        follow_ups=("就是昨天晚上十点多,你们自己查。", "你们自己查记录吧。"),
        resolutions=(
            "已经调取了聊天记录,确实是我们服务不到位,已经对当班客服进行了处理,再送您一张20元无门槛"
            "优惠券表示歉意,感谢您的监督。",
        ),
        notes=("已报主管,已调取全部聊天记录--客服{agent}号--{date}",),
        holds=("已报主管,等待主管处理意见--客服{agent}号--{date}",),
        priority=Priority.HIGH,
        escalate=True,
    ),
    Scenario(
        key="fading",
        type=COMPLAINT,
        catalog="投诉",
        tags=("质量问题", "掉色"),
        subjects=("{garment}洗一次就掉色", "{garment}质量问题投诉"),
        asks=(
            "买的{garment}洗一次就掉色,把别的衣服都染了,你们必须给个说法!",
            "{garment}质量太差了,才穿一次就变形褪色,我要投诉!",
        ),
        answers=(
            "您好,实在抱歉给您添麻烦了,您先别着急,能拍几张照片给我看看吗?"
            "如果确实是质量问题,无条件给您退货退款,来回运费我们承担。",
        ),
        follow_ups=("照片发了,被染的衣服怎么算?", "你们看照片吧。"),
        resolutions=(
            "核实是面料和染色工艺的问题,给您办理退货退款,来回运费我们承担,另外补偿您{discount}元,"
            "再次向您道歉。",
        ),
        notes=("已报主管,质量投诉,退货退款+补偿{discount}元--客服{agent}号--{date}",),
        priority=Priority.HIGH,
        escalate=True,
        waits=("麻烦您拍几张掉色位置的照片发给我们,核实后马上给您处理。",),
    ),
    Scenario(
        key=MALICIOUS,
        type=COMPLAINT,
        catalog="投诉",
        tags=("恶意投诉",),
        subjects=("质量太差要求赔偿", "不赔钱就给差评", "要求三倍赔偿"),
        asks=(
            "你们卖的{shoe}穿一次就坏了,不赔我三倍价钱我就天天投诉,给你们差评!",
            "我要求赔偿五百元,不然就找媒体曝光你们。",
        ),
        answers=(
            "您好,给您添麻烦了,您能跟我说说具体是什么情况吗?方便的话请拍几张照片,如果确实是质量问题,"
            "我们无条件给您退货退款,来回运费由我们承担。",
        ),
        follow_ups=("我不退货,就要赔钱,不给我就一直投诉。", "少废话,赔钱!"),
        resolutions=(
            "非常理解您的心情。按照规定,质量问题我们可以为您退货退款并承担来回运费,"
            "额外的赔偿要求我们无法满足,希望您能理解。",
        ),
        notes=(
            "恶意投诉,已提交有效聊天记录凭证申诉,已报主管--客服{agent}号--{date}",
            "照片显示为人为损坏,非质量问题--客服{agent}号--{date}",
        ),
        waits=("麻烦您拍几张鞋子损坏位置的照片发给我们,我们核实后按规定处理。",),
        holds=("已报主管,准备申诉材料提交平台--客服{agent}号--{date}",),
        thanks=("等着差评吧。", "我还会投诉的。"),
        priority=Priority.URGENT,
        escalate=True,
        weight=0,  # only the blacklisted customers' tickets use it
    ),
    Scenario(
        key="product_suggestion",
        type=SUGGESTION,
        catalog="建议",
        tags=("产品建议",),
        subjects=("建议加尺码表", "希望多出大码", "包装建议", "建议{shoe}多出几个颜色"),
        asks=(
            "建议详情页加一个详细的身高体重尺码表,每次都要问客服,太麻烦了。",
            "能不能多出点大码?我穿XXXL都有点紧,好看的款式都没有我的码。",
            "包装用的塑料袋太多了,建议换成环保纸袋。",
            "{shoe}很好穿,建议多出几个颜色,{color2}的就很好看。",
        ),
        answers=(
            "非常感谢您的建议,已经记录下来反馈给运营同事了,我们会认真考虑。",
            "亲,谢谢您这么用心给我们提建议,我这边马上整理提交给产品部门。",
        ),
        follow_ups=("好的,希望能改进。", "期待你们越来越好。"),
        resolutions=(
            "您的建议已经被采纳,后续上新会同步改进,送您一张5元优惠券表示感谢,{shop_short}有您更精彩:)",
            "您的建议已经整理上报给运营部门,采纳后第一时间通知您,再次感谢您对{shop_short}的支持。",
        ),
        notes=("客户建议已提交运营部门--客服{agent}号--{date}",),
        priority=Priority.LOW,
    ),
    Scenario(
        key="service_suggestion",
        type=SUGGESTION,
        catalog="建议",
        tags=("服务建议",),
        subjects=("建议延长客服时间", "希望支持顺丰包邮", "退换货流程建议"),
        asks=(
            "晚上十一点多就没人回复了,建议延长一下客服在线时间。",
            "建议满两件就用顺丰包邮,其他快递太慢了。",
            "退换货流程太复杂了,建议上门取件。",
        ),
        answers=(
            "非常感谢您的建议!我们客服在线时间是9:00-23:30,您的意见我已经记录下来了。",
            "非常感谢您的建议!目前满299可以选顺丰包邮,您的意见我已经记录下来了。",
            "非常感谢您的建议!上门取件的服务我们正在和快递公司洽谈,您的意见我已经记录下来了。",
        ),
        follow_ups=("好的,辛苦你们了。", "希望能采纳。"),
        resolutions=(
            "您的建议已经提交给主管,我们会根据大家的反馈调整服务,感谢您对我们的支持和监督。",
        ),
        notes=("服务建议已报主管--客服{agent}号--{date}",),
        priority=Priority.LOW,
    ),
    Scenario(
        key="invoice",
        type=OTHER,
        catalog=None,
        tags=("发票",),
        subjects=("订单{order}需要电子发票", "发票抬头开错了,重开"),
        asks=(
            "订单{order}需要开电子发票,抬头写公司名称,税号稍后发给你。",
            "上次开的发票抬头写错了,能重新开吗?",
        ),
        answers=("您好,可以的,请把发票抬头、税号和接收发票的邮箱发给我,我们3个工作日内开具。",),
        follow_ups=("发给你了,邮箱就是我下单用的那个。", "好的,信息已发。"),
        resolutions=("电子发票已经开好发送到您的邮箱了,请注意查收,有问题随时联系客服{agent}号。",),
        notes=("开票信息已提交财务--客服{agent}号--{date}",),
        waits=("麻烦您把发票抬头、税号和接收发票的邮箱发给我。",),
        holds=("已转财务开票,等待财务处理--客服{agent}号--{date}",),
        priority=Priority.LOW,
    ),
    Scenario(
        key="membership",
        type=OTHER,
        catalog=None,
        tags=("会员",),
        subjects=("会员生日礼券怎么领", "修改绑定手机号", "积分查询"),
        asks=(
            "我是你们的会员,生日礼券在哪里领?",
            "我换手机号了,原来的号码是{phone},怎么修改绑定?",
            "积分可以抵现吗?我有好几千积分。",
        ),
        answers=(
            "您好,会员生日当月登录店铺会员中心就可以领取生日礼券,我这边帮您查一下会员信息。",
            "亲,您在会员中心的个人资料里可以修改手机号,我这边也可以帮您核实身份后修改。",
            "您好,积分下单时可以抵现,100积分抵1元,我帮您查一下积分余额。",
        ),
        follow_ups=("找到了,谢谢。", "好的,我试一下。"),
        resolutions=(
            "生日礼券已经发放到您的账户,有效期30天,请注意查收。",
            "已经帮您把绑定的手机号改好了,以后用新号码登录就可以。",
            "您账户里有3260积分,下单时勾选积分抵扣就可以用,祝您购物愉快。",
        ),
        waits=("麻烦您提供一下注册会员时的手机号,我帮您查询会员信息。",),
    ),
    Scenario(
        key="cooperation",
        type=OTHER,
        catalog=None,
        tags=("合作",),
        subjects=("直播带货合作", "{city}实体店代理咨询"),
        asks=(
            "你好,我们是做直播带货的,想跟你们谈合作,找谁联系?",
            "请问可以做代理吗?我在{city}有实体店。",
        ),
        answers=("您好,感谢您对{shop_short}的关注!商务合作由专门的同事负责,请留下您的联系方式。",),
        follow_ups=("电话{phone},微信同号。", "我的电话是{phone}。"),
        resolutions=("已经把您的联系方式转给商务同事,两个工作日内会联系您,谢谢。",),
        notes=("商务合作意向,已转商务部,电话{phone}--客服{agent}号--{date}",),
        priority=Priority.LOW,
        waits=("麻烦您留一下联系电话和微信,商务同事会联系您。",),
    ),
)
