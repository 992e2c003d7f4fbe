"""Safe Places services: staff add and change venues (with a review date)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from safer.core.services.audit import audit_record
from safer.engagement.choices import EngagementAuditAction, SafePlaceOffer
from safer.engagement.errors import EngagementInputError
from safer.engagement.models import SafePlace
from safer.engagement.services._access import require_capability, require_same_partnership
from safer.geography.bng import in_uk_bounds


def safe_place_save(
    *,
    actor: Any,
    name: str,
    address: str,
    latitude: float,
    longitude: float,
    opening_hours: str,
    offers: Sequence[str],
    review_on: dt.date,
    postcode: str = "",
    accessibility: str = "",
    opening_hours_cy: str = "",
    accessibility_cy: str = "",
    is_published: bool = True,
    place: SafePlace | None = None,
    synthetic: bool = False,
) -> SafePlace:
    """Add a Safe Place to the actor's partnership, or change one of its Safe Places."""
    require_capability(actor, "engagement.manage")
    if place is not None:
        require_same_partnership(actor, place.organisation_id, what="Safe Place")
    if not in_uk_bounds(longitude, latitude):
        raise EngagementInputError(
            f"The point ({latitude}, {longitude}) is not in the UK. Enter latitude and longitude in degrees.",
            field="latitude",
        )
    if not offers or not set(offers) <= set(SafePlaceOffer.values):
        raise EngagementInputError("Choose what the Safe Place offers.", field="offers")
    name = " ".join(name.split())
    clash = SafePlace.objects.filter(organisation=actor.organisation, name__iexact=name)
    if place is not None:
        clash = clash.exclude(pk=place.pk)
    if clash.exists():
        raise EngagementInputError(f"There is already a Safe Place called {name!r}.", field="name")
    place = place or SafePlace(organisation=actor.organisation)
    for field, value in {
        "name": name,
        "address": address.strip(),
        "postcode": postcode.strip().upper(),
        "latitude": round(latitude, 6),
        "longitude": round(longitude, 6),
        "opening_hours": opening_hours.strip(),
        "opening_hours_cy": opening_hours_cy.strip(),
        "offers": [o for o in SafePlaceOffer.values if o in offers],
        "accessibility": accessibility.strip(),
        "accessibility_cy": accessibility_cy.strip(),
        "review_on": review_on,
        "is_published": is_published,
        "synthetic": synthetic,
    }.items():
        setattr(place, field, value)
    place.save()
    audit_record(actor=actor, action=EngagementAuditAction.SAFE_PLACE_SAVED, target=place)
    return place
