"""Reading push XML safely: well-formed WeChat XML only, never a DTD or an entity."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kefu.channels.wechat.payload import InvalidPush, MalformedXml, parse_xml, read_push
from tests.channels.wechat.support import FIXTURES, OPENID, sample


def test_a_text_push_is_read_field_by_field_with_its_cdata() -> None:
    fields = parse_xml(sample("text.xml"))
    assert fields["FromUserName"] == OPENID
    assert fields["Content"] == "你好,我上周买的鞋子还没发货,订单号 880012345"
    push = read_push(fields)
    assert (push.openid, push.msg_type, push.msg_id) == (OPENID, "text", "24361834527812345")
    assert push.sent_at == datetime.fromtimestamp(1763884800, UTC)
    assert push.to_user == "gh_7f083739789a" and not push.is_event


def test_an_event_has_no_msgid_and_its_name_is_compared_lower_cased() -> None:
    push = read_push(parse_xml(sample("event_click.xml")))
    assert push.is_event and push.msg_id is None
    assert (push.event, push.event_key) == ("click", "CONTACT_KEFU")


def test_nested_event_fields_are_read_by_their_own_names() -> None:
    fields = parse_xml(sample("event_scancode_push.xml"))
    assert fields["ScanType"] == "qrcode" and fields["ScanResult"] == "880012345"


def test_text_with_markup_like_characters_inside_cdata_is_kept() -> None:
    fields = parse_xml(sample("text.xml", Content="<!DOCTYPE 不是声明> & 1<2"))
    assert fields["Content"] == "<!DOCTYPE 不是声明> & 1<2"


@pytest.mark.parametrize(
    "name", ["malformed_unclosed.xml", "billion_laughs.xml", "external_entity.xml"]
)
def test_malformed_xml_and_any_dtd_or_entity_are_refused(name: str) -> None:
    with pytest.raises(MalformedXml):
        parse_xml((FIXTURES / name).read_bytes())


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not xml at all",
        b"<html><FromUserName>x</FromUserName></html>",
        b"<xml><MsgType>text</MsgType><MsgType>event</MsgType></xml>",
        b"<xml><Content>&amp;&unknown;</Content></xml>",
        b"<xml></xml><xml></xml>",
    ],
)
def test_anything_but_one_wechat_xml_document_is_refused(data: bytes) -> None:
    with pytest.raises(MalformedXml):
        parse_xml(data)


def test_a_push_without_sender_time_or_type_is_invalid_and_says_which_fields() -> None:
    with pytest.raises(InvalidPush) as invalid:
        read_push({"Content": "你好"})
    assert invalid.value.fields == {
        "FromUserName": "field.required",
        "CreateTime": "field.required",
        "MsgType": "field.required",
    }


def test_a_message_needs_a_msgid_and_the_fields_of_its_type() -> None:
    fields = parse_xml(sample("location.xml"))
    del fields["MsgId"], fields["Location_X"]
    with pytest.raises(InvalidPush) as invalid:
        read_push(fields)
    assert invalid.value.fields == {"MsgId": "field.required", "Location_X": "field.required"}


def test_an_openid_or_create_time_that_cannot_be_wechats_is_invalid() -> None:
    with pytest.raises(InvalidPush) as invalid:
        read_push(parse_xml(sample("text.xml", FromUserName="a b", CreateTime="-5")))
    assert set(invalid.value.fields) == {"FromUserName", "CreateTime"}
