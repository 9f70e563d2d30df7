"""The WeChat channel's pure rules: reply windows, threading, redeliveries, how messages read,
and what an account's settings must look like."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kefu.channels.wechat import rules
from kefu.channels.wechat.payload import Push, parse_xml, read_push
from kefu.conversations.rules import ThreadRule
from tests.channels.wechat.support import AES_KEY, OPENID, sample

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def push(name: str, **fields: str) -> Push:
    return read_push(parse_xml(sample(name, **fields)))


# -- the 48-hour window ------------------------------------------------------------------------


def test_a_reply_right_after_the_customer_wrote_may_use_all_five_messages() -> None:
    decision = rules.reply_window(NOW - timedelta(minutes=5), 0, NOW)
    assert decision.open and decision.remaining == 5
    assert decision.reason == "wechat.window_open"
    assert decision.closes_at == NOW - timedelta(minutes=5) + timedelta(hours=48)
    assert "5" in decision.explain()


def test_each_reply_sent_uses_one_of_the_five() -> None:
    decision = rules.reply_window(NOW - timedelta(hours=1), 3, NOW)
    assert decision.open and decision.remaining == 2


def test_the_sixth_reply_is_refused_until_the_customer_writes_again() -> None:
    decision = rules.reply_window(NOW - timedelta(hours=1), 5, NOW)
    assert not decision.open and decision.remaining == 0
    assert decision.reason == "wechat.window_quota_used"
    assert "5" in decision.explain()


def test_the_window_is_still_open_just_before_48_hours() -> None:
    decision = rules.reply_window(NOW - timedelta(hours=48) + timedelta(seconds=1), 0, NOW)
    assert decision.open and decision.remaining == 5


def test_the_window_closes_at_48_hours() -> None:
    decision = rules.reply_window(NOW - timedelta(hours=48), 0, NOW)
    assert not decision.open and decision.reason == "wechat.window_expired"
    assert "48" in decision.explain()


def test_no_message_from_the_customer_means_no_window() -> None:
    decision = rules.reply_window(None, 0, NOW)
    assert not decision.open and decision.reason == "wechat.window_none"


def test_an_unfollowed_customer_cannot_be_sent_anything() -> None:
    decision = rules.reply_window(NOW - timedelta(minutes=1), 0, NOW, subscribed=False)
    assert not decision.open and decision.reason == "wechat.window_unsubscribed"


def test_a_follow_or_menu_click_gives_three_messages_for_one_minute() -> None:
    at = NOW - timedelta(seconds=30)
    assert rules.event_window(at, 0, NOW).remaining == 3
    assert not rules.event_window(at, 3, NOW).open
    assert rules.event_window(at, 3, NOW).reason == "wechat.event_window_quota_used"
    late = rules.event_window(NOW - timedelta(minutes=1), 0, NOW)
    assert not late.open and late.reason == "wechat.event_window_expired"


def test_every_window_reason_reads_in_all_three_languages() -> None:
    decisions = [
        rules.reply_window(NOW, 0, NOW),
        rules.reply_window(NOW, 5, NOW),
        rules.reply_window(NOW - timedelta(days=3), 0, NOW),
        rules.reply_window(None, 0, NOW),
        rules.reply_window(NOW, 0, NOW, subscribed=False),
        rules.event_window(NOW, 3, NOW),
        rules.event_window(NOW - timedelta(hours=1), 0, NOW),
        rules.event_window(None, 0, NOW),
    ]
    for decision in decisions:
        for locale in ("zh-CN", "zh-TW", "en"):
            text = decision.explain(locale)
            assert text != decision.reason and "{" not in text


def test_only_follows_clicks_and_scans_open_the_event_window() -> None:
    assert rules.opens_event_window(push("event_subscribe.xml"))
    assert rules.opens_event_window(push("event_click.xml"))
    assert rules.opens_event_window(push("event_scancode_push.xml"))
    assert not rules.opens_event_window(push("event_click.xml", Event="VIEW"))
    assert not rules.opens_event_window(push("event_unsubscribe.xml"))
    assert not rules.opens_event_window(push("text.xml"))


# -- threading and redeliveries ----------------------------------------------------------------


def test_a_message_continues_the_customers_unfinished_ticket() -> None:
    decision = rules.decide_thread(42)
    assert (decision.ticket_id, decision.rule, decision.reason) == (
        42,
        ThreadRule.SESSION,
        "thread.session",
    )


def test_without_an_unfinished_ticket_a_message_opens_one() -> None:
    decision = rules.decide_thread(None)
    assert (decision.ticket_id, decision.rule, decision.reason) == (
        None,
        ThreadRule.NEW,
        "thread.new_conversation",
    )


def test_a_message_is_recognised_again_by_its_msgid() -> None:
    assert rules.dedupe_key(push("text.xml")) == "msg:24361834527812345"
    assert rules.dedupe_key(push("text.xml", CreateTime="1763889999")) == "msg:24361834527812345"


def test_an_event_is_recognised_again_by_sender_and_create_time() -> None:
    assert rules.dedupe_key(push("event_click.xml")) == f"event:{OPENID}:1763884750"
    other = push("event_click.xml", FromUserName="oOtherUser_12345")
    assert rules.dedupe_key(other) != rules.dedupe_key(push("event_click.xml"))


# -- how messages read -------------------------------------------------------------------------


def test_a_text_message_reads_as_written() -> None:
    assert rules.message_text(push("text.xml")) == "你好,我上周买的鞋子还没发货,订单号 880012345"


def test_an_image_reads_as_its_url() -> None:
    assert rules.message_text(push("image.xml")) == (
        "[图片] http://mmbiz.qpic.cn/mmbiz_jpg/Zx6Wb1kc0cWQ8nZicR4Gk7Q/0"
    )


def test_a_voice_message_reads_as_wechats_transcription_when_there_is_one() -> None:
    assert rules.message_text(push("voice.xml")) == "[语音] 快递到哪里了?"
    plain = rules.message_text(push("voice_unrecognised.xml"))
    assert plain.startswith("[语音] 未识别出文字") and "speex" in plain


def test_a_location_reads_as_label_and_coordinates() -> None:
    assert rules.message_text(push("location.xml")) == (
        "[位置] 上海市黄浦区人民大道200号 (31.230416, 121.473701)"
    )


def test_a_link_reads_as_title_description_and_url() -> None:
    assert rules.message_text(push("link.xml")) == (
        "[链接] 男款透气跑鞋 限时优惠\n就是这双,尺码偏小吗?\nhttps://shop.example.cn/item/10086"
    )


def test_other_message_types_say_what_they_are_in_the_readers_language() -> None:
    assert rules.message_text(push("video.xml")).startswith("[视频] 媒体 ID Vd9kP2")
    odd = push("video.xml", MsgType="miniprogrampage")
    assert rules.message_text(odd) == "[miniprogrampage 消息] 暂不支持显示,请在微信公众平台查看"
    assert rules.message_text(push("image.xml"), "en").startswith("[Image] http://")
    assert rules.message_text(push("image.xml"), "zh-TW").startswith("[圖片] http://")


# -- account settings --------------------------------------------------------------------------


def test_good_account_settings_have_no_problems() -> None:
    assert rules.check_account("shop", "wx4f2b6c8d0e1a3579", "kefuToken2026", AES_KEY, None) == {}


def test_an_aes_key_must_be_43_base64_characters() -> None:
    for bad in (AES_KEY[:-1], AES_KEY + "A", AES_KEY[:-1] + "=", AES_KEY[:-1] + "中"):
        assert rules.check_account("shop", "wx1", "t0ken", bad, None) == {
            "aes_key": "wechat.bad_aes_key"
        }


def test_a_name_must_be_safe_in_a_url_and_a_token_without_spaces() -> None:
    problems = rules.check_account("店 铺", "wx-1", "to ken", None, "s e")
    assert problems == {
        "name": "wechat.bad_name",
        "appid": "wechat.bad_appid",
        "token": "wechat.bad_token",
        "secret": "wechat.bad_secret",
    }
