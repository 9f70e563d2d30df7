"""Search: Chinese-aware full-text over tickets, messages and customers (SQLite FTS5 or
PostgreSQL full-text, the same tokens and the same results on both)."""
