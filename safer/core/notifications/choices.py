"""Choices of the notifications service: channels, delivery states, audit actions."""

from django.db import models


class Channel(models.TextChoices):
    """How a message reaches its recipient."""

    EMAIL = "email", "Email"
    SMS = "sms", "Text message"
    LETTER = "letter", "Letter"


class NotificationState(models.TextChoices):
    """Where a message is in its delivery."""

    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed (will be retried)"
    PERMANENT_FAILURE = "permanent-failure", "Permanent failure"


class NotificationAuditAction(models.TextChoices):
    """Audit actions of the notifications service (staff views and changes)."""

    QUEUED = "notifications.queued", "Message queued"
    QUEUED_MANY = "notifications.queued_many", "Messages queued (a batch; the event names each)"
    LIST_VIEWED = "notifications.list_viewed", "Sent messages viewed"
    VIEWED = "notifications.viewed", "Message viewed"
    RETRIED = "notifications.retried", "Message sent again"
    LETTER_DOWNLOADED = "notifications.letter_downloaded", "Letter PDF downloaded"
    TEMPLATE_VIEWED = "notifications.template_viewed", "Message templates viewed"
    TEMPLATE_CHANGED = "notifications.template_changed", "Message template changed"
    TEMPLATE_RESET = "notifications.template_reset", "Message template reset to default"
