"""Turning Chinese (and mixed) text into search tokens, and queries into boolean token trees.

Both backends receive tokens we made ourselves, so SQLite and PostgreSQL agree exactly:

* text is NFKC-normalised, traditional characters folded to simplified (OpenCC ``t2s``: the
  handbooks come in both scripts, so 退貨 must find 退货), lower-cased;
* segmented by jieba in search mode, which emits a long word and its dictionary sub-words
  (订单号 → 订单, 单号, 订单号), so a query for a part of a compound still matches;
* every token is cut at non-word characters (``20261122-0007`` → ``20261122``, ``0007``),
  exactly as SQLite's unicode61 tokenizer would, so FTS5 sees the same tokens we do.

A query is segmented with the plain cut; each multi-character word matches either itself or all
of its search-mode parts, because the same word may be segmented differently inside a sentence.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

_WORD = re.compile(r"[^\W_]+")  # what SQLite's unicode61 tokenizer calls a token
_lock = threading.Lock()


@cache
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


@cache
def _jieba() -> Any:
    with _lock:
        import jieba_fast_dat as jieba

        jieba.setLogLevel(60)
        jieba.initialize()
        return jieba


def warm_up() -> None:
    """Load the dictionaries now (about a second) rather than on the first request."""
    _converter()
    _jieba()


def normalise(text: str) -> str:
    """NFKC, simplified script, lower case."""
    folded = unicodedata.normalize("NFKC", text)
    return str(_converter().convert(folded)).lower()


# Longer "words" are noise (base64, hashes); PostgreSQL refuses lexemes over 2047 bytes, so both
# backends index and query the same truncated form.
MAX_TOKEN_CHARS = 64
_PHONE_LIKE = re.compile(r"^\+?[\d\s\-()]{7,}$")


def _split(token: str) -> list[str]:
    return [word[:MAX_TOKEN_CHARS] for word in _WORD.findall(token)]


def index_tokens(text: str) -> list[str]:
    """The tokens stored for a document, in order (repeats kept: they do no harm)."""
    tokens: list[str] = []
    for piece in _jieba().cut_for_search(normalise(text)):
        tokens.extend(_split(piece))
    return tokens


def index_text(text: str) -> str:
    """Tokens joined by spaces: the form both backends index."""
    return " ".join(index_tokens(text))


@dataclass(frozen=True)
class Term:
    """One query word: matches a document holding ``word``, or holding all of ``parts``."""

    word: str
    parts: tuple[str, ...] = ()


def parse_query(query: str) -> list[Term]:
    """Query text → terms that must all match. Empty when the query holds no word at all."""
    jieba = _jieba()
    terms: list[Term] = []
    seen: set[str] = set()
    text = normalise(query).strip()
    if _PHONE_LIKE.match(text):
        # 138 0013 8000, 138-0013-8000, +86 138 0013 8000: one number, however it was typed
        text = re.sub(r"\D", "", text)
    for piece in jieba.cut(text):
        for word in _split(piece):
            if word in seen:
                continue
            seen.add(word)
            parts = tuple(p for sub in jieba.cut_for_search(word) for p in _split(sub) if p != word)
            terms.append(Term(word, parts if len(parts) > 1 else ()))
    return terms


def _fts5_quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def to_fts5(terms: list[Term]) -> str:
    """SQLite FTS5 MATCH expression."""
    clauses = []
    for term in terms:
        if term.parts:
            parts = " AND ".join(_fts5_quote(p) for p in term.parts)
            clauses.append(f"({_fts5_quote(term.word)} OR ({parts}))")
        else:
            clauses.append(_fts5_quote(term.word))
    return " AND ".join(clauses)


def _ts_quote(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def to_tsquery(terms: list[Term]) -> str:
    """PostgreSQL tsquery literal over the same tokens (cast, never re-parsed by a dictionary)."""
    clauses = []
    for term in terms:
        if term.parts:
            parts = " & ".join(_ts_quote(p) for p in term.parts)
            clauses.append(f"({_ts_quote(term.word)} | ({parts}))")
        else:
            clauses.append(_ts_quote(term.word))
    return " & ".join(clauses)


def excerpt(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
