"""JSON routes of the routing context under /api/v1: desks, groups, delivery, catalog
responsibility and its spreadsheet, rules and their dry run, presence, queues, transfers and
notifications."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Request, Response, UploadFile
from starlette.concurrency import run_in_threadpool

from kefu.core.errors import FieldError, Invalid, NotFound, TooLarge
from kefu.core.i18n import human_size, translate
from kefu.customers.models import Customer
from kefu.routing import messages as _messages  # noqa: F401  (registers the texts)
from kefu.routing import service
from kefu.routing.models import AgentGroup, RoutingRule
from kefu.routing.rules import Presence, Reason
from kefu.routing.schemas import (
    CatalogImportRead,
    DeliveryRead,
    DeliveryUpdate,
    DeskCreate,
    DeskRead,
    DryRunRead,
    DryRunRequest,
    Explained,
    GroupCreate,
    GroupRead,
    MembersUpdate,
    NotificationRead,
    NotificationsRead,
    PresenceRead,
    PresenceUpdate,
    QueueItem,
    QueueRead,
    ResponsibleUpdate,
    RuleRead,
    RuleTraceRead,
    RuleWrite,
    TransferRequest,
)
from kefu.tickets import service as tickets
from kefu.tickets.service import Draft
from kefu.users.rules import Permission
from kefu.web.api_support import DB, Caller, locale_of, require

router = APIRouter(prefix="/api/v1", tags=["routing"])
MAX_SHEET_BYTES = 5 * 1024 * 1024
# 服务目录.xlsx, percent-encoded for the header (RFC 6266)
TEMPLATE_NAME = "%E6%9C%8D%E5%8A%A1%E7%9B%AE%E5%BD%95.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _group_read(group: AgentGroup, members: list[int]) -> GroupRead:
    return GroupRead(
        id=group.id,
        desk_id=group.desk_id,
        name=group.name,
        strategy=group.strategy,
        auto_assign=group.auto_assign,
        members=members,
    )


@router.get("/routing/desks", response_model=list[DeskRead])
def list_desks(db: DB, caller: Caller) -> list[DeskRead]:
    require(caller, Permission.WORK_TICKETS)
    with db.reading() as session:
        return [
            DeskRead.model_validate(d, from_attributes=True) for d in service.list_desks(session)
        ]


@router.post("/routing/desks", response_model=DeskRead, status_code=201)
def create_desk(db: DB, caller: Caller, body: DeskCreate) -> DeskRead:
    require(caller, Permission.MANAGE_ROUTING)
    with db.transaction() as session:
        desk = service.create_desk(session, body.name, body.description, body.private)
        return DeskRead.model_validate(desk, from_attributes=True)


@router.get("/routing/groups", response_model=list[GroupRead])
def list_groups(db: DB, caller: Caller) -> list[GroupRead]:
    require(caller, Permission.WORK_TICKETS)
    with db.reading() as session:
        return [
            _group_read(g, service.members(session, g.id)) for g in service.list_groups(session)
        ]


@router.post("/routing/groups", response_model=GroupRead, status_code=201)
def create_group(db: DB, caller: Caller, body: GroupCreate) -> GroupRead:
    require(caller, Permission.MANAGE_ROUTING)
    with db.transaction() as session:
        group = service.create_group(
            session, body.desk_id, body.name, body.strategy, body.auto_assign
        )
        return _group_read(group, [])


@router.put("/routing/groups/{group_id}/members", response_model=GroupRead)
def set_members(db: DB, caller: Caller, group_id: int, body: MembersUpdate) -> GroupRead:
    require(caller, Permission.MANAGE_ROUTING)
    with db.transaction() as session:
        members = service.set_members(session, group_id, body.user_ids)
        return _group_read(service.get_group(session, group_id), members)


def _delivery_read(session_db: DB) -> DeliveryRead:
    with session_db.reading() as session:
        row = service.get_delivery(session)
        responsible = service.responsibilities(session)
    if row is None:
        return DeliveryRead(
            mode="single",
            default_group_id=None,
            supervisor_group_id=None,
            by_channel={},
            by_entry_point={},
            responsible=responsible,
        )
    return DeliveryRead(
        mode=row.mode,
        default_group_id=row.default_group_id,
        supervisor_group_id=row.supervisor_group_id,
        by_channel=row.by_channel,
        by_entry_point=row.by_entry_point,
        responsible=responsible,
    )


@router.get("/routing/delivery", response_model=DeliveryRead)
def get_delivery(db: DB, caller: Caller) -> DeliveryRead:
    require(caller, Permission.WORK_TICKETS)
    return _delivery_read(db)


@router.put("/routing/delivery", response_model=DeliveryRead)
def set_delivery(db: DB, caller: Caller, body: DeliveryUpdate) -> DeliveryRead:
    require(caller, Permission.MANAGE_ROUTING)
    with db.transaction() as session:
        service.set_delivery(
            session,
            service.DeliveryInput(
                mode=body.mode,
                default_group_id=body.default_group_id,
                supervisor_group_id=body.supervisor_group_id,
                by_channel={k.value: v for k, v in body.by_channel.items()},
                by_entry_point=dict(body.by_entry_point),
            ),
        )
    return _delivery_read(db)


@router.put("/routing/catalog/{item_id}/responsible", status_code=204)
def set_responsible(db: DB, caller: Caller, item_id: int, body: ResponsibleUpdate) -> Response:
    require(caller, Permission.MANAGE_ROUTING)
    with db.transaction() as session:
        service.set_responsible(session, item_id, body.group_id)
    return Response(status_code=204)


@router.get("/routing/catalog/template")
def catalog_template(db: DB, caller: Caller, request: Request) -> Response:
    """The Excel template to fill in (服务目录导入: 下载模板 → 填写 → 一键导入)."""
    require(caller, Permission.MANAGE_CATALOG)
    with db.reading() as session:
        data = service.catalog_template(session, locale_of(request))
    return Response(
        data,
        media_type=XLSX,
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{TEMPLATE_NAME}"},
    )


@router.post("/routing/catalog/import", response_model=CatalogImportRead, status_code=201)
async def import_catalog(
    db: DB, caller: Caller, file: Annotated[UploadFile, File()]
) -> CatalogImportRead:
    require(caller, Permission.MANAGE_CATALOG)
    data = await file.read(MAX_SHEET_BYTES + 1)
    if len(data) > MAX_SHEET_BYTES:
        raise TooLarge("payload_too_large", limit=human_size(MAX_SHEET_BYTES))
    if not data:
        raise Invalid("validation_failed", fields={"file": FieldError("field.required")})
    # Parsing the workbook and writing the catalog block: off the event loop, like sync routes.
    result = await run_in_threadpool(_import, db, data)
    return CatalogImportRead(items=result.items, responsible=result.responsible)


def _import(db: DB, data: bytes) -> service.ImportResult:
    with db.transaction() as session:
        return service.import_catalog(session, data)


def _rule_read(rule: RoutingRule) -> RuleRead:
    return RuleRead.model_validate(rule, from_attributes=True)


def _rule_input(body: RuleWrite) -> service.RuleInput:
    return service.RuleInput(
        name=body.name,
        conditions=body.conditions,
        actions=body.actions,
        match=body.match,
        active=body.active,
        position=body.position,
    )


@router.get("/routing/rules", response_model=list[RuleRead])
def list_rules(db: DB, caller: Caller) -> list[RuleRead]:
    require(caller, Permission.WORK_TICKETS)
    with db.reading() as session:
        return [_rule_read(r) for r in service.list_rules(session)]


@router.post("/routing/rules", response_model=RuleRead, status_code=201)
def create_rule(db: DB, caller: Caller, body: RuleWrite) -> RuleRead:
    require(caller, Permission.MANAGE_ROUTING)
    with db.transaction() as session:
        return _rule_read(service.create_rule(session, _rule_input(body)))


@router.put("/routing/rules/{rule_id}", response_model=RuleRead)
def update_rule(db: DB, caller: Caller, rule_id: int, body: RuleWrite) -> RuleRead:
    require(caller, Permission.MANAGE_ROUTING)
    with db.transaction() as session:
        return _rule_read(service.update_rule(session, rule_id, _rule_input(body)))


@router.delete("/routing/rules/{rule_id}", status_code=204)
def delete_rule(db: DB, caller: Caller, rule_id: int) -> Response:
    require(caller, Permission.MANAGE_ROUTING)
    with db.transaction() as session:
        service.delete_rule(session, rule_id)
    return Response(status_code=204)


def _explained(
    reason: Reason | tuple[str, dict[str, str]], locale: str, groups: dict[int, str] | None = None
) -> Explained:
    """A reason in words; a group is shown by its name (「售后组」) rather than its id."""
    code, params = reason
    shown = dict(params)
    group = shown.get("group", "")
    if groups and group.isdigit() and int(group) in groups:
        shown["group"] = f"「{groups[int(group)]}」"
    return Explained(code=code, message=translate(code, locale, **shown))


@router.post("/routing/dry-run", response_model=DryRunRead)
def dry_run(db: DB, caller: Caller, request: Request, body: DryRunRequest) -> DryRunRead:
    """Which group and which rules a ticket (or a described request) would get, and why."""
    require(caller, Permission.WORK_TICKETS)
    locale = locale_of(request)
    with db.reading() as session:
        if body.ticket_id is not None:
            draft = service.draft_of_ticket(session, body.ticket_id)
        else:
            catalog = (
                tickets.find_catalog_item(session, body.catalog_item)
                if body.catalog_item is not None
                else None
            )
            draft = Draft(
                channel=body.channel.value,
                type=body.type.value,
                priority=body.priority.value,
                catalog_item_id=catalog.id if catalog else None,
                customer=Customer(vip_level=body.vip_level, blacklisted=body.blacklisted),
                text=body.text,
                entry_point=body.entry_point,
            )
        delivered, outcome = service.explain(session, draft)
        names = {r.id: r.name for r in service.list_rules(session)}
        groups = {gid: name for name, gid in service.group_names(session).items()}
    return DryRunRead(
        delivered_group_id=delivered.group_id,
        delivery=_explained((delivered.reason, delivered.params), locale, groups),
        group_id=outcome.group_id or delivered.group_id,
        priority=outcome.priority,
        tags=list(outcome.tags),
        assignee_id=outcome.assignee_id,
        fired=list(outcome.fired),
        rules=[
            RuleTraceRead(
                rule_id=t.rule_id,
                name=names.get(t.rule_id, ""),
                matched=t.matched,
                reasons=[_explained(r, locale) for r in t.reasons],
            )
            for t in outcome.trace
        ],
    )


def _presence_reads(db: DB, user_ids: list[int] | None = None) -> list[PresenceRead]:
    with db.reading() as session:
        rows = [
            r for r in service.list_presence(session) if user_ids is None or r.user_id in user_ids
        ]
        loads = service.loads_of(session, [r.user_id for r in rows])
    return [
        PresenceRead(
            user_id=r.user_id,
            presence=Presence(r.presence),
            chat_capacity=r.chat_capacity,
            ticket_capacity=r.ticket_capacity,
            active_chats=loads[r.user_id][0],
            open_tickets=loads[r.user_id][1],
            skills=r.skills,
            last_assigned_at=r.last_assigned_at,
        )
        for r in rows
    ]


@router.get("/routing/presence", response_model=list[PresenceRead])
def list_presence(db: DB, caller: Caller) -> list[PresenceRead]:
    require(caller, Permission.WORK_TICKETS)
    return _presence_reads(db)


@router.put("/routing/presence/{user_id}", response_model=PresenceRead)
def set_presence(db: DB, caller: Caller, user_id: str, body: PresenceUpdate) -> PresenceRead:
    """``me`` for oneself (any agent); someone else's needs a supervisor."""
    require(caller, Permission.WORK_TICKETS)
    if user_id == "me":
        target = caller.user_id
    elif user_id.isdigit():
        target = int(user_id)
        if target != caller.user_id:
            require(caller, Permission.MANAGE_ROUTING)
    else:
        raise NotFound("routing.unknown_agent")
    with db.transaction() as session:
        service.set_presence(
            session,
            target,
            service.PresenceChange(
                presence=body.presence,
                chat_capacity=body.chat_capacity,
                ticket_capacity=body.ticket_capacity,
                skills=body.skills,
            ),
        )
    return _presence_reads(db, [target])[0]


