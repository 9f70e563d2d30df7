"""Reading WeChat's push XML safely, and the push it describes.

WeChat sends flat XML (``<xml><FromUserName>…</FromUserName>…</xml>``, values mostly in CDATA).
It is read with the standard library's expat, with every DTD and entity declaration refused
(defusedxml's approach, without the dependency): a push may come from anyone who can reach the
URL, and the signature is checked on the parsed ``Encrypt`` only in safe mode, so the parser
must never expand entities (billion laughs) or fetch external ones. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import NoReturn
from xml.parsers import expat

from kefu.customers.rules import InvalidIdentity, normalise_openid

MAX_FIELD_CHARS = 64 * 1024
_MSG_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

# The field each message type cannot do without; the rest are shown when present.
REQUIRED_BY_TYPE: dict[str, tuple[str, ...]] = {
    "text": ("Content",),
    "image": ("PicUrl",),
    "voice": ("MediaId",),
    "location": ("Location_X", "Location_Y"),
    "link": ("Url",),
    "event": ("Event",),
}


class MalformedXml(ValueError):
    """Not well-formed, not WeChat's ``<xml>`` root, or declaring a DTD or entities."""


class InvalidPush(ValueError):
    """Well-formed XML that is not a usable push; ``fields`` names what is wrong."""

    def __init__(self, fields: dict[str, str]) -> None:
        super().__init__(", ".join(sorted(fields)))
        self.fields = fields  # field name -> message code


def _refuse(*_: object) -> NoReturn:
    raise MalformedXml("DTD or entity declarations are not accepted")


class _FlatReader:
    """Collects the text of each child of the root; deeper elements (ScanCodeInfo's ScanType,
    say) by their own name, first one wins."""

    def __init__(self) -> None:
        self.fields: dict[str, str] = {}
        self.root = ""
        self._path: list[str] = []
        self._text: list[list[str]] = []

    def start(self, name: str, _attrs: dict[str, str]) -> None:
        if not self._path:
            self.root = name
        self._path.append(name)
        self._text.append([])

    def end(self, name: str) -> None:
        text = "".join(self._text.pop())
        depth = len(self._path)
        self._path.pop()
        if depth == 2:
            if name in self.fields:  # two MsgTypes, say: ambiguous, so refused
                raise MalformedXml(f"field {name} given twice")
            self.fields[name] = text
        elif depth > 2:
            self.fields.setdefault(name, text)

    def data(self, text: str) -> None:
        if self._text:
            current = self._text[-1]
            current.append(text)
            if sum(map(len, current)) > MAX_FIELD_CHARS:
                raise MalformedXml("field too long")


def parse_xml(data: bytes) -> dict[str, str]:
    """The fields of a WeChat XML document; raises :class:`MalformedXml`."""
    reader = _FlatReader()
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.data
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise MalformedXml(str(exc)) from exc
    if reader.root != "xml":
        raise MalformedXml("the root element is not <xml>")
    return reader.fields


@dataclass(frozen=True)
class Push:
    """One message or event pushed by WeChat."""

    openid: str  # FromUserName: the customer, unique per official account
    to_user: str  # ToUserName: the account's original id (gh_…)
    sent_at: datetime  # CreateTime
    create_time: int
    msg_type: str
    msg_id: str | None  # events have none
    event: str | None
    event_key: str | None
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def is_event(self) -> bool:
        return self.msg_type == "event"


def read_push(fields: dict[str, str]) -> Push:
    """Check and type the fields of a push; raises :class:`InvalidPush`."""
    errors: dict[str, str] = {}
    openid = _openid(fields.get("FromUserName", ""), errors)
    create_time = _create_time(fields.get("CreateTime", ""), errors)
    msg_type = fields.get("MsgType", "").strip().lower()
    if not msg_type:
        errors["MsgType"] = "field.required"
    msg_id = fields.get("MsgId", "").strip() or None
    if msg_type and msg_type != "event":
        if msg_id is None:
            errors["MsgId"] = "field.required"
        elif not _MSG_ID.match(msg_id):
            errors["MsgId"] = "field.invalid"
    for name in REQUIRED_BY_TYPE.get(msg_type, ()):
        if not fields.get(name, "").strip():
            errors[name] = "field.required"
    if errors:
        raise InvalidPush(errors)
    event = fields.get("Event", "").strip() or None
    return Push(
        openid=openid,
        to_user=fields.get("ToUserName", "").strip(),
        sent_at=datetime.fromtimestamp(create_time, UTC),
        create_time=create_time,
        msg_type=msg_type,
        msg_id=None if msg_type == "event" else msg_id,
        # WeChat writes event names in either case (subscribe, CLICK): compare them lower-cased.
        event=event.lower() if event else None,
        event_key=fields.get("EventKey", "").strip() or None,
        fields=dict(fields),
    )


def _openid(raw: str, errors: dict[str, str]) -> str:
    if not raw.strip():
        errors["FromUserName"] = "field.required"
        return ""
    try:
        return normalise_openid(raw)
    except InvalidIdentity as exc:
        errors["FromUserName"] = exc.code
        return ""


def _create_time(raw: str, errors: dict[str, str]) -> int:
    text = raw.strip()
    if not text:
        errors["CreateTime"] = "field.required"
        return 0
    # Seconds since 1970: ten digits until the year 2286; more is not a WeChat timestamp.
    if not text.isascii() or not text.isdigit() or len(text) > 10:
        errors["CreateTime"] = "field.invalid"
        return 0
    return int(text)
