"""The annual publication table against a known set of applications (page, CSV and command agree)."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from safer.casework.case_review.choices import ApplicationStatus
from safer.casework.case_review.models import (
    CaseReviewApplication,
    CaseReviewPanelMember,
    CaseReviewRecommendation,
)
from safer.casework.case_review.table import case_review_table

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def _application(world: Any, n: int, *, year: int, status: str, met: bool | None) -> CaseReviewApplication:
    received = datetime(year, 3, 1 + n, 10, tzinfo=LONDON)
    decided = received + timedelta(days=5) if met is not None else None
    return CaseReviewApplication.objects.create(
        reference=f"CR-TEST{year % 100:02d}{n:02d}",
        status=status,
        coordinating_organisation=world.council,
        applying_as="self",
        applicant_name="Fictional",
        contact_by="letter",
        address="1 Road",
        postcode="OX4 9ZZ",
        problem_description="x",
        problem_location="y",
        outcome_wanted="z",
        received_at=received,
        acknowledge_due=received,
        decision_due=received,
        decided_at=decided,
        threshold_met=met,
        closed_at=decided if status == ApplicationStatus.CLOSED else None,
    )


@pytest.fixture
def known_set(world: Any) -> None:
    """2024: 6 applications: 2 not met, 1 awaiting a decision, 1 under review, 2 reviews closed (1 with a police
    recommendation; both with the police on the panel, one with housing too). 2023: 1 closed review."""
    _application(world, 1, year=2024, status=ApplicationStatus.NOT_MET, met=False)
    _application(world, 2, year=2024, status=ApplicationStatus.NOT_MET, met=False)
    _application(world, 3, year=2024, status=ApplicationStatus.SUBMITTED, met=None)
    _application(world, 4, year=2024, status=ApplicationStatus.UNDER_REVIEW, met=True)
    first = _application(world, 5, year=2024, status=ApplicationStatus.CLOSED, met=True)
    second = _application(world, 6, year=2024, status=ApplicationStatus.CLOSED, met=True)
    _application(world, 7, year=2023, status=ApplicationStatus.CLOSED, met=True)
    for application in (first, second):
        CaseReviewPanelMember.objects.create(application=application, organisation=world.police)
    CaseReviewPanelMember.objects.create(application=second, organisation=world.housing)
    CaseReviewRecommendation.objects.create(
        application=first, text="Visit", owner_organisation=world.police, due_on=timezone.localdate()
    )


EXPECTED_2024 = [
    ("All agencies", 6, 2, 2, 1),
    ("Test Housing", None, None, 1, 0),
    ("Test Police", None, None, 2, 1),
]


def test_the_known_set(known_set):
    rows = case_review_table(year=2024)
    assert [
        (r.agency, r.applications_received, r.threshold_not_met, r.reviews_carried_out, r.reviews_with_recommendations)
        for r in rows
    ] == EXPECTED_2024
    assert [(r.agency, r.applications_received) for r in case_review_table(year=2023)][0] == ("All agencies", 1)


def test_the_command_and_the_page_give_the_same_figures(known_set, client_for, world):
    out = io.StringIO()
    call_command("case-review-table", "--year", "2024", "--format", "csv", stdout=out)
    command_rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert command_rows[0] == {
        "year": "2024",
        "agency": "All agencies",
        "applications_received": "6",
        "threshold_not_met": "2",
        "reviews_carried_out": "2",
        "reviews_with_recommendations": "1",
    }
    assert command_rows[1]["applications_received"] == ""
    page = client_for(world.partnership).get("/case-review/staff/table/?year=2024&format=csv")
    assert page.status_code == 200 and page.content.decode() == out.getvalue()
    html = client_for(world.partnership).get("/case-review/staff/table/?year=2024").content.decode()
    assert "Test Police" in html and "Fictional" not in html


def test_the_command_refuses_a_bad_year(known_set):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--year must be between 2014"):
        call_command("case-review-table", "--year", "1999")
