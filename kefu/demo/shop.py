"""The demo shop's goods, couriers and numbers, and the values a script's placeholders take.

A script line such as ``"亲,{shoe}是{color}的,{shoe_size}码"`` is filled from :func:`context`,
which draws one consistent set of facts (product, size, order, courier…) for one ticket.
"""

from __future__ import annotations

import random
from datetime import datetime
from zoneinfo import ZoneInfo

from kefu.demo.people import Person, mobile

SHOP = "悦步衣橱旗舰店"
SHOP_SHORT = "悦步衣橱"

SHOES = (
    ("男款透气跑步鞋", 299), ("女款百搭小白鞋", 189), ("复古马丁靴", 359), ("帆布鞋", 89),
    ("轻便健步鞋", 229), ("女款厚底老爹鞋", 259), ("男士商务皮鞋", 399), ("儿童运动鞋", 159),
    ("加绒雪地靴", 219), ("户外登山鞋", 429),
)  # fmt: skip
GARMENTS = (
    ("加绒连帽卫衣", 159), ("白鸭绒羽绒服", 599), ("直筒牛仔裤", 139), ("碎花连衣裙", 199),
    ("纯棉短袖T恤", 59), ("防风冲锋衣", 369), ("针织开衫", 169), ("休闲运动套装", 239),
    ("修身衬衫", 129), ("羊毛大衣", 799),
)  # fmt: skip
COLORS = ("黑色", "白色", "米白", "藏青", "卡其", "灰色", "酒红", "军绿", "雾霾蓝")
SIZES = ("S", "M", "L", "XL", "XXL", "XXXL")
SF_EXPRESS = ("顺丰", "SF")
COURIERS = (("中通", "7531"), ("圆通", "YT"), ("韵达", "4312"), ("申通", "7730"), SF_EXPRESS)
CITIES = (
    "北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "西安", "南京", "重庆", "长沙",
    "郑州", "沈阳", "哈尔滨", "昆明", "乌鲁木齐", "拉萨", "厦门", "青岛", "苏州",
)  # fmt: skip
GIFTS = ("一双棉袜", "一副鞋垫", "一个收纳袋", "一双鞋带", "一张10元优惠券")
FAR_CITIES = {"乌鲁木齐", "拉萨", "哈尔滨", "昆明"}


def size_for(height: int, weight: int) -> str:
    """The size chart the scripts recommend from (height cm, weight kg)."""
    index = 0 if weight < 50 else 1 if weight < 58 else 2 if weight < 66 else 3
    if weight >= 75:
        index = 4 if weight < 85 else 5
    if height >= 180:
        index = max(index, 3)
    return SIZES[index]


def shoe_size_for(foot_mm: int) -> int:
    """Chinese shoe sizes from foot length: 230 mm → 36, 5 mm a size."""
    return round((foot_mm - 230) / 5) + 36


def order_number(rng: random.Random) -> str:
    """An online-shop order number: 19 digits, as the platform prints them."""
    return str(rng.randrange(10**18, 10**19))


def tracking_number(rng: random.Random, courier: tuple[str, str]) -> str:
    prefix = courier[1]
    return prefix + "".join(str(rng.randrange(10)) for _ in range(15 - len(prefix)))


def _days_for(city: str, courier: str) -> str:
    if courier == "顺丰":
        return "1-2"
    return "4-6" if city in FAR_CITIES else "2-3"


def context(
    rng: random.Random, customer: Person, agent: int, opened: datetime, timezone: str
) -> dict[str, str]:
    """One ticket's facts, as strings for ``str.format``."""
    shoe, shoe_price = rng.choice(SHOES)
    garment, garment_price = rng.choice(GARMENTS)
    use_shoe = rng.random() < 0.5
    female = customer.gender == "female"
    height = rng.randrange(152, 172) if female else rng.randrange(165, 188)
    weight = rng.randrange(42, 70) if female else rng.randrange(55, 92)
    foot = rng.randrange(222, 250) if female else rng.randrange(245, 275)
    size = size_for(height, weight)
    courier = rng.choice(COURIERS)
    city = rng.choice(CITIES)
    price = shoe_price if use_shoe else garment_price
    local = opened.astimezone(ZoneInfo(timezone))
    return {
        "agent": str(agent),
        "shop": SHOP,
        "shop_short": SHOP_SHORT,
        "customer": customer.address,
        "phone": _bare_phone(customer.phone) or _bare_phone(mobile(rng)) or "",
        "order": order_number(rng),
        "shoe": shoe,
        "garment": garment,
        "product": shoe if use_shoe else garment,
        "price": str(price),
        "discount": str(max(10, round(price * rng.choice((0.1, 0.15, 0.2)) / 5) * 5)),
        "color": rng.choice(COLORS),
        "color2": rng.choice(COLORS),
        "height": str(height),
        "weight": str(weight),
        "jin": str(weight * 2),
        "size": size,
        "size_up": SIZES[min(SIZES.index(size) + 1, len(SIZES) - 1)],
        "foot": str(foot),
        "shoe_size": str(shoe_size_for(foot)),
        "shoe_size_wrong": str(shoe_size_for(foot) + rng.choice((-2, -1, 1, 2))),
        "courier": courier[0],
        "tracking": tracking_number(rng, courier),
        "sf_tracking": tracking_number(rng, SF_EXPRESS),
        "city": city,
        "days": _days_for(city, courier[0]),
        "gift": rng.choice(GIFTS),
        "count": str(rng.choice((2, 2, 3))),
        "date": f"{local.month}月{local.day}日",
    }


def _bare_phone(raw: str | None) -> str | None:
    """The 11 digits customers read out, whatever the stored spelling."""
    if raw is None:
        return None
    digits = "".join(ch for ch in raw if ch.isdigit())
    return digits[-11:]
