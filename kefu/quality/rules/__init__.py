"""Coaching rules, pure: ``coach`` flags what the handbooks would have an agent say differently
(bare negatives, service taboos, a missing greeting or farewell); ``lexicon`` holds the words."""

from kefu.quality.rules.coach import (
    BARE_NEGATIVE,
    CODES,
    MISSING_FAREWELL,
    MISSING_GREETING,
    RUDE_PHRASE,
    Finding,
    coach,
    fold,
)

__all__ = [
    "BARE_NEGATIVE",
    "CODES",
    "MISSING_FAREWELL",
    "MISSING_GREETING",
    "RUDE_PHRASE",
    "Finding",
    "coach",
    "fold",
]
