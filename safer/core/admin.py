"""Django admin for core: the audit log is read-only there too."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from safer.core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only view of the audit trail."""

    list_display = ("occurred_at", "actor_label", "action", "target_type", "target_id", "ip_address")
    list_filter = ("action", "channel")
    search_fields = ("actor_label", "target_id", "target_label")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
