"""Reply history in plain-text mail: where the new part ends.

Owns the recognisers for what clients put above the history they quote, and the trimming that
keeps only what the sender wrote now. The whole text is kept elsewhere (``ParsedMail.full_text``):
trimming decides what an agent sees first, never what is stored.

Recognised, in the wordings of the clients Chinese customers use:

* lines starting with ``>``;
* attributions: ``On <date>, <name> wrote:`` (possibly wrapped over lines, as Gmail does),
  ``在 2026年11月22日 10:15，王小姐 <a@b.cn> 写道：`` (Foxmail, QQ, 163, Apple Mail), ``… 寫道:``;
* separators: ``------------------ 原始邮件 ------------------`` (QQ, Foxmail; ``Original`` in
  their English UI),
  ``-----原始邮件-----``, ``-----Original Message-----``, ``---- 回复的原邮件 ----`` (163 mobile);
* header blocks: ``发件人: / 发送时间: / 收件人: / 主题:`` (Outlook in Chinese, QQ),
  ``From: / Sent: / To: / Subject:`` (Outlook), with or without a line of underscores above.

An attribution followed by ``>`` lines and then more unquoted text is an inline or bottom-posted
answer: the quoted lines go, the answers stay. A signature after ``-- `` stays.
"""

from __future__ import annotations

import re

_QUOTED = re.compile(r"^\s*>")
_ATTRIBUTION_EN = re.compile(r"^\s*On\s.*\bwrote\s*:\s*$", re.IGNORECASE | re.DOTALL)
_ATTRIBUTION_EN_LOOSE = re.compile(r"@.*\bwrote\s*:\s*$", re.IGNORECASE | re.DOTALL)
_ATTRIBUTION_ZH = re.compile(r"(写道|寫道)\s*[:：]\s*$")
# "写道：" alone is ordinary Chinese ("快递单上写道："); an attribution also names a date or an
# address, or starts with 在 ("在 <date>，<name> 写道：").
_ATTRIBUTION_ZH_EVIDENCE = re.compile(r"\d{4}|@|^\s*在")
_SEPARATOR = re.compile(
    r"^\s*-{2,}\s*(original message|original|reply message|"
    r"原始邮件|原始郵件|回复的原邮件|回覆的原郵件)\s*-{2,}\s*$",
    re.IGNORECASE,
)
_RULE = re.compile(r"^\s*(_{8,}|-{8,})\s*$")
_FROM_FIELD = re.compile(r"^\s*\*?(from|发件人|寄件者|寄件人)\*?\s*[:：]", re.IGNORECASE)
_HEADER_FIELD = re.compile(
    r"^\s*\*?(sent|date|to|cc|subject|发送时间|日期|时间|收件人|抄送|主题|寄件日期|傳送時間|"
    r"收件者|副本|主旨)\*?\s*[:：]",
    re.IGNORECASE,
)
_FORWARD_SUBJECT = re.compile(r"^\s*(\[[^\]]*\]\s*)?(fwd?|fw|转发|轉寄|转寄|轉發)\s*[:：]", re.I)
_ATTRIBUTION_MAX_LINES = 3
_ATTRIBUTION_STARTS = ("On ", "在")
_ATTRIBUTION_MAX_CHARS = 300


def tidy_lines(text: str) -> str:
    """One line ending, no trailing spaces (but the signature mark "-- "), at most one blank
    line in a row, no blank lines at either end."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    text = "\n".join(line if line == "-- " else line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def looks_forwarded(subject: str) -> bool:
    """``Fwd:``/``FW:``/``转发:`` subjects: the forwarded mail *is* the message, nothing to trim."""
    return bool(_FORWARD_SUBJECT.match(subject))


def _is_attribution(text: str, first_line: bool) -> bool:
    if len(text) > _ATTRIBUTION_MAX_CHARS:
        return False
    if _ATTRIBUTION_EN.match(text) or _ATTRIBUTION_EN_LOOSE.search(text):
        return True
    if _ATTRIBUTION_ZH.search(text) and _ATTRIBUTION_ZH_EVIDENCE.search(text):
        # A wrapped attribution must start like one, or any paragraph ending in 写道 would do.
        return first_line or text.lstrip().startswith(_ATTRIBUTION_STARTS)
    return False


def _attribution_span(lines: list[str], start: int) -> int:
    """How many lines from ``start`` make an attribution (0 if none); Gmail wraps long ones."""
    for span in range(1, _ATTRIBUTION_MAX_LINES + 1):
        chunk = lines[start : start + span]
        if len(chunk) < span or any(not line.strip() or _QUOTED.match(line) for line in chunk):
            return 0
        if span > 1 and not _continues_attribution(chunk):
            return 0
        if _is_attribution(_joined(chunk), first_line=span == 1):
            return span
    return 0


def _continues_attribution(chunk: list[str]) -> bool:
    """Whether wrapped lines read as one attribution: the first starts like one or holds the
    address, and no later line starts one ("Thanks" above "On … wrote:" is text of its own)."""
    first = chunk[0].lstrip()
    if not (first.startswith(_ATTRIBUTION_STARTS) or "<" in first):
        return False
    return not any(line.lstrip().startswith(_ATTRIBUTION_STARTS) for line in chunk[1:])


def _joined(lines: list[str]) -> str:
    return " ".join(line.strip() for line in lines)


def _header_block_at(lines: list[str], start: int) -> bool:
    """A ``From:`` line followed by at least two more header fields within the next few lines."""
    if not _FROM_FIELD.match(lines[start]):
        return False
    following = [line for line in lines[start + 1 : start + 7] if line.strip()][:4]
    return sum(1 for line in following if _HEADER_FIELD.match(line)) >= 2


def _quoted_lines_follow(lines: list[str], start: int) -> bool:
    for line in lines[start:]:
        if line.strip():
            return bool(_QUOTED.match(line))
    return False


def trim_quoted(text: str) -> str:
    """The new part of a plain-text reply: quoted history removed ("" if nothing else is left)."""
    lines = text.split("\n")
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if _QUOTED.match(line):
            index += 1
            continue
        span = _attribution_span(lines, index)
        if span:
            if not _quoted_lines_follow(lines, index + span):
                break  # history follows unmarked (HTML rendered, or a top-posting client)
            index += span
            continue
        if _SEPARATOR.match(line) or _header_block_at(lines, index):
            break
        kept.append(line)
        index += 1
    while kept and (not kept[-1].strip() or _RULE.match(kept[-1])):
        kept.pop()  # the blank lines and the rule (Outlook's underscores) above the history
    return tidy_lines("\n".join(kept))


def unflow(text: str, *, delsp: bool) -> str:
    """Join the soft line breaks of ``format=flowed`` text (RFC 3676), as Thunderbird sends it."""
    out: list[str] = []
    pending: str | None = None
    pending_depth = 0
    for line in text.split("\n"):
        stripped = line.lstrip(">")
        depth = len(line) - len(stripped)
        if stripped.startswith(" "):
            stripped = stripped[1:]  # space-stuffing
        if pending is not None and depth != pending_depth:
            out.append(_quote_prefix(pending_depth) + pending)
            pending = None
        if pending is not None:
            stripped = pending + stripped
            pending = None
        if stripped.endswith(" ") and stripped != "-- ":
            pending, pending_depth = (stripped[:-1] if delsp else stripped), depth
            continue
        out.append(_quote_prefix(depth) + stripped)
    if pending is not None:
        out.append(_quote_prefix(pending_depth) + pending)
    return "\n".join(out)


def _quote_prefix(depth: int) -> str:
    return ">" * depth + " " if depth else ""
