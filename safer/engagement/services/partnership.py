"""Partnership-level engagement services: public-page settings and the named places list."""

from __future__ import annotations

from typing import Any

from safer.core.services.audit import audit_record
from safer.engagement.choices import EngagementAuditAction, PublicLanguages
from safer.engagement.errors import EngagementInputError
from safer.engagement.models import EngagementSettings, NamedPlace
from safer.engagement.services._access import require_capability
from safer.geography.bng import in_uk_bounds


def engagement_settings_for(organisation: Any) -> EngagementSettings:
    """The partnership's settings (defaults until staff change them: English only)."""
    found = EngagementSettings.objects.filter(organisation=organisation).first()
    return found or EngagementSettings(organisation=organisation)


def engagement_settings_update(
    *, actor: Any, languages: str, district: str = "", reply_to: str = ""
) -> EngagementSettings:
    """Change the actor's partnership's public languages, statistics district and reply-to address."""
    require_capability(actor, "engagement.manage")
    if languages not in PublicLanguages.values:
        raise EngagementInputError("Choose the languages of the public pages.", field="languages")
    settings_, _ = EngagementSettings.objects.get_or_create(organisation=actor.organisation)
    settings_.languages = languages
    settings_.district = district.strip()
    settings_.reply_to = reply_to.strip()
    settings_.save()
    audit_record(
        actor=actor,
        action=EngagementAuditAction.SETTINGS_CHANGED,
        target=actor.organisation,
        detail={"languages": languages, "district": settings_.district},
    )
    return settings_


def named_place_add(*, actor: Any, name: str, latitude: float, longitude: float, postcode: str = "") -> NamedPlace:
    """Add a place residents can choose by name or postcode (a landmark, an estate, a postcode)."""
    require_capability(actor, "engagement.manage")
    name = " ".join(name.split())
    if not name:
        raise EngagementInputError("Enter the place's name.", field="name")
    if not in_uk_bounds(longitude, latitude):
        raise EngagementInputError(f"The point ({latitude}, {longitude}) is not in the UK.", field="latitude")
    if NamedPlace.objects.filter(organisation=actor.organisation, name__iexact=name).exists():
        raise EngagementInputError(f"There is already a place called {name!r}.", field="name")
    place = NamedPlace.objects.create(
        organisation=actor.organisation,
        name=name,
        postcode=" ".join(postcode.upper().split()),
        latitude=round(latitude, 6),
        longitude=round(longitude, 6),
    )
    audit_record(actor=actor, action=EngagementAuditAction.PLACE_ADDED, target=place)
    return place
