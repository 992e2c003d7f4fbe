"""Checks every engagement service makes: the actor's capability and their partnership."""

from __future__ import annotations

from typing import Any

from safer.engagement.errors import EngagementNotFoundError, EngagementPermissionError


def require_capability(actor: Any, capability: str) -> None:
    """The actor's role must grant the capability."""
    if actor is None or not actor.is_authenticated or not actor.has_capability(capability):
        raise EngagementPermissionError("Your role cannot do this. Ask your partnership manager.")


def require_same_partnership(actor: Any, organisation_id: int | None, *, what: str) -> None:
    """Staff act only on their own partnership's things (another's are reported as not found)."""
    if actor.organisation_id is None or actor.organisation_id != organisation_id:
        raise EngagementNotFoundError(f"No {what} that you can see. Check the link.")
