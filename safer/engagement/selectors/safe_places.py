"""Safe Places reads: the public list and open data, and staff lists with what is due for review."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from safer.engagement.errors import EngagementNotFoundError
from safer.engagement.models import SafePlace
from safer.engagement.services._access import require_capability


def safe_places_public(*, organisation_id: int) -> QuerySet[SafePlace]:
    """A partnership's published Safe Places (public and open data)."""
    return SafePlace.objects.filter(organisation_id=organisation_id, is_published=True).order_by("name")


def safe_place_list_for_user(*, user: Any) -> QuerySet[SafePlace]:
    """Every Safe Place of the user's partnership, soonest review first."""
    require_capability(user, "engagement.manage")
    return SafePlace.objects.filter(organisation_id=user.organisation_id).order_by("review_on", "name")


def safe_place_get_for_user(*, user: Any, pk: int) -> SafePlace:
    """One Safe Place of the user's partnership."""
    found = safe_place_list_for_user(user=user).filter(pk=pk).first()
    if found is None:
        raise EngagementNotFoundError("No Safe Place that you can see.")
    return found


def safe_place_open_data(places: QuerySet[SafePlace]) -> list[dict[str, Any]]:
    """Rows of the open data (CSV and GeoJSON): no staff-only fields."""
    return [
        {
            "name": p.name,
            "address": p.address,
            "postcode": p.postcode,
            "latitude": p.latitude,
            "longitude": p.longitude,
            "opening_hours": p.opening_hours,
            "offers": ";".join(p.offers),
            "accessibility": p.accessibility,
            "review_on": p.review_on.isoformat(),
            "synthetic": "SYNTHETIC" if p.synthetic else "",
        }
        for p in places
    ]
