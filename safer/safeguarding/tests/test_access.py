"""ACCESS TEST MATRIX: every safeguarding page x every kind of user, by direct URL, GET and POST.

The URL list is read from the safeguarding URLconf, so a new URL without a row here fails the coverage test.
Every page a user may open is audited and sent with Cache-Control: no-store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import get_resolver, resolve, reverse

from safer.core.models import AuditEvent
from safer.safeguarding.models import Subject
from safer.safeguarding.services import dhr, matac, meetings
from safer.safeguarding.tests.conftest import World, referral_kwargs
from safer.testing.accounts import signed_in_client

# kind -> users (World attribute names) who get 200; the rest of the users get the status in DENIED.
ALLOWED: dict[str, set[str]] = {
    "matac_any": {"analyst", "coordinator", "member", "member_not_in_meeting", "outsider_coordinator"},
    "matac_area": {"analyst", "coordinator", "member", "member_not_in_meeting"},
    "score_any": {"analyst", "coordinator", "outsider_coordinator"},
    "score_area": {"analyst", "coordinator"},
    "manage_area": {"coordinator"},
    "dhr_any": {"dhr", "dhr_other_org"},
    "dhr_review": {"dhr"},
}
USERS = [
    "analyst",
    "coordinator",
    "member",
    "member_not_in_meeting",
    "outsider_coordinator",
    "dhr",
    "dhr_other_org",
    "caseworker",
]


def denied_status(kind: str, user: str) -> int:
    """404 for a user with the right role in an organisation that does not take part; 403 for other roles."""
    outsider_with_role = {
        "matac_area": {"outsider_coordinator"},
        "score_area": {"outsider_coordinator"},
        "manage_area": {"outsider_coordinator"},
        "dhr_review": {"dhr_other_org"},
    }
    return 404 if user in outsider_with_role.get(kind, set()) else 403


@dataclass(frozen=True)
class Route:
    """A URL name, the kind of access it needs, and how to build its arguments from the objects."""

    name: str
    kind: str
    args: tuple[str, ...] = ()


ROUTES = [
    Route("matac-home", "matac_any"),
    Route("scheme", "matac_any"),
    Route("scheme-edit", "score_any"),
    Route("ranking", "matac_area", ("area",)),
    Route("ranking-detail", "matac_area", ("area", "ranking")),
    Route("ranking-create", "score_area", ("area",)),
    Route("referral-add", "matac_area", ("area",)),
    Route("meeting-list", "matac_area", ("area",)),
    Route("meeting-create", "manage_area", ("area",)),
    Route("programme", "matac_area", ("area",)),
    Route("entry", "matac_area", ("entry",)),
    Route("entry-select", "manage_area", ("entry",)),
    Route("meeting", "matac_area", ("meeting",)),
    Route("decision", "manage_area", ("meeting", "item")),
    Route("action-add", "manage_area", ("meeting",)),
    Route("action-update", "matac_area", ("meeting", "action")),
    Route("meeting-held", "manage_area", ("meeting",)),
    Route("minutes", "matac_area", ("meeting", "docx")),
    Route("subject", "matac_area", ("subject",)),
    Route("subject-identity", "manage_area", ("subject",)),
    Route("subject-discharge", "manage_area", ("subject",)),
    Route("dhr-list", "dhr_any"),
    Route("dhr-notify", "dhr_any"),
    Route("dhr-lessons", "dhr_any"),
    Route("dhr-annual", "dhr_any"),
    Route("dhr-detail", "dhr_review", ("review",)),
    Route("dhr-step", "dhr_review", ("review", "lesson")),
]


@pytest.fixture
def objects(world: World) -> dict[str, Any]:
    referral = matac.referral_add(actor=world.member, area_id=world.area.pk, **referral_kwargs())
    ranking = matac.ranking_create(actor=world.analyst, area_id=world.area.pk, as_of=date(2026, 11, 30))
    entry = ranking.entries.get(perpetrator_ref=referral.perpetrator_ref)
    meeting = meetings.meeting_create(actor=world.coordinator, area_id=world.area.pk, held_on=date(2026, 11, 30))
    item = matac.subject_select(actor=world.coordinator, entry=entry, meeting=meeting)
    action = meetings.action_add(
        actor=world.coordinator,
        meeting=meeting,
        subject=item.subject,
        kind="victim_safety",
        organisation=world.council,
        owner="IDVA",
        description="Safety plan",
        due_on=date(2026, 12, 10),
    )
    review = dhr.review_notify(actor=world.dhr, title="Adult A", notified_on=date(2026, 1, 5))
    return {
        "area": world.area.pk,
        "ranking": ranking.pk,
        "entry": entry.pk,
        "meeting": meeting.pk,
        "item": item.pk,
        "action": action.pk,
        "subject": Subject.objects.get().pk,
        "review": review.reference,
        "docx": "docx",
        "lesson": "lesson",
    }


def url_of(route: Route, objects: dict[str, Any]) -> str:
    return reverse(f"safeguarding:{route.name}", args=[objects[a] for a in route.args])


def test_every_url_has_a_row() -> None:
    names = {p.name for p in get_resolver("safer.safeguarding.urls").url_patterns}  # type: ignore[attr-defined]
    assert names == {r.name for r in ROUTES}


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_matrix(route: Route, world: World, objects: dict[str, Any]) -> None:
    url = url_of(route, objects)
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/accounts/" in anonymous["Location"]
    for name in USERS:
        user = getattr(world, name)
        client = signed_in_client(user)
        before = AuditEvent.objects.filter(actor=user).count()
        response = client.get(url)
        if name in ALLOWED[route.kind]:
            assert response.status_code == 200, (name, url, response.status_code)
            assert response["Cache-Control"] == "no-store", (name, url)
            assert AuditEvent.objects.filter(actor=user).count() > before, f"{url} viewed by {name} not audited"
        else:
            expected = denied_status(route.kind, name)
            assert response.status_code == expected, (name, url, response.status_code)
            if hasattr(resolve(url).func.view_class, "post"):  # type: ignore[attr-defined]
                posted = client.post(url, {})
                assert posted.status_code == expected, ("POST", name, url, posted.status_code)
            assert b"Safety plan" not in response.content


def test_names_never_in_ranking_or_minutes(world: World, objects: dict[str, Any]) -> None:
    subject = Subject.objects.get()
    matac.subject_identify(actor=world.coordinator, subject=subject, full_name="Zebedee Example", date_of_birth=None)
    client = signed_in_client(world.coordinator)
    for route in ("ranking", "meeting"):
        page = client.get(url_of(next(r for r in ROUTES if r.name == route), objects))
        assert b"Zebedee" not in page.content
    profile = client.get(reverse("safeguarding:subject", args=[subject.pk]))
    assert b"Zebedee Example" in profile.content
    hidden = signed_in_client(world.member_not_in_meeting).get(reverse("safeguarding:subject", args=[subject.pk]))
    assert b"Zebedee" not in hidden.content and b"Shown only to members" in hidden.content
    minutes = client.get(reverse("safeguarding:minutes", args=[objects["meeting"], "pdf"]))
    assert minutes.status_code == 200 and minutes.content.startswith(b"%PDF")
