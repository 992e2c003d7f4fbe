"""Who a message reaches: active subscribers of the partnership with the topic, in any of the areas, in any group.

"In any of the areas" is spatial (messaging/spatial.py): a subscriber's area shares ground with one of the
message's. The message's areas are resolved once to the LSOA codes, district names and custom area ids they meet
(shapely, on the shipped boundaries); places on the map are checked point by point, only those inside the
message's bounding box widened by the largest radius. What is left is one queryset built from indexed semi-joins
(`pk IN (SELECT subscriber_id ...)`), so counting and queueing among hundreds of thousands of subscribers stay fast
on SQLite and PostgreSQL (see benchmarks/messaging.py).
"""

from __future__ import annotations

from typing import Any

import shapely
from django.db.models import Q, QuerySet

from safer.engagement.messaging import spatial
from safer.engagement.messaging.choices import SubscriberAreaKind, SubscriberStatus
from safer.engagement.models import Subscriber, SubscriberArea, SubscriberGroup, SubscriberTopic


def audience_subscribers(
    *, organisation_id: int, topic: str, areas: list[dict[str, Any]], groups: list[str], channels: list[str]
) -> QuerySet[Subscriber]:
    """Active subscribers a message with this audience reaches (no personal data is read here)."""
    subscribers = Subscriber.objects.filter(
        organisation_id=organisation_id, status=SubscriberStatus.ACTIVE, channel__in=channels
    )
    # Semi-joins from the usually smallest set to the largest (groups, areas, topic): SQLite drives its probe from
    # the first IN list and checks the others against theirs.
    if groups:
        subscribers = subscribers.filter(
            pk__in=SubscriberGroup.objects.filter(group__in=groups, approved=True).values("subscriber_id")
        )
    if areas:
        match = _areas_match(areas)
        subscribers = subscribers.filter(pk__in=SubscriberArea.objects.filter(match).values("subscriber_id"))
    return subscribers.filter(pk__in=SubscriberTopic.objects.filter(topic=topic).values("subscriber_id"))


def _areas_match(areas: list[dict[str, Any]]) -> Q:
    """Which subscriber areas meet the message's areas (a filter on SubscriberArea)."""
    # Custom areas' polygons are needed when the message names one or a subscriber chose one.
    wanted = any(a["kind"] == SubscriberAreaKind.CUSTOM for a in areas)
    wanted = wanted or SubscriberArea.objects.filter(kind=SubscriberAreaKind.CUSTOM).exists()
    custom = spatial.custom_area_shapes() if wanted else {}
    shapes, match = [], Q(pk__in=[])
    for area in areas:
        shape = spatial.area_shape(area, custom)
        if shape is not None:
            shapes.append(shape)
        elif area["kind"] == SubscriberAreaKind.DISTRICT:  # no boundary known: match by name, as staff typed it
            match |= Q(district=area["code"])
        else:
            match |= Q(kind=area["kind"], code=area["code"])
    if not shapes:
        return match
    ground = shapely.union_all(shapes)
    hits = spatial.area_hits(ground, custom)
    for kind, codes in (
        (SubscriberAreaKind.LSOA, hits.lsoas),
        (SubscriberAreaKind.DISTRICT, hits.districts),
        (SubscriberAreaKind.CUSTOM, hits.custom),
    ):
        if codes:
            match |= Q(kind=kind, code__in=spatial.values_subquery(codes, integers=False))
    # Range scans of the (kind, easting, northing) index round each area (not round their union, which for two
    # distant districts is mostly neither); the subscribers' other filters apply in the final query.
    reach = spatial.MAX_RADIUS
    near = Q(pk__in=[])
    for shape in shapes:
        west, south, east, north = shape.bounds
        near |= Q(
            easting__gte=west - reach,
            easting__lte=east + reach,
            northing__gte=south - reach,
            northing__lte=north + reach,
        )
    nearby = (
        SubscriberArea.objects.filter(near, kind=SubscriberAreaKind.POINT)
        .values_list("pk", "easting", "northing", "radius")
        .distinct()
    )
    points = spatial.points_within(ground, [(pk, e, n, r) for pk, e, n, r in nearby if e and n and r])
    if points:
        match |= Q(pk__in=spatial.values_subquery(points, integers=True))
    return match


def audience_count(**audience: Any) -> int:
    """How many subscribers a message with this audience reaches (what staff see before sending)."""
    return audience_subscribers(**audience).count()
