"""Who a message reaches, spatially: districts, neighbourhoods (LSOAs), custom areas and places on the map.

Expectations are worked out another way than the code under test: LSOAs of a district from the ONS lookup's
district column, LSOAs inside a custom area from points sampled inside it and placed in their LSOA
(boundary_place), distances from a square by plain arithmetic.
"""

from __future__ import annotations

import csv
import gzip
import json
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from safer.engagement.grid import _from_bng
from safer.engagement.messaging.areas import (
    LSOA_FILE,
    ChosenArea,
    area_for_district,
    area_for_lsoa,
    area_for_place,
)
from safer.engagement.messaging.audience import audience_subscribers
from safer.engagement.messaging.choices import SubscriberChannel, Topic
from safer.engagement.messaging.subscribers import subscriber_sign_up
from safer.geography.boundary_placement import boundary_place

pytestmark = pytest.mark.django_db

# A 2 km square in central Oxford, in BNG metres (Carfax Tower is at about 451308, 206174).
WEST, SOUTH, SIDE = 450500.0, 205200.0, 2000.0


def _lsoas_of(district: str) -> list[str]:
    with gzip.open(LSOA_FILE, "rt", encoding="utf-8") as handle:
        return sorted(r["lsoa_code"] for r in csv.DictReader(handle) if r["lad_name"] == district)


def _square_geojson() -> str:
    corners = [(WEST, SOUTH), (WEST + SIDE, SOUTH), (WEST + SIDE, SOUTH + SIDE), (WEST, SOUTH + SIDE), (WEST, SOUTH)]
    lons, lats = _from_bng().transform([c[0] for c in corners], [c[1] for c in corners])
    return json.dumps({"type": "Polygon", "coordinates": [[[x, y] for x, y in zip(lons, lats, strict=True)]]})


@pytest.fixture
def square() -> dict[str, Any]:
    """The square as a custom area in the warehouse, as a message's audience area."""
    from safer.intelligence.services.custom_areas import custom_area_create

    area = custom_area_create(actor=None, name="Oxford centre square", geojson_text=_square_geojson())
    return {"kind": "custom", "code": str(area.area_id), "name": area.name, "district": ""}


@pytest.fixture
def sign_up(world: SimpleNamespace) -> Any:
    counter = iter(range(1000))

    def make(*areas: ChosenArea) -> int:
        subscriber = subscriber_sign_up(
            organisation=world.oxford,
            channel=SubscriberChannel.SMS,  # active at once
            phone=f"07700 900{next(counter):03d}",
            areas=list(areas),
            topics=[Topic.CRIME_ALERTS],
            groups=[],
            consent=True,
        )
        return subscriber.pk

    return make


def _reached(world: SimpleNamespace, areas: list[dict[str, Any]]) -> set[int]:
    return set(
        audience_subscribers(
            organisation_id=world.oxford.pk,
            topic=Topic.CRIME_ALERTS,
            areas=areas,
            groups=[],
            channels=[SubscriberChannel.EMAIL, SubscriberChannel.SMS],
        ).values_list("pk", flat=True)
    )


class TestAudienceByDistrict:
    def test_a_district_reaches_its_neighbourhoods_and_places_but_not_the_next_district(
        self, world: SimpleNamespace, sign_up: Any
    ) -> None:
        oxford, cherwell = _lsoas_of("Oxford"), _lsoas_of("Cherwell")
        assert len(oxford) > 50 and len(cherwell) > 50
        inside = {sign_up(area_for_lsoa(code)) for code in oxford[:5]}
        outside = {sign_up(area_for_lsoa(code)) for code in cherwell[:5]}
        whole = sign_up(area_for_district("Oxford"))
        carfax = sign_up(area_for_place(easting=451308, northing=206174, radius=500))
        banbury = sign_up(area_for_place(easting=445500, northing=240500, radius=2000))  # 30 km north
        reached = _reached(world, [area_for_district("Oxford").as_dict()])
        assert reached == inside | {whole, carfax}
        assert not reached & (outside | {banbury})


