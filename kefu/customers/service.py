"""Use cases for customers: recognise or create, update, blacklist, merge."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from kefu.core import clock
from kefu.core.db import insert_persistent, table_of
from kefu.core.errors import Conflict, FieldError, Forbidden, Invalid, NotFound
from kefu.customers import rules
from kefu.customers.models import Customer, CustomerIdentity
from kefu.customers.rules import IdentityKind, InvalidIdentity
from kefu.search import service as search
from kefu.users.rules import Permission, Role, may

# Other contexts that hold references to customers register here to move them on a merge, in
# the merge's own transaction (tickets, later orders): customers cannot import them.
MergeHook = Callable[[Session, int, int], None]
_merge_hooks: list[MergeHook] = []


def on_merge(hook: MergeHook) -> None:
    if hook not in _merge_hooks:
        _merge_hooks.append(hook)


@dataclass
class CustomerInput:
    """Raw identities as a caller typed them; normalised by :func:`normalise_identities`."""

    name: str | None = None
    identities: dict[IdentityKind, str] = field(default_factory=dict)
    # A customer the channel already knows (a chat visitor's session): this one is meant,
    # whatever the identities say, and identities nobody has yet are added to it.
    customer_id: int | None = None


def normalise_identities(raw: dict[IdentityKind, str], prefix: str = "") -> dict[IdentityKind, str]:
    """Normalise every given identity; raise one ``Invalid`` naming all bad fields."""
    result: dict[IdentityKind, str] = {}
    errors: dict[str, FieldError] = {}
    for kind, value in raw.items():
        try:
            result[kind] = rules.normalise(kind, value)
        except InvalidIdentity as exc:
            errors[f"{prefix}{kind.value}"] = FieldError(exc.code)
    if errors:
        raise Invalid("validation_failed", fields=errors)
    return result


# Kinds x values through the (kind, value) unique index, exact pairs picked here: one statement
# built once serves any number of identities.
_OWNERS = select(CustomerIdentity.kind, CustomerIdentity.value, CustomerIdentity.customer_id).where(
    CustomerIdentity.kind.in_(bindparam("kinds", expanding=True)),
    CustomerIdentity.value.in_(bindparam("values", expanding=True)),
)


def _owners(session: Session, identities: dict[IdentityKind, str]) -> dict[IdentityKind, int]:
    if not identities:
        return {}
    rows = session.connection().execute(
        _OWNERS,
        {"kinds": [k.value for k in identities], "values": list(set(identities.values()))},
    )
    return {
        IdentityKind(kind): customer_id
        for kind, value, customer_id in rows
        if identities.get(IdentityKind(kind)) == value
    }


def _live(session: Session, customer_id: int) -> Customer:
    """Follow merge pointers to the customer that holds the records now."""
    customer = session.get(Customer, customer_id)
    while customer is not None and customer.merged_into_id is not None:
        customer = session.get(Customer, customer.merged_into_id)
    if customer is None:
        raise NotFound("customer.not_found")
    return customer


def live_customer_id(session: Session, customer_id: int) -> int | None:
    """The customer that holds ``customer_id``'s records now (after merges), or None."""
    try:
        return _live(session, customer_id).id
    except NotFound:
        return None


def _new_customer(session: Session, name: str | None) -> Customer:
    now = clock.now()
    return insert_persistent(
        session,
        Customer,
        name=name or "",
        tags=[],
        vip_level=0,
        birthday=None,
        note="",
        blacklisted=False,
        blacklist_reason=None,
        blacklisted_by_id=None,
        blacklisted_at=None,
        merged_into_id=None,
        created_at=now,
        updated_at=now,
    )


_INSERT_IDENTITY = insert(table_of(CustomerIdentity))


def _attach(session: Session, customer: Customer, identities: dict[IdentityKind, str]) -> None:
    if not identities:
        return
    now = clock.now()
    session.connection().execute(
        _INSERT_IDENTITY,
        [
            {"customer_id": customer.id, "kind": kind.value, "value": value, "created_at": now}
            for kind, value in identities.items()
        ],
    )


