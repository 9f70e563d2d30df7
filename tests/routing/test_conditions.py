"""The routing rule engine: each field and operator, rule order, stop, the dry-run trace and the
validation the API uses to reject bad rules."""

from __future__ import annotations

import re
import string
from dataclasses import replace
from pathlib import Path

import pytest

import kefu.routing.messages  # noqa: F401  (registers the texts)
from kefu.core.i18n import CATALOG, LOCALES, translate
from kefu.routing.rules import (
    Action,
    Condition,
    NotifyTarget,
    Reason,
    Rule,
    TicketFacts,
    check_condition,
    evaluate,
    validate_rule,
)

FACTS = TicketFacts(
    channel="wechat",
    type="after_sales",
    priority="normal",
    catalog_path=(12, 3, 1),  # 售后 › 退货 › 开胶, item first
    vip_level=2,
    blacklisted=False,
    text="你好,上周买的运动鞋开胶了,想申请退货。vip 客户",
    in_business_hours=True,
    entry_point="menu:aftersales",
)


def holds(field: str, op: str, value: object, facts: TicketFacts = FACTS) -> bool:
    return check_condition(Condition(field, op, value), facts)[0]


def rule(
    rule_id: int,
    conditions: list[Condition],
    actions: list[Action],
    *,
    position: int | None = None,
    match: str = "all",
    active: bool = True,
) -> Rule:
    return Rule(
        rule_id,
        f"规则{rule_id}",
        rule_id if position is None else position,
        active,
        tuple(conditions),
        match,
        tuple(actions),
    )


# -- fields and operators -----------------------------------------------------------------------


def test_channel_equality_and_membership() -> None:
    assert holds("channel", "eq", "wechat")
    assert not holds("channel", "ne", "wechat")
    assert holds("channel", "in", ["email", "wechat"])
    assert holds("channel", "not_in", ["email", "phone"])
    assert not holds("channel", "not_in", ["wechat"])


def test_type_and_entry_point_compare_as_values() -> None:
    assert holds("type", "eq", "after_sales")
    assert not holds("type", "in", ["complaint", "inquiry"])
    assert holds("entry_point", "eq", "menu:aftersales")
    assert holds("entry_point", "ne", "form:invoice")


def test_priority_compares_by_rank_low_to_urgent() -> None:
    assert holds("priority", "gte", "normal")
    assert holds("priority", "gte", "low")
    assert not holds("priority", "gte", "high")
    assert holds("priority", "lte", "urgent")
    assert not holds("priority", "lte", "low")


def test_catalog_item_matches_the_item_and_every_descendant() -> None:
    assert holds("catalog_item", "eq", 12)
    assert holds("catalog_item", "eq", 1)  # the root 售后 covers 售后 › 退货 › 开胶
    assert not holds("catalog_item", "eq", 7)
    assert holds("catalog_item", "in", [7, 3])
    assert holds("catalog_item", "not_in", [7, 8])
    assert holds("catalog_item", "ne", 7)


def test_a_ticket_without_catalog_item_matches_no_item() -> None:
    facts = replace(FACTS, catalog_path=())
    assert not holds("catalog_item", "eq", 1, facts)
    assert holds("catalog_item", "not_in", [1], facts)
    assert check_condition(Condition("catalog_item", "eq", 1), facts)[1].params["actual"] == "-"


def test_vip_level_supports_eq_gte_lte() -> None:
    assert holds("vip_level", "eq", 2)
    assert holds("vip_level", "gte", 2)
    assert not holds("vip_level", "gte", 3)
    assert holds("vip_level", "lte", 2)


def test_blacklisted_and_business_hours_are_flags() -> None:
    assert holds("blacklisted", "is", False)
    assert not holds("blacklisted", "is", True)
    assert holds("business_hours", "is", True)
    assert holds("business_hours", "is", False, replace(FACTS, in_business_hours=False))


def test_keywords_any_of_finds_chinese_words_inside_unspaced_text() -> None:
    matched, reason = check_condition(Condition("keywords", "any_of", ["退款", "退货"]), FACTS)
    assert matched
    assert reason == Reason("routing.condition.keyword_found", {"keyword": "退货"})


def test_keywords_all_of_names_the_missing_keywords() -> None:
    matched, reason = check_condition(Condition("keywords", "all_of", ["开胶", "发票"]), FACTS)
    assert not matched
    assert reason == Reason("routing.condition.keywords_missing", {"keywords": "发票"})
    assert holds("keywords", "all_of", ["开胶", "退货"])


