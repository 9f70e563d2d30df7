"""Connections between contexts that must happen inside one transaction but may not be imports
(customers cannot import tickets). Called once by every entry point: app, CLI, tests."""

from __future__ import annotations

from kefu.customers import service as customers
from kefu.tickets import service as tickets


def wire() -> None:
    customers.on_merge(tickets.move_customer_records)
