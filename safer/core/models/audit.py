"""The audit trail: an append-only record of who did what, when, from where, to what."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """Audit events cannot be changed or removed through the application."""

    def update(self, **kwargs: Any) -> int:
        raise AuditEventImmutableError("Audit events cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditEventImmutableError("Audit events cannot be deleted.")


class AuditEventImmutableError(Exception):
    """Raised on any attempt to change or delete an audit event."""


class AuditEvent(models.Model):
    """One thing that happened: a sign-in, a view of a case, a change. Never edited, never deleted."""

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Snapshot of who acted, kept even if the account is later renamed.
    actor_label = models.CharField(max_length=150, blank=True)
    organisation_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=80, db_index=True)
    target_type = models.CharField(max_length=80, blank=True, db_index=True)
    target_id = models.CharField(max_length=64, blank=True, db_index=True)
    # A non-personal label of the target (a case reference, an organisation name) for reading the log.
    target_label = models.CharField(max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    channel = models.CharField(max_length=10, default="web")
    detail = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label or 'system'} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Invariant, not business logic: an event is written once.
        if self.pk is not None:
            raise AuditEventImmutableError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditEventImmutableError("Audit events cannot be deleted.")

    @property
    def action_label(self) -> str:
        """Readable name of the action ("Signed in"), or the action code when it has no label."""
        from safer.core.choices import AuditAction

        try:
            return str(AuditAction(self.action).label)
        except ValueError:
            return self.action.split(".", 1)[-1].replace("_", " ").capitalize()
