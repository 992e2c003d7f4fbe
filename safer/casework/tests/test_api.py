"""The casework API, endpoint by endpoint: input errors first, then the contract (shape, effect, audit)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from safer.casework.choices import CaseworkAuditAction
from safer.casework.models import Case, CaseIncident, CaseShare, Incident, Intervention, Note, Task
from safer.casework.services import case_close, case_share, party_add
from safer.casework.tests.conftest import new_person, open_case, record_incident
from safer.core.models import AuditEvent

API = "/api/casework"


def send(client: Client, method: str, url: str, body: dict[str, Any] | None = None) -> Any:
    """Call the API with a JSON body."""
    call = getattr(client, method)
    if body is None:
        return call(url)
    return call(url, json.dumps(body), content_type="application/json")


def assert_error(response: Any, status: int, code: str, field: str | None = None) -> dict[str, Any]:
    """The response is the one error shape with this status and code (and names the field at fault)."""
    assert response.status_code == status, response.content
    payload = response.json()
    assert set(payload) == {"message", "code", "fields"}
    assert payload["code"] == code
    assert payload["message"]
    if field is not None:
        assert field in payload["fields"], payload
    return payload


def incident_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "occurred_at": (timezone.now() - timedelta(hours=3)).isoformat(),
        "location_text": "Bus station",
        "asb_category": "personal",
        "asb_type": "Intimidation",
        "description": "Group shouting at passengers",
    }
    body.update(overrides)
    return body


@pytest.fixture
def cw(world: Any, client_for: Any) -> Client:
    return client_for(world.caseworker)


@pytest.fixture
def case(world: Any) -> Case:
    return open_case(world.caseworker)


# ---- Authentication and two-factor ------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_requests_are_refused_in_the_error_shape() -> None:
    assert_error(Client().get(f"{API}/cases"), 403, "not_authenticated")


def test_a_session_without_two_factor_is_refused(world: Any) -> None:
    client = Client()
    client.force_login(world.caseworker)  # password only: the device was not verified
    assert_error(client.get(f"{API}/cases"), 403, "two_factor_required")


def test_unsafe_methods_need_the_csrf_token(world: Any, case: Case) -> None:
    from safer.testing.accounts import signed_in_client

    client = signed_in_client(world.caseworker)
    client.handler.enforce_csrf_checks = True
    response = send(client, "post", f"{API}/cases/{case.reference}/notes", {"text": "x"})
    assert response.status_code == 403
    assert not Note.objects.exists()


# ---- Cases: list ------------------------------------------------------------------------------


def test_case_list_rejects_bad_filters(cw: Client) -> None:
    assert_error(cw.get(f"{API}/cases?status=archived"), 400, "invalid", "status")
    assert_error(cw.get(f"{API}/cases?limit=0"), 400, "invalid", "limit")
    assert_error(cw.get(f"{API}/cases?limit=201"), 400, "invalid", "limit")
    assert_error(cw.get(f"{API}/cases?q=" + "x" * 51), 400, "invalid", "q")


def test_case_list_filters_and_pages(world: Any, cw: Client) -> None:
    mine = [open_case(world.caseworker) for _ in range(3)]
    theirs = open_case(world.caseworker, officer=world.manager)
    closed = case_close(actor=world.caseworker, case=mine[0], version=mine[0].version, outcome="resolved")
    everything = cw.get(f"{API}/cases").json()
    assert everything["count"] == 4
    # Newest first, as opened.
    assert [c["reference"] for c in everything["items"]] == [theirs.reference] + [c.reference for c in mine[::-1]]
    assert {c["reference"] for c in cw.get(f"{API}/cases?mine=true").json()["items"]} == {c.reference for c in mine}
    open_only = cw.get(f"{API}/cases?status=open").json()
    assert closed.reference not in {c["reference"] for c in open_only["items"]}
    assert open_only["count"] == 3
    page = cw.get(f"{API}/cases?limit=2&offset=1").json()
    assert (page["count"], page["limit"], page["offset"], len(page["items"])) == (4, 2, 1, 2)
    assert cw.get(f"{API}/cases?q={theirs.reference.lower()}").json()["count"] == 1
    item = everything["items"][0]
    assert item["is_owner"] is True and item["incident_count"] == 1 and item["version"] == 1
    assert item["owner_organisation"] == {"id": world.council.pk, "name": "Test Council"}


# ---- Cases: get, timeline -------------------------------------------------------------------


def test_case_get_rejects_a_malformed_reference(cw: Client) -> None:
    assert_error(cw.get(f"{API}/cases/not-a-reference"), 400, "invalid", "reference")


def test_case_get_unknown_reference_is_404(cw: Client) -> None:
    assert_error(cw.get(f"{API}/cases/ASB-2020-99999"), 404, "not_found")


def test_case_get_returns_the_case_with_its_parts_and_audits_the_view(world: Any, cw: Client, case: Case) -> None:
    person = new_person(world.caseworker, first_name="Ann", last_name="Example")
    party_add(actor=world.caseworker, case=case, person=person, role="victim")
    case_share(actor=world.caseworker, case=case, organisation=world.police)
    last = AuditEvent.objects.order_by("-id").first()
    response = cw.get(f"{API}/cases/{case.reference.lower()}")
    assert response.status_code == 200
    body = response.json()
    case.refresh_from_db()
    assert body["reference"] == case.reference and body["version"] == case.version
    assert body["parties"] == [{"person": str(person.public_id), "name": "Ann Example", "role": "victim"}]
    assert [i["reference"] for i in body["incidents"]] == [case.case_incidents.get().incident.reference]
    assert [s["organisation"]["name"] for s in body["shares"]] == ["Test Police"]
    new_events = AuditEvent.objects.filter(id__gt=last.pk if last else 0)
    assert [(e.action, e.actor, e.target_id) for e in new_events] == [
        (CaseworkAuditAction.CASE_VIEWED, world.caseworker, str(case.pk))
    ]


def test_case_timeline_lists_events_newest_first(world: Any, cw: Client, case: Case) -> None:
    send(cw, "post", f"{API}/cases/{case.reference}/notes", {"text": "First visit done"})
    entries = cw.get(f"{API}/cases/{case.reference}/timeline").json()
    assert entries[0]["title"] == "Note added"
    times = [e["at"] for e in entries]
    assert times == sorted(times, reverse=True)


# ---- Cases: open -----------------------------------------------------------------------------


def test_case_open_input_errors(world: Any, cw: Client) -> None:
    assert_error(send(cw, "post", f"{API}/cases", {"incidents": []}), 400, "invalid", "incidents")
    assert_error(send(cw, "post", f"{API}/cases", {"incidents": ["INC-1"]}), 400, "invalid", "incidents.0")
    assert_error(send(cw, "post", f"{API}/cases", {"incidents": ["INC-2020-99999"]}), 400, "invalid", "incidents")
    hidden = record_incident(world.housing_worker)
    payload = assert_error(
        send(cw, "post", f"{API}/cases", {"incidents": [hidden.reference]}), 400, "invalid", "incidents"
    )
    assert hidden.reference in payload["message"]
    own = record_incident(world.caseworker)
    assert_error(
        send(cw, "post", f"{API}/cases", {"incidents": [own.reference], "officer": world.police_worker.pk}),
        400,
        "invalid",
        "officer",
    )
    assert_error(
        send(cw, "post", f"{API}/cases", {"incidents": [own.reference], "officer": 2**31 - 1}),
        400,
        "invalid",
        "officer",
    )
    assert not Case.objects.exists()


def test_case_open_from_two_incidents(world: Any, cw: Client) -> None:
    first, second = record_incident(world.caseworker), record_incident(world.caseworker)
    response = send(
        cw,
        "post",
        f"{API}/cases",
        {
            "incidents": [first.reference, second.reference.lower()],
            "summary": "Repeat noise",
            "officer": world.manager.pk,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    case = Case.objects.get(reference=body["reference"])
    assert set(CaseIncident.objects.filter(case=case).values_list("incident", flat=True)) == {first.pk, second.pk}
    assert (case.summary, case.officer, case.owner_organisation) == ("Repeat noise", world.manager, world.council)
    assert body["incident_count"] == 2 and body["officer"]["id"] == world.manager.pk
    assert AuditEvent.objects.filter(action=CaseworkAuditAction.CASE_OPENED, actor=world.caseworker).count() == 1


# ---- Cases: update and optimistic locking ----------------------------------------------------


def test_case_update_input_errors(world: Any, cw: Client, case: Case) -> None:
    url = f"{API}/cases/{case.reference}"
    assert_error(send(cw, "patch", url, {"summary": "no version"}), 400, "invalid", "version")
    assert_error(send(cw, "patch", url, {"version": 0}), 400, "invalid", "version")
    assert_error(send(cw, "patch", url, {"version": 1, "summary": "x" * 201}), 400, "invalid", "summary")
    assert_error(send(cw, "patch", url, {"version": 1, "summary": "nul\x00"}), 400, "invalid", "summary")
    future = (timezone.now() + timedelta(days=2)).isoformat()
    assert_error(send(cw, "patch", url, {"version": 1, "first_contact_at": future}), 400, "invalid", "first_contact_at")
    naive = timezone.now().replace(tzinfo=None).isoformat()
    assert_error(send(cw, "patch", url, {"version": 1, "first_contact_at": naive}), 400, "invalid", "first_contact_at")
    assert_error(send(cw, "patch", url, {"version": 1, "officer": world.police_worker.pk}), 400, "invalid", "officer")
    case.refresh_from_db()
    assert case.version == 1 and case.summary == "Noise nuisance (test)"


def test_case_update_changes_only_the_fields_sent(world: Any, cw: Client, case: Case) -> None:
    contact = timezone.now()
    response = send(
        cw,
        "patch",
        f"{API}/cases/{case.reference}",
        {"version": 1, "area": "Cowley", "first_contact_at": contact.isoformat()},
    )
    assert response.status_code == 200, response.content
    case.refresh_from_db()
    assert (case.area, case.summary, case.first_contact_at, case.version) == (
        "Cowley",
        "Noise nuisance (test)",
        contact,
        2,
    )
    assert response.json()["version"] == 2
    unassigned = send(cw, "patch", f"{API}/cases/{case.reference}", {"version": 2, "officer": None})
    assert unassigned.json()["officer"] is None


def test_two_editors_with_the_same_version_the_second_gets_409(world: Any, client_for: Any, case: Case) -> None:
    first, second = client_for(world.caseworker), client_for(world.manager)
    version = first.get(f"{API}/cases/{case.reference}").json()["version"]
    assert (
        send(first, "patch", f"{API}/cases/{case.reference}", {"version": version, "summary": "A"}).status_code == 200
    )
    conflict = send(second, "patch", f"{API}/cases/{case.reference}", {"version": version, "summary": "B"})
    payload = assert_error(conflict, 409, "conflict", "version")
    assert "changed by someone else" in payload["message"]
    case.refresh_from_db()
    assert case.summary == "A"  # the second edit did not silently overwrite the first


@pytest.mark.parametrize(
    ("action", "body"),
    [
        ("close", {"outcome": "resolved"}),
        ("escalate", {"stage": 1}),
    ],
)
def test_stale_version_is_409_for_every_versioned_change(cw: Client, case: Case, action: str, body: dict) -> None:
    send(cw, "patch", f"{API}/cases/{case.reference}", {"version": 1, "summary": "moved on"})
    assert_error(send(cw, "post", f"{API}/cases/{case.reference}/{action}", {"version": 1, **body}), 409, "conflict")
    case.refresh_from_db()
    assert (case.status, case.stage, case.version) == ("open", 0, 2)
    assert not Intervention.objects.exists()


def test_stale_version_on_reopen_is_409(world: Any, cw: Client, case: Case) -> None:
    closed = case_close(actor=world.caseworker, case=case, version=case.version, outcome="resolved")
    response = send(cw, "post", f"{API}/cases/{case.reference}/reopen", {"version": closed.version - 1, "reason": "x"})
    assert_error(response, 409, "conflict")


# ---- Cases: close, reopen ------------------------------------------------------------------


def test_case_close_input_errors(cw: Client, case: Case) -> None:
    url = f"{API}/cases/{case.reference}/close"
    assert_error(send(cw, "post", url, {"version": 1}), 400, "invalid", "outcome")
    assert_error(send(cw, "post", url, {"version": 1, "outcome": "lost"}), 400, "invalid", "outcome")
    early = (case.opened_at - timedelta(days=1)).isoformat()
    assert_error(send(cw, "post", url, {"version": 1, "outcome": "resolved", "closed_at": early}), 400, "invalid")


def test_case_close_then_reopen(cw: Client, case: Case) -> None:
    closed = send(cw, "post", f"{API}/cases/{case.reference}/close", {"version": 1, "outcome": "referred"}).json()
    assert (closed["status"], closed["outcome"], closed["version"]) == ("closed", "referred", 2)
    assert_error(
        send(cw, "post", f"{API}/cases/{case.reference}/escalate", {"version": 2, "stage": 1}), 409, "case_closed"
    )
    assert_error(send(cw, "post", f"{API}/cases/{case.reference}/reopen", {"version": 2, "reason": ""}), 400, "invalid")
    reopened = send(cw, "post", f"{API}/cases/{case.reference}/reopen", {"version": 2, "reason": "It started again"})
    assert reopened.status_code == 200
    assert (reopened.json()["status"], reopened.json()["closed_at"]) == ("open", None)
    assert_error(
        send(cw, "post", f"{API}/cases/{case.reference}/reopen", {"version": 3, "reason": "again"}),
        400,
        "invalid",
        "reason",
    )


# ---- Cases: escalate -----------------------------------------------------------------------


def test_case_escalate_input_errors(world: Any, cw: Client, case: Case) -> None:
    url = f"{API}/cases/{case.reference}/escalate"
    assert_error(send(cw, "post", url, {"version": 1, "stage": 5}), 400, "invalid", "stage")
    skip = assert_error(send(cw, "post", url, {"version": 1, "stage": 3}), 400, "stage_skip_reason_missing")
    assert "skipped_reason" in skip["fields"]
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert_error(send(cw, "post", url, {"version": 1, "stage": 1, "occurred_on": tomorrow}), 400, "invalid")
    witness = new_person(world.caseworker, first_name="Wendy", last_name="Witness")
    party_add(actor=world.caseworker, case=case, person=witness, role="witness")
    body = {"version": 1, "stage": 1, "person": str(witness.public_id)}
    payload = assert_error(send(cw, "post", url, body), 400, "invalid", "person")
    assert "Wendy" not in json.dumps(payload) and "Witness" not in payload["message"]
    assert not Intervention.objects.exists()


def test_case_escalate_to_enforcement_needs_confirmation(world: Any, cw: Client, case: Case) -> None:
    url = f"{API}/cases/{case.reference}/escalate"
    body = {"version": 1, "stage": 4, "skipped_reason": "Knife seen", "action": "Injunction applied for"}
    assert_error(send(cw, "post", url, body), 400, "enforcement_not_confirmed", "stage")
    assert not Intervention.objects.exists()
    response = send(cw, "post", url, {**body, "confirm_enforcement": True})
    assert response.status_code == 200, response.content
    assert Intervention.objects.get().stage == 4


def test_case_escalate_records_the_intervention(world: Any, cw: Client, case: Case) -> None:
    perpetrator = new_person(world.caseworker, first_name="Pat")
    party_add(actor=world.caseworker, case=case, person=perpetrator, role="perpetrator")
    body = {
        "version": 1,
        "stage": 2,
        "skipped_reason": "Warning already given by police",
        "person": str(perpetrator.public_id),
    }
    response = send(cw, "post", f"{API}/cases/{case.reference}/escalate", body)
    assert response.status_code == 200, response.content
    assert (response.json()["stage"], response.json()["version"]) == (2, 2)
    intervention = Intervention.objects.get()
    assert (intervention.stage, intervention.from_stage, intervention.person) == (2, 0, perpetrator)
    assert intervention.skipped_reason == "Warning already given by police"


# ---- Notes, tasks, incident links, sharing ------------------------------------------------


def test_note_add_input_errors_and_contract(world: Any, cw: Client, case: Case) -> None:
    url = f"{API}/cases/{case.reference}/notes"
    assert_error(send(cw, "post", url, {}), 400, "invalid", "text")
    assert_error(send(cw, "post", url, {"text": ""}), 400, "invalid", "text")
    assert_error(send(cw, "post", url, {"text": "   "}), 400, "invalid", "text")
    response = send(cw, "post", url, {"text": "  Called the housing officer  "})
    assert response.status_code == 201
    note = Note.objects.get()
    assert response.json() == {
        "id": note.pk,
        "text": "Called the housing officer",
        "author": {"id": world.caseworker.pk, "name": "cw"},
        "created_at": response.json()["created_at"],
    }
    assert AuditEvent.objects.filter(action=CaseworkAuditAction.NOTE_ADDED, target_id=str(case.pk)).count() == 1


def test_note_add_reads_the_case_row_alone_and_a_partner_can_add_one(
    world: Any, client_for: Any, cw: Client, case: Case
) -> None:
    # The answer names the caller as author, so the case is read without its officer, team and owner joined; a
    # partner the case is shared with may still add a note, and one it is not shared with cannot see the case.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert send(cw, "post", f"{API}/cases/{case.reference}/notes", {"text": "Owner note"}).status_code == 201
    case_reads = [q["sql"] for q in queries.captured_queries if 'FROM "casework_case"' in q["sql"]]
    assert len(case_reads) == 1 and "JOIN" not in case_reads[0]
    partner = client_for(world.police_worker)
    url = f"{API}/cases/{case.reference}/notes"
    assert_error(send(partner, "post", url, {"text": "Partner note"}), 404, "not_found")
    case_share(actor=world.caseworker, case=case, organisation=world.police)
    assert send(partner, "post", url, {"text": "Partner note"}).status_code == 201
    assert list(Note.objects.filter(case=case).values_list("text", flat=True).order_by("id")) == [
        "Owner note",
        "Partner note",
    ]


def test_task_create_input_errors_and_contract(world: Any, cw: Client, case: Case) -> None:
    url = f"{API}/cases/{case.reference}/tasks"
    today = timezone.localdate()
    assert_error(send(cw, "post", url, {"title": "Visit"}), 400, "invalid", "due_on")
    assert_error(send(cw, "post", url, {"title": "", "due_on": today.isoformat()}), 400, "invalid", "title")
    early = (today - timedelta(days=30)).isoformat()
    assert_error(send(cw, "post", url, {"title": "Visit", "due_on": early}), 400, "invalid", "due_on")
    body = {"title": "Visit", "due_on": today.isoformat(), "owner": world.analyst.pk}
    assert_error(send(cw, "post", url, body), 400, "invalid", "owner")
    body["owner"] = world.housing_worker.pk
    assert_error(send(cw, "post", url, body), 400, "invalid", "owner")
    body["owner"] = world.manager.pk
    response = send(cw, "post", url, body)
    assert response.status_code == 201
    task = Task.objects.get()
    assert (task.title, task.owner, task.due_on) == ("Visit", world.manager, today)
    assert response.json()["owner"] == {"id": world.manager.pk, "name": "cm"}


def test_incident_link_input_errors_and_contract(world: Any, cw: Client, case: Case) -> None:
    url = f"{API}/cases/{case.reference}/incidents"
    assert_error(send(cw, "post", url, {"incident": "nope"}), 400, "invalid", "incident")
    hidden = record_incident(world.housing_worker)
    assert_error(send(cw, "post", url, {"incident": hidden.reference}), 400, "invalid", "incident")
    linked = case.case_incidents.get().incident
    assert_error(send(cw, "post", url, {"incident": linked.reference}), 400, "invalid", "incident")
    extra = record_incident(world.caseworker)
    response = send(cw, "post", url, {"incident": extra.reference})
    assert response.status_code == 200
    assert (response.json()["incident_count"], response.json()["version"]) == (2, 2)


def test_case_share_and_withdraw(world: Any, cw: Client, case: Case) -> None:
    url = f"{API}/cases/{case.reference}/shares"
    assert_error(send(cw, "post", url, {"organisation": world.council.pk}), 400, "invalid", "organisation")
    assert_error(send(cw, "post", url, {"organisation": 2**31 - 1}), 400, "invalid", "organisation")
    response = send(cw, "post", url, {"organisation": world.police.pk, "reason": "Joint visit"})
    assert response.status_code == 201
    share = CaseShare.objects.get()
    assert response.json()["organisation"] == {"id": world.police.pk, "name": "Test Police"}
    assert_error(send(cw, "post", url, {"organisation": world.police.pk}), 400, "invalid", "organisation")
    assert_error(send(cw, "post", f"{url}/{share.pk + 1000}/withdraw"), 404, "not_found")
    withdrawn = send(cw, "post", f"{url}/{share.pk}/withdraw")
    assert withdrawn.status_code == 200 and withdrawn.json()["withdrawn_at"] is not None
    assert_error(send(cw, "post", f"{url}/{share.pk}/withdraw"), 400, "invalid", "share")
    # Once withdrawn the partner no longer sees the case.
    from safer.testing.accounts import signed_in_client

    assert signed_in_client(world.police_worker).get(f"{API}/cases/{case.reference}").status_code == 404


# ---- Incidents ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"occurred_at": "yesterday"}, "occurred_at"),
        ({"occurred_at": "2026-01-01T10:00:00"}, "occurred_at"),  # no time zone
        ({"occurred_at": "0001-01-01T00:00:00+01:00"}, "occurred_at"),
        ({"asb_category": "criminal"}, "asb_category"),
        ({"location_text": ""}, "location_text"),
        ({"location_text": "x" * 301}, "location_text"),
        ({"description": "bad\x00byte"}, "description"),
        ({"latitude": 51.7}, "latitude"),  # without longitude
        ({"latitude": 40.0, "longitude": -1.2}, "latitude"),  # outside the UK
        ({"hate_motivated": True}, "hate_strand"),
        ({"hate_strand": "race"}, "hate_strand"),
        ({"lsoa_code": "E0100'; --"}, "lsoa_code"),
    ],
)
def test_incident_record_input_errors(cw: Client, overrides: dict, field: str) -> None:
    assert_error(send(cw, "post", f"{API}/incidents", incident_body(**overrides)), 400, "invalid", field)
    assert not Incident.objects.exists()


def test_incident_record_in_the_future_is_refused(cw: Client) -> None:
    future = (timezone.now() + timedelta(days=1)).isoformat()
    assert_error(send(cw, "post", f"{API}/incidents", incident_body(occurred_at=future)), 400, "invalid", "occurred_at")


def test_incident_record_contract(world: Any, cw: Client) -> None:
    reporter = new_person(world.caseworker)
    body = incident_body(
        latitude=51.752,
        longitude=-1.2577,
        hate_motivated=True,
        hate_strand="religion",
        reporting_person=str(reporter.public_id),
        lsoa_code="e01028522",
    )
    response = send(cw, "post", f"{API}/incidents", body)
    assert response.status_code == 201, response.content
    incident = Incident.objects.get()
    out = response.json()
    assert out["reference"] == incident.reference
    assert (out["latitude"], out["longitude"], out["lsoa_code"]) == (51.752, -1.2577, "E01028522")
    assert (incident.hate_strand, incident.reporting_person, incident.receiving_organisation) == (
        "religion",
        reporter,
        world.council,
    )
    assert out["reporting_person"] == str(reporter.public_id)
    assert AuditEvent.objects.filter(action=CaseworkAuditAction.INCIDENT_RECORDED).count() == 1


def test_incident_record_with_a_person_the_user_cannot_see(world: Any, cw: Client) -> None:
    hidden = new_person(world.housing_worker, first_name="Hidden", last_name="Reporter")
    response = send(cw, "post", f"{API}/incidents", incident_body(reporting_person=str(hidden.public_id)))
    payload = assert_error(response, 400, "invalid", "reporting_person")
    assert "Hidden" not in json.dumps(payload) and "Reporter" not in json.dumps(payload)


def test_incident_list_and_get(world: Any, cw: Client, case: Case) -> None:
    unlinked = record_incident(world.caseworker)
    record_incident(world.housing_worker)  # another organisation's: never listed
    listed = cw.get(f"{API}/incidents").json()
    assert listed["count"] == 2
    assert [i["reference"] for i in cw.get(f"{API}/incidents?unlinked=true").json()["items"]] == [unlinked.reference]
    assert_error(cw.get(f"{API}/incidents?limit=-1"), 400, "invalid", "limit")
    assert cw.get(f"{API}/incidents/{unlinked.reference}").json()["description"] == unlinked.description
    assert_error(cw.get(f"{API}/incidents/INC-2020-99999"), 404, "not_found")
    assert_error(cw.get(f"{API}/incidents/INC-2020"), 400, "invalid", "reference")


# ---- People -------------------------------------------------------------------------------


def test_person_endpoints(world: Any, client_for: Any, case: Case) -> None:
    person = new_person(world.caseworker, first_name="Sam", last_name="Sample", postcode="ox1 1aa")
    party_add(actor=world.caseworker, case=case, person=person, role="victim")
    cw = client_for(world.caseworker)
    assert_error(cw.get(f"{API}/people/not-a-uuid"), 400, "invalid", "person_id")
    assert_error(cw.get(f"{API}/people/00000000-0000-0000-0000-000000000000"), 404, "not_found")
    got = cw.get(f"{API}/people/{person.public_id}").json()
    assert (got["first_name"], got["last_name"], got["postcode"], got["anonymised"]) == (
        "Sam",
        "Sample",
        "OX1 1AA",
        False,
    )
    cases = cw.get(f"{API}/people/{person.public_id}/cases").json()
    assert [(c["role"], c["case"]["reference"]) for c in cases] == [("victim", case.reference)]
    assert_error(cw.get(f"{API}/people/{person.public_id}/export"), 403, "forbidden")
    export = client_for(world.manager).get(f"{API}/people/{person.public_id}/export")
    assert export.status_code == 200
    data = export.json()
    assert data["person"]["id"] == str(person.public_id)
    assert [c["reference"] for c in data["cases"]] == [case.reference]
    assert AuditEvent.objects.filter(action=CaseworkAuditAction.PERSON_EXPORTED, actor=world.manager).count() == 1


def test_person_cases_hide_cases_the_user_cannot_see(world: Any, client_for: Any) -> None:
    person = new_person(world.caseworker, first_name="Shared")
    visible, hidden = open_case(world.caseworker), open_case(world.caseworker)
    for c in (visible, hidden):
        party_add(actor=world.caseworker, case=c, person=person, role="witness")
    case_share(actor=world.caseworker, case=visible, organisation=world.police)
    cases = client_for(world.police_worker).get(f"{API}/people/{person.public_id}/cases").json()
    assert [c["case"]["reference"] for c in cases] == [visible.reference]


# ---- No personal data in errors; the OpenAPI schema -----------------------------------------


def test_no_error_message_holds_personal_data(world: Any, client_for: Any, case: Case) -> None:
    """Errors touching people name no one, whoever asks and whatever went wrong."""
    person = new_person(
        world.caseworker, first_name="Zebedee", last_name="Quartermaine", postcode="OX4 9ZZ", phone="07700 900123"
    )
    party_add(actor=world.caseworker, case=case, person=person, role="victim")
    secrets = ("Zebedee", "Quartermaine", "OX4 9ZZ", "07700 900123")
    cw, outsider = client_for(world.caseworker), client_for(world.housing_worker)
    responses = [
        outsider.get(f"{API}/people/{person.public_id}"),
        outsider.get(f"{API}/people/{person.public_id}/cases"),
        outsider.get(f"{API}/cases/{case.reference}"),
        cw.get(f"{API}/people/{person.public_id}/export"),
        send(
            cw,
            "post",
            f"{API}/cases/{case.reference}/escalate",
            {"version": 1, "stage": 1, "person": str(person.public_id)},
        ),
        send(cw, "post", f"{API}/cases/{case.reference}/escalate", {"version": 9, "stage": 1}),
        send(outsider, "post", f"{API}/incidents", incident_body(reporting_person=str(person.public_id))),
        send(cw, "post", f"{API}/cases/{case.reference}/tasks", {"title": "x", "due_on": "1999-01-01"}),
    ]
    for response in responses:
        assert response.status_code >= 400, response.content
        text = response.content.decode()
        assert not [s for s in secrets if s in text], text


def test_openapi_schema_describes_every_casework_operation(cw: Client) -> None:
    response = cw.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    operations = [
        (path, method, operation)
        for path, methods in schema["paths"].items()
        if path.startswith("/api/casework/")
        for method, operation in methods.items()
    ]
    assert len(operations) == 19
    for path, method, operation in operations:
        assert operation["summary"] and len(operation["description"]) > 40, (path, method)
        # Every failure a client can meet is documented with the one error shape.
        assert {"400", "403", "404"} <= set(operation["responses"]), (path, method)
        if method != "get":
            assert "409" in operation["responses"], (path, method)
    error = schema["components"]["schemas"]["ErrorOut"]
    assert set(error["properties"]) == {"message", "code", "fields"}
