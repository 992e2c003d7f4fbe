"""ACCESS TEST MATRIX for the case review: every role x every case review URL, for the coordinating organisation,
a panel agency and an agency not involved. The URL list is read from the URLconf, so a new URL without a row fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone

from safer.casework.case_review.services import application_decide
from safer.casework.case_review.services_review import panel_member_add, recommendation_add
from safer.core.models import AuditEvent


@dataclass(frozen=True)
class Route:
    """kind: public | list (casereview.view) | table (casework.performance) | view (sees the application) |
    coordinate (the coordinating organisation's coordinator)."""

    name: str
    kind: str


ROUTES = [
    Route("start", "public"),
    Route("apply-step", "public"),
    Route("apply-check", "public"),
    Route("apply-done", "public"),
    Route("applicant-open", "public"),
    Route("applicant-status", "public"),
    Route("list", "list"),
    Route("deadlines", "list"),
    Route("potential", "list"),
    Route("lessons", "list"),
    Route("table", "table"),
    Route("settings", "settings"),
    Route("detail", "view"),
    Route("account", "view"),
    Route("recommendation-complete", "view"),
    Route("matching", "coordinate"),
    Route("decide", "coordinate"),
    Route("panel-add", "coordinate"),
    Route("meeting", "coordinate"),
    Route("recommendation-add", "coordinate"),
    Route("close", "coordinate"),
]

# user on the `world` fixture -> relation to the application (council coordinates; police on the panel)
USERS = {
    "caseworker": "coordinating_org",
    "manager": "coordinator",
    "police_worker": "panel",
    "housing_worker": "not_involved",
    "housing_manager": "not_involved",
    "analyst": "no_role",
    "partnership": "no_role",
    "admin": "no_role",
}
PUBLIC_STATUS = {
    "start": 200,
    "apply-step": 200,
    "apply-check": 302,
    "apply-done": 302,
    "applicant-open": 400,
    "applicant-status": 403,
}


def expected(route: Route, user: Any, relation: str) -> int:
    """The status the matrix demands for a GET."""
    if route.kind == "public":
        return PUBLIC_STATUS[route.name]
    if route.kind == "table":
        return 200 if user.has_capability("casework.performance") else 403
    if route.kind == "settings":
        return 200 if user.has_capability("casereview.coordinate") or user.has_capability("accounts.admin") else 403
    if not user.has_capability("casereview.view"):
        return 403
    if route.kind == "list":
        return 200
    if relation not in {"coordinator", "panel"}:
        return 404
    if route.kind == "coordinate" and relation != "coordinator":
        return 403
    return 200


@pytest.fixture
def scene(world: Any, submit: Any) -> dict[str, Any]:
    application = submit()
    application_decide(actor=world.manager, application=application, met=True, reasons="Met (test).")
    panel_member_add(actor=world.manager, application=application, organisation=world.police)
    recommendation = recommendation_add(
        actor=world.manager,
        application=application,
        text="Visit",
        owner_organisation=world.police,
        due_on=timezone.localdate() + timedelta(days=5),
    )
    return {"application": application, "recommendation": recommendation}


def url_for(route: Route, scene: dict[str, Any]) -> str:
    ref = scene["application"].reference
    if route.name == "apply-step":
        return reverse("case_review:apply-step", args=["who"])
    if route.name == "recommendation-complete":
        return reverse("case_review:recommendation-complete", args=[ref, scene["recommendation"].pk])
    if route.kind in {"view", "coordinate"}:
        return reverse(f"case_review:{route.name}", args=[ref])
    return reverse(f"case_review:{route.name}")


def test_every_case_review_url_is_in_the_matrix():
    registered = {
        pattern.name
        for resolver in get_resolver().url_patterns
        if getattr(resolver, "namespace", "") == "case_review"
        for pattern in resolver.url_patterns
    }
    assert registered == {route.name for route in ROUTES}


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
@pytest.mark.parametrize("username", list(USERS))
def test_access_matrix(route, username, world, scene, client_for):
    user = getattr(world, username)
    response = client_for(user).get(url_for(route, scene))
    assert response.status_code == expected(route, user, USERS[username]), f"{username} GET {url_for(route, scene)}"
    if response.status_code in (403, 404):
        assert "Sam Example" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("route", [r for r in ROUTES if r.kind not in {"public"}], ids=lambda r: r.name)
def test_signed_out_users_are_sent_to_sign_in(route, world, scene):
    response = Client().get(url_for(route, scene))
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("route", [r for r in ROUTES if r.kind == "coordinate"], ids=lambda r: r.name)
@pytest.mark.parametrize("username", ["police_worker", "housing_manager", "caseworker"])
def test_posts_follow_the_same_rules(route, username, world, scene, client_for):
    user = getattr(world, username)
    response = client_for(user).post(url_for(route, scene), {})
    assert response.status_code == expected(route, user, USERS[username])


@pytest.mark.django_db
def test_staff_views_are_audited_and_not_stored(world, scene, client_for):
    reference = scene["application"].reference
    response = client_for(world.police_worker).get(reverse("case_review:detail", args=[reference]))
    assert response["Cache-Control"] == "no-store"
    assert AuditEvent.objects.filter(
        action="case_review.viewed", actor=world.police_worker, target_label=reference
    ).exists()
    assert not AuditEvent.objects.filter(target_label__icontains="Sam").exists()
