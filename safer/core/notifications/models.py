"""Every message the product sends (email, text, letter) with its delivery state, and editable templates."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from safer.core.notifications.choices import Channel, NotificationState


class Notification(models.Model):
    """One message to one recipient. The recipient's details are personal data: never logged or put in URLs."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    # An email address, a phone number, or a postal address (lines separated by newlines), by channel.
    recipient = models.TextField()
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField()
    # The language the words are in ("en" or "cy"): a letter's printed date is written in it too.
    language = models.CharField(max_length=5, default="en")
    template_key = models.CharField(max_length=100, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=20, choices=NotificationState.choices, default=NotificationState.QUEUED)
    created_at = models.DateTimeField(auto_now_add=True)
    sending_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    provider = models.CharField(max_length=20, blank=True)  # notify | smtp | console | print
    provider_reference = models.CharField(max_length=100, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)  # never personal data
    letter_pdf = models.FileField(upload_to="notifications/letters/", blank=True)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    about_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    about_id = models.CharField(max_length=64, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=[c.value for c in Channel]), name="notification_channel_valid"
            ),
            models.CheckConstraint(
                condition=Q(state__in=[s.value for s in NotificationState]), name="notification_state_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "state", "created_at"]),
            models.Index(fields=["about_type", "about_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.public_id}"

    @property
    def audit_label(self) -> str:
        """Non-personal label for the audit trail: channel, template and id, never the recipient."""
        return f"{self.get_channel_display()} {self.template_key or 'message'} {str(self.public_id)[:8]}"

    @property
    def can_retry(self) -> bool:
        """True when staff may send it again (it failed, or was interrupted)."""
        return self.state in {NotificationState.FAILED, NotificationState.PERMANENT_FAILURE}


class MessageTemplate(models.Model):
    """A partnership's wording of a message; overrides the default an app registered for the same key and channel."""

    key = models.CharField(max_length=100)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField()
    # The placeholders the template may use (the values the sending code supplies).
    placeholders = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["key", "channel"]
        constraints = [models.UniqueConstraint(fields=["key", "channel"], name="message_template_unique")]

    def __str__(self) -> str:
        return f"{self.key} ({self.channel})"

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return str(self)
