"""GET /api/v1/me and the list of agents (for assignment pickers)."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from kefu.users.models import User
from kefu.users.rules import display_name
from kefu.users.schemas import UserRead
from kefu.web.api_support import DB, Caller

router = APIRouter(prefix="/api/v1", tags=["users"])


def _read(user: User) -> UserRead:
    return UserRead(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        work_number=user.work_number,
        signature=display_name(user.work_number, user.display_name),
        role=user.role,
    )


@router.get("/me", response_model=UserRead)
def me(db: DB, caller: Caller) -> UserRead:
    with db.reading() as session:
        user = session.get(User, caller.user_id)
        assert user is not None
        return _read(user)


@router.get("/users", response_model=list[UserRead])
def list_users(db: DB, caller: Caller) -> list[UserRead]:
    with db.reading() as session:
        users = session.scalars(select(User).where(User.is_active).order_by(User.id))
        return [_read(u) for u in users]
