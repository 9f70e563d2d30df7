"""JSON route of the quality context: coach a reply draft (any signed-in staff member)."""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from kefu.core.i18n import translate
from kefu.quality import messages as _messages  # noqa: F401  (registers the texts)
from kefu.quality.rules import Finding, coach
from kefu.users.rules import Permission
from kefu.web import auth
from kefu.web.api_support import Caller, require

MAX_TEXT = 5000

router = APIRouter(prefix="/api/v1", tags=["quality"])


class CoachRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=MAX_TEXT)
    first_reply: bool = False
    closing: bool = False


class FindingRead(BaseModel):
    code: str
    start: int
    end: int
    word: str
    message: str
    suggestion: str


class CoachResult(BaseModel):
    findings: list[FindingRead]


@router.post("/quality/coach", response_model=CoachResult)
def coach_reply(caller: Caller, request: Request, body: CoachRequest) -> CoachResult:
    require(caller, Permission.WORK_TICKETS)
    locale = auth.locale_of(request)
    found = coach(body.text, first_reply=body.first_reply, closing=body.closing)
    return CoachResult(findings=[_read(f, locale) for f in found])


def _read(finding: Finding, locale: str) -> FindingRead:
    return FindingRead(
        code=finding.code,
        start=finding.start,
        end=finding.end,
        word=finding.word,
        message=translate(finding.message_code, locale, word=finding.word),
        suggestion=_in_script(finding.suggestion, locale),
    )


@cache
def _to_traditional() -> Any:
    import opencc

    return opencc.OpenCC("s2tw")


def _in_script(text: str, locale: str) -> str:
    """Suggestions are words to send: a zh-TW reader writes in traditional characters."""
    return str(_to_traditional().convert(text)) if locale == "zh-TW" else text
