"""Choices of community messaging: topics, groups, subscriber and message states, delivery states, audit actions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    """What a subscriber wants to hear about."""

    CRIME_ALERTS = "crime_alerts", _("Crime alerts")
    SCAMS = "scams", _("Scams and fraud")
    ASB = "asb", _("Anti-social behaviour")
    EVENTS = "events", _("Events and meetings")
    CONSULTATIONS = "consultations", _("Consultations")
    NIGHTSAFE = "nightsafe", _("NightSafe briefings")
    DIGEST = "digest", _("Monthly crime figures for my area")


class Group(models.TextChoices):
    """Groups a subscriber can ask to join; staff approve membership."""

    STUDENTS = "students", _("Students")
    NHW_COORDINATORS = "nhw_coordinators", _("Neighbourhood Watch coordinators")
    NIGHTSAFE_NETWORK = "nightsafe_network", _("NightSafe network (venues, taxis, Street Pastors, CCTV)")


class SubscriberChannel(models.TextChoices):
    """How a subscriber receives messages."""

    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message")


class SubscriberStatus(models.TextChoices):
    """Where a subscription is."""

    PENDING = "pending", "Waiting for e-mail confirmation"
    ACTIVE = "active", "Active"
    SUSPENDED = "suspended", "Suspended (messages bounced)"
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed"


class SubscriberAreaKind(models.TextChoices):
    """What kind of area a subscriber chose."""

    LSOA = "lsoa", "Neighbourhood (LSOA)"
    DISTRICT = "district", "District"
    CUSTOM = "custom", "Custom area"
    POINT = "point", "A place on the map, with a radius"


class MessageStatus(models.TextChoices):
    """A message's workflow: draft -> (awaiting approval -> approved) -> scheduled -> sending -> sent."""

    DRAFT = "draft", "Draft"
    AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
    APPROVED = "approved", "Approved"
    SCHEDULED = "scheduled", "Scheduled"
    SENDING = "sending", "Sending"
    PAUSED = "paused", "Paused"
    SENT = "sent", "Sent"
    CANCELLED = "cancelled", "Cancelled"


class DeliveryState(models.TextChoices):
    """One delivery's state inside the messaging job (the provider's state is on its Notification)."""

    PENDING = "pending", "Waiting"
    CLAIMED = "claimed", "Being handed to the notifications service"
    HANDED_OVER = "handed_over", "Handed to the notifications service"
    SKIPPED = "skipped", "Skipped (subscriber left or was suspended)"
    REFUSED = "refused", "Not sent (the notifications service refused the address)"


class MessagingAuditAction(models.TextChoices):
    """Audit actions of community messaging."""

    SUBSCRIBED = "messaging.subscribed", "Subscriber signed up"
    CONFIRMED = "messaging.confirmed", "Subscription confirmed"
    SUBSCRIPTION_CHANGED = "messaging.subscription_changed", "Subscription changed by subscriber"
    UNSUBSCRIBED = "messaging.unsubscribed", "Subscriber unsubscribed"
    DELETED = "messaging.deleted", "Subscriber deleted their subscription"
    SUSPENDED = "messaging.suspended", "Subscriber suspended after bounces"
    PURGED = "messaging.purged", "Unconfirmed subscribers deleted"
    GROUP_DECIDED = "messaging.group_decided", "Group membership decided"
    SUBSCRIBERS_VIEWED = "messaging.subscribers_viewed", "Subscribers viewed"
    MESSAGE_CREATED = "messaging.message_created", "Message written"
    MESSAGE_UPDATED = "messaging.message_updated", "Message changed"
    MESSAGE_SUBMITTED = "messaging.message_submitted", "Message sent for approval"
    MESSAGE_APPROVED = "messaging.message_approved", "Message approved"
    MESSAGE_SCHEDULED = "messaging.message_scheduled", "Message scheduled"
    MESSAGE_SENT = "messaging.message_sent", "Message sending started"
    MESSAGE_PAUSED = "messaging.message_paused", "Message sending paused"
    MESSAGE_RESUMED = "messaging.message_resumed", "Message sending resumed"
    MESSAGE_CANCELLED = "messaging.message_cancelled", "Message cancelled"
    MESSAGE_VIEWED = "messaging.message_viewed", "Message viewed"
    MESSAGE_EXPORTED = "messaging.message_exported", "Message deliveries exported"
    RATED = "messaging.rated", "Message rated"
    REPLIED = "messaging.replied", "Message replied to"