def test_keywords_none_of_fails_on_an_excluded_word() -> None:
    matched, reason = check_condition(Condition("keywords", "none_of", ["投诉", "开胶"]), FACTS)
    assert not matched and reason.params == {"keyword": "开胶"}
    assert holds("keywords", "none_of", ["投诉", "律师"])


def test_keywords_are_casefolded_like_the_normalised_text() -> None:
    assert holds("keywords", "any_of", ["VIP"])


def test_a_malformed_condition_fails_with_a_reason_instead_of_raising() -> None:
    assert holds("vip_level", "gte", 1)
    for condition in (
        Condition("colour", "eq", "red"),
        Condition("channel", "gte", "wechat"),
        Condition("channel", "in", "wechat"),
        Condition("vip_level", "gte", "high"),
        Condition("blacklisted", "is", "yes"),
        Condition("keywords", "any_of", [""]),
        Condition("channel", "eq", {"not": "hashable"}),
        Condition("vip_level", "gte", True),  # after the same condition with 1 was compiled
    ):
        matched, reason = check_condition(condition, FACTS)
        assert not matched and reason.code == "routing.condition.invalid", condition


def test_routing_without_explanation_decides_the_same_with_empty_reasons() -> None:
    rules = [
        rule(1, [Condition("keywords", "any_of", ["退货"])], [Action("set_group", 10)]),
        rule(2, [Condition("vip_level", "gte", 5)], [Action("set_group", 20)]),
        rule(3, [], [Action("add_tags", ["全部"])], active=False),
    ]
    explained, quick = evaluate(rules, FACTS), evaluate(rules, FACTS, explain=False)
    assert (quick.group_id, quick.fired, quick.tags) == (explained.group_id, explained.fired, ())
    assert [(t.rule_id, t.matched) for t in quick.trace] == [
        (t.rule_id, t.matched) for t in explained.trace
    ]
    assert quick.trace[0].reasons == () and quick.trace[2].reasons == explained.trace[2].reasons


def test_the_trace_of_a_condition_shows_expected_and_actual_values() -> None:
    _, reason = check_condition(Condition("catalog_item", "eq", 3), FACTS)
    assert reason == Reason(
        "routing.condition.met",
        {"field": "catalog_item", "op": "eq", "expected": "3", "actual": "1 › 3 › 12"},
    )
    _, reason = check_condition(Condition("channel", "in", ["email", "phone"]), FACTS)
    assert reason.code == "routing.condition.not_met"
    assert reason.params["expected"] == "email、phone" and reason.params["actual"] == "wechat"


# -- rules in order -----------------------------------------------------------------------------


def test_all_needs_every_condition_and_any_needs_one() -> None:
    conditions = [Condition("channel", "eq", "wechat"), Condition("vip_level", "gte", 5)]
    actions = [Action("add_tags", ["x"])]
    assert evaluate([rule(1, conditions, actions, match="all")], FACTS).fired == ()
    assert evaluate([rule(1, conditions, actions, match="any")], FACTS).fired == (1,)


def test_a_rule_without_conditions_applies_to_every_ticket() -> None:
    outcome = evaluate([rule(1, [], [Action("add_tags", ["全部"])])], FACTS)
    assert outcome.tags == ("全部",)
    assert outcome.trace[0].reasons == (Reason("routing.rule.no_conditions", {}),)


def test_rules_run_in_position_order_whatever_the_list_order() -> None:
    first = rule(1, [], [Action("set_group", 10)], position=20)
    second = rule(2, [], [Action("set_group", 20)], position=10)
    outcome = evaluate([first, second], FACTS)
    assert outcome.fired == (2, 1)
    assert outcome.group_id == 10  # position 20 ran last


def test_a_later_rule_overrides_an_earlier_set_action() -> None:
    rules = [
        rule(1, [], [Action("set_group", 10), Action("set_priority", "high")]),
        rule(2, [Condition("vip_level", "gte", 1)], [Action("set_group", 20)]),
    ]
    outcome = evaluate(rules, FACTS)
    assert (outcome.group_id, outcome.priority) == (20, "high")


