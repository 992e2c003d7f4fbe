"""Signing in and out, with the audit trail and django-axes lockout."""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest

from safer.accounts.models import User
from safer.core.choices import AuditAction
from safer.core.services.audit import audit_record


class SignInFailedError(Exception):
    """Username and password did not match an active account; `attempts_left` before the lockout."""

    def __init__(self, attempts_left: int) -> None:
        super().__init__(f"{attempts_left} attempts left")
        self.attempts_left = attempts_left


class SignInLockedOutError(Exception):
    """Too many failures: the account is locked for this address for a while."""


def user_sign_in(*, request: HttpRequest, username: str, password: str) -> User:
    """Check the password (django-axes counts failures), start the session and record the event."""
    user = authenticate(request, username=username, password=password)
    if getattr(request, "axes_locked_out", False):
        audit_record(
            actor=None, action=AuditAction.LOCKED_OUT, target_type="accounts.user", target_label=username[:150]
        )
        raise SignInLockedOutError()
    if user is None:
        audit_record(
            actor=None, action=AuditAction.SIGN_IN_FAILED, target_type="accounts.user", target_label=username[:150]
        )
        failures = AxesProxyHandler.get_failures(request, credentials={"username": username})
        raise SignInFailedError(max(0, settings.AXES_FAILURE_LIMIT - failures))
    login(request, user, backend="safer.accounts.backends.OrganisationModelBackend")
    audit_record(actor=user, action=AuditAction.SIGN_IN, target=user)
    return user  # type: ignore[return-value]


def user_sign_out(*, request: HttpRequest) -> None:
    """End the session and record the event."""
    user = request.user
    if user.is_authenticated:
        audit_record(actor=user, action=AuditAction.SIGN_OUT, target=user)
    logout(request)
