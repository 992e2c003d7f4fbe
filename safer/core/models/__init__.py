"""Core models."""

from safer.core.models.audit import AuditEvent

__all__ = ["AuditEvent"]
