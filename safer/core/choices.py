"""Choices used by the core app."""

from django.db import models


class AuditAction(models.TextChoices):
    """What an audit event records. Apps add their own actions as '<app>.<entity>.<verb>' strings too."""

    SIGN_IN = "accounts.sign_in", "Signed in"
    SIGN_IN_FAILED = "accounts.sign_in_failed", "Sign-in failed"
    LOCKED_OUT = "accounts.locked_out", "Locked out"
    SIGN_OUT = "accounts.sign_out", "Signed out"
    TWO_FACTOR_ENROLLED = "accounts.2fa_enrolled", "Two-factor enrolled"
    TWO_FACTOR_VERIFIED = "accounts.2fa_verified", "Two-factor verified"
    TWO_FACTOR_FAILED = "accounts.2fa_failed", "Two-factor code rejected"
    TWO_FACTOR_RESET = "accounts.2fa_reset", "Two-factor reset"
    USER_UNLOCKED = "accounts.user_unlocked", "Account unlocked"
    USER_CREATED = "accounts.user_created", "User created"
    USER_UPDATED = "accounts.user_updated", "User updated"
    ORGANISATION_CREATED = "accounts.organisation_created", "Organisation created"
    ORGANISATION_UPDATED = "accounts.organisation_updated", "Organisation updated"
    TEAM_CREATED = "accounts.team_created", "Team created"
    AUDIT_VIEWED = "core.audit_viewed", "Audit log viewed"
