"""Core models."""

from safer.core.models.audit import AuditEvent
from safer.core.notifications.models import MessageTemplate, Notification

__all__ = ["AuditEvent", "MessageTemplate", "Notification"]
