"""Domain errors. Services raise them; the web layer turns them into
``{"error": {"code", "message", "fields"}}`` with the right status, in the caller's language."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FieldError:
    """A problem with one input field: a message code and its parameters."""

    code: str
    params: dict[str, object] = field(default_factory=dict)


class KefuError(Exception):
    """Base of all errors a user may see. ``code`` keys the translated message."""

    status = 400

    def __init__(
        self,
        code: str,
        *,
        fields: dict[str, FieldError] | None = None,
        **params: object,
    ) -> None:
        super().__init__(code)
        self.code = code
        self.params = params
        self.fields = fields or {}


class NotFound(KefuError):
    status = 404


class Conflict(KefuError):
    status = 409


class Invalid(KefuError):
    status = 422


class Unauthenticated(KefuError):
    status = 401


class Forbidden(KefuError):
    status = 403


class TooLarge(KefuError):
    status = 413
