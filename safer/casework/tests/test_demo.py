"""The casework demo loads through the services (so it obeys the safer escalation) and shows what to try."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from pypdf import PdfReader

from safer.accounts.demo import demo_load as accounts_demo_load
from safer.accounts.models import User
from safer.casework.demo import demo_load
from safer.casework.models import Case, Intervention
from safer.core.notifications.models import Notification
from safer.testing.accounts import signed_in_client

pytestmark = pytest.mark.django_db


def test_demo_loads_and_points_at_the_enforcement_check(django_capture_on_commit_callbacks):
    accounts_demo_load()
    with django_capture_on_commit_callbacks(execute=True):
        lines = demo_load()
    first = Case.objects.get(reference=lines[1].split()[1])
    assert first.stage == 2 and "recording stage 3 shows the enforcement check" in lines[1]
    assert Intervention.objects.filter(stage__gte=3).count() == 1  # the featured skip, confirmed in the demo
    client = signed_in_client(User.objects.get(username="caseworker"))
    page = client.post(
        reverse("casework:case-escalate", args=[first.reference]),
        {
            "version": first.version,
            "stage": "3",
            "action": "Community Protection Warning served",
            "occurred_on_0": "1",
            "occurred_on_1": "1",
            "occurred_on_2": "2026",
        },
    )
    assert "Check before recording enforcement" in page.content.decode()
    first.refresh_from_db()
    assert first.stage == 2


def test_the_demo_has_a_welsh_applicants_letter_dated_in_welsh(django_capture_on_commit_callbacks):
    accounts_demo_load()
    with django_capture_on_commit_callbacks(execute=True):
        demo_load()
    letter = Notification.objects.get(template_key="case-review-acknowledgement-cy", channel="letter")
    assert letter.language == "cy" and letter.letter_pdf
    with letter.letter_pdf.open("rb") as handle:
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)
    with translation.override("cy"):
        assert date_format(timezone.localdate(), "j F Y") in text
