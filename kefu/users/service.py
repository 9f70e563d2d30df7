"""Use cases for accounts: create users, issue tokens, authenticate."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.orm import Session

from kefu.core import clock
from kefu.core.errors import Conflict, Unauthenticated
from kefu.core.security import hash_password, new_token, token_digest, verify_password
from kefu.users.models import ApiToken, User
from kefu.users.rules import Role


@dataclass(frozen=True)
class Principal:
    """Who is calling: enough to check permissions without another query."""

    user_id: int
    username: str
    role: Role


def create_user(
    session: Session,
    *,
    username: str,
    role: Role,
    password: str | None = None,
    display_name: str | None = None,
    work_number: int | None = None,
) -> User:
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise Conflict("user.exists")
    user = User(
        username=username,
        display_name=display_name or username,
        work_number=work_number,
        role=role.value,
        password_hash=hash_password(password) if password else None,
        created_at=clock.now(),
    )
    session.add(user)
    session.flush()
    return user


def get_user_by_username(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


def issue_token(session: Session, user: User, name: str = "") -> str:
    """Create an API token for ``user``; the plain token is returned once and never stored."""
    token = new_token()
    session.add(
        ApiToken(user_id=user.id, digest=token_digest(token), name=name, created_at=clock.now())
    )
    return token


# Every API request runs this: built once, it costs a tenth of a statement built per call.
_TOKEN_OWNER = (
    select(User.id, User.username, User.role)
    .join(ApiToken, ApiToken.user_id == User.id)
    .where(ApiToken.digest == bindparam("digest"), User.is_active.is_(True))
)


def authenticate_token(db: Session | Connection, token: str) -> Principal:
    """The active user owning ``token``; takes a session or a bare connection (the API's
    per-request check uses the latter: no unit of work needed to read one row)."""
    row = db.execute(_TOKEN_OWNER, {"digest": token_digest(token)}).first()
    if row is None:
        raise Unauthenticated("unauthenticated")
    return Principal(user_id=row.id, username=row.username, role=Role(row.role))


def authenticate_password(session: Session, username: str, password: str) -> Principal:
    user = get_user_by_username(session, username)
    if user is None or not user.is_active or not user.password_hash:
        raise Unauthenticated("unauthenticated")
    if not verify_password(user.password_hash, password):
        raise Unauthenticated("unauthenticated")
    return Principal(user_id=user.id, username=user.username, role=Role(user.role))


def user_exists(session: Session, user_id: int) -> bool:
    return (
        session.scalar(select(User.id).where(User.id == user_id, User.is_active.is_(True)))
        is not None
    )
