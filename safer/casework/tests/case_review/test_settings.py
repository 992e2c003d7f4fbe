"""The partnership configures the threshold and deadlines; the check and new applications use them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from safer.casework.case_review.errors import CaseReviewInputError, CaseReviewPermissionError
from safer.casework.case_review.evidence import application_check
from safer.casework.case_review.services import case_review_settings_update
from safer.casework.models import Incident
from safer.casework.tests.conftest import new_person, record_incident
from safer.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_lower_threshold_changes_the_check_and_is_audited(world, submit, client_for):
    person = new_person(world.caseworker, email="sam@example.org")
    for days in (30, 10):
        incident = record_incident(
            world.caseworker, reporting_person=person, area="Cowley", occurred_at=timezone.now() - timedelta(days=days)
        )
        Incident.objects.filter(pk=incident.pk).update(recorded_at=incident.occurred_at)
    application = submit()
    assert not application_check(application).met
    response = client_for(world.admin).post(
        "/case-review/staff/settings/",
        {
            "complaints_one_person": 2,
            "complainants_community": 5,
            "hate_complaints": 1,
            "window_months": 6,
            "report_within_days": 31,
            "acknowledge_working_days": 5,
            "decision_working_days": 10,
            "review_working_days": 20,
            "coordinating_organisation": world.council.pk,
            "pcc_review_contact": "The OPCC",
        },
    )
    assert response.status_code == 302
    assert application_check(application).met
    event = AuditEvent.objects.get(action="case_review.settings_changed")
    assert event.actor == world.admin and event.detail["after"]["complaints_one_person"] == "2"


def test_longer_deadlines_apply_to_new_applications(world, submit):
    before = submit()
    case_review_settings_update(actor=world.manager, decision_working_days=15)
    after = submit()
    assert (after.decision_due - before.decision_due) >= timedelta(days=7)


def test_refusals(world):
    with pytest.raises(CaseReviewPermissionError):
        case_review_settings_update(actor=world.caseworker, window_months=3)
    with pytest.raises(CaseReviewInputError, match="must be 1 or more"):
        case_review_settings_update(actor=world.manager, window_months=0)