def _reindex(
    session: Session, customer: Customer, fresh: dict[IdentityKind, str] | None = None
) -> None:
    """Index name, pinyin, identities and tags. ``fresh``: the identities of a customer created
    in this transaction (nothing to look up, nothing to replace)."""
    if fresh is None:
        rows = session.execute(
            select(CustomerIdentity.kind, CustomerIdentity.value).where(
                CustomerIdentity.customer_id == customer.id
            )
        )
        pairs = [(str(kind), str(value)) for kind, value in rows]
    else:
        pairs = [(kind.value, value) for kind, value in fresh.items()]
    forms = [form for kind, value in pairs for form in rules.searchable_forms(kind, value)]
    search.index(
        session,
        search.DocKind.CUSTOMER,
        customer.id,
        " ".join([*forms, *rules.name_spellings(customer.name), *customer.tags]),
        title=customer.name,
        customer_id=customer.id,
        new=fresh is not None,
    )


def _complete(
    session: Session,
    customer: Customer,
    identities: dict[IdentityKind, str],
    owners: dict[IdentityKind, int],
    name: str | None,
) -> Customer:
    """Add to a recognised customer the identities nobody has yet, and a name if it has none."""
    fresh = {k: v for k, v in identities.items() if k not in owners}
    _attach(session, customer, fresh)
    named = bool(name) and not customer.name
    if named:
        customer.name = name or ""
    if fresh or named:  # the index changes only if the profile did
        session.flush()
        _reindex(session, customer)
    return customer


def recognise(session: Session, data: CustomerInput) -> Customer:
    """Find the customer by any matching identity, or create one (the handbook's screen pop:
    a new caller gets a profile, a known one their history). Identities not yet known are
    added to the customer found."""
    identities = normalise_identities(data.identities, "customer.")
    owners = _owners(session, identities)
    if data.customer_id is not None:
        # Identities another customer holds stay theirs: a visitor typing someone else's
        # phone number must not take over that customer.
        return _complete(session, _live(session, data.customer_id), identities, owners, data.name)
    if owners:
        customer = _live(session, min(owners.values()))
        return _complete(session, customer, identities, owners, data.name)
    customer = _new_customer(session, data.name)
    _attach(session, customer, identities)
    _reindex(session, customer, fresh=identities)
    return customer


def create_customer(
    session: Session,
    data: CustomerInput,
    *,
    tags: list[str] | None = None,
    vip_level: int = 0,
    birthday: date | None = None,
) -> Customer:
    identities = normalise_identities(data.identities)
    owners = _owners(session, identities)
    if owners:
        kind, owner = next(iter(owners.items()))
        raise Conflict(
            "customer.identity_taken",
            fields={kind.value: FieldError("customer.identity_taken")},
            kind=kind.value,
            customer_id=owner,
        )
    customer = _new_customer(session, data.name)
    customer.tags = list(dict.fromkeys(tags or []))
    customer.vip_level = vip_level
    customer.birthday = birthday
    _attach(session, customer, identities)
    _reindex(session, customer, fresh=identities)
    return customer


