"""The case review API: every endpoint x every role x coordinator / panel agency / not involved."""

from __future__ import annotations

import json
from typing import Any

import pytest

from safer.casework.case_review.services import application_decide
from safer.casework.case_review.services_review import panel_member_add
from safer.core.models import AuditEvent

pytestmark = pytest.mark.django_db

# name -> (method, path, body, kind) ; kind as in test_access: list | view | coordinate | table
ENDPOINTS = {
    "case_review_list": ("get", lambda r: "/api/case-reviews/applications", None, "list"),
    "case_review_deadlines": ("get", lambda r: "/api/case-reviews/deadlines", None, "list"),
    "case_review_get": ("get", lambda r: f"/api/case-reviews/applications/{r}", None, "view"),
    "case_review_decide": (
        "post",
        lambda r: f"/api/case-reviews/applications/{r}/decision",
        {"met": False, "reasons": "Not met (test)."},
        "coordinate",
    ),
    "case_review_table": ("get", lambda r: "/api/case-reviews/table?year=2026", None, "table"),
}
USERS = {
    "manager": "coordinator",
    "caseworker": "coordinating_org",
    "police_worker": "panel",
    "housing_manager": "not_involved",
    "analyst": "no_role",
    "partnership": "no_role",
    "admin": "no_role",
}


def test_every_operation_is_in_the_matrix(client_for, make_user):
    from safer.accounts.choices import Role

    schema = client_for(make_user(role=Role.CASEWORKER)).get("/api/openapi.json").json()
    operations = {
        op["operationId"]
        for path, methods in schema["paths"].items()
        if path.startswith("/api/case-reviews/")
        for op in methods.values()
    }
    assert operations == set(ENDPOINTS)


def _expected(kind: str, user: Any, relation: str, method: str) -> int:
    if kind == "table":
        return 200 if user.has_capability("casework.performance") else 403
    if not user.has_capability("casereview.view"):
        return 403
    if kind == "list":
        return 200
    if relation not in {"coordinator", "panel"}:
        return 404
    if kind == "coordinate" and relation != "coordinator":
        return 403
    return 200


@pytest.mark.parametrize("name", list(ENDPOINTS))
@pytest.mark.parametrize("username", list(USERS))
def test_api_access_matrix(name, username, world, submit, client_for):
    application = submit()
    if name != "case_review_decide":
        application_decide(actor=world.manager, application=application, met=True, reasons="Met (test).")
    panel_member_add_when_review(world, application)
    method, path, body, kind = ENDPOINTS[name]
    user = getattr(world, username)
    client = client_for(user)
    if method == "get":
        response = client.get(path(application.reference))
    else:
        response = client.post(path(application.reference), json.dumps(body), content_type="application/json")
    assert response.status_code == _expected(kind, user, USERS[username], method), response.content
    payload = response.json()
    if response.status_code >= 400:
        assert set(payload) == {"message", "code", "fields"} and "Sam" not in json.dumps(payload)
    else:
        assert "sam@example.org" not in json.dumps(payload)


def panel_member_add_when_review(world: Any, application: Any) -> None:
    """The police sit on the panel; for the decision endpoint (still submitted) they are added directly."""
    from safer.casework.case_review.models import CaseReviewPanelMember

    if application.status == "under_review":
        panel_member_add(actor=world.manager, application=application, organisation=world.police)
    else:
        CaseReviewPanelMember.objects.create(application=application, organisation=world.police)


def test_reads_are_audited(world, submit, client_for):
    application = submit()
    client_for(world.manager).get(f"/api/case-reviews/applications/{application.reference}")
    assert AuditEvent.objects.filter(action="case_review.viewed", actor=world.manager, channel="api").exists()
