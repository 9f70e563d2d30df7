"""Chinese full-text search through the real use cases, on SQLite FTS5 and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kefu.core import clock
from kefu.core.db import Database
from kefu.core.errors import Invalid
from kefu.core.migrate import upgrade
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerChanges, CustomerInput, update_customer
from kefu.search import service as search
from kefu.search.service import DocKind, Hit
from kefu.tickets.models import Ticket
from kefu.tickets.rules import AuthorKind
from kefu.tickets.service import NewTicket, add_message, open_ticket
from kefu.users.rules import Role

TZ = "Asia/Shanghai"
START = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)


@pytest.fixture
def ticking() -> Iterator[None]:
    """A clock that moves one minute each time it is read, so every row has its own time."""
    state = {"now": START}

    def tick() -> datetime:
        state["now"] += timedelta(minutes=1)
        return state["now"]

    clock.set_clock(tick)
    yield
    clock.set_clock(None)


def open_(db: Database, subject: str, description: str, **identities: str) -> Ticket:
    customer = CustomerInput(
        name=identities.pop("name", "王小姐"),
        identities={IdentityKind(kind): value for kind, value in identities.items()},
    )
    with db.transaction() as session:
        ticket, _ = open_ticket(
            session, NewTicket(subject=subject, description=description, customer=customer),
            actor=None, timezone=TZ,
        )  # fmt: skip
    return ticket


def reply(db: Database, ticket: Ticket, body: str, *, customer: bool = False) -> int:
    with db.transaction() as session:
        message = add_message(
            session, ticket.id, body=body, actor=None,
            author_kind=AuthorKind.CUSTOMER if customer else AuthorKind.SYSTEM,
            customer_id=ticket.customer_id if customer else None,
        )  # fmt: skip
        return message.id


def find(db: Database, query: str, **options: object) -> list[Hit]:
    with db.reading() as session:
        return search.search(session, query, **options)  # type: ignore[arg-type]


def refs(hits: list[Hit]) -> list[tuple[str, int]]:
    return [(h.kind, h.ref_id) for h in hits]


def test_a_word_finds_the_message_containing_it(db: Database) -> None:
    ticket = open_(db, "鞋子开胶了", "我想申请退款")
    open_(db, "物流", "快递还没到")
    hits = find(db, "退款")
    assert [(h.kind, h.ticket_id, h.excerpt) for h in hits] == [
        ("message", ticket.id, "我想申请退款")
    ]
    assert hits[0].customer_id == ticket.customer_id and hits[0].title == "鞋子开胶了"


def test_a_two_word_query_finds_the_sentence_holding_both(db: Database) -> None:
    ticket = open_(db, "售后", "鞋子有质量问题")
    only_one_word = open_(db, "咨询", "有问题想咨询")
    hits = find(db, "质量问题")
    found = {h.ticket_id for h in hits}
    assert ticket.id in found
    assert only_one_word.id not in found  # every query word must match
    assert {h.ticket_id for h in find(db, "问题")} == {ticket.id, only_one_word.id}


def test_order_numbers_phone_numbers_and_english_words_are_found(db: Database) -> None:
    order = open_(db, "催发货", "订单2026112200017还没发货")
    phone = open_(db, "咨询", "尺码怎么选", phone="138 0013 8000")
    english = open_(db, "退款", "Please REFUND my order")
    assert [h.ticket_id for h in find(db, "2026112200017")] == [order.id]
    by_phone = find(db, "13800138000")
    assert refs(by_phone) == [("customer", phone.customer_id)]
    assert refs(find(db, "+8613800138000")) == refs(by_phone)
    for query in ("refund", "Refund", "REFUND"):
        assert [(h.kind, h.ticket_id) for h in find(db, query)] == [("message", english.id)], query


def test_a_phone_number_is_found_however_it_is_written(db: Database) -> None:
    """Agents paste numbers the way customers give them; the identity was normalised on the way
    in, so the query must be too."""
    ticket = open_(db, "咨询", "尺码怎么选", phone="13800138000")
    for query in (
        "13800138000",
        "+8613800138000",
        "138 0013 8000",
        "138-0013-8000",
        "+86 138 0013 8000",
    ):
        assert refs(find(db, query)) == [("customer", ticket.customer_id)], query


def test_traditional_and_simplified_find_each_other(db: Database) -> None:
    simplified = open_(db, "退货", "我要退货")
    traditional = open_(db, "退貨", "我要退貨,鞋子有質量問題")
    both = {simplified.id, traditional.id}
    assert {h.ticket_id for h in find(db, "退貨")} == both
    assert {h.ticket_id for h in find(db, "退货")} == both
    assert {h.ticket_id for h in find(db, "质量问题")} == {traditional.id}


def test_a_query_matching_nothing_returns_nothing(db: Database) -> None:
    open_(db, "鞋子开胶了", "我想申请退款")
    assert find(db, "发票") == []
    assert find(db, "zzzz") == []


def test_a_query_without_words_is_refused(db: Database) -> None:
    with pytest.raises(Invalid) as caught:
        find(db, " ,!! ")
    assert caught.value.code == "search.empty_query"


def test_hits_are_newest_first_and_filtered_by_kind(db: Database, ticking: None) -> None:
    first = open_(db, "退款一", "第一次退款")
    second = open_(db, "退款二", "第二次退款")
    later = reply(db, first, "退款已到账了吗", customer=True)
    hits = find(db, "退款")
    assert [h.doc_id for h in hits] == sorted((h.doc_id for h in hits), reverse=True)
    assert [h.created_at for h in hits] == sorted((h.created_at for h in hits), reverse=True)
    assert refs(hits)[0] == ("message", later)
    assert {h.kind for h in hits} == {"ticket", "message"}
    tickets = find(db, "退款", kinds=[DocKind.TICKET])
    assert refs(tickets) == [("ticket", second.id), ("ticket", first.id)]


def test_before_id_pages_through_every_hit_once(db: Database) -> None:
    for i in range(7):
        open_(db, f"第{i}单", "我想申请退款", phone=f"1380013800{i}")
    everything = find(db, "退款", limit=100)
    assert len(everything) == 7
    pages: list[list[Hit]] = []
    before: int | None = None
    while True:
        page = find(db, "退款", limit=3, before_id=before)
        if not page:
            break
        pages.append(page)
        before = page[-1].doc_id
    assert [len(p) for p in pages] == [3, 3, 1]
    assert [h.doc_id for p in pages for h in p] == [h.doc_id for h in everything]


def test_an_edited_customer_is_found_by_what_was_added(db: Database) -> None:
    ticket = open_(db, "咨询", "你好", phone="13800138000")
    changes = CustomerChanges(
        given={"tags"}, tags=["老客户"], add_identities={IdentityKind.EMAIL: "Li@Example.com"}
    )
    with db.transaction() as session:
        update_customer(session, ticket.customer_id, changes, actor_id=0, role=Role.AGENT)
    assert refs(find(db, "li@example.com")) == [("customer", ticket.customer_id)]
    assert refs(find(db, "老客户")) == [("customer", ticket.customer_id)]
    assert refs(find(db, "13800138000")) == [("customer", ticket.customer_id)]


def test_a_message_with_a_very_long_word_is_stored_and_found(db: Database) -> None:
    """A pasted blob (a long tracking code, a hex dump) is one huge token; it must not break
    writing the message on either backend."""
    ticket = open_(db, "物流", "查快递")
    blob = "a1" * 1500
    message_id = reply(db, ticket, f"退款凭证 {blob}", customer=True)
    assert refs(find(db, "退款凭证", kinds=[DocKind.MESSAGE])) == [("message", message_id)]


# -- one data set, both backends ---------------------------------------------------------------

QUERIES = [
    "退款", "退貨", "退货", "质量问题", "質量問題", "2026112200017", "13800138000",
    "+86 138 0013 8000", "refund", "Refund", "订单号", "订单", "单号", "快递", "wang@example.com",
    "wangxiaojie", "wxj", "20261122", "café", "cafe", "问题", "不存在的词",
]  # fmt: skip


def _load(db: Database) -> None:
    open_(db, "鞋子开胶了", "我想申请退款,鞋子有质量问题", phone="138 0013 8000")
    t2 = open_(db, "退貨", "我要退貨,訂單號2026112200017", email="Wang@Example.com")
    open_(db, "Refund", "Please refund my café order", name="Tom")
    reply(db, t2, "亲,您的订单号我们已记录,快递单号稍后发您", customer=False)
    reply(db, t2, "好的,问题解决了谢谢", customer=True)
    open_(db, "咨询", "尺码偏大还是偏小?", phone="010-6552 9988", name="李先生")


@pytest.fixture
def both_backends(
    tmp_path: Path, pg_url_factory: Callable[[str], str]
) -> Iterator[dict[str, Database]]:
    urls = {
        "sqlite": f"sqlite:///{(tmp_path / 'same.db').as_posix()}",
        "postgresql": pg_url_factory("same"),
    }
    dbs: dict[str, Database] = {}
    try:
        for backend, url in urls.items():
            upgrade(url)
            dbs[backend] = Database(url)
        yield dbs
    finally:
        for db in dbs.values():
            db.dispose()
        clock.set_clock(None)


def test_both_backends_give_identical_results_for_the_same_data(
    both_backends: dict[str, Database],
) -> None:
    results: dict[str, dict[str, list[tuple[str, int]]]] = {}
    for backend, db in both_backends.items():
        clock.set_clock(lambda: START)
        _load(db)
        results[backend] = {q: refs(find(db, q, limit=100)) for q in QUERIES}
        for q in QUERIES:
            ids = [h.doc_id for h in find(db, q, limit=100)]
            assert ids == sorted(ids, reverse=True), (backend, q)  # newest first
    assert results["sqlite"] == results["postgresql"]
    assert results["sqlite"]["退款"]  # the data set really is searchable
    assert results["sqlite"]["退貨"] == results["sqlite"]["退货"]
    assert results["sqlite"]["不存在的词"] == []
