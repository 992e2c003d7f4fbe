"""Need-to-know for safeguarding: which MATAC areas and reviews a user may see. Every read starts here."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from safer.safeguarding.errors import SafeguardingNotFoundError, SafeguardingPermissionError
from safer.safeguarding.models import MatacArea, Review


def _in_organisation(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.organisation_id is not None)


def visible_areas(user: Any) -> QuerySet[MatacArea]:
    """MATAC areas whose meeting the user's organisation takes part in (a MATAC role is required)."""
    if not _in_organisation(user) or not user.has_capability("safeguarding.matac.view"):
        return MatacArea.objects.none()
    return MatacArea.objects.filter(organisations__id=user.organisation_id).distinct()


def area_list_for_user(user: Any) -> list[MatacArea]:
    """The areas the user may see, by name; the listing is audited."""
    from safer.core.services.audit import audit_record
    from safer.safeguarding.choices import SafeguardingAuditAction

    areas = list(visible_areas(user).order_by("name"))
    audit_record(
        actor=user,
        action=SafeguardingAuditAction.AREAS_LISTED,
        target_type="safeguarding.matacarea",
        detail={"count": len(areas)},
    )
    return areas


def area_get_for_user(user: Any, *, area_id: int) -> MatacArea:
    """One area the user may see, or SafeguardingNotFoundError."""
    area = visible_areas(user).filter(pk=area_id).first()
    if area is None:
        raise SafeguardingNotFoundError("No MATAC area with that number that you can see.")
    return area


def is_meeting_member(user: Any, area: MatacArea) -> bool:
    """True when the user is a member of the area's meeting (only members see subjects' names)."""
    return bool(_in_organisation(user) and area.members.filter(pk=user.pk).exists())


def require_capability(user: Any, capability: str) -> None:
    """The user's role must grant `capability` for this change."""
    if not _in_organisation(user) or not user.has_capability(capability):
        raise SafeguardingPermissionError("Your role cannot make this change. Ask your MATAC or DHR coordinator.")


def visible_reviews(user: Any) -> QuerySet[Review]:
    """Reviews the user's organisation leads or takes part in as a panel agency (DHR role required)."""
    if not _in_organisation(user) or not user.has_capability("safeguarding.dhr.view"):
        return Review.objects.none()
    org = user.organisation_id
    return Review.objects.filter(Q(owner_organisation_id=org) | Q(agencies__id=org)).distinct()


def review_get_for_user(user: Any, *, reference: str) -> Review:
    """One review the user may see, or SafeguardingNotFoundError."""
    review = visible_reviews(user).filter(reference=reference).first()
    if review is None:
        raise SafeguardingNotFoundError("No Domestic Homicide Review with that reference that you can see.")
    return review
