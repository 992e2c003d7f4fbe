"""The safeguarding API: every endpoint x every kind of user; the one error shape; pseudonymous output only."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from safer.core.models import AuditEvent
from safer.safeguarding.api import router
from safer.safeguarding.services import dhr, matac
from safer.safeguarding.tests.conftest import World, referral_kwargs
from safer.safeguarding.tests.test_access import ALLOWED, USERS, denied_status
from safer.testing.accounts import signed_in_client


@dataclass(frozen=True)
class Endpoint:
    """An endpoint, the access kind it needs and its success status."""

    operation: str
    method: str
    path: str
    kind: str
    success: int = 200
    body: dict[str, Any] | None = None


REFERRAL = {
    "perpetrator_ref": "API-1",
    "latest_incident_on": "2026-10-01",
    "incidents": 1,
    "crime": False,
    "victim_count": 1,
    "risk_level": "standard",
    "evidence": "Seen by outreach",
}
ENDPOINTS = [
    Endpoint("matac_area_list", "get", "/api/safeguarding/areas", "matac_any"),
    Endpoint("matac_ranking_latest", "get", "/api/safeguarding/areas/{area}/ranking", "matac_area"),
    Endpoint("matac_referral_add", "post", "/api/safeguarding/areas/{area}/referrals", "matac_area", 201, REFERRAL),
    Endpoint("dhr_review_list", "get", "/api/safeguarding/reviews", "dhr_any"),
    Endpoint("dhr_review_get", "get", "/api/safeguarding/reviews/{review}", "dhr_review"),
]


@pytest.fixture
def objects(world: World) -> dict[str, Any]:
    matac.referral_add(actor=world.member, area_id=world.area.pk, **referral_kwargs())
    matac.ranking_create(actor=world.analyst, area_id=world.area.pk, as_of=date(2026, 11, 30))
    review = dhr.review_notify(actor=world.dhr, title="Adult A", notified_on=date(2026, 1, 5))
    return {"area": world.area.pk, "review": review.reference}


def test_every_operation_has_a_row() -> None:
    operations = {op.operation_id for path in router.path_operations.values() for op in path.operations}
    assert operations == {e.operation for e in ENDPOINTS}


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.operation)
def test_matrix(endpoint: Endpoint, world: World, objects: dict[str, Any]) -> None:
    path = endpoint.path.format(**objects)
    for name in USERS:
        user = getattr(world, name)
        client = signed_in_client(user)
        call = getattr(client, endpoint.method)
        kwargs = {"data": json.dumps(endpoint.body), "content_type": "application/json"} if endpoint.body else {}
        before = AuditEvent.objects.filter(actor=user).count()
        response = call(path, **kwargs)
        if name in ALLOWED[endpoint.kind]:
            assert response.status_code == endpoint.success, (name, path, response.content)
            assert AuditEvent.objects.filter(actor=user).count() > before
        else:
            assert response.status_code == denied_status(endpoint.kind, name), (name, path, response.status_code)
            assert set(response.json()) == {"message", "code", "fields"}


def test_ranking_output_is_pseudonymous_and_validation_errors_name_fields(world: World, objects: dict) -> None:
    client = signed_in_client(world.member)
    ranking = client.get(f"/api/safeguarding/areas/{world.area.pk}/ranking").json()
    assert ranking["entries"][0]["perpetrator_ref"] == "P-1" and "full_name" not in ranking["entries"][0]
    assert ranking["scheme_version"] == 1
    bad = client.post(
        f"/api/safeguarding/areas/{world.area.pk}/referrals",
        data=json.dumps(REFERRAL | {"crime": True, "offence_code": ""}),
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["fields"] == {
        "offence_code": ["Enter the Home Office offence code for a crime."]
    }
