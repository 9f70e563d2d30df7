"""Before the sale: questions (咨询) about sizes, fabrics, stock, delivery, and orders (下单) with
their bargaining and payment (seed 001 §2-5, seed 004 售前客服工作流程)."""

from __future__ import annotations

from kefu.demo.scripts.base import Scenario
from kefu.tickets.rules import Priority, TicketType

INQUIRY = TicketType.INQUIRY
ORDER = TicketType.ORDER

SCENARIOS = (
    Scenario(
        key="garment_size",
        type=INQUIRY,
        catalog="售前咨询",
        tags=("尺码",),
        subjects=("{garment}尺码咨询", "身高{height}体重{jin}斤穿什么码", "{garment}选哪个码"),
        asks=(
            "你好,我身高{height},体重{jin}斤,想买这款{garment},穿什么码合适?",
            "在吗?想问下{garment}尺码偏大还是偏小,我身高{height}cm,体重{weight}kg。",
            "亲,{garment}{color}的还有吗?我{height}cm/{weight}kg,应该拿哪个码?",
        ),
        answers=(
            "根据您的身高体重,建议您选择{size}码。这款是标准码,版型略修身,"
            "如果喜欢宽松一点可以拿{size_up}码。",
            "亲,这款{garment}尺码是标准的,按您{height}cm、{weight}kg的身材,{size}码穿着正合适,"
            "{color}目前有现货。",
        ),
        follow_ups=(
            "那{size_up}码会不会太大?我比较喜欢宽松一点的。",
            "好的,面料会不会起球?洗了会缩水吗?",
            "我肩膀比较宽,{size}码会不会紧?",
        ),
        resolutions=(
            "{size_up}码会宽松一些,袖长也会长两厘米左右,喜欢宽松的话可以拿{size_up}码。"
            "面料做过预缩处理,正常洗涤不会缩水。",
            "亲放心,面料经过预缩和抗起球处理,按洗标轻柔机洗就可以。您的身高体重我已经备注在订单里,"
            "发货前仓库会再核对一次尺码。",
            "肩宽的话建议拿{size_up}码,这款是落肩设计,大一码也不会显得松垮。"
            "您的身高体重我已经备注在订单里了。",
        ),
        notes=("尺码{size}(身高{height} 体重{weight}kg)--客服{agent}号--{date}",),
        waits=("亲,您量一下平时合身的衣服的肩宽和衣长发给我,我帮您对照尺码表再确认一下。",),
        weight=4,
    ),
    Scenario(
        key="shoe_size",
        type=INQUIRY,
        catalog="售前咨询",
        tags=("尺码", "鞋"),
        subjects=("{shoe}偏码吗", "鞋子尺码咨询", "{shoe}穿多大码"),
        asks=(
            "请问{shoe}偏码吗?我脚长{foot}毫米,平时穿{shoe_size}码。",
            "你好,我想买{shoe},脚有点宽,脚长大概{foot}mm,拿多大的?",
        ),
        answers=(
            "亲,这款{shoe}是标准码,您脚长{foot}毫米,建议拿{shoe_size}码;"
            "如果脚背偏高或者脚偏宽,可以拿大一码。",
            "您好,这款鞋楦头偏窄,您脚偏宽的话建议在{shoe_size}码的基础上拿大一码,穿着更舒服。",
        ),
        follow_ups=("大一码的话会不会掉跟?", "如果尺码不合适可以换吗?"),
        resolutions=(
            "一般不会掉跟的,鞋子附带了鞋垫,大一码可以垫上。收到后不合适也没关系,"
            "七天内未穿着外出都可以换,换货寄回的运费需要您承担一下哦。",
            "可以换的亲,签收7天内,鞋子未穿着外出、鞋盒吊牌完好都支持换码,"
            "我们收到退回的鞋子当天就给您发新尺码。",
        ),
        notes=("鞋码{shoe_size}(脚长{foot}mm)--客服{agent}号--{date}",),
        weight=3,
    ),
    Scenario(
        key="fabric",
        type=INQUIRY,
        catalog="售前咨询",
        tags=("面料", "色差"),
        subjects=("{garment}面料和色差", "{garment}实物和图片一样吗", "面料咨询"),
        asks=(
            "这件{garment}是什么面料的?{color}实物有色差吗?",
            "图片上的{color}和实物一样吗?会不会掉色?",
            "{garment}是纯棉的吗?我皮肤比较敏感。",
        ),
        answers=(
            "您好,本店商品都是实物拍摄,不同显示器可能有轻微色差,{color}实物会比图片稍微深一点点。"
            "面料是棉混纺,亲肤透气。",
            "亲,这款{garment}的面料成分在详情页第三张图有标注,含棉量在70%以上,贴身穿不扎皮肤,"
            "第一次洗涤建议冷水手洗,不会掉色的。",
        ),
        follow_ups=("那{color2}和{color}哪个更显白?", "冬天穿会不会冷?"),
        resolutions=(
            "{color}更百搭一些,肤色偏白的话{color2}也很好看,很多老顾客是两个颜色一起拿的,"
            "您可以参考一下买家秀。",
            "这款做了加厚处理,冬天里面搭一件打底就可以了。有任何问题可以随时联系我们,"
            "我是客服{agent}号。",
        ),
        weight=2,
    ),
    Scenario(
        key="restock",
        type=INQUIRY,
        catalog="售前咨询",
        tags=("缺货",),
        subjects=("{garment}{color}{size}码什么时候补货", "{shoe}{shoe_size}码还补货吗"),
        asks=(
            "{garment}的{color}{size}码怎么显示没货了?什么时候补货?",
            "你好,{shoe}的{shoe_size}码还会补货吗?等了好几天了。",
        ),
        answers=(
            "亲,不好意思,这个颜色尺码目前卖断了,工厂正在加急生产,预计下周三左右补货,"
            "补货后页面会显示预售时间。",
            "您好,这款下批货预计7天左右到仓,您可以先收藏宝贝,到货后我们会第一时间通知您。",
        ),
        follow_ups=("能不能先拍下,到货了再发?", "有没有差不多的款式推荐一下?"),
        resolutions=(
            "可以的亲,您拍下后我这边备注优先发货,到货当天就给您安排;预售期间不想等了也可以随时申请退款。",
            "您可以看看同系列的{color2}款,版型一样,目前有现货,今天拍下今天就能发出。",
        ),
        notes=("缺货登记,已通知仓库到货后优先发货--客服{agent}号--{date}",),
        holds=("已向仓库确认补货时间,等待仓库回复--客服{agent}号--{date}",),
    ),
    Scenario(
        key="promotion",
        type=INQUIRY,
        catalog="售前咨询",
        tags=("活动",),
        subjects=("店铺活动咨询", "满减活动和优惠券"),
        asks=("现在有什么活动吗?买两件有优惠吗?", "你们店满减活动还有吗?优惠券在哪里领?"),
        answers=(
            "您好,店铺现在有满299减30的活动,首页可以领取店铺优惠券,两件一起拍还送{gift}哦:)",
            "亲,目前全店满199包邮,会员再享95折,优惠券在宝贝页面价格下方就可以领取。",
        ),
        follow_ups=("优惠券和满减可以一起用吗?", "会员怎么加入?"),
        resolutions=(
            "可以叠加使用的亲,下单时系统会自动计算最优价格。",
            "关注店铺就自动成为会员了,生日当月还有专属礼券哦。",
        ),
    ),
    Scenario(
        key="where_is_parcel",
        type=INQUIRY,
        catalog="物流查询",
        tags=("物流", "查件"),
        subjects=("订单{order}查件", "物流好几天没更新", "快递还没到"),
        asks=(
            "有人在吗?我的快递还没到,订单号{order},这都多少天了。",
            "你好,我买的{product}物流三天没更新了,单号{tracking},麻烦帮我查一下。",
            "快递还没到,怎么回事?我的电话{phone},麻烦查一下。",
        ),
        answers=(
            "十分抱歉,耽误您时间了,稍等一下我查查物流信息。",
            "您好,刚查了物流信息,{courier}单号{tracking},货已经到{city}了,可能是还没有给您派送。",
        ),
        follow_ups=("速度", "尽快吧…", "那什么时候能送到?明天要穿的。"),
        resolutions=(
            "这样,我们现在联系快递公司,问问具体情况,然后回复您,争取让尽快给您送到。"
            "实在抱歉,由于快递的问题,耽误您时间了。",
            "已经联系{courier}的派件网点,快递员今天下午给您派送,派件前会打您电话{phone},"
            "请保持手机畅通。十分抱歉,给您添麻烦了。",
        ),
        notes=(
            "已联系快递,网点承诺今日派送--客服{agent}号--{date}",
            "已联系{courier}查件,单号{tracking}--客服{agent}号--{date}",
        ),
        waits=("麻烦您提供一下订单号或者收件人手机号,我这边帮您查询。",),
        holds=(
            "已联系{courier}网点核实,等待快递回复--客服{agent}号--{date}",
            "物流停滞,已提交{courier}查件工单{tracking}--客服{agent}号--{date}",
        ),
        thanks=("嗯,谢谢", "好的,麻烦了", "尽快吧"),
        weight=4,
    ),
    Scenario(
        key="delivery_time",
        type=INQUIRY,
        catalog="物流查询",
        tags=("物流", "发货时间"),
        subjects=("发什么快递,几天能到{city}", "急用,明天能到{city}吗"),
        asks=("你好,发什么快递?寄到{city}几天能到?", "我急用,今天拍明天能到{city}吗?"),
        answers=(
            "您好,我们是和{courier}快递合作的,您现在购买,今天安排发货出去,"
            "正常情况下{days}天左右可以到货。",
            "您好,由于快递不受我们控制,我们无法保证具体到货时间,只能保证今天一定给您安排发货出去,"
            "希望您能理解。",
        ),
        follow_ups=("能发顺丰吗?", "那能保证后天到吗?"),
        resolutions=(
            "如果您很急的话,建议您使用顺丰快递,就是运费稍微贵了些,江浙沪一公斤内是14元,"
            "其他地区一公斤内22元。您拍下后先不要付款,我修改好运费后您再支付。",
            "亲,下午4点前付款的订单当天发出,我这边给您备注加急,发货后把单号发给您,可以随时查看物流。",
        ),
        notes=("加急发货,已备注仓库--客服{agent}号--{date}",),
        weight=2,
    ),
    Scenario(
        key="bargain",
        type=ORDER,
        catalog="售前咨询",
        tags=("议价",),
        subjects=("{product}能便宜点吗", "买两件能优惠吗", "包邮吗,能再少点吗"),
        asks=(
            "这款{product}{price}太贵了,能便宜点吗?",
            "老板,我买两件,能不能便宜{discount}块?",
            "亲,包邮吗?再少点我就拍了。",
        ),
        answers=(
            "亲,我们产品质量是有保证的,销售价格是公司统一制定的,已经是最低价了,"
            "价格上没办法变动,这是原则,希望您理解哦:)",
            "您好,价格是公司统一定价的,所有顾客都一样,不过现在店铺有活动,两件一起拍送{gift}。",
        ),
        follow_ups=(
            "那送个运费险吧,不合适好退。",
            "真的不能再少了吗?送点东西也行。",
            "那运费能便宜点吗?",
        ),
        resolutions=(
            "好的亲,给您送运费险,收到不合适退换的运费由运费险承担,您拍下就可以了:)",
            "价格真的没办法少了哦,这样,再送您{gift},您拍下就可以了:)",
            "运费这边给您优惠,您拍下来后,先不要进入支付页面,我修改好运费后,您再支付。",
        ),
        notes=("议价:赠{gift}+运费险--客服{agent}号--{date}",),
        thanks=("好吧,那我拍了。", "行,那我拍了,你记得备注一下。"),
        weight=4,
    ),
    Scenario(
        key="payment",
        type=ORDER,
        catalog="售前咨询",
        tags=("支付",),
        subjects=("付款失败", "支付提示余额不足", "花呗付不了"),
        asks=(
            "我拍了{product}但是付款一直失败,怎么回事?",
            "支付的时候提示余额不足,可是我卡里有钱啊。",
            "花呗付不了,订单{order}还能付款吗?",
        ),
        answers=(
            "亲,您好,是支付上遇到问题了吗?有不清楚的地方,可以告诉我,或许我能帮到您:)",
            "您好,可能是银行卡单笔支付限额的原因,您可以换一张卡,或者用支付宝余额、花呗试一下。",
        ),
        follow_ups=("换了张卡还是不行", "好了,付了,你看一下"),
        resolutions=(
            "可能是订单超时关闭了,我这边帮您重新改好价格,您重新拍下就可以了,优惠不变的。",
            "亲,已经看到您支付成功了,我们会及时为您发货,感谢您购买我们的商品,有任何问题,"
            "可以随时联系我们,我是客服{agent}号。",
        ),
        waits=("亲,您方便截个支付失败的提示图片给我看看吗?我帮您查一下是什么原因。",),
        weight=3,
    ),
    Scenario(
        key="merge_shipping",
        type=ORDER,
        catalog="售前咨询",
        tags=("改运费",),
        subjects=("两件合并付款运费", "改一下运费", "合并订单发货"),
        asks=("我拍了两件,运费算了两次,能改一下吗?", "买了{count}件,能合并发货吗?运费能少点吗?"),
        answers=(
            "可以的亲,您拍下来后先不要进入支付页面,我修改好运费后您再支付。",
            "您好,可以合并发货的,{count}件一起发只收一次运费,您拍好告诉我订单号。",
        ),
        follow_ups=("拍好了,订单号{order}", "好了,你改吧"),
        resolutions=("好的,运费已经帮您改好了,现在可以支付了,{count}件会合并成一个包裹发出。",),
        notes=("合并发货,已改运费--客服{agent}号--{date}",),
        thanks=("付好了,谢谢", "好的"),
        waits=("您拍好后把订单号发给我,我帮您改运费。",),
    ),
    Scenario(
        key="change_order",
        type=ORDER,
        catalog="售前咨询",
        tags=("改单",),
        subjects=("订单{order}改地址", "拍错尺码了能改吗"),
        asks=(
            "刚拍的订单{order}地址写错了,能帮我改一下吗?",
            "拍错尺码了,应该是{size_up}码,还没发货吧?",
        ),
        answers=(
            "您好,订单还没有发货,可以修改的,请把新的收货地址、收件人和电话发给我。",
            "亲,没问题,订单还在仓库没有打包,我这边帮您修改。",
        ),
        follow_ups=("改成{city}的地址,电话{phone}", "好的,谢谢,麻烦尽快发货。"),
        resolutions=("已经帮您修改好了,新的信息已备注给仓库,今天会正常发出,请您放心。",),
        notes=("改地址/改码,已通知仓库--客服{agent}号--{date}",),
        waits=("请把新的收货地址、收件人和电话发给我,我马上帮您修改。",),
        holds=("已通知仓库拦截改单,等待仓库确认--客服{agent}号--{date}",),
        weight=2,
    ),
    Scenario(
        key="group_order",
        type=ORDER,
        catalog="售前咨询",
        tags=("团购",),
        subjects=("公司团购{garment}", "学校团购{shoe}"),
        asks=(
            "我们公司想订{count}0件{garment}做工服,可以印logo吗?有优惠吗?",
            "学校运动会要买{count}0双{shoe},能给个团购价吗?",
        ),
        answers=(
            "您好,团购30件以上可以享受9折优惠,印logo需要另外加工,大约5-7个工作日,"
            "我先把您的需求记录下来,团购专员会联系您。",
        ),
        follow_ups=("好的,联系电话{phone}。", "行,尽快报个价给我,电话{phone}"),
        resolutions=("已经记录好了,团购专员今天之内会给您回电,报价单会一并发到您手机上。",),
        notes=("团购意向,已转团购专员,客户电话{phone}--客服{agent}号--{date}",),
        waits=("麻烦您留一下联系电话和需要的数量、尺码,团购专员会联系您。",),
        holds=("已转团购专员报价,等待回复--客服{agent}号--{date}",),
        priority=Priority.HIGH,
    ),
)
