"""The public hate report: every question page, check, send; routing, a failed acknowledgement, reporting centres."""

from __future__ import annotations

import sys
import types
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from safer.engagement.choices import HateReportStatus
from safer.engagement.models import HateReport, PartnerAgency, Referral, RoutingRule
from safer.engagement.services import messages
from safer.testing.accounts import signed_in_client


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> None:
    cache.clear()


def _step(org: int, slug: str) -> str:
    return reverse("engagement:public-hate-step", args=[org, slug])


def _report_through_pages(client: Client, org: int, *, contact: dict[str, str] | None = None) -> Any:
    assert client.get(reverse("engagement:public-hate-start", args=[org])).status_code == 200
    assert client.post(_step(org, "who"), {"reporter_role": "victim"}).status_code == 302
    assert (
        client.post(
            _step(org, "what"), {"incident_kinds": ["verbal"], "what_happened": "Shouted at on the bus."}
        ).status_code
        == 302
    )
    assert client.post(_step(org, "why"), {"strands": ["race", "religion"]}).status_code == 302
    where = reverse("engagement:public-hate-where", args=[org])
    assert client.post(where, {"action": "words", "place_label": "Bus stop, Cowley Road"}).status_code == 302
    assert (
        client.post(
            _step(org, "when"),
            {"occurred_on_0": "1", "occurred_on_1": "11", "occurred_on_2": "2026", "reported_to_police": "no"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            _step(org, "sharing"), {"consent_to_share": "yes", "share_with": ["police", "victim_support"]}
        ).status_code
        == 302
    )
    assert (
        client.post(
            _step(org, "contact"), contact or {"contact_method": "email", "email": "resident@example.org"}
        ).status_code
        == 302
    )
    check = client.get(reverse("engagement:public-hate-check", args=[org]))
    assert check.status_code == 200 and check["Cache-Control"] == "no-store"
    return client.post(reverse("engagement:public-hate-check", args=[org]), {"website": ""})


@pytest.fixture
def rules(world: SimpleNamespace) -> None:
    police = PartnerAgency.objects.create(
        organisation=world.oxford, name="TVP hate crime", kind="police", email="p@example.org"
    )
    support = PartnerAgency.objects.create(
        organisation=world.oxford, name="Victim Support", kind="victim_support", email="v@example.org"
    )
    council = PartnerAgency.objects.create(
        organisation=world.oxford, name="Council", kind="council", email="c@example.org"
    )
    RoutingRule.objects.create(organisation=world.oxford, name="race to police", partner=police, strands=["race"])
    RoutingRule.objects.create(organisation=world.oxford, name="all to support", partner=support)
    RoutingRule.objects.create(organisation=world.oxford, name="all to council", partner=council)


@pytest.mark.django_db(transaction=True)
class TestHateReportJourney:
    def test_report_is_kept_routed_and_acknowledged(
        self, world: SimpleNamespace, rules: None, monkeypatch: Any
    ) -> None:
        sent: list[dict[str, Any]] = []
        monkeypatch.setattr(messages, "_send", lambda **kw: sent.append(kw) or True)
        response = _report_through_pages(Client(), world.oxford.pk)
        assert response.status_code == 302
        report = HateReport.objects.get()
        assert report.reference not in response["Location"]
        assert report.strands == ["race", "religion"] and report.status == HateReportStatus.REFERRED
        # Consent was for police and victim support only: the council rule matched but is not used.
        assert sorted(r.partner.name for r in report.referrals.all()) == ["TVP hate crime", "Victim Support"]
        assert {m["to"] for m in sent} == {"resident@example.org", "p@example.org", "v@example.org"}
        report.refresh_from_db()
        assert report.acknowledgement_sent and all(r.sent for r in report.referrals.all())
        done = Client()  # another browser does not see the reference
        assert done.get(reverse("engagement:public-hate-done", args=[world.oxford.pk])).status_code == 302

    def test_a_failed_acknowledgement_loses_nothing(
        self, world: SimpleNamespace, rules: None, monkeypatch: Any
    ) -> None:
        def broken(**kwargs: Any) -> None:
            raise ConnectionError("mail server down")

        # The one notifications service (safer.core.notifications), replaced by one whose every send fails.
        failing = types.ModuleType("safer.core.notifications")
        failing.notification_send = broken  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "safer.core.notifications", failing)
        client = Client()
        response = _report_through_pages(client, world.oxford.pk)
        assert response.status_code == 302
        done = client.get(response["Location"])
        report = HateReport.objects.get()
        assert report.reference in done.content.decode()
        assert not report.acknowledgement_sent
        assert Referral.objects.filter(report=report, sent=False).count() == 2

    def test_missing_answer_shows_errors(self, world: SimpleNamespace) -> None:
        client = Client()
        client.post(_step(world.oxford.pk, "who"), {"reporter_role": "witness"})
        response = client.post(_step(world.oxford.pk, "what"), {"incident_kinds": []})
        page = response.content.decode()
        assert response.status_code == 400 and "Choose what happened" in page and "Tell us what happened" in page

    def test_contact_needs_the_detail_chosen(self, world: SimpleNamespace) -> None:
        client = Client()
        org = world.oxford.pk
        skipped = client.post(_step(org, "contact"), {"contact_method": "phone"})
        assert skipped.status_code == 302  # earlier questions unanswered: back to the first
        session = client.session
        session[f"engagement_hate_{org}"] = {"reporter_role": "victim", "consent_to_share": "no"}
        session.save()
        refused = client.post(_step(org, "contact"), {"contact_method": "phone", "phone": ""})
        assert refused.status_code == 400 and "Enter your phone number" in refused.content.decode()

    def test_where_by_postcode_from_the_ons_lookup(self, world: SimpleNamespace, postcode_lookup: None) -> None:
        client = Client()
        org = world.oxford.pk
        client.post(_step(org, "who"), {"reporter_role": "witness"})
        client.post(_step(org, "what"), {"incident_kinds": ["verbal"], "what_happened": "x"})
        client.post(_step(org, "why"), {"strands": ["race"]})
        where = reverse("engagement:public-hate-where", args=[org])
        unknown = client.post(where, {"action": "search", "query": "ZX7 7ZZ"})
        assert unknown.status_code == 400 and "We could not find that postcode" in unknown.content.decode()
        found = client.post(where, {"action": "search", "query": "zx11aa"})
        assert found.status_code == 302 and "zx1" not in found["Location"].lower()
        assert client.post(where, {"action": "choose", "place": "0"}).status_code == 302
        draft = client.session[f"engagement_hate_{org}"]
        assert (draft["latitude"], draft["longitude"]) == (51.75425, -1.25086)
        assert draft["place_label"].startswith("ZX1 1AA")

    def test_future_date_is_refused(self, world: SimpleNamespace) -> None:
        client = Client()
        org = world.oxford.pk
        client.post(_step(org, "who"), {"reporter_role": "witness"})
        client.post(_step(org, "what"), {"incident_kinds": ["verbal"], "what_happened": "x"})
        client.post(_step(org, "why"), {"strands": ["other"], "strand_other": "Accent"})
        client.post(reverse("engagement:public-hate-where", args=[org]), {"action": "words", "place_label": "Online"})
        bad = client.post(
            _step(org, "when"),
            {"occurred_on_0": "31", "occurred_on_1": "2", "occurred_on_2": "2026", "reported_to_police": "no"},
        )
        assert bad.status_code == 400 and "real date" in bad.content.decode()

    def test_reporting_centre_staff_are_recorded(self, world: SimpleNamespace, monkeypatch: Any) -> None:
        monkeypatch.setattr(messages, "_send", lambda **kw: True)
        client = signed_in_client(world.centre)
        response = _report_through_pages(client, world.oxford.pk, contact={"contact_method": "none"})
        assert response.status_code == 302
        report = HateReport.objects.get()
        assert report.submitted_by == world.centre and report.reporting_centre == world.oxford.name
        assert report.status == HateReportStatus.NOT_REFERRED  # no rules in this partnership


@pytest.mark.django_db(transaction=True)
class TestNotificationsService:
    def test_emails_go_through_the_one_notifications_service(
        self, world: SimpleNamespace, rules: None, monkeypatch: Any
    ) -> None:
        calls: list[dict[str, Any]] = []
        service = types.ModuleType("safer.core.notifications")
        service.notification_send = lambda **kwargs: calls.append(kwargs)  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "safer.core.notifications", service)
        assert _report_through_pages(Client(), world.oxford.pk).status_code == 302
        report = HateReport.objects.get()
        assert {c["channel"] for c in calls} == {"email"}
        assert {c["organisation"] for c in calls} == {world.oxford} and {c["about"] for c in calls} == {report}
        acknowledgement = next(c for c in calls if c["to"] == "resident@example.org")
        assert report.reference in acknowledgement["subject"] and "999" in acknowledgement["body"]