def get_customer(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound("customer.not_found")
    return customer


def identities_of(session: Session, customer_ids: list[int]) -> dict[int, list[CustomerIdentity]]:
    result: dict[int, list[CustomerIdentity]] = {cid: [] for cid in customer_ids}
    rows = session.scalars(
        select(CustomerIdentity)
        .where(CustomerIdentity.customer_id.in_(customer_ids))
        .order_by(CustomerIdentity.id)
    )
    for identity in rows:
        result[identity.customer_id].append(identity)
    return result


@dataclass
class CustomerChanges:
    """Fields a PATCH may set; only those in ``given`` are applied."""

    given: set[str]
    name: str | None = None
    tags: list[str] | None = None
    vip_level: int | None = None
    birthday: date | None = None
    note: str | None = None
    blacklisted: bool | None = None
    blacklist_reason: str | None = None
    add_identities: dict[IdentityKind, str] = field(default_factory=dict)


def update_customer(
    session: Session, customer_id: int, changes: CustomerChanges, *, actor_id: int, role: Role
) -> Customer:
    customer = get_customer(session, customer_id)
    if customer.merged_into_id is not None:
        raise Conflict("customer.merged", target=customer.merged_into_id)
    for name in ("name", "tags", "vip_level", "birthday", "note"):
        if name in changes.given:
            value = getattr(changes, name)
            if name == "tags":
                value = list(dict.fromkeys(value or []))
            setattr(customer, name, value if value is not None else _empty(name))
    if "blacklisted" in changes.given:
        _set_blacklist(customer, changes, actor_id=actor_id, role=role)
    if changes.add_identities:
        identities = normalise_identities(changes.add_identities, "add_identities.")
        owners = {k: v for k, v in _owners(session, identities).items() if v != customer.id}
        if owners:
            kind, owner = next(iter(owners.items()))
            raise Conflict("customer.identity_taken", kind=kind.value, customer_id=owner)
        known = set(_owners(session, identities))
        _attach(session, customer, {k: v for k, v in identities.items() if k not in known})
    customer.updated_at = clock.now()
    session.flush()
    _reindex(session, customer)
    return customer


def _empty(name: str) -> object:
    return {"name": "", "tags": [], "vip_level": 0, "note": ""}.get(name)


def _set_blacklist(
    customer: Customer, changes: CustomerChanges, *, actor_id: int, role: Role
) -> None:
    if not may(role, Permission.BLACKLIST_CUSTOMER):
        raise Forbidden("forbidden")
    if changes.blacklisted:
        reason = (changes.blacklist_reason or "").strip()
        if not reason:
            raise Invalid(
                "customer.blacklist_reason_required",
                fields={"blacklist_reason": FieldError("field.required")},
            )
        customer.blacklisted = True
        customer.blacklist_reason = reason
        customer.blacklisted_by_id = actor_id
        customer.blacklisted_at = clock.now()
    else:
        customer.blacklisted = False
        customer.blacklist_reason = None
        customer.blacklisted_by_id = None
        customer.blacklisted_at = None


def merge_customers(session: Session, keep_id: int, other_id: int, *, role: Role) -> Customer:
    """Merge ``other`` into ``keep``: every identity, ticket and message of both ends up on
    ``keep``; ``other`` remains as a pointer (``merged_into_id``) so old references resolve."""
    if not may(role, Permission.MERGE_CUSTOMERS):
        raise Forbidden("forbidden")
    if keep_id == other_id:
        raise Invalid("customer.merge_self", fields={"other_id": FieldError("customer.merge_self")})
    keep = get_customer(session, keep_id)
    other = get_customer(session, other_id)
    for merged in (keep, other):
        if merged.merged_into_id is not None:
            raise Conflict("customer.merged", target=merged.merged_into_id)
    session.execute(
        update(CustomerIdentity)
        .where(CustomerIdentity.customer_id == other.id)
        .values(customer_id=keep.id)
    )
    for hook in _merge_hooks:
        hook(session, other.id, keep.id)
    search.reassign_customer(session, other.id, keep.id)
    keep.tags = rules.merged_tags(keep.tags, other.tags)
    keep.name = keep.name or other.name
    keep.vip_level = max(keep.vip_level, other.vip_level)
    keep.birthday = keep.birthday or other.birthday
    if other.blacklisted and not keep.blacklisted:
        keep.blacklisted = True
        keep.blacklist_reason = other.blacklist_reason
        keep.blacklisted_by_id = other.blacklisted_by_id
        keep.blacklisted_at = other.blacklisted_at
    other.merged_into_id = keep.id
    keep.updated_at = other.updated_at = clock.now()
    session.flush()
    _reindex(session, keep)
    search.index(session, search.DocKind.CUSTOMER, other.id, "", title="", customer_id=keep.id)
    return keep


def list_customers(
    session: Session, *, limit: int, before_id: int | None = None, q: str | None = None
) -> list[Customer]:
    stmt = select(Customer).where(Customer.merged_into_id.is_(None))
    if q:
        stmt = stmt.where(
            Customer.id.in_(search.matching_refs(session, q, search.DocKind.CUSTOMER))
        )
    if before_id is not None:
        stmt = stmt.where(Customer.id < before_id)
    return list(session.scalars(stmt.order_by(Customer.id.desc()).limit(limit)))


def blacklisted_among(session: Session, customer_ids: Iterable[int]) -> set[int]:
    """Which of these customers are blacklisted, in one query (lists flag them)."""
    ids = set(customer_ids)
    if not ids:
        return set()
    found = session.scalars(
        select(Customer.id).where(Customer.id.in_(ids), Customer.blacklisted.is_(True))
    )
    return set(found)


def names_of(session: Session, customer_ids: Iterable[int]) -> dict[int, str]:
    """Display names of many customers in one query (lists show them beside tickets)."""
    ids = set(customer_ids)
    if not ids:
        return {}
    rows = session.execute(select(Customer.id, Customer.name).where(Customer.id.in_(ids)))
    return {customer_id: name for customer_id, name in rows}
