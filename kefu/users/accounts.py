"""Account changes the admin pages need beyond ``kefu.users.service`` (which creates users and
issues tokens): checking a new account field by field, changing a role, deactivating and
reactivating, resetting a password. Each checks everything before writing and raises
``Invalid`` naming the field; the admin pages call them.

Two guards keep an install manageable: an administrator cannot demote or deactivate themself
(the last admin could otherwise lock everyone out of this page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kefu.core.errors import FieldError, Invalid, NotFound
from kefu.core.security import hash_password
from kefu.users import service as users
from kefu.users.models import User
from kefu.users.rules import Role

USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{1,63}")
MIN_PASSWORD = 8
MAX_PASSWORD = 200
MAX_DISPLAY_NAME = 100
MAX_TOKEN_NAME = 100
MAX_WORK_NUMBER = 999_999


@dataclass(frozen=True)
class NewAccount:
    username: str
    display_name: str
    role: str
    password: str
    work_number: int | None = None
    work_number_text: str = ""  # as typed, to tell "empty" from "not a number"


def list_accounts(session: Session) -> list[User]:
    """Everyone, active or not, in the order they were created."""
    return list(session.scalars(select(User).order_by(User.id)))


def _get(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("admin.user.not_found")
    return user


def _role_problem(role: str) -> FieldError | None:
    if role in tuple(Role):
        return None
    return FieldError("field.choice", {"choices": ", ".join(Role)})


def _password_problem(password: str) -> FieldError | None:
    if len(password) < MIN_PASSWORD:
        return FieldError("admin.user.password_short", {"min": MIN_PASSWORD})
    if len(password) > MAX_PASSWORD:
        return FieldError("field.too_long", {"max": MAX_PASSWORD})
    return None


def _work_number_problem(session: Session, data: NewAccount) -> FieldError | None:
    if data.work_number is None:
        return FieldError("field.type") if data.work_number_text else None
    if not 1 <= data.work_number <= MAX_WORK_NUMBER:
        return FieldError("field.out_of_range")
    taken = session.scalar(select(User.id).where(User.work_number == data.work_number))
    return FieldError("admin.user.work_number_taken") if taken is not None else None


def _new_account_problems(session: Session, data: NewAccount) -> dict[str, FieldError]:
    problems: dict[str, FieldError | None] = {
        "role": _role_problem(data.role),
        "password": _password_problem(data.password),
        "work_number": _work_number_problem(session, data),
    }
    if not USERNAME.fullmatch(data.username):
        problems["username"] = FieldError("admin.user.bad_username")
    elif users.get_user_by_username(session, data.username) is not None:
        problems["username"] = FieldError("user.exists")
    if len(data.display_name) > MAX_DISPLAY_NAME:
        problems["display_name"] = FieldError("field.too_long", {"max": MAX_DISPLAY_NAME})
    return {name: problem for name, problem in problems.items() if problem is not None}


def create_account(session: Session, data: NewAccount) -> User:
    problems = _new_account_problems(session, data)
    if problems:
        raise Invalid("validation_failed", fields=problems)
    return users.create_user(
        session,
        username=data.username,
        role=Role(data.role),
        password=data.password,
        display_name=data.display_name or None,
        work_number=data.work_number,
    )


def change_role(session: Session, user_id: int, role: str, actor_id: int) -> User:
    user = _get(session, user_id)
    problem = _role_problem(role)
    if problem is None and user.id == actor_id and role != Role.ADMIN:
        problem = FieldError("admin.user.own_role")
    if problem is not None:
        raise Invalid("validation_failed", fields={"role": problem})
    user.role = role
    session.flush()
    return user


def set_active(session: Session, user_id: int, active: bool, actor_id: int) -> User:
    """Deactivating ends the user's sessions and tokens at their next request."""
    user = _get(session, user_id)
    if not active and user.id == actor_id:
        raise Invalid("admin.user.own_account")
    user.is_active = active
    session.flush()
    return user


def reset_password(session: Session, user_id: int, password: str) -> User:
    """A new password; the user's open sessions end (they are signed over the old hash)."""
    user = _get(session, user_id)
    problem = _password_problem(password)
    if problem is not None:
        raise Invalid("validation_failed", fields={"password": problem})
    user.password_hash = hash_password(password)
    session.flush()
    return user


def issue_token(session: Session, user_id: int, name: str) -> tuple[str, str]:
    """A new API token for an active user and the username, returned once (only the token's
    digest is kept)."""
    user = _get(session, user_id)
    if len(name) > MAX_TOKEN_NAME:
        raise Invalid(
            "validation_failed",
            fields={"name": FieldError("field.too_long", {"max": MAX_TOKEN_NAME})},
        )
    if not user.is_active:
        raise Invalid("admin.user.inactive")
    return users.issue_token(session, user, name), user.username
