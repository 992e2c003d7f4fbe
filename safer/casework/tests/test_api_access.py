"""Need-to-know over the API: every role x every casework endpoint x own-organisation, shared and not-shared cases.

The case always belongs to the council and is shared with the police; the acting user is in the council
("own"), the police ("shared") or a housing provider the case is not shared with ("not_shared").
Expected: 403 for a role without the capability (whatever the case), 404 for a case the user may not
see (exactly as if it did not exist), 403 for owner-only changes by a partner, else success.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from safer.accounts.choices import Role
from safer.accounts.permissions import capabilities_for
from safer.casework.choices import CaseworkAuditAction
from safer.casework.models import Case
from safer.casework.services import case_close, case_share, party_add
from safer.casework.tests.conftest import new_person, open_case, record_incident
from safer.core.models import AuditEvent


@dataclass(frozen=True)
class Endpoint:
    """One API endpoint: how to call it, what it needs, and its success status."""

    name: str
    method: str
    path: Callable[[dict[str, Any]], str]
    body: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    capability: str = "casework.view"
    case_bound: bool = True  # needs to see the case/incident/person (404 otherwise)
    owner_only: bool = False  # only the owning organisation (403 for a partner)
    success: int = 200


def _now_iso(days: int = 0) -> str:
    return (timezone.now() - timedelta(days=days)).isoformat()


ENDPOINTS = [
    Endpoint("case_list", "get", lambda t: "/api/casework/cases", case_bound=False),
    Endpoint("case_get", "get", lambda t: f"/api/casework/cases/{t['case']}"),
    Endpoint("case_timeline", "get", lambda t: f"/api/casework/cases/{t['case']}/timeline"),
    Endpoint(
        "case_open",
        "post",
        lambda t: "/api/casework/cases",
        lambda t: {"incidents": [t["own_incident"]], "summary": "Opened over the API"},
        capability="casework.edit",
        case_bound=False,
        success=201,
    ),
    Endpoint(
        "case_update",
        "patch",
        lambda t: f"/api/casework/cases/{t['case']}",
        lambda t: {"version": t["version"], "summary": "Changed"},
        capability="casework.edit",
        owner_only=True,
    ),
    Endpoint(
        "case_close",
        "post",
        lambda t: f"/api/casework/cases/{t['case']}/close",
        lambda t: {"version": t["version"], "outcome": "resolved"},
        capability="casework.edit",
        owner_only=True,
    ),
    Endpoint(
        "case_reopen",
        "post",
        lambda t: f"/api/casework/cases/{t['closed_case']}/reopen",
        lambda t: {"version": t["closed_version"], "reason": "ASB started again"},
        capability="casework.edit",
        owner_only=True,
    ),
    Endpoint(
        "case_escalate",
        "post",
        lambda t: f"/api/casework/cases/{t['case']}/escalate",
        lambda t: {"version": t["version"], "stage": 1},
        capability="casework.edit",
        owner_only=True,
    ),
    Endpoint(
        "note_add",
        "post",
        lambda t: f"/api/casework/cases/{t['case']}/notes",
        lambda t: {"text": "Spoke to the complainant"},
        capability="casework.edit",
        success=201,
    ),
    Endpoint(
        "task_create",
        "post",
        lambda t: f"/api/casework/cases/{t['case']}/tasks",
        lambda t: {"title": "Visit", "due_on": timezone.localdate().isoformat()},
        capability="casework.edit",
        success=201,
    ),
    Endpoint(
        "incident_link",
        "post",
        lambda t: f"/api/casework/cases/{t['case']}/incidents",
        lambda t: {"incident": t["own_incident"]},
        capability="casework.edit",
    ),
    Endpoint(
        "case_share",
        "post",
        lambda t: f"/api/casework/cases/{t['case']}/shares",
        lambda t: {"organisation": t["third_org"]},
        capability="casework.edit",
        owner_only=True,
        success=201,
    ),
    Endpoint(
        "case_share_withdraw",
        "post",
        lambda t: f"/api/casework/cases/{t['case']}/shares/{t['share']}/withdraw",
        capability="casework.edit",
        owner_only=True,
    ),
    Endpoint("incident_list", "get", lambda t: "/api/casework/incidents", case_bound=False),
    Endpoint(
        "incident_record",
        "post",
        lambda t: "/api/casework/incidents",
        lambda t: {
            "occurred_at": _now_iso(days=1),
            "location_text": "Park",
            "asb_category": "environmental",
            "asb_type": "Fly-tipping",
            "description": "Bags dumped",
        },
        capability="casework.edit",
        case_bound=False,
        success=201,
    ),
    Endpoint("incident_get", "get", lambda t: f"/api/casework/incidents/{t['case_incident']}"),
    Endpoint("person_get", "get", lambda t: f"/api/casework/people/{t['person']}"),
    Endpoint("person_cases", "get", lambda t: f"/api/casework/people/{t['person']}/cases"),
    Endpoint(
        "person_export", "get", lambda t: f"/api/casework/people/{t['person']}/export", capability="casework.manage"
    ),
]

SCENARIOS = ("own", "shared", "not_shared")


def test_every_api_operation_is_in_the_matrix(client_for: Any, make_user: Any) -> None:
    """A new endpoint must be added to ENDPOINTS (so to the access matrix)."""
    schema = client_for(make_user(role=Role.CASEWORKER)).get("/api/openapi.json").json()
    operation_ids = {
        operation["operationId"]
        for path, methods in schema["paths"].items()
        if path.startswith("/api/casework/")
        for operation in methods.values()
    }
    assert operation_ids == {endpoint.name for endpoint in ENDPOINTS}


def _expected(endpoint: Endpoint, role: str, scenario: str) -> int:
    capabilities = capabilities_for(role)
    if "casework.view" not in capabilities or endpoint.capability not in capabilities:
        return 403
    if endpoint.case_bound and scenario == "not_shared":
        return 404
    if endpoint.owner_only and scenario == "shared":
        return 403
    return endpoint.success


def _target(world: Any, user: Any) -> dict[str, Any]:
    """A fresh council case shared with the police, with a victim, plus what each endpoint needs."""
    person = new_person(world.caseworker, first_name="Matrix", last_name="Victim")
    case = open_case(world.caseworker)
    party_add(actor=world.caseworker, case=case, person=person, role="victim")
    share = case_share(actor=world.caseworker, case=case, organisation=world.police)
    closed = open_case(world.caseworker)
    case_share(actor=world.caseworker, case=closed, organisation=world.police)
    closed = case_close(actor=world.caseworker, case=closed, version=closed.version, outcome="resolved")
    own_incident = record_incident(user).reference if user.has_capability("casework.edit") else "INC-2000-00001"
    case.refresh_from_db()
    return {
        "case": case.reference,
        "version": case.version,
        "closed_case": closed.reference,
        "closed_version": closed.version,
        "case_incident": case.case_incidents.get().incident.reference,
        "share": share.pk,
        "person": str(person.public_id),
        "own_incident": own_incident,
        "third_org": world.fire.pk,
    }


@pytest.fixture
def matrix_world(world: Any, make_organisation: Any, make_user: Any) -> Any:
    """The casework world plus, for every role, a user in each of the three organisations."""
    world.fire = make_organisation(name="Test Fire", kind="fire")
    world.users = {
        (role, scenario): make_user(role=role, organisation=organisation)
        for role in Role.values
        for scenario, organisation in zip(SCENARIOS, (world.council, world.police, world.housing), strict=True)
    }
    return world


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("role", Role.values)
def test_api_access_matrix(matrix_world: Any, client_for: Any, role: str, scenario: str) -> None:
    world = matrix_world
    user = world.users[(role, scenario)]
    client = client_for(user)
    wrong: list[str] = []
    for endpoint in ENDPOINTS:
        target = _target(world, user)
        before = Case.objects.get(reference=target["case"]).version
        body = endpoint.body(target) if endpoint.body else {}
        url = endpoint.path(target)
        call = getattr(client, endpoint.method)
        response = call(url, json.dumps(body), content_type="application/json") if body else call(url)
        expected = _expected(endpoint, role, scenario)
        if response.status_code != expected:
            wrong.append(
                f"{endpoint.name}: got {response.status_code}, expected {expected}: {response.content[:200]!r}"
            )
            continue
        payload = response.json()
        if expected >= 400:
            # The one error shape, and a refused change changed nothing.
            assert set(payload) == {"message", "code", "fields"}, endpoint.name
            assert payload["code"] == ("not_found" if expected == 404 else "forbidden"), endpoint.name
            assert Case.objects.get(reference=target["case"]).version == before, endpoint.name
            text = response.content.decode()
            # No error names the case's people; a 404 says nothing of the case at all (summary, owner).
            assert "Matrix" not in text and "Victim" not in text, endpoint.name
            if expected == 404:
                assert "Noise nuisance" not in text and "Test Council" not in text, endpoint.name
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(("scenario", "visible"), [("own", True), ("shared", True), ("not_shared", False)])
def test_case_list_holds_only_visible_cases(matrix_world: Any, client_for: Any, scenario: str, visible: bool) -> None:
    world = matrix_world
    user = world.users[(Role.CASEWORKER, scenario)]
    target = _target(world, world.caseworker)
    references = {item["reference"] for item in client_for(user).get("/api/casework/cases").json()["items"]}
    assert (target["case"] in references) is visible
    incidents = {i["reference"] for i in client_for(user).get("/api/casework/incidents").json()["items"]}
    assert (target["case_incident"] in incidents) is visible


def test_reads_are_audited_with_the_acting_user(matrix_world: Any, client_for: Any) -> None:
    world = matrix_world
    user = world.users[(Role.CASEWORKER, "shared")]
    target = _target(world, world.caseworker)
    client = client_for(user)
    client.get(f"/api/casework/cases/{target['case']}")
    client.get(f"/api/casework/people/{target['person']}")
    client.get(f"/api/casework/incidents/{target['case_incident']}")
    client.get("/api/casework/cases")
    actions = list(AuditEvent.objects.filter(actor=user).values_list("action", flat=True))
    assert sorted(actions) == sorted(
        [
            CaseworkAuditAction.CASE_VIEWED,
            CaseworkAuditAction.PERSON_VIEWED,
            CaseworkAuditAction.INCIDENT_VIEWED,
            CaseworkAuditAction.CASE_LIST_VIEWED,
        ]
    )
