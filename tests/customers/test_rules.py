"""Unit tests for normalising customer identities: one person, recognised on every channel."""

from __future__ import annotations

import pytest

from kefu.customers.rules import (
    IdentityKind,
    InvalidIdentity,
    merged_tags,
    name_spellings,
    normalise,
    normalise_buyer_nick,
    normalise_email,
    normalise_openid,
    normalise_phone,
    searchable_forms,
)

MOBILE = "+8613800138000"


@pytest.mark.parametrize(
    "written",
    ["13800138000", "138 0013 8000", "138-0013-8000", "+86-138-0013-8000",
     "+86 138 0013 8000", "0086 13800138000", "  13800138000  ", "１３８００１３８０００",
     "＋８６ １３８ ００１３ ８０００"],
)  # fmt: skip
def test_every_common_writing_of_a_mobile_number_is_the_same_number(written: str) -> None:
    assert normalise_phone(written) == MOBILE


def test_a_beijing_landline_with_its_area_code_is_accepted() -> None:
    assert normalise_phone("010-6552 9988") == "+861065529988"
    assert normalise_phone("(010) 65529988") == "+861065529988"


def test_a_foreign_number_keeps_its_own_country_code() -> None:
    assert normalise_phone("+1 650 253 0000") == "+16502530000"


@pytest.mark.parametrize(
    "written",
    ["12", "abc", "", "   ", "1380013800", "23800138000", "138001380001", "6552 9988", "电话"],
)
def test_an_impossible_phone_number_is_refused_with_the_phone_code(written: str) -> None:
    with pytest.raises(InvalidIdentity) as caught:
        normalise_phone(written)
    assert caught.value.code == "field.phone"


def test_an_email_is_trimmed_and_lower_cased() -> None:
    assert normalise_email("  Wang.XiaoJie@Example.COM ") == "wang.xiaojie@example.com"


@pytest.mark.parametrize(
    "written", ["bad", "a@b", "@example.com", "wang@", "wang@@example.com", ""]
)
def test_an_invalid_email_is_refused_with_the_email_code(written: str) -> None:
    with pytest.raises(InvalidIdentity) as caught:
        normalise_email(written)
    assert caught.value.code == "field.email"


def test_a_wechat_openid_is_kept_as_written_but_trimmed() -> None:
    assert normalise_openid("  oUpF8uMuAJO_M2pxb1Q9zNjWeS6o ") == "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"


@pytest.mark.parametrize("written", ["abc", "has space", "o" * 65, "微信号openid", ""])
def test_a_malformed_openid_is_refused(written: str) -> None:
    with pytest.raises(InvalidIdentity) as caught:
        normalise_openid(written)
    assert caught.value.code == "field.invalid"


def test_a_buyer_nick_is_nfkc_normalised_and_bounded() -> None:
    assert normalise_buyer_nick(" 小王ＡＢＣ ") == "小王ABC"
    for bad in ("", "   ", "x" * 65):
        with pytest.raises(InvalidIdentity):
            normalise_buyer_nick(bad)


def test_normalise_dispatches_on_the_identity_kind() -> None:
    assert normalise(IdentityKind.PHONE, "138 0013 8000") == MOBILE
    assert normalise(IdentityKind.EMAIL, "A@Example.com") == "a@example.com"
    with pytest.raises(InvalidIdentity):
        normalise(IdentityKind.EMAIL, "138 0013 8000")


def test_a_chinese_mobile_is_searchable_with_and_without_plus_86() -> None:
    assert searchable_forms("phone", MOBILE) == [MOBILE, "13800138000"]
    assert searchable_forms("phone", "+16502530000") == ["+16502530000"]
    assert searchable_forms("email", "a@example.com") == ["a@example.com"]


def test_a_chinese_name_is_spelled_in_pinyin_and_initials() -> None:
    assert name_spellings("王小姐") == ["wangxiaojie", "wxj"]
    assert name_spellings("Tom") == []


def test_merged_tags_keep_both_in_first_seen_order_without_repeats() -> None:
    assert merged_tags(["VIP", "退货多", "VIP"], ["老客户", "退货多"]) == [
        "VIP",
        "退货多",
        "老客户",
    ]
    assert merged_tags([], ["a"]) == ["a"] and merged_tags(["a"], []) == ["a"]
    assert merged_tags([], []) == []
