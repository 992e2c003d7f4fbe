"""Plumbing of the public pages: the partnership's languages, drafts kept in the session, finding places."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View

from safer.accounts.models import Organisation
from safer.core.i18n import public_language
from safer.engagement import crime
from safer.engagement.errors import EngagementNotFoundError, PlaceNotFoundError
from safer.engagement.models import NamedPlace
from safer.engagement.services.partnership import engagement_settings_for
from safer.geography.postcode import postcode_parse

LANGUAGE_SESSION_KEY = "engagement_language"
MAX_MATCHES = 20


class PublicView(View):
    """A page residents see without signing in, in the partnership's languages (English, or English and Welsh)."""

    organisation: Organisation
    language: str

    def get_organisation(self, **kwargs: Any) -> Organisation:
        """The partnership whose page this is (subclasses find it through their consultation)."""
        found = Organisation.objects.filter(pk=int(kwargs.get("org") or 0), is_active=True).first()
        if found is None:
            raise Http404
        return found

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            self.organisation = self.get_organisation(**kwargs)
        except EngagementNotFoundError:
            raise Http404 from None
        settings_ = engagement_settings_for(self.organisation)
        self.bilingual = settings_.bilingual
        self.language = public_language(request, bilingual=settings_.bilingual, session_key=LANGUAGE_SESSION_KEY)
        with translation.override(self.language):
            response: HttpResponse = super().dispatch(request, *args, **kwargs)  # type: ignore[assignment]
        response.headers["Content-Language"] = "cy" if self.language == "cy" else "en-GB"
        return response

    def page(self, template: str, context: dict[str, Any], *, status: int = 200) -> HttpResponse:
        """Render a public page now (inside the active language)."""
        context = {
            "organisation": self.organisation,
            "bilingual": self.bilingual,
            "language": self.language,
            "html_lang": "cy" if self.language == "cy" else "en-GB",
            **context,
        }
        return render(self.request, template, context, status=status)


def draft_get(request: HttpRequest, key: str) -> dict[str, Any]:
    """The answers given so far (kept in the session, so a failed step loses nothing)."""
    return dict(request.session.get(key, {}))


def draft_update(request: HttpRequest, key: str, values: dict[str, Any]) -> dict[str, Any]:
    """Add answers to the draft; dates are kept as ISO text."""
    draft = draft_get(request, key)
    for name, value in values.items():
        draft[name] = value.isoformat() if isinstance(value, dt.date) else value
    request.session[key] = draft
    return draft


def places_find(*, organisation: Organisation, query: str, bbox: crime.Bbox | None) -> list[dict[str, Any]]:
    """Places matching a street name, place name or postcode: the partnership's named places first, then the
    postcode's point (a full postcode) or streets; PlaceNotFoundError (its message for the resident) when none.

    Named places (with any postcodes staff gave them) are kept by staff; a full postcode, typed in any case and
    spacing, is looked up in the ONS postcode lookup imported into the warehouse (crime.postcode_point), and
    streets come from police.uk's anonymous map points there (crime.street_search). No outside service is asked.
    With a box, only places inside it are offered.
    """
    postcode = postcode_parse(query)
    compact = query.replace(" ", "").upper()
    matches: list[dict[str, Any]] = []
    for place in NamedPlace.objects.filter(organisation=organisation):
        if query.lower() in place.name.lower() or (place.postcode and compact in place.postcode.replace(" ", "")):
            if _inside(bbox, place.latitude, place.longitude):
                label = f"{place.name}, {place.postcode}" if place.postcode else place.name
                matches.append({"label": label, "latitude": place.latitude, "longitude": place.longitude})
    if postcode is not None:
        point = crime.postcode_point(postcode)
        if point is not None and _inside(bbox, point.latitude, point.longitude):
            matches.append(_match(point))
        if not matches:
            raise PlaceNotFoundError(
                _("That postcode is outside the area of this page. Enter a postcode, street or place inside it.")
                if point is not None
                else _("We could not find that postcode. Check it, or enter a street name.")
            )
    elif bbox is not None:
        matches += [_match(street) for street in crime.street_search(text=query, bbox=bbox, limit=MAX_MATCHES)]
    if not matches:
        raise PlaceNotFoundError(
            _("No places found matching “%(query)s”. Try another spelling or a nearby street.") % {"query": query}
        )
    return matches[:MAX_MATCHES]


def places_find_kept(
    request: HttpRequest, key: str, *, organisation: Organisation, query: str, bbox: crime.Bbox | None
) -> str:
    """Find the places matching `query` and keep them, with the query, in the draft for the choosing step;
    "" when some match, else what to tell the resident."""
    try:
        found = places_find(organisation=organisation, query=query, bbox=bbox)
    except PlaceNotFoundError as error:
        draft_update(request, key, {"query": query, "matches": []})
        return error.message
    draft_update(request, key, {"query": query, "matches": found})
    return ""


def _inside(bbox: crime.Bbox | None, latitude: float, longitude: float) -> bool:
    return bbox is None or (bbox.south <= latitude <= bbox.north and bbox.west <= longitude <= bbox.east)


def _match(place: crime.PlaceMatch) -> dict[str, Any]:
    label = f"{place.label}, {place.area_name}" if place.area_name else place.label
    return {"label": label, "latitude": place.latitude, "longitude": place.longitude}
