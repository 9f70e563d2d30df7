"""Unit tests for search tokens and query building: what both backends are given."""

from __future__ import annotations

from kefu.search.rules import (
    Term,
    excerpt,
    index_text,
    index_tokens,
    normalise,
    parse_query,
    to_fts5,
    to_tsquery,
)


def test_traditional_and_simplified_give_the_same_tokens() -> None:
    assert index_tokens("退貨") == index_tokens("退货") == ["退货"]
    assert index_tokens("鞋子有質量問題") == index_tokens("鞋子有质量问题")
    assert parse_query("退貨") == parse_query("退货")


def test_text_is_folded_to_nfkc_simplified_lower_case() -> None:
    assert normalise("ＲＥＦＵＮＤ 退貨") == "refund 退货"


def test_chinese_text_is_segmented_into_words() -> None:
    assert index_tokens("我想申请退款") == ["我", "想", "申请", "退款"]
    assert {"质量", "问题"} <= set(index_tokens("鞋子有质量问题"))


def test_a_compound_is_indexed_with_its_parts() -> None:
    assert {"订单", "单号", "订单号"} <= set(index_tokens("订单号"))


def test_numbers_and_english_words_are_tokens_of_their_own() -> None:
    tokens = index_tokens("我的电话是13800138000,订单2026112200017,please REFUND")
    assert {"13800138000", "2026112200017", "please", "refund"} <= set(tokens)


def test_tokens_are_cut_at_punctuation_like_sqlite_unicode61() -> None:
    assert index_tokens("20261122-0007") == ["20261122", "0007"]
    assert index_tokens("wang_xj@example.com") == ["wang", "xj", "example", "com"]
    assert index_text("20261122-0007") == "20261122 0007"


def test_a_query_word_also_matches_all_of_its_parts() -> None:
    assert parse_query("订单号") == [Term("订单号", ("订单", "单号"))]
    assert parse_query("退款") == [Term("退款")]


def test_repeated_query_words_count_once() -> None:
    assert parse_query("退款 退款 退款") == [Term("退款")]


def test_an_empty_query_gives_no_terms() -> None:
    for query in ("", "   ", ",,!!", "——", "\n\t"):
        assert parse_query(query) == [], repr(query)


def test_quotes_are_never_part_of_a_query_term() -> None:
    terms = parse_query('O\'Brien "退款"')
    assert [t.word for t in terms] == ["o", "brien", "退款"]


def test_fts5_expression_quotes_every_token_and_doubles_quotes() -> None:
    assert to_fts5([Term("退款")]) == '"退款"'
    assert to_fts5([Term('a"b')]) == '"a""b"'
    assert (
        to_fts5([Term("退款"), Term("订单号", ("订单", "单号"))])
        == '"退款" AND ("订单号" OR ("订单" AND "单号"))'
    )


def test_tsquery_literal_quotes_every_token_and_escapes_apostrophes() -> None:
    assert to_tsquery([Term("退款")]) == "'退款'"
    assert to_tsquery([Term("it's")]) == "'it''s'"
    assert to_tsquery([Term("a\\b")]) == "'a\\\\b'"
    assert (
        to_tsquery([Term("退款"), Term("订单号", ("订单", "单号"))])
        == "'退款' & ('订单号' | ('订单' & '单号'))"
    )


def test_an_fts5_operator_word_is_only_a_word() -> None:
    # NOT / OR / NEAR typed by a user must be searched for, never obeyed
    assert to_fts5(parse_query("NOT OR")) == '"not" AND "or"'
    assert to_tsquery(parse_query("NOT OR")) == "'not' & 'or'"


def test_no_terms_give_an_empty_expression() -> None:
    assert to_fts5([]) == "" and to_tsquery([]) == ""


def test_excerpts_are_flattened_and_shortened() -> None:
    assert excerpt("亲,\n  您好 ") == "亲, 您好"
    long = excerpt("字" * 200, 160)
    assert len(long) == 160 and long.endswith("…")
