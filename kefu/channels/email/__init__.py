"""The email channel: mail in (parsing, intake, threading) and mail out."""