@router.get("/routing/groups/{group_id}/queue", response_model=QueueRead)
def queue(db: DB, caller: Caller, group_id: int) -> QueueRead:
    require(caller, Permission.WORK_TICKETS)
    with db.reading() as session:
        service.get_group(session, group_id)
        online, waiting = service.queue_of(session, group_id)
    return QueueRead(
        group_id=group_id,
        online_with_room=online,
        items=[
            QueueItem(
                ticket_id=w.item.ticket_id,
                kind=w.item.kind.value,
                waiting_since=w.item.waiting_since,
                position=w.position,
                estimated_wait_s=w.estimated_wait_s,
            )
            for w in waiting
        ],
    )


@router.post("/tickets/{ticket_id}/transfer", status_code=204)
def transfer(db: DB, caller: Caller, ticket_id: int, body: TransferRequest) -> Response:
    require(caller, Permission.WORK_TICKETS)
    with db.transaction() as session:
        service.transfer(
            session, ticket_id, group_id=body.group_id, assignee_id=body.assignee_id, actor=caller
        )
    return Response(status_code=204)


@router.get("/notifications", response_model=list[NotificationRead])
def notifications(
    db: DB, caller: Caller, request: Request, unread: bool = False
) -> list[NotificationRead]:
    """The caller's notifications, newest first, each with its message in their language."""
    locale = locale_of(request)
    with db.reading() as session:
        rows = service.notifications_of(session, caller.user_id, unread_only=unread)
    return [
        NotificationRead(
            id=n.id,
            kind=n.kind,
            message=_notice(n.kind, n.params, locale),
            ticket_id=n.ticket_id,
            params=n.params,
            created_at=n.created_at,
            read_at=n.read_at,
        )
        for n in rows
    ]


def _notice(kind: str, params: dict[str, Any], locale: str) -> str:
    values = {"number": "", "metric": "", "due_at": "", **params}
    if values["metric"]:
        values["metric"] = translate(f"sla.metric.{values['metric']}", locale)
    return translate(f"notification.{kind}", locale, **values)


@router.post("/notifications/read", status_code=204)
def mark_read(db: DB, caller: Caller, body: NotificationsRead) -> Response:
    with db.transaction() as session:
        service.mark_read(session, caller.user_id, body.ids)
    return Response(status_code=204)
