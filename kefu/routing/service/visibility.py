"""Who may see which tickets: a private desk's tickets are seen only by the members of its
groups (and by supervisors and admins); every other ticket by every agent (issue: "an agent
cannot open another desk's ticket by URL if desks are private; a supervisor can"). The agent a
ticket is assigned to always sees it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kefu.routing.models import AgentGroup, GroupMember, ServiceDesk
from kefu.users.rules import RANK, Role


def hidden_groups(session: Session, user_id: int, role: Role) -> frozenset[int]:
    """The groups whose tickets ``user_id`` may not see (unless assigned to them)."""
    if RANK[role] >= RANK[Role.SUPERVISOR]:
        return frozenset()
    private = session.execute(
        select(AgentGroup.id, AgentGroup.desk_id)
        .join(ServiceDesk, ServiceDesk.id == AgentGroup.desk_id)
        .where(ServiceDesk.private.is_(True))
    ).all()
    if not private:
        return frozenset()
    my_desks = set(
        session.scalars(
            select(AgentGroup.desk_id)
            .join(GroupMember, GroupMember.group_id == AgentGroup.id)
            .where(GroupMember.user_id == user_id)
        )
    )
    return frozenset(group for group, desk in private if desk not in my_desks)
