"""ACCESS TEST MATRIX: every role x every casework URL, for own-organisation, shared and not-shared cases.

The URL list is read from the casework URLconf, so a new URL without a row here fails the coverage test.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone

from safer.casework.choices import PartyRole
from safer.casework.models import RiskQuestion
from safer.casework.services import (
    case_escalate,
    case_share,
    letter_generate,
    party_add,
    task_create,
)
from safer.casework.services.questionnaire import risk_questionnaire_customise
from safer.casework.tests.conftest import new_person, open_case
from safer.core.models import AuditEvent


@dataclass(frozen=True)
class Route:
    """How to call a URL and who may reach it.

    kind: 'list' (casework.view), 'performance' (casework.performance), 'case' (anyone seeing the case),
    'owner' (the owning organisation only), 'person' (anyone seeing the person), 'export' (casework.manage and
    seeing the person), 'admin' (accounts.admin: the risk questionnaire's configuration).
    """

    name: str
    kind: str
    method: str = "get"


ROUTES = [
    Route("home", "list"),
    Route("case-list", "list"),
    Route("case-open", "list"),
    Route("task-list", "list"),
    Route("person-list", "list"),
    Route("incident-create", "list"),
    Route("performance", "performance"),
    Route("incident-detail", "incident"),
    Route("person-detail", "person"),
    Route("person-export", "export"),
    Route("case-detail", "case"),
    Route("case-timeline", "case"),
    Route("case-link-incident", "case"),
    Route("task-create", "case"),
    Route("note-add", "case"),
    Route("task-complete", "case", "post"),
    Route("letter-download", "case"),
    Route("case-update", "owner"),
    Route("party-add", "owner"),
    Route("risk-assessment", "owner"),
    Route("case-escalate", "owner"),
    Route("breach-record", "owner"),
    Route("case-close", "owner"),
    Route("case-reopen", "owner"),
    Route("case-share", "owner"),
    Route("letter-generate", "owner", "post"),
    Route("case-share-withdraw", "owner", "post"),
    Route("risk-assessment-list", "case"),
    Route("risk-questionnaire", "admin"),
    Route("risk-questionnaire-customise", "admin", "post"),
    Route("risk-questionnaire-reset", "admin", "post"),
    Route("risk-thresholds", "admin"),
    Route("risk-question-create", "admin"),
    Route("risk-question-update", "admin"),
]

# user attribute on the `world` fixture -> relation to the test case
USERS = {
    "caseworker": "own",  # council caseworker: the council owns the case
    "manager": "own",  # council case manager
    "police_worker": "shared",  # police caseworker: the case is shared with the police
    "housing_worker": "not_shared",  # housing caseworker: not shared
    "housing_manager": "not_shared",
    "analyst": "no_role",
    "partnership": "no_role",
    "admin": "no_role",
}


def expected_status(route: Route, user: Any, relation: str) -> int:
    """The status the matrix demands; allowed POSTs redirect (302)."""
    ok = 302 if route.method == "post" else 200
    if route.kind == "performance":
        return ok if user.has_capability("casework.performance") else 403
    if route.kind == "admin":
        return ok if user.has_capability("accounts.admin") else 403
    if route.kind == "export":
        if not user.has_capability("casework.manage"):
            return 403
        return 404 if relation == "not_shared" else ok
    if not user.has_capability("casework.view"):
        return 403
    if route.kind == "list":
        return ok
    if relation == "not_shared":
        return 404
    if route.kind == "owner" and relation == "shared":
        return 403
    if route.kind == "incident" and relation == "shared":
        return ok  # the incident is linked to a case shared with them
    return ok


@pytest.fixture
def scene(world, django_capture_on_commit_callbacks) -> dict[str, Any]:
    """A council case shared with the police, with a perpetrator, an intervention, a letter, a task and a share."""
    case = open_case(world.caseworker)
    share = case_share(actor=world.caseworker, case=case, organisation=world.police)
    person = new_person(world.caseworker, first_name="Fictional", last_name="Perpetrator", address="1 Example Street")
    party_add(actor=world.caseworker, case=case, person=person, role=PartyRole.PERPETRATOR)
    case.refresh_from_db()
    intervention = case_escalate(actor=world.caseworker, case=case, version=case.version, stage=1, person=person)
    with django_capture_on_commit_callbacks(execute=True):
        letter = letter_generate(actor=world.caseworker, case=case, intervention=intervention)
    task = task_create(
        actor=world.caseworker,
        case=case,
        title="Visit",
        owner=world.caseworker,
        due_on=timezone.localdate() + timedelta(days=3),
    )
    case.refresh_from_db()
    # The questionnaire's administration pages need a configured questionnaire to change.
    risk_questionnaire_customise(actor=world.admin)
    return {
        "question": RiskQuestion.objects.first(),
        "case": case,
        "share": share,
        "person": person,
        "intervention": intervention,
        "letter": letter,
        "task": task,
        "incident": case.case_incidents.first().incident,
    }


def url_for(route: Route, scene: dict[str, Any]) -> str:
    """Reverse a casework URL with the scene's objects."""
    ref = scene["case"].reference
    kwargs: dict[str, Any] = {
        "incident-detail": {"reference": scene["incident"].reference},
        "person-detail": {"public_id": scene["person"].public_id},
        "person-export": {"public_id": scene["person"].public_id, "fmt": "json"},
        "task-complete": {"reference": ref, "task_id": scene["task"].pk},
        "letter-download": {"reference": ref, "letter_id": scene["letter"].public_id, "fmt": "pdf"},
        "letter-generate": {"reference": ref, "intervention_id": scene["intervention"].pk},
        "case-share-withdraw": {"reference": ref, "share_id": scene["share"].pk},
        "risk-question-update": {"pk": scene["question"].pk},
    }.get(route.name, {"reference": ref} if route.kind in {"case", "owner"} else {})
    return reverse(f"casework:{route.name}", kwargs=kwargs)


def test_every_casework_url_is_in_the_matrix():
    registered = {
        pattern.name
        for pattern in get_resolver().url_patterns
        if getattr(pattern, "namespace", "") == "casework"
        for pattern in pattern.url_patterns
    }
    assert registered == {route.name for route in ROUTES}


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
@pytest.mark.parametrize("username", list(USERS))
def test_access_matrix(route, username, world, scene):
    user = getattr(world, username)
    relation = USERS[username]
    client = _client(user)
    url = url_for(route, scene)
    if route.name == "case-reopen":
        # The reopen page needs a closed case; the access rule is what is tested here.
        from safer.casework.services import case_close

        case_close(actor=world.caseworker, case=scene["case"], version=scene["case"].version, outcome="resolved")
    response = getattr(client, route.method)(url)
    expected = expected_status(route, user, relation)
    assert response.status_code == expected, f"{username} {route.method.upper()} {url}"
    body = response.content.decode(errors="replace") if response.status_code in (403, 404) else ""
    # Refusals never leak the case's people.
    assert "Perpetrator" not in body


def _client(user: Any) -> Client:
    from safer.testing.accounts import signed_in_client

    return signed_in_client(user)


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
def test_signed_out_users_are_sent_to_sign_in(route, world, scene):
    response = getattr(Client(), route.method)(url_for(route, scene))
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


@pytest.mark.django_db
class TestTwoFactorForCaseworkRoles:
    @pytest.mark.parametrize("username", ["caseworker", "manager", "police_worker"])
    def test_casework_roles_without_second_factor_are_sent_to_verify(self, username, world, scene):
        client = Client()
        client.force_login(getattr(world, username))  # password only, no second factor yet
        response = client.get(reverse("casework:case-detail", args=[scene["case"].reference]))
        assert response.status_code == 302 and "/accounts/two-factor/verify/" in response["Location"]

    def test_casework_role_without_device_must_enrol(self, make_user, world):
        from safer.accounts.choices import Role

        user = make_user(role=Role.CASEWORKER, organisation=world.council, with_device=False)
        client = Client()
        client.force_login(user)
        response = client.get(reverse("casework:home"))
        assert response.status_code == 302 and "/accounts/two-factor/enrol/" in response["Location"]


@pytest.mark.django_db
class TestAuditOfViews:
    def test_viewing_a_case_and_a_person_is_audited_with_the_actor(self, world, scene):
        client = _client(world.police_worker)
        client.get(reverse("casework:case-detail", args=[scene["case"].reference]))
        client.get(reverse("casework:person-detail", args=[scene["person"].public_id]))
        case_views = AuditEvent.objects.filter(action="casework.case_viewed", target_label=scene["case"].reference)
        person_views = AuditEvent.objects.filter(action="casework.person_viewed", target_id=str(scene["person"].pk))
        assert case_views.filter(actor=world.police_worker).count() == 1
        assert person_views.filter(actor=world.police_worker).count() == 1
        # The audit trail names the case by reference, never a person by name.
        assert not AuditEvent.objects.filter(target_label__icontains="Perpetrator").exists()

    def test_refused_page_is_not_recorded_as_a_view(self, world, scene):
        response = _client(world.police_worker).get(reverse("casework:case-close", args=[scene["case"].reference]))
        assert response.status_code == 403
        assert not AuditEvent.objects.filter(action="casework.case_viewed", actor=world.police_worker).exists()

    def test_urls_carry_no_names(self, world, scene):
        for route in ROUTES:
            assert "Perpetrator" not in url_for(route, scene) and "Fictional" not in url_for(route, scene)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route",
    [
        r
        for r in ROUTES
        if r.kind in {"case", "owner"}
        and r.method == "get"
        and r.name not in {"case-detail", "case-timeline", "letter-download", "risk-assessment-list"}
    ],
    ids=lambda r: r.name,
)
@pytest.mark.parametrize("username", ["police_worker", "housing_worker", "analyst", "caseworker"])
def test_form_posts_follow_the_same_rules(route, username, world, scene):
    """Sending a form is refused exactly like showing it; the owner's empty form is a 400, not a refusal."""
    user = getattr(world, username)
    expected = expected_status(route, user, USERS[username])
    response = _client(user).post(url_for(route, scene), {})
    if expected == 200:
        assert response.status_code == 400
    else:
        assert response.status_code == expected
