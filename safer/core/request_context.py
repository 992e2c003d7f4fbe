"""Per-request facts (address, reference) that services need for audit events without a request object."""

from __future__ import annotations

import contextvars
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestFacts:
    """Where a request came from, for the audit trail."""

    ip_address: str | None = None
    user_agent: str = ""
    channel: str = "web"


_CLI = RequestFacts(channel="cli")
_current: contextvars.ContextVar[RequestFacts | None] = contextvars.ContextVar("safer_request", default=None)


def current() -> RequestFacts:
    """Return the facts of the request being served (or the CLI default)."""
    return _current.get() or _CLI


def set_current(facts: RequestFacts) -> contextvars.Token[RequestFacts | None]:
    """Bind facts for the current request; returns a token for reset()."""
    return _current.set(facts)


def reset(token: contextvars.Token[RequestFacts | None]) -> None:
    """Unbind the facts set by set_current()."""
    _current.reset(token)
