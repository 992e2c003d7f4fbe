"""Public Safe Places: the list (and map with a script), and the open data as CSV and GeoJSON; the index."""

from __future__ import annotations

import csv
import io
import json

from django.http import HttpRequest, HttpResponse

from safer.engagement.choices import SafePlaceOffer
from safer.engagement.selectors.consultations import consultation_list_public
from safer.engagement.selectors.safe_places import safe_place_open_data, safe_places_public
from safer.engagement.views.public_base import PublicView
from safer.engagement.views.public_consultations import map_settings

OPEN_DATA_LICENCE = "Open Government Licence v3.0"


class PublicIndexView(PublicView):
    """A partnership's public engagement page: open consultations, Safe Places, report a hate incident."""

    def get(self, request: HttpRequest, org: int) -> HttpResponse:
        consultations = consultation_list_public(organisation_id=org)
        return self.page(
            "engagement/public/index.html",
            {"consultations": [(c, c.localised("title")) for c in consultations]},
        )


class SafePlacesView(PublicView):
    """The published Safe Places, as a list that works without a script, and on a map with one."""

    def get(self, request: HttpRequest, org: int) -> HttpResponse:
        places = list(safe_places_public(organisation_id=org))
        offers = dict(SafePlaceOffer.choices)
        rows = []
        for p in places:
            welsh = self.language == "cy"
            rows.append(
                {
                    "place": p,
                    "offers": [str(offers[o]) for o in p.offers if o in offers],
                    "hours": (p.opening_hours_cy if welsh and p.opening_hours_cy else p.opening_hours),
                    "accessibility": (p.accessibility_cy if welsh and p.accessibility_cy else p.accessibility),
                }
            )
        points = [{"lat": p.latitude, "lon": p.longitude, "name": p.name, "address": p.address} for p in places]
        return self.page(
            "engagement/public/safe_places.html",
            {"rows": rows, "points": points, "map": map_settings(), "synthetic": any(p.synthetic for p in places)},
        )


class SafePlacesCsvView(PublicView):
    """Open data: the published Safe Places as CSV."""

    def get(self, request: HttpRequest, org: int) -> HttpResponse:
        rows = safe_place_open_data(safe_places_public(organisation_id=org))
        buffer = io.StringIO()
        fields = [
            "name",
            "address",
            "postcode",
            "latitude",
            "longitude",
            "opening_hours",
            "offers",
            "accessibility",
            "review_on",
            "synthetic",
        ]
        writer = csv.DictWriter(buffer, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response.headers["Content-Disposition"] = 'attachment; filename="safe-places.csv"'
        return response


class SafePlacesGeoJsonView(PublicView):
    """Open data: the published Safe Places as GeoJSON."""

    def get(self, request: HttpRequest, org: int) -> HttpResponse:
        rows = safe_place_open_data(safe_places_public(organisation_id=org))
        collection = {
            "type": "FeatureCollection",
            "licence": OPEN_DATA_LICENCE,
            "features": [
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]},
                    "properties": {k: v for k, v in r.items() if k not in ("latitude", "longitude")},
                }
                for r in rows
            ],
        }
        response = HttpResponse(json.dumps(collection), content_type="application/geo+json")
        response.headers["Content-Disposition"] = 'attachment; filename="safe-places.geojson"'
        return response
