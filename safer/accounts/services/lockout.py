"""Unlocking an account that django-axes locked after too many failed sign-ins (audited)."""

from __future__ import annotations

from axes.utils import reset
from django.db import transaction

from safer.accounts.models import User
from safer.core.choices import AuditAction
from safer.core.services.audit import audit_record


@transaction.atomic
def user_unlock(*, actor: User, user: User) -> int:
    """Clear the account's failed sign-ins so it can sign in again at once; returns how many records were cleared."""
    cleared = reset(username=user.username)
    audit_record(actor=actor, action=AuditAction.USER_UNLOCKED, target=user, detail={"cleared": cleared})
    return cleared