def test_stop_keeps_the_decision_of_the_rule_that_fired_it() -> None:
    rules = [
        rule(1, [], [Action("set_group", 10), Action("stop")]),
        rule(2, [], [Action("set_group", 20), Action("add_tags", ["later"])]),
    ]
    outcome = evaluate(rules, FACTS)
    assert outcome.group_id == 10 and outcome.tags == () and outcome.fired == (1,)
    assert outcome.trace[1].reasons == (Reason("routing.rule.after_stop", {"rule": "1"}),)


def test_stop_in_a_rule_that_does_not_match_stops_nothing() -> None:
    rules = [
        rule(1, [Condition("blacklisted", "is", True)], [Action("set_group", 99), Action("stop")]),
        rule(2, [], [Action("set_group", 20)]),
    ]
    assert evaluate(rules, FACTS).group_id == 20


def test_inactive_rules_are_skipped_and_say_so() -> None:
    outcome = evaluate([rule(1, [], [Action("set_group", 10)], active=False)], FACTS)
    assert outcome.group_id is None and outcome.fired == ()
    assert outcome.trace[0].reasons == (Reason("routing.rule.inactive", {}),)


def test_tags_and_notifications_add_up_without_duplicates() -> None:
    rules = [
        rule(1, [], [Action("add_tags", ["退货", "VIP"]), Action("notify", {"group": 3})]),
        rule(2, [], [Action("add_tags", ["VIP", "开胶"]), Action("notify", {"user": 5})]),
        rule(3, [], [Action("notify", {"group": 3})]),
    ]
    outcome = evaluate(rules, FACTS)
    assert outcome.tags == ("退货", "VIP", "开胶")
    assert outcome.notify == (NotifyTarget("group", 3), NotifyTarget("user", 5))


def test_assign_to_sets_the_assignee() -> None:
    assert evaluate([rule(1, [], [Action("assign_to", 42)])], FACTS).assignee_id == 42


def test_no_rules_decide_nothing() -> None:
    outcome = evaluate([], FACTS)
    assert (outcome.group_id, outcome.priority, outcome.assignee_id) == (None, None, None)
    assert outcome.trace == () and outcome.fired == ()


def test_the_dry_run_explains_every_condition_of_every_rule() -> None:
    rules = [
        rule(
            1,
            [Condition("channel", "eq", "email"), Condition("keywords", "any_of", ["退货"])],
            [Action("set_group", 10)],
        ),
        rule(2, [Condition("catalog_item", "eq", 1)], [Action("set_group", 20)]),
    ]
    trace = evaluate(rules, FACTS).trace
    assert [(t.rule_id, t.matched) for t in trace] == [(1, False), (2, True)]
    assert [r.code for r in trace[0].reasons] == [
        "routing.condition.not_met",
        "routing.condition.keyword_found",
    ]


def test_an_invalid_action_is_skipped_and_named_in_the_trace() -> None:
    outcome = evaluate(
        [rule(1, [], [Action("set_group", "ten"), Action("add_tags", ["a"])])], FACTS
    )
    assert outcome.group_id is None and outcome.tags == ("a",)
    assert Reason("routing.action.invalid", {"kind": "set_group"}) in outcome.trace[0].reasons


def test_rules_load_from_their_stored_json_form() -> None:
    stored = Rule(
        1,
        "投诉升级",
        1,
        True,
        (Condition.from_dict({"field": "keywords", "op": "any_of", "value": ["开胶"]}),),
        "all",
        (Action.from_dict({"kind": "add_tags", "value": ["质量"]}),),
    )
    assert validate_rule(stored) == []
    assert evaluate([stored], FACTS).tags == ("质量",)
    hash(stored)  # lists became tuples: a stored rule can be cached


# -- validation ---------------------------------------------------------------------------------


def problems_of(conditions: list[Condition], actions: list[Action] | None = None) -> dict[str, str]:
    checked = rule(1, conditions, actions if actions is not None else [Action("stop")])
    return {p.path: p.code for p in validate_rule(checked)}


def test_a_valid_rule_has_no_problems() -> None:
    conditions = [
        Condition("channel", "in", ["wechat", "web_chat"]),
        Condition("priority", "gte", "high"),
        Condition("catalog_item", "eq", 3),
        Condition("vip_level", "gte", 1),
        Condition("blacklisted", "is", False),
        Condition("keywords", "none_of", ["测试"]),
        Condition("business_hours", "is", True),
        Condition("entry_point", "eq", "form:invoice"),
    ]
    actions = [
        Action("set_group", 3),
        Action("set_priority", "urgent"),
        Action("add_tags", ["投诉"]),
        Action("assign_to", 5),
        Action("notify", {"user": 5}),
        Action("stop"),
    ]
    assert problems_of(conditions, actions) == {}


