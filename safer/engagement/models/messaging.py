"""Community messaging: subscribers (personal data of the partnership that holds them), messages, deliveries."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from safer.engagement.messaging.choices import (
    DeliveryState,
    Group,
    MessageStatus,
    SubscriberAreaKind,
    SubscriberChannel,
    SubscriberStatus,
    Topic,
)


def _token() -> str:
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    """One person's subscription to a partnership's messages. Contact details are personal data."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    # Opaque, unguessable; the only thing links in messages carry (never the address or number).
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    channel = models.CharField(max_length=10, choices=SubscriberChannel.choices)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    language = models.CharField(max_length=5, default="en")
    status = models.CharField(max_length=20, choices=SubscriberStatus.choices, default=SubscriberStatus.PENDING)
    consent_text = models.TextField()  # the exact wording the person agreed to
    consent_language = models.CharField(max_length=5, default="en")
    consented_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    suspended_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    synthetic = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(channel="email") & ~Q(email="")) | (Q(channel="sms") & ~Q(phone="")),
                name="subscriber_has_contact",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in SubscriberStatus]), name="subscriber_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return f"Subscriber {self.pk}"

    @property
    def audit_label(self) -> str:
        """Non-personal label: the channel and the row id, never the address."""
        return f"{self.get_channel_display()} subscriber {self.pk}"

    @property
    def contact(self) -> str:
        """The address or number messages go to."""
        return self.email if self.channel == SubscriberChannel.EMAIL else self.phone


class SubscriberArea(models.Model):
    """An area a subscriber wants messages about; `district` is filled for every kind so districts match all."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="areas")
    kind = models.CharField(max_length=10, choices=SubscriberAreaKind.choices)
    code = models.CharField(max_length=100)  # LSOA code, district name, custom area id, or "easting,northing,radius"
    name = models.CharField(max_length=200)
    district = models.CharField(max_length=100, blank=True, db_index=True)
    # A place on the map: its British National Grid point (metres) and radius; empty for the other kinds.
    easting = models.FloatField(null=True, blank=True)
    northing = models.FloatField(null=True, blank=True)
    radius = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "kind", "code"], name="subscriber_area_unique"),
            models.CheckConstraint(
                condition=(
                    Q(kind="point", easting__isnull=False, northing__isnull=False, radius__gt=0)
                    | (~Q(kind="point") & Q(easting__isnull=True, northing__isnull=True, radius__isnull=True))
                ),
                name="subscriber_area_point_has_place",
            ),
        ]
        indexes = [models.Index(fields=["kind", "code"]), models.Index(fields=["kind", "easting", "northing"])]

    def __str__(self) -> str:
        return self.name


class SubscriberTopic(models.Model):
    """A topic a subscriber wants."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="topics")
    topic = models.CharField(max_length=30, choices=Topic.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscriber", "topic"], name="subscriber_topic_unique")]
        indexes = [models.Index(fields=["topic", "subscriber"])]

    def __str__(self) -> str:
        return f"{self.topic}"


class SubscriberGroup(models.Model):
    """A group a subscriber asked to join; only approved memberships count for a message's audience."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="groups")
    group = models.CharField(max_length=30, choices=Group.choices)
    approved = models.BooleanField(null=True)  # None: waiting for staff
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscriber", "group"], name="subscriber_group_unique")]
        indexes = [models.Index(fields=["group", "approved", "subscriber"])]

    def __str__(self) -> str:
        return f"{self.group}"


class CommunityMessage(models.Model):
    """A message staff write to an audience (areas x topics x groups) on one or more channels."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    template_key = models.CharField(max_length=100, blank=True)
    channels = models.JSONField(default=list)  # ["email", "sms"]
    # [{"kind": "district", "code": "Oxford", "name": "Oxford"}, ...]; empty means every area.
    areas = models.JSONField(default=list, blank=True)
    topic = models.CharField(max_length=30, choices=Topic.choices)
    groups = models.JSONField(default=list, blank=True)  # empty means everyone, else members of any
    status = models.CharField(max_length=20, choices=MessageStatus.choices, default=MessageStatus.DRAFT)
    scheduled_for = models.DateTimeField(null=True, blank=True)
    # Monthly digest: the paragraph for each area key ("district:Oxford"), written from the dashboard figures.
    digest = models.JSONField(default=dict, blank=True)
    audience_count = models.PositiveIntegerField(null=True, blank=True)  # deliveries queued when sending began
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    sending_started_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in MessageStatus]), name="community_message_status_valid"
            )
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def audit_label(self) -> str:
        """Label used on audit events (the subject is staff-written, not personal data)."""
        return f"Message {str(self.public_id)[:8]}: {self.subject[:80]}"


class Delivery(models.Model):
    """One message to one subscriber on one channel; the unique row is what makes sending idempotent."""

    message = models.ForeignKey(CommunityMessage, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        Subscriber, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    channel = models.CharField(max_length=10, choices=SubscriberChannel.choices)
    state = models.CharField(max_length=20, choices=DeliveryState.choices, default=DeliveryState.PENDING)
    claim = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    notification = models.OneToOneField(
        "core.Notification", null=True, blank=True, on_delete=models.SET_NULL, related_name="community_delivery"
    )
    # Snapshot for totals (not personal data): the subscriber's first district when queued.
    district = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message", "subscriber", "channel"], name="delivery_once_per_channel")
        ]
        indexes = [models.Index(fields=["message", "state"])]

    def __str__(self) -> str:
        return f"Delivery {self.pk}"


class MessageRating(models.Model):
    """A subscriber's rating of a message, 1 (not useful) to 5 (very useful); one per subscriber."""

    message = models.ForeignKey(CommunityMessage, on_delete=models.CASCADE, related_name="ratings")
    subscriber = models.ForeignKey(Subscriber, null=True, on_delete=models.SET_NULL, related_name="+")
    score = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message", "subscriber"], name="rating_once_per_subscriber"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="rating_score_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"Rating {self.score}"


class MessageReply(models.Model):
    """A subscriber's reply to a message (staff read it on the message's page)."""

    message = models.ForeignKey(CommunityMessage, on_delete=models.CASCADE, related_name="replies")
    subscriber = models.ForeignKey(Subscriber, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Reply {self.pk}"
