"""Tickets (工单): numbers, states and transitions, priorities, types, the service catalog,
messages, attachments and the audit log."""
