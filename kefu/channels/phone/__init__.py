"""Phone (CTI): signed call events in, call logs, a ticket per call with the caller recognised."""
