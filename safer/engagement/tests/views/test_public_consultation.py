"""The public consultation without JavaScript: search a street, answer, check, send; errors, spam, Welsh."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from safer.engagement.choices import ModerationStatus, PublicLanguages
from safer.engagement.models import Consultation, Contribution, EngagementSettings
from safer.engagement.services import public as public_service
from safer.engagement.tests.warehouse_rows import COWLEY_ROAD


def _u(name: str, consultation: Consultation) -> str:
    return reverse(f"engagement:public-consultation-{name}", args=[consultation.pk])


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> None:
    cache.clear()


def _answer_to_check(client: Client, c: Consultation) -> None:
    assert client.get(_u("start", c)).status_code == 200
    response = client.post(_u("place", c), {"action": "search", "query": "cowley"})
    assert response.status_code == 302
    page = client.get(_u("place", c)).content.decode()
    assert "Cowley Road, Oxford" in page
    assert client.post(_u("place", c), {"action": "choose", "place": "0"}).status_code == 302
    assert client.post(_u("feeling", c), {"feeling": "1"}).status_code == 302
    assert (
        client.post(_u("why", c), {"tags": ["poor_lighting", "drug_dealing"], "comment": "Dark at night."}).status_code
        == 302
    )
    assert client.post(_u("about", c), {"age_band": "25_44", "sex": "", "connections": ["live"]}).status_code == 302


@pytest.mark.django_db
class TestConsultationJourney:
    def test_no_javascript_journey_keeps_a_contribution(self, open_consultation: Consultation) -> None:
        client = Client()
        c = open_consultation
        _answer_to_check(client, c)
        check = client.get(_u("check", c))
        assert check.status_code == 200 and "Dark at night." in check.content.decode()
        response = client.post(_u("check", c), {"website": ""})
        assert response.status_code == 302 and response["Location"] == _u("done", c)
        contribution = Contribution.objects.get(consultation=c)
        assert contribution.feeling == 1 and contribution.place_label == "Cowley Road, Oxford"
        assert abs(contribution.latitude - (COWLEY_ROAD[0] + 0.0005)) < 1e-6
        assert sorted(t.code for t in contribution.tags.all()) == ["drug_dealing", "poor_lighting"]
        assert contribution.moderation == ModerationStatus.PENDING and contribution.connections == ["live"]
        c.refresh_from_db()
        assert (c.visitors, c.respondents) == (1, 1)

    def test_a_question_left_unanswered_is_an_error_on_the_page(self, open_consultation: Consultation) -> None:
        client = Client()
        c = open_consultation
        client.post(_u("place", c), {"action": "search", "query": "cowley"})
        client.post(_u("place", c), {"action": "choose", "place": "0"})
        response = client.post(_u("feeling", c), {})
        page = response.content.decode()
        assert response.status_code == 400
        assert "govuk-error-summary" in page and "Choose how safe you feel in this place" in page
        assert page.count("Choose how safe you feel in this place") == 2  # summary and inline

    def test_unknown_street_says_so(self, open_consultation: Consultation) -> None:
        response = Client().post(_u("place", open_consultation), {"action": "search", "query": "Nowhere Lane"})
        assert response.status_code == 400 and "No places found matching" in response.content.decode()

    def test_pin_outside_the_area_is_refused(self, open_consultation: Consultation) -> None:
        response = Client().post(
            _u("place", open_consultation), {"action": "point", "latitude": "52.5", "longitude": "-1.9"}
        )
        assert response.status_code == 400 and "outside the consultation area" in response.content.decode()

    def test_skipping_ahead_goes_back_to_the_place(self, open_consultation: Consultation) -> None:
        response = Client().get(_u("check", open_consultation))
        assert response.status_code == 302 and response["Location"] == _u("place", open_consultation)

    def test_honeypot_filled_keeps_nothing(self, open_consultation: Consultation) -> None:
        client = Client()
        _answer_to_check(client, open_consultation)
        response = client.post(_u("check", open_consultation), {"website": "http://spam.example"})
        assert response.status_code == 302
        assert not Contribution.objects.exists()

    def test_rate_limit_refuses_and_keeps_the_answers(self, open_consultation: Consultation, monkeypatch: Any) -> None:
        monkeypatch.setattr(public_service, "RATE_LIMIT", 1)
        client = Client()
        _answer_to_check(client, open_consultation)
        assert client.post(_u("check", open_consultation), {"website": ""}).status_code == 302
        _answer_to_check(client, open_consultation)
        refused = client.post(_u("check", open_consultation), {"website": ""})
        assert refused.status_code == 429 and "Too many forms" in refused.content.decode()
        # Nothing lost: the answers are still there to send later.
        assert "Dark at night." in client.get(_u("check", open_consultation)).content.decode()
        assert Contribution.objects.count() == 1

    def test_draft_consultation_is_not_public(self, world: SimpleNamespace, streets: None) -> None:
        import datetime as dt

        from safer.engagement.services.consultations import consultation_create

        draft = consultation_create(
            actor=world.manager,
            title="Draft",
            area_kind="district",
            area_name="Oxford",
            opens_on=dt.date(2026, 1, 1),
            closes_on=dt.date(2027, 1, 1),
            privacy_notice="x",
        )
        assert Client().get(_u("start", draft)).status_code == 404

    def test_closed_consultation_takes_nothing(self, world: SimpleNamespace, open_consultation: Consultation) -> None:
        from safer.engagement.services.consultations import consultation_close

        consultation_close(actor=world.manager, consultation=open_consultation)
        assert Client().get(_u("place", open_consultation)).status_code == 410

    def test_no_personal_data_in_urls(self, open_consultation: Consultation) -> None:
        client = Client()
        _answer_to_check(client, open_consultation)
        response = client.post(_u("check", open_consultation), {"website": ""})
        assert "cowley" not in response["Location"].lower() and "dark" not in response["Location"].lower()


@pytest.mark.django_db
class TestPostcode:
    """A full postcode is found in the ONS postcode lookup the warehouse holds (SYNTHETIC "ZX" postcodes here)."""

    def test_a_postcode_in_the_lookup_places_the_contribution(
        self, open_consultation: Consultation, postcode_lookup: None, caplog: Any
    ) -> None:
        caplog.set_level("DEBUG")
        client, c = Client(), open_consultation
        found = client.post(_u("place", c), {"action": "search", "query": "zx1  1aa"})
        assert found.status_code == 302 and "zx1" not in found["Location"].lower()
        assert "ZX1 1AA" in client.get(_u("place", c)).content.decode()
        assert client.post(_u("place", c), {"action": "choose", "place": "0"}).status_code == 302
        assert client.post(_u("feeling", c), {"feeling": "2"}).status_code == 302
        assert client.post(_u("why", c), {"tags": ["poor_lighting"], "comment": ""}).status_code == 302
        assert client.post(_u("about", c), {"age_band": "", "sex": "", "connections": []}).status_code == 302
        sent = client.post(_u("check", c), {"website": ""})
        assert sent.status_code == 302 and "zx1" not in sent["Location"].lower()
        contribution = Contribution.objects.get(consultation=c)
        assert (contribution.latitude, contribution.longitude) == (51.75425, -1.25086)
        assert contribution.place_label.startswith("ZX1 1AA")
        assert "ZX1" not in caplog.text.upper()

    def test_a_postcode_not_in_the_lookup_says_so(self, open_consultation: Consultation, postcode_lookup: None) -> None:
        for unknown in ("ZX7 7ZZ", "ZX2 2AA"):  # not listed; terminated (ONS doterm)
            response = Client().post(_u("place", open_consultation), {"action": "search", "query": unknown})
            page = response.content.decode()
            assert response.status_code == 400 and "govuk-error-summary" in page, unknown
            assert "We could not find that postcode. Check it, or enter a street name." in page, unknown

    def test_a_postcode_outside_the_area_says_so(self, open_consultation: Consultation, postcode_lookup: None) -> None:
        response = Client().post(_u("place", open_consultation), {"action": "search", "query": "ZX1 1AB"})  # Cherwell
        assert response.status_code == 400
        assert "That postcode is outside the area of this page" in response.content.decode()

    def test_the_message_is_welsh_on_a_welsh_page(
        self, world: SimpleNamespace, open_consultation: Consultation, postcode_lookup: None
    ) -> None:
        EngagementSettings.objects.create(organisation=world.oxford, languages=PublicLanguages.BILINGUAL)
        client = Client()
        client.get(_u("start", open_consultation) + "?lang=cy")
        response = client.post(_u("place", open_consultation), {"action": "search", "query": "ZX7 7ZZ"})
        assert response.status_code == 400
        assert "Gwiriwch ef, neu rhowch enw stryd" in response.content.decode()


@pytest.mark.django_db
class TestComments:
    def test_published_comment_shows_and_can_be_agreed_once(
        self, world: SimpleNamespace, open_consultation: Consultation
    ) -> None:
        from safer.engagement.services.consultations import contribution_moderate
        from safer.engagement.services.contributions import contribution_submit

        c = open_consultation
        kept = contribution_submit(consultation=c, latitude=51.75, longitude=-1.24, feeling=2, comment="Needs lights")
        hidden = contribution_submit(consultation=c, latitude=51.75, longitude=-1.24, feeling=2, comment="Pending one")
        contribution_moderate(actor=world.manager, contribution=kept, outcome="published", reason="suitable")
        client = Client()
        page = client.get(_u("comments", c)).content.decode()
        assert "Needs lights" in page and "Pending one" not in page
        agree = reverse("engagement:public-consultation-agree", args=[c.pk, kept.pk])
        client.post(agree)
        client.post(agree)
        kept.refresh_from_db()
        assert kept.agreements == 1
        assert client.post(reverse("engagement:public-consultation-agree", args=[c.pk, hidden.pk])).status_code == 404


@pytest.mark.django_db
class TestWelsh:
    def test_english_only_partnership_ignores_lang(self, open_consultation: Consultation) -> None:
        page = Client().get(_u("start", open_consultation) + "?lang=cy").content.decode()
        assert "Start now" in page and "Cymraeg" not in page

    def test_bilingual_partnership_offers_welsh(self, world: SimpleNamespace, open_consultation: Consultation) -> None:
        EngagementSettings.objects.create(organisation=world.oxford, languages=PublicLanguages.BILINGUAL)
        client = Client()
        english = client.get(_u("start", open_consultation)).content.decode()
        assert "Start now" in english and 'href="?lang=cy"' in english
        welsh = client.get(_u("start", open_consultation) + "?lang=cy")
        page = welsh.content.decode()
        assert welsh["Content-Language"] == "cy" and '<html lang="cy"' in page
        assert "Dechrau nawr" in page and "Neidio i'r prif gynnwys" in page
        # The choice is remembered for the next page, and errors are Welsh too.
        client.post(_u("place", open_consultation), {"action": "search", "query": "cowley"})
        client.post(_u("place", open_consultation), {"action": "choose", "place": "0"})
        error = client.post(_u("feeling", open_consultation), {}).content.decode()
        assert "Mae problem wedi codi" in error and "Dewiswch pa mor ddiogel" in error
        assert "Anniogel iawn" in error
