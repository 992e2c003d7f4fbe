"""Domain errors of safeguarding: a message for people (never a name), a short code, the input at fault."""

from __future__ import annotations


class SafeguardingError(Exception):
    """Base of safeguarding errors; `code` names the problem for the API, `field` the input at fault."""

    code = "invalid"

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class SafeguardingNotFoundError(SafeguardingError):
    """The record does not exist or the user may not see it (the two are not told apart)."""

    code = "not_found"


class SafeguardingPermissionError(SafeguardingError):
    """The user may see the record but their role or membership does not allow this change."""

    code = "forbidden"


class SafeguardingConflictError(SafeguardingError):
    """The change clashes with the record's state (a subject already on the agenda, a decision already made)."""

    code = "conflict"