class TestAudienceByCustomArea:
    def test_a_custom_area_reaches_the_neighbourhoods_and_districts_it_overlaps(
        self, world: SimpleNamespace, sign_up: Any, square: dict[str, Any]
    ) -> None:
        oxford = _lsoas_of("Oxford")
        by_lsoa = {code: sign_up(area_for_lsoa(code)) for code in oxford}
        district = sign_up(area_for_district("Oxford"))
        cherwell = sign_up(area_for_district("Cherwell"))
        # LSOAs with ground in the square: the ones holding any of a 50 m grid of points strictly inside it.
        xs, ys = np.meshgrid(np.arange(WEST + 25, WEST + SIDE, 50), np.arange(SOUTH + 25, SOUTH + SIDE, 50))
        sampled = set(boundary_place(easting=xs.ravel(), northing=ys.ravel()).lsoa_code.tolist()) & set(oxford)
        assert 5 < len(sampled) < len(oxford) - 20
        reached = _reached(world, [square])
        lsoas_reached = {code for code, pk in by_lsoa.items() if pk in reached}
        assert sampled <= lsoas_reached
        assert len(lsoas_reached - sampled) <= 3  # at most slivers the 50 m grid missed
        assert district in reached and cherwell not in reached

    def test_a_district_reaches_custom_areas_inside_it(
        self, world: SimpleNamespace, sign_up: Any, square: dict[str, Any]
    ) -> None:
        mine = sign_up(ChosenArea("custom", square["code"], square["name"], ""))
        assert _reached(world, [area_for_district("Oxford").as_dict()]) == {mine}
        assert _reached(world, [area_for_district("Cherwell").as_dict()]) == set()


class TestAudienceByPlaceOnTheMap:
    def test_a_place_is_reached_when_its_circle_meets_the_message_area(
        self, world: SimpleNamespace, sign_up: Any, square: dict[str, Any]
    ) -> None:
        middle = SOUTH + SIDE / 2
        # 800 m west of the square's west edge: reached with 1 km, not with 500 m.
        near_1km = sign_up(area_for_place(easting=WEST - 800, northing=middle, radius=1000))
        near_500 = sign_up(area_for_place(easting=WEST - 800, northing=middle, radius=500))
        # Diagonally off the south-west corner by 1,500 m each way: sqrt(2) x 1,500 = 2,121 m > 2 km.
        corner = sign_up(area_for_place(easting=WEST - 1500, northing=SOUTH - 1500, radius=2000))
        # 1,300 m each way: 1,838 m < 2 km.
        corner_near = sign_up(area_for_place(easting=WEST - 1300, northing=SOUTH - 1300, radius=2000))
        inside = sign_up(area_for_place(easting=WEST + 1000, northing=middle, radius=500))
        assert _reached(world, [square]) == {near_1km, corner_near, inside}
        assert near_500 not in _reached(world, [square]) and corner not in _reached(world, [square])

    def test_a_place_in_a_neighbourhood_message(self, world: SimpleNamespace, sign_up: Any) -> None:
        [code] = boundary_place(easting=[451308], northing=[206174]).lsoa_code.tolist()
        carfax = sign_up(area_for_place(easting=451308, northing=206174, radius=500))
        assert _reached(world, [area_for_lsoa(code).as_dict()]) == {carfax}


class TestValuesSubquery:
    def test_long_lists_are_one_parameter_and_match_like_a_list(self, world: SimpleNamespace, sign_up: Any) -> None:
        from safer.engagement.messaging.spatial import values_subquery
        from safer.engagement.models import Subscriber, SubscriberArea

        made = [sign_up(area_for_district("Oxford")) for _ in range(3)]
        ids = [*range(10**6, 10**6 + 700), made[0], made[2]]
        assert set(
            Subscriber.objects.filter(pk__in=values_subquery(ids, integers=True)).values_list("pk", flat=True)
        ) == {
            made[0],
            made[2],
        }
        codes = [f"X{i}" for i in range(700)] + ["Oxford"]
        assert SubscriberArea.objects.filter(code__in=values_subquery(codes, integers=False)).count() == 3
