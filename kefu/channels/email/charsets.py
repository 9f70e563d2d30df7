"""Decoding what Chinese and other real-world mail clients send: declared charsets widened to
the supersets clients actually write (GB2312/GBK to GB18030, Big5 to Big5-HKSCS), RFC 2047
encoded words (also split in the middle of a character), and raw 8-bit header bytes. Every
function records a defect instead of raising."""

from __future__ import annotations

import binascii
import codecs
import re

# -- charsets ----------------------------------------------------------------------------------

# Clients declare the old names and write the superset: GB2312/GBK text routinely holds GBK or
# GB18030-only characters, Big5 text HKSCS ones, "ISO-8859-1" text Windows-1252 quotes.
_SUPERSET = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "iso8859-1": "cp1252",
    "euc_kr": "cp949",
}
_UNREGISTERED = {"x-gbk": "gb18030", "gb_2312-80": "gb18030", "x-euc-cn": "gb18030"}


def _codec(label: str) -> str | None:
    """The Python codec for a declared charset, widened to its superset; None if unknown."""
    label = label.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return _UNREGISTERED.get(label)
    return _SUPERSET.get(name, name)


def decode_bytes(data: bytes, charset: str | None, what: str, defects: list[str]) -> str:
    """Text of ``data``; never fails. Text that is not what it declares is tried as UTF-8 (the
    usual mistake); undeclared text as UTF-8, then GB18030; then replacement characters."""
    codec = _codec(charset) if charset else None
    if charset and codec is None:
        defects.append(f"unknown charset {charset!r} in {what}")
    expected = codec or "utf-8"
    # GB18030 decodes most byte soup without error, so it is only guessed for undeclared text;
    # declared text that is broken keeps its charset and gets replacement characters.
    tries = [expected, "utf-8"] + (["gb18030"] if codec in (None, "ascii") else [])
    for attempt in dict.fromkeys(tries):
        try:
            text = data.decode(attempt)
        except UnicodeDecodeError:
            continue
        if attempt != expected:
            defects.append(f"{what} declared {charset or 'no charset'} but reads as {attempt}")
        return text.removeprefix("\ufeff").replace("\x00", "")
    defects.append(f"{what} is not valid {expected}; undecodable bytes replaced")
    return data.decode(expected, errors="replace").removeprefix("\ufeff").replace("\x00", "")


# -- headers -----------------------------------------------------------------------------------

_FOLD = re.compile(r"\r?\n(?=[ \t])")
_ENCODED_WORD = re.compile(r"=\?([^?\s]+?)(?:\*[^?\s]*)?\?([bBqQ])\?([^?]*)\?=")


def unfold(value: str) -> str:
    return _FOLD.sub("", value).replace("\r", "").replace("\n", "")


def _has_raw_bytes(value: str) -> bool:
    return any("\udc80" <= char <= "\udcff" for char in value)


def recover_8bit(value: str, what: str, defects: list[str]) -> str:
    """Raw 8-bit header bytes (UTF-8 by RFC 6532, GBK from old clients) made text again."""
    if not _has_raw_bytes(value):
        return value.replace("\x00", "")
    return decode_bytes(value.encode("ascii", "surrogateescape"), None, what, defects)


def safe_text(value: str) -> str:
    """Any string safe to store: raw bytes read as UTF-8 (or replaced), no NUL (PostgreSQL
    refuses it in text)."""
    if _has_raw_bytes(value):
        value = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return value.replace("\x00", "")


def _word_bytes(encoding: str, text: str, defects: list[str]) -> bytes:
    if encoding.lower() == "q":
        return binascii.a2b_qp(text.encode("ascii", "replace"), header=True)
    try:
        return binascii.a2b_base64(text.encode("ascii", "replace") + b"===")
    except binascii.Error:
        defects.append(f"bad base64 in encoded word {text[:20]!r}")
        return text.encode("ascii", "replace")


def decode_words(value: str, what: str, defects: list[str]) -> str:
    """A header value with RFC 2047 encoded words decoded (also inside quotes, as Outlook sends
    them). Adjacent words in one charset are joined as bytes first: some clients cut a
    multi-byte character in two across words."""
    value = recover_8bit(unfold(value), what, defects)
    pieces: list[tuple[str, bytes]] = []  # (charset, bytes); plain text is ("", its UTF-8)
    position = 0
    for match in _ENCODED_WORD.finditer(value):
        between, position = value[position : match.start()], match.end()
        charset = match.group(1).lower()
        data = _word_bytes(match.group(2), match.group(3), defects)
        after_word = bool(pieces) and pieces[-1][0] != "" and not between.strip()
        if after_word and pieces[-1][0] == charset:
            pieces[-1] = (charset, pieces[-1][1] + data)
            continue
        if between and not after_word:  # whitespace between two words is not text
            pieces.append(("", between.encode()))
        pieces.append((charset, data))
    pieces.append(("", value[position:].encode()))
    return "".join(
        data.decode() if not charset else decode_bytes(data, charset, what, defects)
        for charset, data in pieces
    )
