"""Automatic assignment as the worker runs it (``assign_waiting``), on SQLite and PostgreSQL:
capacity, presence, fair spread, the backlog, sticky agents, reopened conversations, queues and
two workers at once. The peers' bugs each test guards against are in research §3E."""

from __future__ import annotations

import threading
from collections import Counter

from sqlalchemy import func, select, update

from kefu.core import clock
from kefu.core.db import Database
from kefu.customers.models import Customer
from kefu.routing import service as routing
from kefu.routing.rules import DeliveryMode, Presence, Strategy
from kefu.tickets import service as tickets
from kefu.tickets.models import AuditEntry, Ticket
from kefu.tickets.rules import AuthorKind, Channel, Status, TicketType
from kefu.users.models import User
from kefu.users.rules import Role
from tests.conftest import Env
from tests.routing.test_service import (
    Clock,
    audit_of,
    blacklist,
    make_group,
    make_user,
    open_ticket,
    reload,
    set_delivery,
    set_presence,
)


def assign(env: Env) -> int:
    return routing.assign_waiting(env.db)


def assignees(env: Env) -> dict[int, int | None]:
    with env.db.reading() as session:
        return dict(
            session.execute(select(Ticket.id, Ticket.assignee_id).order_by(Ticket.id)).all()
        )


def held(env: Env) -> Counter[int | None]:
    return Counter(assignees(env).values())


def desk(env: Env, *agents: int, strategy: Strategy = Strategy.LEAST_LOADED) -> int:
    group = make_group(env, "客服一组", agents, strategy)
    set_delivery(env, DeliveryMode.SINGLE, default_group_id=group)
    return group


def solve(env: Env, ticket_id: int) -> None:
    with env.db.transaction() as session:
        tickets.update_ticket(
            session, ticket_id, tickets.TicketChanges({"status"}, status=Status.SOLVED), actor=None
        )


def customer_writes(env: Env, ticket_id: int, body: str = "还是不行") -> None:
    ticket = reload(env, ticket_id)
    with env.db.transaction() as session:
        tickets.add_message(
            session,
            ticket_id,
            body=body,
            actor=None,
            author_kind=AuthorKind.CUSTOMER,
            customer_id=ticket.customer_id,
        )


def give(env: Env, ticket_id: int, agent: int) -> None:
    with env.db.transaction() as session:
        tickets.update_ticket(
            session,
            ticket_id,
            tickets.TicketChanges({"assignee_id"}, assignee_id=agent),
            actor=None,
        )


# -- capacity and presence ------------------------------------------------------------------------


def test_nobody_gets_beyond_capacity_and_chats_count_apart_from_tickets(env: Env) -> None:
    Clock()
    ann = make_user(env, "ann")
    desk(env, ann)
    set_presence(env, ann, chats=2, tickets=1)
    chats = [
        open_ticket(env, channel=channel, phone=f"1380013800{i}").id
        for i, channel in enumerate((Channel.WEB_CHAT, Channel.WECHAT, Channel.APP_SDK))
    ]
    mails = [open_ticket(env, channel=Channel.EMAIL, phone=f"1390013900{i}").id for i in range(2)]

    assert assign(env) == 3
    assert assign(env) == 0  # full: the rest wait

    owner = assignees(env)
    assert [owner[t] for t in chats] == [ann, ann, None]  # two chats, oldest first
    assert [owner[t] for t in mails] == [ann, None]  # and one ticket
    with env.db.reading() as session:
        assert routing.loads_of(session, [ann])[ann] == (2, 1)


def test_only_online_agents_receive_work(env: Env) -> None:
    Clock()
    online, busy, away, offline = (make_user(env, n) for n in ("online", "busy", "away", "off"))
    desk(env, online, busy, away, offline)
    set_presence(env, online)
    set_presence(env, busy, Presence.BUSY)
    set_presence(env, away, Presence.AWAY)
    for i in range(4):
        open_ticket(env, phone=f"1380013800{i}")

    assert assign(env) == 4
    assert held(env) == Counter({online: 4})


def test_an_agent_with_no_online_colleague_left_leaves_the_work_waiting(env: Env) -> None:
    Clock()
    ann = make_user(env, "ann")
    desk(env, ann)
    set_presence(env, ann, Presence.AWAY)
    ticket = open_ticket(env)

    assert assign(env) == 0
    assert reload(env, ticket.id).assignee_id is None


