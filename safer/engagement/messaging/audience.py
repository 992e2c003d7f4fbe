"""Who a message reaches: active subscribers of the partnership with the topic, in any of the areas, in any group.

One queryset built from indexed semi-joins (`pk IN (SELECT subscriber_id ...)`), so counting and queueing among
hundreds of thousands of subscribers stay fast on SQLite and PostgreSQL (see benchmarks/messaging.py).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from safer.engagement.messaging.choices import SubscriberAreaKind, SubscriberStatus
from safer.engagement.models import Subscriber, SubscriberArea, SubscriberGroup, SubscriberTopic


def audience_subscribers(
    *, organisation_id: int, topic: str, areas: list[dict[str, Any]], groups: list[str], channels: list[str]
) -> QuerySet[Subscriber]:
    """Active subscribers a message with this audience reaches (no personal data is read here)."""
    subscribers = Subscriber.objects.filter(
        organisation_id=organisation_id, status=SubscriberStatus.ACTIVE, channel__in=channels
    )
    subscribers = subscribers.filter(pk__in=SubscriberTopic.objects.filter(topic=topic).values("subscriber_id"))
    if areas:
        match = Q()
        for area in areas:
            if area["kind"] == SubscriberAreaKind.DISTRICT:
                match |= Q(district=area["code"])  # the district and every neighbourhood in it
            else:
                match |= Q(kind=area["kind"], code=area["code"])
        subscribers = subscribers.filter(pk__in=SubscriberArea.objects.filter(match).values("subscriber_id"))
    if groups:
        subscribers = subscribers.filter(
            pk__in=SubscriberGroup.objects.filter(group__in=groups, approved=True).values("subscriber_id")
        )
    return subscribers


def audience_count(**audience: Any) -> int:
    """How many subscribers a message with this audience reaches (what staff see before sending)."""
    return audience_subscribers(**audience).count()
