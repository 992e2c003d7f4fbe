"""Where a subscriber's areas come from: a place on the map with a radius, a named place (its LSOA), a district, a
custom area."""

from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from safer.engagement.errors import EngagementInputError
from safer.engagement.messaging.choices import SubscriberAreaKind
from safer.geography.bng import bng_point, in_uk_bounds

LSOA_FILE = Path(__file__).resolve().parents[2] / "geography" / "data" / "lsoa2011.csv.gz"


@dataclass(frozen=True)
class ChosenArea:
    """One area as stored on a subscription and in a message's audience."""

    kind: str
    code: str
    name: str
    district: str
    easting: float | None = None  # a place on the map: BNG metres and radius
    northing: float | None = None
    radius: int | None = None

    @property
    def key(self) -> str:
        """'district:Oxford', 'lsoa:E01028522', 'custom:3': the area's key in a digest."""
        return f"{self.kind}:{self.code}"

    def as_dict(self) -> dict[str, Any]:
        """JSON form, for a message's audience."""
        found: dict[str, Any] = {"kind": self.kind, "code": self.code, "name": self.name, "district": self.district}
        if self.kind == SubscriberAreaKind.POINT:
            found.update(easting=self.easting, northing=self.northing, radius=self.radius)
        return found


@cache
def _lsoas() -> dict[str, tuple[str, str]]:
    """LSOA code -> (LSOA name, district name), from the ONS lookup shipped with the geography app."""
    with gzip.open(LSOA_FILE, "rt", encoding="utf-8") as handle:
        return {row["lsoa_code"]: (row["lsoa_name"], row["lad_name"]) for row in csv.DictReader(handle)}


def area_for_point(*, latitude: float, longitude: float) -> ChosenArea:
    """The LSOA (neighbourhood) containing a point, with its district."""
    from safer.geography.boundary_placement import boundary_place

    if not in_uk_bounds(longitude, latitude):
        raise EngagementInputError(_("The place you chose is not in the UK."), field="latitude")
    easting, northing = bng_point(longitude, latitude)
    code = str(boundary_place(easting=[easting], northing=[northing]).lsoa_code[0])
    if not code or code not in _lsoas():
        raise EngagementInputError(_("We could not find a neighbourhood at the place you chose."), field="latitude")
    name, district = _lsoas()[code]
    return ChosenArea(SubscriberAreaKind.LSOA, code, name, district)


# The radii residents can choose round a place on the map, in metres (spatial.MAX_RADIUS is the largest).
RADII = (500, 1000, 2000)


def area_for_place(*, easting: float, northing: float, radius: int, label: str = "") -> ChosenArea:
    """A place on the map (BNG metres) with a radius; its district is the one the point lies in, if any."""
    from safer.geography.boundary_placement import boundary_place

    if radius not in RADII:
        raise EngagementInputError(_("Choose how far from the place you want messages about."), field="radius")
    if not (0 <= easting < 700_000 and 0 <= northing < 1_300_000):
        raise EngagementInputError(_("The place you chose is not in the UK."), field="place")
    code = str(boundary_place(easting=[easting], northing=[northing]).lsoa_code[0])
    if not code or code not in _lsoas():
        raise EngagementInputError(
            _("The place you chose is not in England or Wales. Choose a place nearer home."), field="place"
        )
    easting, northing = round(easting), round(northing)
    distance = f"{radius} m" if radius < 1000 else f"{radius // 1000} km"
    where = label or _lsoas()[code][0]
    name = _("Within %(distance)s of %(place)s") % {"distance": distance, "place": where}
    return ChosenArea(
        SubscriberAreaKind.POINT,
        f"{easting},{northing},{radius}",
        name[:200],
        _lsoas()[code][1],
        easting=float(easting),
        northing=float(northing),
        radius=radius,
    )


def area_for_lsoa(code: str) -> ChosenArea:
    """A neighbourhood by its LSOA code."""
    if code not in _lsoas():
        raise EngagementInputError(_("There is no neighbourhood with that code. Check the LSOA code."), field="areas")
    name, district = _lsoas()[code]
    return ChosenArea(SubscriberAreaKind.LSOA, code, name, district)


def area_for_district(name: str) -> ChosenArea:
    """A whole district by name."""
    return ChosenArea(SubscriberAreaKind.DISTRICT, name, name, name)


def area_for_custom(*, area_id: int, name: str, district: str = "") -> ChosenArea:
    """A custom area (drawn by staff on the dashboard)."""
    return ChosenArea(SubscriberAreaKind.CUSTOM, str(area_id), name, district)


def custom_area_options() -> list[tuple[str, str]]:
    """Custom areas drawn on the dashboard as (id, name), for residents and staff to choose (none without data)."""
    from safer.intelligence import warehouse

    try:
        rows = warehouse.query("SELECT area_id, name FROM custom_area ORDER BY name", max_rows=500)
    except Exception:  # noqa: BLE001 - no warehouse yet
        return []
    return [(str(r["area_id"]), str(r["name"])) for r in rows]