def test_unknown_field_and_disallowed_operator_are_named_by_path() -> None:
    assert problems_of([Condition("colour", "eq", "red")]) == {"conditions.0.field": "field.choice"}
    assert problems_of([Condition("", "eq", "x")]) == {"conditions.0.field": "field.required"}
    assert problems_of([Condition("vip_level", "in", [1])]) == {
        "conditions.0.op": "routing.condition.op_not_allowed"
    }


def test_values_are_checked_against_their_field() -> None:
    assert problems_of([Condition("channel", "eq", "fax")]) == {
        "conditions.0.value": "field.choice"
    }
    assert problems_of([Condition("channel", "in", ["wechat", "fax"])]) == {
        "conditions.0.value.1": "field.choice"
    }
    assert problems_of([Condition("channel", "in", [])]) == {
        "conditions.0.value": "routing.condition.list_required"
    }
    assert problems_of([Condition("vip_level", "gte", -1)]) == {
        "conditions.0.value": "field.out_of_range"
    }
    assert problems_of([Condition("vip_level", "gte", True)]) == {
        "conditions.0.value": "field.type"
    }
    assert problems_of([Condition("catalog_item", "eq", 0)]) == {
        "conditions.0.value": "field.out_of_range"
    }
    assert problems_of([Condition("keywords", "any_of", ["退货", " "])]) == {
        "conditions.0.value.1": "field.required"
    }
    assert problems_of([Condition("keywords", "any_of", ["字" * 101])]) == {
        "conditions.0.value.0": "field.too_long"
    }
    assert problems_of([Condition("keywords", "any_of", ["词"] * 101)]) == {
        "conditions.0.value": "routing.condition.too_many_values"
    }


def test_actions_are_checked_and_a_rule_needs_one() -> None:
    assert problems_of([], []) == {"actions": "routing.rule.no_actions"}
    found = problems_of(
        [],
        [
            Action("set_group", 0),
            Action("set_priority", "asap"),
            Action("add_tags", []),
            Action("notify", {"team": 3}),
            Action("notify", {"user": 1, "group": 2}),
            Action("escalate", 1),
        ],
    )
    assert found == {
        "actions.0.value": "routing.action.id_required",
        "actions.1.value": "field.choice",
        "actions.2.value": "routing.action.tags_invalid",
        "actions.3.value": "routing.action.notify_target",
        "actions.4.value": "routing.action.notify_target",
        "actions.5.kind": "field.choice",
    }


def test_name_and_match_are_required() -> None:
    bad = Rule(1, " ", 1, True, (), "most", (Action("stop"),))
    assert {p.path: p.code for p in validate_rule(bad)} == {
        "name": "field.required",
        "match": "field.choice",
    }


def test_every_problem_is_reported_at_once() -> None:
    found = problems_of([Condition("channel", "eq", "fax"), Condition("vip_level", "eq", "a")])
    assert set(found) == {"conditions.0.value", "conditions.1.value"}


# -- texts --------------------------------------------------------------------------------------

RULES_DIR = Path(__file__).parents[2] / "kefu" / "routing" / "rules"


@pytest.mark.parametrize("module", sorted(p.name for p in RULES_DIR.glob("*.py")))
def test_every_reason_code_has_its_three_texts(module: str) -> None:
    source = (RULES_DIR / module).read_text(encoding="utf-8")
    for code in set(re.findall(r'"(routing\.[a-z_]+\.[a-z_]+)"', source)):
        assert code in CATALOG, code
        assert set(CATALOG[code]) == set(LOCALES), code


def test_reason_texts_fill_their_parameters() -> None:
    _, reason = check_condition(Condition("keywords", "any_of", ["退货"]), FACTS)
    assert translate(reason.code, "zh-CN", **reason.params) == "内容包含关键词「退货」"
    assert translate(reason.code, "en", **reason.params) == "The text contains the keyword “退货”"


def test_every_locale_of_a_routing_text_uses_the_same_placeholders() -> None:
    formatter = string.Formatter()
    for code, texts in CATALOG.items():
        if not code.startswith("routing."):
            continue
        names = {
            locale: {name for _, name, _, _ in formatter.parse(text) if name}
            for locale, text in texts.items()
        }
        assert len({frozenset(n) for n in names.values()}) == 1, code