def test_a_deactivated_account_takes_no_work_whatever_its_presence(env: Env) -> None:
    Clock()
    gone, ann = make_user(env, "gone"), make_user(env, "ann")
    desk(env, gone, ann)
    set_presence(env, gone)
    set_presence(env, ann)
    with env.db.transaction() as session:
        session.execute(update(User).where(User.id == gone).values(is_active=False))
    for i in range(3):
        open_ticket(env, phone=f"1380013800{i}")

    assign(env)

    assert held(env) == Counter({ann: 3})


def test_a_group_that_does_not_assign_automatically_is_left_alone(env: Env) -> None:
    Clock()
    ann = make_user(env, "ann")
    manual = make_group(env, "人工分单组", [ann], auto_assign=False)
    set_delivery(env, DeliveryMode.SINGLE, default_group_id=manual)
    set_presence(env, ann)
    open_ticket(env)

    assert assign(env) == 0


# -- fair spread ----------------------------------------------------------------------------------


def test_least_loaded_spreads_the_work_instead_of_piling_it_on_one_agent(env: Env) -> None:
    clock = Clock()
    ann, bob, cat = make_user(env, "ann"), make_user(env, "bob"), make_user(env, "cat")
    desk(env, ann, bob, cat)
    for agent in (ann, bob, cat):
        set_presence(env, agent, chats=10)
    for i in range(2):  # ann already holds two chats
        give(env, open_ticket(env, phone=f"1370013700{i}").id, ann)
    for i in range(7):
        clock.tick()
        open_ticket(env, phone=f"1380013800{i}")

    assert assign(env) == 7
    assert held(env) == Counter({ann: 3, bob: 3, cat: 3})

    for i in range(3):  # later passes keep the balance
        clock.tick()
        open_ticket(env, phone=f"1390013900{i}")
        assign(env)
    assert held(env) == Counter({ann: 4, bob: 4, cat: 4})


def test_round_robin_takes_turns_and_remembers_whose_turn_across_passes(env: Env) -> None:
    clock = Clock()
    ann, bob, cat = make_user(env, "ann"), make_user(env, "bob"), make_user(env, "cat")
    desk(env, ann, bob, cat, strategy=Strategy.ROUND_ROBIN)
    for agent in (ann, bob, cat):
        set_presence(env, agent)
    for i in range(3):  # round robin does not look at load: ann keeps her turn
        give(env, open_ticket(env, phone=f"1370013700{i}").id, ann)

    order = []
    for i in range(5):  # one ticket a pass: the turn is the stored cursor's
        clock.tick()
        ticket = open_ticket(env, phone=f"1380013800{i}")
        assert assign(env) == 1
        order.append(reload(env, ticket.id).assignee_id)

    assert order == [ann, bob, cat, ann, bob]


def test_round_robin_skips_an_agent_who_went_offline_without_losing_the_turn(env: Env) -> None:
    clock = Clock()
    ann, bob, cat = make_user(env, "ann"), make_user(env, "bob"), make_user(env, "cat")
    desk(env, ann, bob, cat, strategy=Strategy.ROUND_ROBIN)
    for agent in (ann, bob, cat):
        set_presence(env, agent)
    order = []
    for i, offline in enumerate((None, bob, None, None)):
        if offline:
            set_presence(env, offline, Presence.OFFLINE)
        else:
            set_presence(env, bob)
        clock.tick()
        ticket = open_ticket(env, phone=f"1380013800{i}")
        assign(env)
        order.append(reload(env, ticket.id).assignee_id)

    assert order == [ann, cat, ann, bob]


# -- the backlog ----------------------------------------------------------------------------------


def test_the_backlog_drains_oldest_first_when_an_agent_comes_online(env: Env) -> None:
    clock = Clock()
    ann = make_user(env, "ann")
    group = desk(env, ann)
    waiting = []
    for i in range(3):
        clock.tick()
        waiting.append(open_ticket(env, phone=f"1380013800{i}").id)
    assert assign(env) == 0  # nobody online yet

    set_presence(env, ann, chats=2)
    assert assign(env) == 2

    owner = assignees(env)
    assert [owner[t] for t in waiting] == [ann, ann, None]
    with env.db.reading() as session:
        online, queue = routing.queue_of(session, group)
    assert online == 1  # ann still has room for tickets, but none for chats:
    assert [(w.item.ticket_id, w.position, w.estimated_wait_s) for w in queue] == [
        (waiting[2], 1, None)  # so the waiting chat has no estimate
    ]


def test_solving_a_ticket_lets_the_next_pass_give_the_waiting_one(env: Env) -> None:
    clock = Clock()
    ann = make_user(env, "ann")
    desk(env, ann)
    set_presence(env, ann, chats=1)
    first = open_ticket(env, phone="13800138000").id
    clock.tick()
    second = open_ticket(env, phone="13800138001").id
    clock.tick()
    third = open_ticket(env, phone="13800138002").id
    assert assign(env) == 1

    solve(env, first)
    assert assign(env) == 1

    owner = assignees(env)
    assert (owner[second], owner[third]) == (ann, None)  # the older of the two waiting


