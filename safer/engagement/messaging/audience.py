"""Who a message reaches: active subscribers of the partnership with the topic, in any of the areas, in any group.

One queryset built from indexed EXISTS sub-queries, so counting and queueing among hundreds of thousands of
subscribers stay fast on SQLite and PostgreSQL (see benchmarks/messaging.py).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from safer.engagement.messaging.choices import SubscriberAreaKind, SubscriberStatus
from safer.engagement.models import Subscriber, SubscriberArea, SubscriberGroup, SubscriberTopic


def audience_subscribers(
    *, organisation_id: int, topic: str, areas: list[dict[str, Any]], groups: list[str], channels: list[str]
) -> QuerySet[Subscriber]:
    """Active subscribers a message with this audience reaches (no personal data is read here)."""
    subscribers = Subscriber.objects.filter(
        organisation_id=organisation_id, status=SubscriberStatus.ACTIVE, channel__in=channels
    )
    subscribers = subscribers.filter(Exists(SubscriberTopic.objects.filter(subscriber=OuterRef("pk"), topic=topic)))
    if areas:
        match = Q()
        for area in areas:
            if area["kind"] == SubscriberAreaKind.DISTRICT:
                match |= Q(district=area["code"])  # the district and every neighbourhood in it
            else:
                match |= Q(kind=area["kind"], code=area["code"])
        subscribers = subscribers.filter(Exists(SubscriberArea.objects.filter(match, subscriber=OuterRef("pk"))))
    if groups:
        subscribers = subscribers.filter(
            Exists(SubscriberGroup.objects.filter(subscriber=OuterRef("pk"), group__in=groups, approved=True))
        )
    return subscribers


def audience_count(**audience: Any) -> int:
    """How many subscribers a message with this audience reaches (what staff see before sending)."""
    return audience_subscribers(**audience).count()
