"""The demo shop's customers: Chinese names and the identities they reach the shop with.

Everything is drawn from a caller's ``random.Random`` so the same seed gives the same people.
"""

from __future__ import annotations

import random
import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from pypinyin import lazy_pinyin

from kefu.customers.rules import IdentityKind, normalise

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤"
)
COMPOUND_SURNAMES = ("欧阳", "上官", "司马", "诸葛", "慕容")
FEMALE_CHARS = (
    "芳娜敏静丽艳娟霞秀玲桂英华慧巧美淑惠珠翠雅芝玉萍红月彩春菊兰凤洁梅琳素云莲真环雪"
    "荣爱妹香瑶怡婷雯"
)
MALE_CHARS = (
    "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发"
    "武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪"
    "心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启"
    "克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛"
)
FORMS_OF_ADDRESS = {"female": ("小姐", "女士"), "male": ("先生",)}

# Mobile prefixes (号段) that libphonenumber accepts as Chinese mobiles.
MOBILE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152",
    "153", "155", "156", "157", "158", "159", "166", "171", "173", "175", "176", "177", "178",
    "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "193", "195", "198",
    "199",
)  # fmt: skip
MAIL_DOMAINS = ("qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "outlook.com")
NICK_WORDS = (
    "小猫爱吃鱼", "momo", "晴天娃娃", "大白兔", "糖果", "小鹿乱撞", "追风少年", "Lily", "木子",
    "奶茶不加糖", "jenny", "阿杰", "小胖子", "柠檬草", "summer", "橙子", "一颗星", "Tony",
    "清风徐来", "喵小姐", "coco", "跑鞋控", "风吹麦浪", "小熊饼干",
)  # fmt: skip
OPENID_CHARS = string.ascii_letters + string.digits + "-_"

CUSTOMER_TAGS = ("老客户", "大码", "学生", "宝妈", "爱砍价", "团购", "回头客", "差评风险", "运动鞋")
BLACKLIST_REASONS = (
    "多次恶意投诉,要求超出商品价格的赔偿,聊天记录已提交平台备案",
    "收货后以质量问题为由反复索要全额退款,经核实为人为损坏,已报主管",
    "恶意差评威胁、辱骂客服,主管审核后列入黑名单",
)


@dataclass
class Person:
    """One demo customer before it is stored."""

    name: str
    gender: str
    identities: dict[IdentityKind, str] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    vip_level: int = 0
    birthday: date | None = None
    blacklist_reason: str | None = None

    @property
    def phone(self) -> str | None:
        return self.identities.get(IdentityKind.PHONE)

    @property
    def address(self) -> str:
        """How an agent addresses the customer: 王小姐 / 李先生 (亲 is added by the scripts)."""
        if self.name.endswith(("小姐", "女士", "先生")):
            return self.name
        surname = self.name[:2] if self.name[:2] in COMPOUND_SURNAMES else self.name[:1]
        return surname + ("女士" if self.gender == "female" else "先生")


def chinese_name(rng: random.Random, gender: str) -> str:
    surname = rng.choice(COMPOUND_SURNAMES) if rng.random() < 0.03 else rng.choice(SURNAMES)
    pool = FEMALE_CHARS if gender == "female" else MALE_CHARS
    given = rng.choice(pool) + (rng.choice(pool) if rng.random() < 0.7 else "")
    return surname + given


def mobile(rng: random.Random) -> str:
    """A valid-looking Chinese mobile, written as customers type it (mostly bare 11 digits)."""
    digits = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
    style = rng.random()
    if style < 0.1:
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    if style < 0.15:
        return "+86 " + digits
    return digits


def email(rng: random.Random, name: str) -> str:
    if rng.random() < 0.4:
        return f"{rng.randrange(10**7, 10**10)}@qq.com"
    spelled = "".join(lazy_pinyin(name))
    if not spelled.isascii() or not spelled:
        spelled = "kehu"
    suffix = str(rng.randrange(1970, 2010)) if rng.random() < 0.5 else str(rng.randrange(100))
    return f"{spelled}{suffix}@{rng.choice(MAIL_DOMAINS)}"


def openid(rng: random.Random) -> str:
    """A WeChat openid: 28 characters starting with 'o', like ``oAbC3xY...``."""
    return "o" + "".join(rng.choice(OPENID_CHARS) for _ in range(27))


def buyer_nick(rng: random.Random, name: str) -> str:
    roll = rng.random()
    if roll < 0.3:
        return f"tb{rng.randrange(10**8, 10**11)}"
    if roll < 0.6:
        return "".join(lazy_pinyin(name)) + str(rng.randrange(10, 9999))
    return rng.choice(NICK_WORDS) + str(rng.randrange(1, 2030))


def person(rng: random.Random) -> Person:
    """One customer with one to four identities (at least one)."""
    gender = "female" if rng.random() < 0.62 else "male"
    full = chinese_name(rng, gender)
    name = full
    if rng.random() < 0.15:
        name = full[0] + rng.choice(FORMS_OF_ADDRESS[gender])
    found = Person(name=name, gender=gender)
    ids = found.identities
    if rng.random() < 0.88:
        ids[IdentityKind.PHONE] = mobile(rng)
    if rng.random() < 0.3:
        ids[IdentityKind.EMAIL] = email(rng, full)
    if rng.random() < 0.38:
        ids[IdentityKind.WECHAT_OPENID] = openid(rng)
    if rng.random() < 0.42 or not ids:
        ids[IdentityKind.BUYER_NICK] = buyer_nick(rng, full)
    if rng.random() < 0.35:
        found.tags = rng.sample(CUSTOMER_TAGS, k=rng.choice((1, 1, 2)))
    return found


def make_vip(rng: random.Random, found: Person) -> None:
    found.vip_level = rng.choice((1, 1, 2, 2, 3, 4, 5))
    found.birthday = date(rng.randrange(1968, 2004), rng.randrange(1, 13), rng.randrange(1, 29))
    found.tags = list(dict.fromkeys(["VIP", *found.tags]))


def people(
    rng: random.Random, count: int, *, vips: int, blacklisted: int, reserved: Sequence[Person] = ()
) -> list[Person]:
    """``count`` customers with unique identities, ``reserved`` ones (fixed examples) last;
    the first ``blacklisted`` get a reason."""
    made: list[Person] = []
    seen = {
        (kind, normalise(kind, value)) for p in reserved for kind, value in p.identities.items()
    }
    while len(made) < count - len(reserved):
        candidate = person(rng)
        keys = {(kind, normalise(kind, value)) for kind, value in candidate.identities.items()}
        if keys & seen:
            continue  # a clash of random numbers: draw again rather than merge two people
        seen |= keys
        made.append(candidate)
    for number, found in enumerate(made[:blacklisted]):
        found.blacklist_reason = BLACKLIST_REASONS[number % len(BLACKLIST_REASONS)]
        found.tags = list(dict.fromkeys([*found.tags, "恶意投诉"]))
    for found in rng.sample(made[blacklisted:], k=vips):
        make_vip(rng, found)
    return [*made, *reserved]
