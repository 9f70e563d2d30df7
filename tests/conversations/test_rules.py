"""The threading rule: headers first, the subject's ticket number only for participants."""

from __future__ import annotations

from kefu.conversations.rules import HeaderMatch, NumberMatch, ThreadRule, decide_thread


def test_in_reply_to_wins_over_everything() -> None:
    decision = decide_thread(
        HeaderMatch(7, "a@x"), HeaderMatch(8, "b@x"), [NumberMatch(9, "20261122-0001", True)]
    )
    assert (decision.ticket_id, decision.rule) == (7, ThreadRule.IN_REPLY_TO)


def test_references_count_when_in_reply_to_is_missing_or_unknown() -> None:
    decision = decide_thread(None, HeaderMatch(8, "b@x"), [])
    assert (decision.ticket_id, decision.rule) == (8, ThreadRule.REFERENCES)
    assert decision.params == {"id": "b@x"}


def test_subject_number_continues_a_ticket_the_sender_takes_part_in() -> None:
    decision = decide_thread(None, None, [NumberMatch(9, "20261122-0001", True)])
    assert (decision.ticket_id, decision.rule) == (9, ThreadRule.SUBJECT_NUMBER)


def test_a_stranger_mentioning_a_ticket_number_opens_a_new_ticket() -> None:
    decision = decide_thread(None, None, [NumberMatch(9, "20261122-0001", False)])
    assert decision.ticket_id is None and decision.rule == ThreadRule.NEW
    assert decision.reason == "thread.new_not_participant"


def test_the_first_ticket_the_sender_takes_part_in_is_chosen() -> None:
    decision = decide_thread(
        None,
        None,
        [NumberMatch(1, "20261122-0001", False), NumberMatch(2, "20261122-0002", True)],
    )
    assert decision.ticket_id == 2


def test_nothing_to_go_on_opens_a_new_ticket() -> None:
    decision = decide_thread(None, None, [])
    assert (decision.ticket_id, decision.rule, decision.reason) == (
        None,
        ThreadRule.NEW,
        "thread.new",
    )
