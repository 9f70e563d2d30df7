"""Pure rules of the email channel."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kefu.channels.email import rules

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def test_every_recipient_is_accepted_when_no_domains_are_set() -> None:
    assert rules.accepts_recipient("anyone@anywhere.cn", set())


def test_only_listed_domains_are_accepted_when_set() -> None:
    domains = {"shop.cn"}
    assert rules.accepts_recipient("kefu@SHOP.cn", domains)
    assert not rules.accepts_recipient("kefu@other.cn", domains)


def test_failed_sends_back_off_then_give_up() -> None:
    delays = [rules.next_attempt(n, NOW) for n in range(1, len(rules.RETRY_DELAYS) + 2)]
    assert delays[0] == NOW + timedelta(minutes=1)
    assert delays[-2] == NOW + timedelta(hours=6)
    assert delays[-1] is None


def test_reply_subject_carries_the_ticket_number_once() -> None:
    assert rules.reply_subject("20261122-0007", "鞋子开胶了") == "Re: [#20261122-0007] 鞋子开胶了"
    again = rules.reply_subject("20261122-0007", "回复: Re: [#20261122-0007] 鞋子开胶了")
    assert again == "Re: [#20261122-0007] 鞋子开胶了"


def test_references_keep_the_first_and_the_latest_when_too_many() -> None:
    ids = [f"m{i}@x" for i in range(30)]
    kept = rules.references_for(ids)
    assert len(kept) == rules.MAX_REFERENCES
    assert kept[0] == "m0@x" and kept[-1] == "m29@x"
    assert rules.references_for(["a@x", "a@x", "b@x"]) == ["a@x", "b@x"]


def test_message_ids_use_the_sending_domain() -> None:
    assert rules.new_message_id("abc", "kefu@shop.cn") == "kefu.abc@shop.cn"


def test_a_reply_copies_each_other_participant_once_never_the_addressee_or_us() -> None:
    from kefu.channels.email.rules import MAX_CC, reply_cc

    cc = reply_cc(
        ["wang@example.cn"],
        ["Li@Example.cn", "li@example.cn", "WANG@example.cn", "kefu@shop.example", " zhao@x.cn "],
        {"kefu@shop.example"},
    )
    assert cc == ["Li@Example.cn", "zhao@x.cn"]
    many = reply_cc([], [f"p{i}@x.cn" for i in range(50)], set())
    assert len(many) == MAX_CC


def test_the_entry_point_is_the_mailbox_written_to() -> None:
    from kefu.channels.email.rules import entry_point

    ours = {"shop.example"}
    assert (
        entry_point(["AfterSales@Shop.example"], ["x@y.cn"], ours) == "mail:aftersales@shop.example"
    )
    # a Bcc to us leaves no header: the envelope says which mailbox
    assert entry_point(["boss@other.cn", "vip@shop.example"], [], ours) == "mail:vip@shop.example"
    assert (
        entry_point([], ["friend@x.cn", "service@shop.example"], ours)
        == "mail:service@shop.example"
    )
    assert entry_point([], ["service@any.cn"], set()) == "mail:service@any.cn"
    assert entry_point([], [], ours) == ""
