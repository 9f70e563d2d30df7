"""Routing: service desks (single, multi, primary/secondary), ordered routing rules, assignment
strategies, presence and capacity, and the queue of work waiting for an agent."""
