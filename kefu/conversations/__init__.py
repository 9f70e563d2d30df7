"""Conversations: every channel's traffic as one kind of message, threaded into tickets."""
