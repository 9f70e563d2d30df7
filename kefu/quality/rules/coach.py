"""Live coaching of a reply draft against the handbooks' service language. Pure: no I/O.

What is flagged, each with where it is in the draft (``start``/``end`` are offsets into the text
as given) and what the handbooks would say instead:

- ``bare_negative`` — a negative word (不能, 没有, 不可以, 不行, 不知道, 不清楚, 不会,
  没办法, 无法 …) with no explanation or alternative in the same sentence. Seed 001:
  "尽量避免使用否定词,如:不能、没有、不可以之类。如果使用否定词,一定要加解释。"
  The rule, precisely:

  * a sentence ends at 。！？!?；; or a line break (commas do not end one: the handbooks' own
    explained negatives put the reason after a comma, "由于快递不受我们控制,我们无法保证…");
  * the negative is explained when the sentence holds an explainer (a reason, a contrast, an
    apology, a plea for understanding, a next step: 因为, 由于, 但是, 不过, 抱歉, 理解, 稍后 …),
    or an offer (可以, 帮您, 为您 …) that the negative does not itself govern: in "不能为您退款" the
    offer is what is refused, in "没有货了,可以为您推荐相似款" it is the alternative;
  * a reason in another sentence does not count ("因为缺货。不能发货。" is still bare);
  * not negative answers: questions (the sentence ends in ？/吗/嘛 or asks 是否), the A-not-A
    form (能不能, 可不可以, 有没有, 知不知道), 没有问题 / 没有关系, and a negative inside a taboo
    (reported as the taboo).
- ``rude_phrase`` — a service taboo (不归我管, 你自己看, 随便你, 爱买不买, 我也不知道 …): seed 003
  (不要直接拒绝客户, 不正面回答), seed 002 (不要推卸责任, 不得与客户争辩顶撞), seed 000 (不耐烦的,
  傲慢的, 粗鲁的 are the wrong way to speak). Flagged wherever it stands; no explanation saves it.
- ``missing_greeting`` — a first reply without a greeting (您好, 亲, 欢迎 …): seed 001 §1 欢迎语.
- ``missing_farewell`` — a closing reply without thanks or a farewell (感谢, 谢谢, 再见, 祝您 …):
  seed 001 §7 欢送语.

Traditional characters are folded to simplified before matching (OpenCC), so 沒有 is 没有.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from kefu.quality.rules.lexicon import (
    EXPLAINERS,
    FAREWELL_SUGGESTION,
    FAREWELLS,
    GOVERNING_GAP,
    GREETING_SUGGESTION,
    GREETINGS,
    NEGATIVE_SUGGESTIONS,
    NOT_NEGATIVE_AFTER,
    OFFERS,
    TABOOS,
    Taboo,
)

BARE_NEGATIVE = "bare_negative"
RUDE_PHRASE = "rude_phrase"
MISSING_GREETING = "missing_greeting"
MISSING_FAREWELL = "missing_farewell"
CODES = (BARE_NEGATIVE, RUDE_PHRASE, MISSING_GREETING, MISSING_FAREWELL)

_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;\n]*")
_NEGATIVE = re.compile("|".join(sorted(NEGATIVE_SUGGESTIONS, key=len, reverse=True)))
_TABOO = [(re.compile(t.pattern), t) for t in TABOOS]
_QUESTION_END = re.compile(r"(?:[？?]|[吗嘛][\s~～。!！…]*)\s*$")


@dataclass(frozen=True)
class Finding:
    """One thing to fix: ``code`` (see ``CODES``), where (``start``/``end`` into the draft; a
    missing greeting sits at 0, a missing farewell at the end), the ``word`` as written, the
    message code that explains it and the handbooks' wording to use instead."""

    code: str
    start: int
    end: int
    word: str
    message_code: str
    suggestion: str


@cache
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def fold(text: str) -> str:
    """Simplified characters, position for position (a conversion that changed the length,
    which OpenCC does only for rare phrases, is not used: offsets must stay true)."""
    folded = str(_converter().convert(text))
    return folded if len(folded) == len(text) else text