def test_more_capacity_takes_more_of_the_backlog(env: Env) -> None:
    Clock()
    ann = make_user(env, "ann")
    desk(env, ann)
    set_presence(env, ann, chats=1)
    for i in range(3):
        open_ticket(env, phone=f"1380013800{i}")
    assert assign(env) == 1

    set_presence(env, ann, chats=3)

    assert assign(env) == 2


# -- sticky and reopened conversations ------------------------------------------------------------


def test_sticky_gives_a_customer_back_to_the_agent_who_served_them(env: Env) -> None:
    clock = Clock()
    ann, bob = make_user(env, "ann"), make_user(env, "bob")
    desk(env, ann, bob, strategy=Strategy.STICKY)
    set_presence(env, ann)
    set_presence(env, bob)
    earlier = open_ticket(env, phone="13800138000").id
    give(env, earlier, bob)
    solve(env, earlier)
    for i in range(2):  # bob is busier than ann
        give(env, open_ticket(env, phone=f"1370013700{i}").id, bob)

    clock.tick()
    again = open_ticket(env, phone="13800138000", subject="又坏了").id
    clock.tick()
    stranger = open_ticket(env, phone="13900139000").id
    assign(env)

    owner = assignees(env)
    assert (owner[again], owner[stranger]) == (bob, ann)


def test_a_reopened_conversation_whose_agent_is_offline_goes_to_someone_online(env: Env) -> None:
    clock = Clock()
    ann, bob = make_user(env, "ann"), make_user(env, "bob")
    desk(env, ann, bob)
    set_presence(env, ann)
    ticket = open_ticket(env).id
    assign(env)
    assert reload(env, ticket).assignee_id == ann
    solve(env, ticket)
    set_presence(env, ann, Presence.OFFLINE)  # her shift ended
    set_presence(env, bob)

    clock.tick(3600)
    customer_writes(env, ticket)

    back = reload(env, ticket)
    assert (back.status, back.assignee_id) == ("open", None)  # not left waiting for ann
    assert audit_of(env, ticket, "assignee_id")[-1] == (str(ann), None)
    with env.db.reading() as session:
        by_system = session.scalar(
            select(AuditEntry.actor_kind)
            .where(AuditEntry.ticket_id == ticket, AuditEntry.field == "assignee_id")
            .order_by(AuditEntry.id.desc())
            .limit(1)
        )
    assert by_system == "system"

    assert assign(env) == 1
    assert reload(env, ticket).assignee_id == bob


def test_a_requeued_conversation_in_a_sticky_group_returns_to_its_agent_first(env: Env) -> None:
    clock = Clock()
    bob, ann = make_user(env, "bob"), make_user(env, "ann")  # bob has the lower id
    desk(env, bob, ann, strategy=Strategy.STICKY)
    set_presence(env, ann)
    ticket = open_ticket(env).id
    assign(env)
    solve(env, ticket)
    set_presence(env, ann, Presence.OFFLINE)
    clock.tick(3600)
    customer_writes(env, ticket)
    assert reload(env, ticket).assignee_id is None

    set_presence(env, bob)  # both come in before the next pass
    set_presence(env, ann)
    assign(env)

    assert reload(env, ticket).assignee_id == ann


def test_a_blacklisted_customer_is_handled_by_an_online_supervisor(env: Env) -> None:
    Clock()
    agent, boss = make_user(env, "agent"), make_user(env, "boss", Role.SUPERVISOR)
    general = make_group(env, "综合组", [agent])
    supervisors = make_group(env, "主管组", [boss])
    set_delivery(
        env, DeliveryMode.SINGLE, default_group_id=general, supervisor_group_id=supervisors
    )
    set_presence(env, agent)
    set_presence(env, boss)
    blacklist(env, "13800138000")
    complaint = open_ticket(env, phone="13900139000", type=TicketType.COMPLAINT).id

    ticket = open_ticket(env, phone="13800138000", subject="再来一次").id
    assign(env)

    assert reload(env, ticket).assignee_id == boss
    assert reload(env, complaint).assignee_id == boss


# -- queues ---------------------------------------------------------------------------------------


