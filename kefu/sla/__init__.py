"""SLA: policies, business calendars, clocks and their escalation."""
