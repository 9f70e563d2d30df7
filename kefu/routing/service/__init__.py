"""Use cases of the routing context: ``desks`` (set-up and rules), ``classify`` (delivery of a
new request, in its transaction), ``assign`` (the worker's automatic assignment), ``presence``
(agents' state, transfers, requeue), ``notify``, ``catalog_import``, ``snapshot`` (cached
configuration)."""

from kefu.routing import messages as _messages  # noqa: F401  (registers the texts)
from kefu.routing.service import board as board  # the supervisor's board
from kefu.routing.service.assign import (
    Waiting,
    agent_states,
    assign_group,
    assign_waiting,
    loads_of,
    queue_of,
)
from kefu.routing.service.catalog_import import ImportResult, catalog_template, import_catalog
from kefu.routing.service.classify import classify, decide, draft_of_ticket, explain, facts_of
from kefu.routing.service.desks import (
    DeliveryInput,
    RuleInput,
    create_desk,
    create_group,
    create_rule,
    delete_rule,
    get_delivery,
    get_group,
    group_names,
    groups_of,
    list_desks,
    list_groups,
    list_rules,
    members,
    responsibilities,
    set_delivery,
    set_members,
    set_responsible,
    update_rule,
)
from kefu.routing.service.notify import (
    Notice,
    mark_read,
    members_of,
    notifications_of,
    notify,
    notify_many,
    users_with_role,
)
from kefu.routing.service.presence import (
    PresenceChange,
    list_presence,
    presence_of,
    requeue_if_agent_away,
    set_presence,
    transfer,
)
from kefu.routing.service.snapshot import invalidate, snapshot
from kefu.routing.service.visibility import hidden_groups

__all__ = [
    "DeliveryInput",
    "ImportResult",
    "Notice",
    "PresenceChange",
    "RuleInput",
    "Waiting",
    "agent_states",
    "assign_group",
    "assign_waiting",
    "catalog_template",
    "classify",
    "create_desk",
    "create_group",
    "create_rule",
    "decide",
    "delete_rule",
    "draft_of_ticket",
    "explain",
    "facts_of",
    "get_delivery",
    "get_group",
    "group_names",
    "groups_of",
    "hidden_groups",
    "import_catalog",
    "invalidate",
    "list_desks",
    "list_groups",
    "list_presence",
    "list_rules",
    "loads_of",
    "mark_read",
    "members",
    "members_of",
    "notifications_of",
    "notify",
    "notify_many",
    "presence_of",
    "queue_of",
    "requeue_if_agent_away",
    "responsibilities",
    "set_delivery",
    "set_members",
    "set_presence",
    "set_responsible",
    "snapshot",
    "transfer",
    "update_rule",
    "users_with_role",
]