def test_the_queue_gives_each_waiting_item_its_place_and_an_estimated_wait(env: Env) -> None:
    clock = Clock()
    ann, bob = make_user(env, "ann"), make_user(env, "bob")
    group = desk(env, ann, bob)
    chat1 = open_ticket(env, phone="13800138000").id
    clock.tick()
    mail = open_ticket(env, channel=Channel.EMAIL, phone="13800138001").id
    clock.tick()
    chat2 = open_ticket(env, channel=Channel.WECHAT, phone="13800138002").id

    with env.db.reading() as session:
        nobody, queue = routing.queue_of(session, group)
    assert nobody == 0
    assert [(w.item.ticket_id, w.item.kind, w.position, w.estimated_wait_s) for w in queue] == [
        (chat1, "chat", 1, None),
        (mail, "ticket", 1, None),  # chats and tickets wait in separate lines
        (chat2, "chat", 2, None),
    ]

    set_presence(env, ann)
    set_presence(env, bob, chats=0)  # online, but takes no chats
    with env.db.reading() as session:
        online, queue = routing.queue_of(session, group)
    handle = routing.assign.AVERAGE_HANDLE_S
    assert online == 2
    assert [(w.position, w.estimated_wait_s) for w in queue] == [
        (1, handle),  # one agent with room for chats
        (1, handle / 2),  # two with room for tickets
        (2, 2 * handle),
    ]


# -- two workers at once --------------------------------------------------------------------------


def _race(env: Env, jobs: list[int | str]) -> list[BaseException]:
    """Run each job in its own thread with its own Database, all released together."""
    databases = [Database(env.db.url) for _ in jobs]
    start = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(job: int | str, db: Database) -> None:
        start.wait()
        try:
            if isinstance(job, int):
                with db.transaction() as session:
                    routing.assign_group(session, job, clock.now())
            else:
                routing.assign_waiting(db)
        except BaseException as exc:  # reported by the test
            errors.append(exc)

    threads = [
        threading.Thread(target=run, args=pair) for pair in zip(jobs, databases, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for db in databases:
        db.dispose()
    return errors


def test_two_workers_at_once_never_overfill_an_agent_nor_assign_a_ticket_twice(env: Env) -> None:
    Clock()
    agents = [make_user(env, name) for name in ("ann", "bob", "cat")]
    chats = make_group(env, "在线组", agents)
    social = make_group(env, "微信组", agents, Strategy.ROUND_ROBIN)
    set_delivery(
        env,
        DeliveryMode.MULTI,
        default_group_id=chats,
        by_channel={"web_chat": chats, "wechat": social},
    )
    for agent in agents:
        set_presence(env, agent, chats=4)
    for i in range(15):
        open_ticket(env, channel=Channel.WEB_CHAT, phone=f"138{i:08d}")
        open_ticket(env, channel=Channel.WECHAT, phone=f"139{i:08d}")

    # Two whole passes, plus one worker per group in each order, all at the same moment; the
    # round-robin cursors do not exist yet, so the first writers also race to create them.
    errors = _race(env, ["pass", "pass", chats, social])

    assert errors == []
    counts = held(env)
    assert all(counts[a] == 4 for a in agents), counts  # full, and never beyond
    assert counts[None] == 30 - 12
    with env.db.reading() as session:
        per_ticket = session.execute(
            select(AuditEntry.ticket_id, func.count())
            .where(AuditEntry.field == "assignee_id")
            .group_by(AuditEntry.ticket_id)
        ).all()
    assert len(per_ticket) == 12 and all(n == 1 for _, n in per_ticket)


def _skills(env: Env, user_id: int, skills: list[str]) -> None:
    with env.db.transaction() as session:
        routing.set_presence(session, user_id, routing.PresenceChange(skills=skills))


def test_a_skills_group_gives_vip_customers_and_skill_tags_to_agents_who_have_them(
    env: Env,
) -> None:
    plain, vip_agent = make_user(env, "a1"), make_user(env, "a2")
    desk(env, plain, vip_agent, strategy=Strategy.SKILLS)
    for agent in (plain, vip_agent):
        set_presence(env, agent)
    _skills(env, vip_agent, ["vip"])
    vip_ticket = open_ticket(env, phone="13900000001", channel=Channel.EMAIL)
    with env.db.transaction() as session:
        customer = session.get(Customer, vip_ticket.customer_id)
        assert customer is not None
        customer.vip_level = 2
    english = open_ticket(env, phone="13900000002", channel=Channel.EMAIL)
    with env.db.transaction() as session:
        tickets.update_ticket(
            session, english.id, tickets.TicketChanges({"tags"}, tags=["skill:english"]), actor=None
        )
    assign(env)
    held_by = assignees(env)
    assert held_by[vip_ticket.id] == vip_agent
    assert held_by[english.id] is None  # nobody speaks English yet: it waits, not misrouted
    _skills(env, plain, ["english"])
    assign(env)
    assert assignees(env)[english.id] == plain
