"""Typing helpers: a request whose user is known to be signed in (the django-stubs pattern)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from safer.accounts.models import User


class AuthedRequest(HttpRequest):
    """An HttpRequest behind LoginRequiredMixin/CapabilityRequiredMixin: `user` is a real User."""

    user: User  # type: ignore[assignment]