def coach(text: str, *, first_reply: bool, closing: bool) -> list[Finding]:
    """Everything in ``text`` the handbooks would have the agent say differently, in reading
    order. An empty draft has nothing to coach."""
    if not text.strip():
        return []
    folded = fold(text)
    taboos = _taboos(folded, text)
    covered = [(f.start, f.end) for f in taboos]
    findings = [*taboos, *_bare_negatives(folded, text, covered)]
    if first_reply and not any(word in folded for word in GREETINGS):
        findings.append(
            Finding(MISSING_GREETING, 0, 0, "", "quality.missing_greeting", GREETING_SUGGESTION)
        )
    if closing and not any(word in folded for word in FAREWELLS):
        end = len(text)
        findings.append(
            Finding(MISSING_FAREWELL, end, end, "", "quality.missing_farewell", FAREWELL_SUGGESTION)
        )
    return sorted(findings, key=lambda f: (f.start, f.end, CODES.index(f.code)))


# -- taboos --------------------------------------------------------------------------------------


def _taboos(folded: str, text: str) -> list[Finding]:
    """Every taboo, the longest where two overlap."""
    spans: list[tuple[int, int, Taboo]] = []
    for pattern, taboo in _TABOO:
        spans += [
            (m.start(), m.end(), taboo) for m in pattern.finditer(folded) if m.end() > m.start()
        ]
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    found: list[Finding] = []
    last_end = -1
    for start, end, taboo in spans:
        if start < last_end:
            continue
        found.append(
            Finding(
                RUDE_PHRASE, start, end, text[start:end], "quality.rude_phrase", taboo.suggestion
            )
        )
        last_end = end
    return found


# -- negatives -----------------------------------------------------------------------------------


def _bare_negatives(folded: str, text: str, covered: list[tuple[int, int]]) -> list[Finding]:
    found: list[Finding] = []
    for sentence in _SENTENCE.finditer(folded):
        if _is_question(sentence.group()):
            continue
        base = sentence.start()
        negatives = [
            (base + m.start(), base + m.end())
            for m in _NEGATIVE.finditer(sentence.group())
            if _is_negative(folded, base + m.start(), base + m.end())
            and not _inside(base + m.start(), base + m.end(), covered)
        ]
        if negatives and not _explained(folded, sentence.start(), sentence.end(), negatives):
            found += [_negative_finding(text, folded, start, end) for start, end in negatives]
    return found


def _negative_finding(text: str, folded: str, start: int, end: int) -> Finding:
    suggestion = NEGATIVE_SUGGESTIONS[folded[start:end]]
    return Finding(BARE_NEGATIVE, start, end, text[start:end], "quality.bare_negative", suggestion)


def _is_question(sentence: str) -> bool:
    return bool(_QUESTION_END.search(sentence)) or "是否" in sentence


def _is_negative(folded: str, start: int, end: int) -> bool:
    """Not the A-not-A question form (能不能: the character before 不 repeats after it) and not
    a phrase that only looks negative (没有问题)."""
    if start > 0 and end - start >= 2 and folded[start - 1] == folded[start + 1]:
        return False
    after = NOT_NEGATIVE_AFTER.get(folded[start:end], ())
    return not any(folded.startswith(tail, end) for tail in after)


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _explained(folded: str, start: int, end: int, negatives: list[tuple[int, int]]) -> bool:
    """Whether the sentence ``folded[start:end]`` explains its negatives. The negatives are
    blanked out first, so that 不可以 does not supply its own 可以 nor 不可能 its own 可能."""
    chars = list(folded[start:end])
    for s, e in negatives:
        chars[s - start : e - start] = "\0" * (e - s)
    masked = "".join(chars)
    if any(marker in masked for marker in EXPLAINERS):
        return True
    return any(
        not _governed(masked, at.start(), negatives, start)
        for offer in OFFERS
        for at in re.finditer(re.escape(offer), masked)
    )


def _governed(masked: str, at: int, negatives: list[tuple[int, int]], base: int) -> bool:
    """An offer right after a negative (at most a few adverbs between) is what it refuses."""
    for _, neg_end in negatives:
        gap = masked[neg_end - base : at]
        if neg_end - base <= at and all(ch in GOVERNING_GAP for ch in gap):
            return True
    return False
