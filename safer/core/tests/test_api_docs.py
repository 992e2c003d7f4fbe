"""The API's docs page and schema: behind sign-in (and two-factor), saying exactly what the API serves."""

from __future__ import annotations

import pytest
from django.test import Client

from safer.accounts.choices import Role
from safer.testing.accounts import TEST_PASSWORD

pytestmark = pytest.mark.django_db


class TestApiDocsAccess:
    def test_signed_out_users_are_sent_to_sign_in_and_get_no_schema(self, client):
        docs = client.get("/api/docs")
        assert docs.status_code == 302 and docs["Location"].startswith("/accounts/sign-in/?next=/api/docs")
        schema = client.get("/api/openapi.json")
        assert schema.status_code == 403 and schema.json()["code"] == "not_authenticated"

    def test_half_signed_in_users_are_sent_to_their_code_first(self, make_user):
        user = make_user(role=Role.CASEWORKER)
        client = Client()
        client.post("/accounts/sign-in/", {"username": user.username, "password": TEST_PASSWORD})
        assert client.get("/api/docs")["Location"] == "/accounts/two-factor/verify/"
        assert client.get("/api/openapi.json").json()["code"] == "two_factor_required"

    def test_signed_in_users_read_the_docs_and_the_schema(self, make_user, client_for):
        client = client_for(make_user(role=Role.ANALYST, with_device=False))
        docs = client.get("/api/docs")
        body = docs.content.decode()
        assert docs.status_code == 200 and "no-store" in docs["Cache-Control"]
        assert '<html lang="en-GB"' in body and "Back to the service" in body
        assert "Casework (/api/casework/)" in body and "/api/casework/cases/{reference}/escalate" in body
        assert "swagger" not in body.lower() and "cdn" not in body.lower()
        schema = client.get("/api/openapi.json").json()
        assert "crime figures" not in schema["info"]["description"]
        assert "- Casework (/api/casework/)" in schema["info"]["description"]
