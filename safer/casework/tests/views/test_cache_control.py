"""Pages and API answers that show casework (personal data) tell browsers and proxies not to keep a copy."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safer.casework.tests.conftest import new_person, open_case
from safer.testing.accounts import signed_in_client

pytestmark = pytest.mark.django_db


def _no_store(response: object) -> bool:
    return "no-store" in response["Cache-Control"]  # type: ignore[index]


class TestCacheControl:
    def test_case_pages_are_not_stored(self, world):
        case = open_case(world.caseworker)
        person = new_person(world.caseworker)
        client = signed_in_client(world.caseworker)
        for url in (
            reverse("casework:home"),
            reverse("casework:case-list"),
            reverse("casework:case-detail", args=[case.reference]),
            reverse("casework:case-escalate", args=[case.reference]),
            reverse("casework:person-detail", args=[person.public_id]),
        ):
            response = client.get(url)
            assert response.status_code == 200 and _no_store(response), url

    def test_casework_api_answers_are_not_stored(self, world):
        case = open_case(world.caseworker)
        client = signed_in_client(world.caseworker)
        for url in (
            "/api/casework/cases",
            f"/api/casework/cases/{case.reference}",
            "/api/casework/cases/ASB-2000-00001",
        ):
            response = client.get(url)
            assert response.status_code in {200, 404} and _no_store(response), url
