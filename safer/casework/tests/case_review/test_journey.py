"""The whole journey through the Django test client: apply, acknowledgement, the applicant's link, the decision,
the review, closing, and the messages sent at each step (through the notifications service)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from safer.casework.case_review.choices import ApplicationStatus
from safer.casework.case_review.models import CaseReviewApplication
from safer.casework.case_review.services import applicant_link
from safer.casework.tests.conftest import new_person, record_incident
from safer.core.models import AuditEvent
from safer.core.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _apply(client: Client, *, email: str = "sam@example.org") -> Any:
    steps = [
        ("who", {"applying_as": "self"}),
        ("name", {"applicant_name": "Sam Example"}),
        ("contact", {"contact_by": "email", "email": email}),
        ("address", {"address": "", "postcode": "ox4 9zz"}),
        ("problem", {"problem_description": "Loud music every night (fictional)."}),
        ("location", {"problem_location": "Example Road"}),
        ("hate", {"hate_motivated": "no"}),
    ]
    for slug, data in steps:
        response = client.post(f"/case-review/apply/{slug}/", data)
        assert response.status_code == 302, (slug, response.content.decode()[:500])
    when = timezone.localdate() - timedelta(days=5)
    added = client.post(
        "/case-review/apply/reports/",
        {
            "action": "add",
            "reported_on_0": when.day,
            "reported_on_1": when.month,
            "reported_on_2": when.year,
            "agency": "Test Council",
            "agency_reference": "INC-1",
        },
    )
    assert added.status_code == 302
    assert client.post("/case-review/apply/reports/", {"action": "continue"}).status_code == 302
    assert client.post("/case-review/apply/outcome/", {"outcome_wanted": "For it to stop."}).status_code == 302
    check = client.get("/case-review/apply/check/")
    assert check.status_code == 200 and "Sam Example" in check.content.decode()
    return client.post("/case-review/apply/check/", {"website": ""})


class TestApplicant:
    def test_apply_and_get_an_acknowledgement(self, world, django_capture_on_commit_callbacks):
        client = Client()
        with django_capture_on_commit_callbacks(execute=True):
            response = _apply(client)
        assert response.status_code == 302 and response["Location"] == "/case-review/apply/sent/"
        application = CaseReviewApplication.objects.get()
        done = client.get("/case-review/apply/sent/").content.decode()
        assert application.reference in done
        assert application.reference.startswith("CR-") and len(application.reference) == 11
        assert application.coordinating_organisation == world.council and application.postcode == "OX4 9ZZ"
        message = Notification.objects.get(template_key="case-review-acknowledgement")
        assert message.recipient == "sam@example.org" and application.reference in message.body
        assert message.state == "sent"
        assert AuditEvent.objects.filter(action="case_review.submitted", target_id=str(application.pk)).exists()

    def test_errors_use_the_error_summary_and_return_400(self, world):
        client = Client()
        client.post("/case-review/apply/who/", {"applying_as": "on_behalf"})
        response = client.post("/case-review/apply/on-behalf/", {"victim_name": ""})
        body = response.content.decode()
        assert response.status_code == 400 and "govuk-error-summary" in body
        assert "Enter the full name of the person you are applying for" in body
        assert "Confirm that they have agreed" in body

    def test_a_page_out_of_order_goes_back_to_the_start(self, world):
        assert Client().get("/case-review/apply/check/")["Location"] == "/case-review/apply/who/"

    def test_the_honeypot_refuses_without_saving(self, world):
        client = Client()
        client.post("/case-review/apply/who/", {"applying_as": "self"})
        response = _bot(client)
        assert response.status_code == 400 and "We could not accept this form" in response.content.decode()
        assert not CaseReviewApplication.objects.exists()

    def test_the_rate_limit_per_address(self, world, settings):
        from safer.casework.case_review import views_public

        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rate-test"}
        }
        statuses = [
            _apply(Client(), email=f"person{n}@example.org").status_code
            for n in range(views_public.RATE_LIMIT_PER_ADDRESS + 1)
        ]
        assert statuses[:-1] == [302] * views_public.RATE_LIMIT_PER_ADDRESS and statuses[-1] == 429
        assert CaseReviewApplication.objects.count() == views_public.RATE_LIMIT_PER_ADDRESS

    def test_the_applicant_sees_their_application_only_through_their_link(self, world, submit):
        application = submit()
        other = submit(email="other@example.org", applicant_name="Other Person")
        client = Client()
        assert client.get("/case-review/your-application/").status_code == 403
        link = applicant_link(application)
        opened = client.get(link.split("8000", 1)[-1] if "8000" in link else link)
        assert opened.status_code == 302 and opened["Location"] == "/case-review/your-application/"
        page = client.get("/case-review/your-application/")
        body = page.content.decode()
        assert application.reference in body and other.reference not in body
        assert page["Cache-Control"] == "no-store"
        tampered = client.get("/case-review/your-application/open/?token=" + link.split("token=")[1][:-2] + "xx")
        assert tampered.status_code == 400

    def test_welsh_is_offered_and_switches_the_page_language(self, world):
        client = Client()
        body = client.get("/case-review/?lang=cy").content.decode()
        assert '<html lang="cy"' in body and 'hreflang="en"' in body
        assert "Dechrau nawr" in body  # "Start now", from the shipped Welsh catalogue (safer/locale/cy)
        assert "Start now" in Client().get("/case-review/").content.decode()


def _bot(client: Client) -> Any:
    steps = [
        ("name", {"applicant_name": "Bot"}),
        ("contact", {"contact_by": "email", "email": "bot@example.org"}),
        ("address", {"postcode": "OX1 1AA"}),
        ("problem", {"problem_description": "x"}),
        ("location", {"problem_location": "x"}),
        ("hate", {"hate_motivated": "no"}),
    ]
    for slug, data in steps:
        client.post(f"/case-review/apply/{slug}/", data)
    when = timezone.localdate()
    client.post(
        "/case-review/apply/reports/",
        {
            "action": "add",
            "reported_on_0": when.day,
            "reported_on_1": when.month,
            "reported_on_2": when.year,
            "agency": "Council",
        },
    )
    client.post("/case-review/apply/outcome/", {"outcome_wanted": "x"})
    return client.post("/case-review/apply/check/", {"website": "http://spam.example"})


class TestCoordinator:
    def test_check_decide_review_close(self, world, submit, client_for, django_capture_on_commit_callbacks):
        person = new_person(world.caseworker, first_name="Sam", last_name="Example", email="sam@example.org")
        for days in (40, 20, 3):
            record_incident(
                world.caseworker,
                reporting_person=person,
                occurred_at=timezone.now() - timedelta(days=days),
                area="Cowley",
            )
        from safer.casework.models import Incident

        for incident in Incident.objects.all():  # reported the day it happened
            Incident.objects.filter(pk=incident.pk).update(recorded_at=incident.occurred_at)
        application = submit()
        coordinator = client_for(world.manager)
        page = coordinator.get(f"/case-review/staff/{application.reference}/")
        body = page.content.decode()
        assert page.status_code == 200 and page["Cache-Control"] == "no-store"
        assert "<strong>meet</strong>" in body and "INC-" in body
        with django_capture_on_commit_callbacks(execute=True):
            decided = coordinator.post(
                f"/case-review/staff/{application.reference}/decide/",
                {"met": "yes", "reasons": "Three complaints in six months."},
            )
        assert decided.status_code == 302
        application.refresh_from_db()
        assert application.status == ApplicationStatus.UNDER_REVIEW and application.review_due is not None
        assert any(e["counts"] for e in application.evidence)
        assert Notification.objects.filter(template_key="case-review-threshold-met").exists()
        ref = application.reference
        assert (
            coordinator.post(f"/case-review/staff/{ref}/panel/", {"organisation": world.police.pk}).status_code == 302
        )
        police = client_for(world.police_worker)
        assert police.get(f"/case-review/staff/{ref}/").status_code == 200
        assert police.post(f"/case-review/staff/{ref}/account/", {"account": "We attended twice."}).status_code == 302
        today = timezone.localdate()
        assert (
            coordinator.post(
                f"/case-review/staff/{ref}/meeting/",
                {
                    "held_on_0": today.day,
                    "held_on_1": today.month,
                    "held_on_2": today.year,
                    "attendees": "Council, police",
                    "record": "Agreed a joint visit.",
                },
            ).status_code
            == 302
        )
        due = today + timedelta(days=30)
        assert (
            coordinator.post(
                f"/case-review/staff/{ref}/recommendations/",
                {
                    "text": "Joint visit",
                    "owner_organisation": world.police.pk,
                    "due_on_0": due.day,
                    "due_on_1": due.month,
                    "due_on_2": due.year,
                },
            ).status_code
            == 302
        )
        with django_capture_on_commit_callbacks(execute=True):
            closed = coordinator.post(
                f"/case-review/staff/{ref}/close/",
                {"outcome_summary": "Agencies will visit together.", "lessons_learned": "Share."},
            )
        assert closed.status_code == 302
        application.refresh_from_db()
        assert application.status == ApplicationStatus.CLOSED
        outcome = Notification.objects.get(template_key="case-review-outcome")
        assert "Joint visit" in outcome.body and "Police and Crime Commissioner" in outcome.body
        # Read-only once closed (the recommendation can still be completed by its owner).
        assert (
            coordinator.post(
                f"/case-review/staff/{ref}/meeting/",
                {
                    "held_on_0": today.day,
                    "held_on_1": today.month,
                    "held_on_2": today.year,
                    "attendees": "x",
                    "record": "y",
                },
            ).status_code
            == 400
        )
        recommendation = application.recommendations.get()
        assert (
            police.post(
                f"/case-review/staff/{ref}/recommendations/{recommendation.pk}/complete/", {"note": "Visited."}
            ).status_code
            == 302
        )
