"""Recording audit events; every service that reads or writes personal data calls audit_record."""

from __future__ import annotations

from typing import Any

from django.db import models

from safer.core import request_context
from safer.core.models import AuditEvent


def audit_record(
    *,
    actor: Any | None,
    action: str,
    target: models.Model | None = None,
    target_type: str = "",
    target_id: str | int = "",
    target_label: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event naming the acting user, the target and where the request came from."""
    facts = request_context.current()
    if target is not None:
        target_type = target_type or f"{target._meta.app_label}.{target._meta.model_name}"
        target_id = target_id or str(target.pk)
        target_label = target_label or getattr(target, "audit_label", "") or ""
    actor_obj = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    organisation = getattr(actor_obj, "organisation", None) if actor_obj else None
    return AuditEvent.objects.create(
        actor=actor_obj,
        actor_label=actor_obj.get_username() if actor_obj else "",
        organisation_label=organisation.name if organisation else "",
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        target_label=target_label[:200],
        ip_address=facts.ip_address,
        channel=facts.channel,
        detail=detail or {},
    )
