"""Shared kernel: configuration, database, clock, errors, i18n, security, events."""
