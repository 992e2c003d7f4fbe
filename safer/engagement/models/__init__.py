"""Engagement models: partnership settings and places, consultations, Safe Places, hate reports."""

from safer.engagement.models.consultations import (
    Consultation,
    ConsultationTag,
    Contribution,
    ModerationDecision,
)
from safer.engagement.models.hate_reports import HateReport, PartnerAgency, Referral, RoutingRule
from safer.engagement.models.messaging import (
    CommunityMessage,
    Delivery,
    MessageRating,
    MessageReply,
    Subscriber,
    SubscriberArea,
    SubscriberGroup,
    SubscriberTopic,
)
from safer.engagement.models.partnership import EngagementSettings, NamedPlace
from safer.engagement.models.safe_places import SafePlace

__all__ = [
    "CommunityMessage",
    "Delivery",
    "MessageRating",
    "MessageReply",
    "Subscriber",
    "SubscriberArea",
    "SubscriberGroup",
    "SubscriberTopic",
    "Consultation",
    "ConsultationTag",
    "Contribution",
    "EngagementSettings",
    "HateReport",
    "ModerationDecision",
    "NamedPlace",
    "PartnerAgency",
    "Referral",
    "RoutingRule",
    "SafePlace",
]
