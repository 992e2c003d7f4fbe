"""Choosing a place on the map with a radius on the public sign-up and manage pages, with and without the map."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse

from safer.engagement.choices import PublicLanguages
from safer.engagement.models import EngagementSettings, Subscriber, SubscriberArea
from safer.engagement.services.partnership import named_place_add
from safer.geography.bng import bng_point

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> None:
    cache.clear()


@pytest.fixture
def oxford_district(world: Any, streets: None) -> None:
    """The partnership's district is Oxford: the map opens there and streets are searched there."""
    EngagementSettings.objects.update_or_create(organisation=world.oxford, defaults={"district": "Oxford"})


def _sign_up(client: Any, org: int, **extra: Any) -> Any:
    data = {"channel": "sms", "phone": "07700 900123", "topics": ["crime_alerts"], "consent": "on", **extra}
    return client.post(reverse("engagement:public-alerts", args=[org]), data)


def _point() -> SubscriberArea:
    return SubscriberArea.objects.get(subscriber=Subscriber.objects.get(), kind="point")


class TestPlaceWithoutTheMap:
    def test_a_grid_reference(self, client: Any, world: Any) -> None:
        answer = _sign_up(client, world.oxford.pk, place="SP 513 061", radius="1000")
        assert answer.status_code == 302, answer.content.decode()[:2000]
        area = _point()
        assert (area.easting, area.northing, area.radius) == (451300, 206100, 1000)
        assert area.district == "Oxford" and area.name == "Within 1 km of SP 513 061"

    def test_a_postcode_of_a_named_place(self, client: Any, world: Any) -> None:
        named_place_add(
            actor=world.manager, name="Carfax Tower", latitude=51.75182, longitude=-1.25803, postcode="OX1 1ET"
        )
        assert _sign_up(client, world.oxford.pk, place="ox1 1et", radius="500").status_code == 302
        area = _point()
        assert (area.easting, area.northing) == tuple(round(v) for v in bng_point(-1.25803, 51.75182))
        assert area.radius == 500 and "Carfax Tower" in area.name

    def test_a_street_name_that_matches_several_places_asks_which(
        self, client: Any, world: Any, oxford_district: None
    ) -> None:
        named_place_add(actor=world.manager, name="Cowley Road Carnival", latitude=51.7447, longitude=-1.2310)
        asked = _sign_up(client, world.oxford.pk, place="Cowley Road", radius="2000")
        assert asked.status_code == 400 and not Subscriber.objects.exists()
        page = asked.content.decode()
        assert "Which place did you mean?" in page and "govuk-error-summary" in page
        assert 'name="place_choice"' in page and "Cowley Road Carnival" in page
        chosen = _sign_up(client, world.oxford.pk, place="Cowley Road", radius="2000", place_choice="0")
        assert chosen.status_code == 302
        area = _point()
        assert area.radius == 2000 and area.name == "Within 2 km of Cowley Road Carnival"

    def test_nothing_found_and_outside_england_and_wales(self, client: Any, world: Any) -> None:
        missing = _sign_up(client, world.oxford.pk, place="Nowhere Lane")
        assert missing.status_code == 400 and "No places found matching" in missing.content.decode()
        # Edinburgh Castle, NT 251 734: in the grid, not in England or Wales.
        scotland = _sign_up(client, world.oxford.pk, place="NT 251 734")
        assert scotland.status_code == 400 and "not in England or Wales" in scotland.content.decode()
        assert not Subscriber.objects.exists()


class TestPostcodeFromTheOnsLookup:
    """A full postcode, any case and spacing, is found in the ONS lookup the warehouse holds (SYNTHETIC here)."""

    def test_a_postcode_in_the_lookup_is_its_point(
        self, client: Any, world: Any, oxford_district: None, postcode_lookup: None, caplog: Any
    ) -> None:
        caplog.set_level("DEBUG")
        answer = _sign_up(client, world.oxford.pk, place="zx11aa", radius="500")
        assert answer.status_code == 302, answer.content.decode()[:2000]
        area = _point()
        assert (area.easting, area.northing) == tuple(round(v) for v in bng_point(-1.25086, 51.75425))
        assert area.radius == 500 and area.name.startswith("Within 500 m of ZX1 1AA")
        assert "ZX1" not in answer["Location"].upper() and "ZX1" not in caplog.text.upper()

    def test_a_postcode_not_in_the_lookup_says_so(self, client: Any, world: Any, postcode_lookup: None) -> None:
        for unknown in ("ZX7 7ZZ", "zx2 2aa", "ZX9 9ZZ"):  # not listed; terminated (doterm); listed without a point
            answer = _sign_up(client, world.oxford.pk, place=unknown)
            page = answer.content.decode()
            assert answer.status_code == 400 and "govuk-error-summary" in page, unknown
            assert "We could not find that postcode. Check it, or enter a street name." in page, unknown
        assert not Subscriber.objects.exists()

    def test_a_postcode_outside_the_district_says_so(
        self, client: Any, world: Any, oxford_district: None, postcode_lookup: None
    ) -> None:
        answer = _sign_up(client, world.oxford.pk, place="ZX1 1AB")  # Cherwell, outside Oxford's box
        assert answer.status_code == 400 and "That postcode is outside the area of this page" in answer.content.decode()
        assert not Subscriber.objects.exists()

    def test_the_message_is_welsh_on_a_welsh_page(self, client: Any, world: Any, postcode_lookup: None) -> None:
        EngagementSettings.objects.update_or_create(
            organisation=world.oxford, defaults={"languages": PublicLanguages.BILINGUAL}
        )
        client.get(reverse("engagement:public-alerts", args=[world.oxford.pk]) + "?lang=cy")
        answer = _sign_up(client, world.oxford.pk, place="ZX7 7ZZ")
        assert answer.status_code == 400
        assert "Gwiriwch ef, neu rhowch enw stryd" in answer.content.decode()


class TestPlaceWithTheMap:
    def test_the_page_offers_the_map_and_the_pin_is_used(self, client: Any, world: Any, oxford_district: None) -> None:
        page = client.get(reverse("engagement:public-alerts", args=[world.oxford.pk])).content.decode()
        assert 'id="place-map"' in page and 'name="latitude"' in page and "leaflet.js" in page
        assert (
            _sign_up(client, world.oxford.pk, latitude="51.75182", longitude="-1.25803", radius="500").status_code
            == 302
        )
        area = _point()
        assert (area.easting, area.northing) == tuple(round(v) for v in bng_point(-1.25803, 51.75182))


class TestManagePlaces:
    def test_a_place_is_kept_until_unticked(self, client: Any, world: Any, oxford_district: None) -> None:
        _sign_up(client, world.oxford.pk, place="SP 513 061", radius="1000")
        subscriber = Subscriber.objects.get()
        url = reverse("engagement:public-alerts-manage", args=[subscriber.token])
        page = client.get(url).content.decode()
        assert "Within 1 km of SP 513 061" in page and 'name="kept_places"' in page
        code = _point().code
        saved = client.post(
            url,
            {
                "action": "save",
                "kept_places": [code],
                "place": "SP 520 050",
                "radius": "500",
                "topics": ["crime_alerts"],
            },
        )
        assert saved.status_code == 200
        assert sorted(SubscriberArea.objects.values_list("radius", flat=True)) == [500, 1000]
        client.post(url, {"action": "save", "districts": ["Oxford"], "topics": ["crime_alerts"]})
        assert list(SubscriberArea.objects.values_list("kind", flat=True)) == ["district"]
