"""Hate report services: routing on submission, responses, telling the reporter, closing, partnership walls."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone

from safer.engagement.choices import HateReportStatus, ReferralStatus
from safer.engagement.errors import EngagementInputError, EngagementNotFoundError, EngagementPermissionError
from safer.engagement.models import HateReport
from safer.engagement.services import messages
from safer.engagement.services.hate_reports import (
    hate_report_close,
    hate_report_submit,
    partner_save,
    referral_update,
    routing_rule_save,
)


def _submit(world: SimpleNamespace, **overrides: Any) -> HateReport:
    values: dict[str, Any] = {
        "organisation": world.oxford,
        "reporter_role": "witness",
        "what_happened": "Graffiti on the mosque wall",
        "incident_kinds": ["damage"],
        "strands": ["religion"],
        "occurred_on": dt.date(2026, 11, 1),
        "reported_to_police": "not_sure",
        "consent_to_share": True,
        "share_with": ["police", "council"],
        "contact_method": "email",
        "email": "witness@example.org",
        "place_label": "Cowley Road",
    }
    values.update(overrides)
    return hate_report_submit(**values)


@pytest.mark.django_db(transaction=True)
class TestHateReportSubmit:
    def test_input_errors(self, world: SimpleNamespace) -> None:
        with pytest.raises(EngagementInputError, match="what kind"):
            _submit(world, incident_kinds=[])
        with pytest.raises(EngagementInputError, match="email"):
            _submit(world, email="")
        with pytest.raises(EngagementInputError, match="past"):
            _submit(world, occurred_on=timezone.localdate() + dt.timedelta(days=1))
        with pytest.raises(EngagementPermissionError):
            _submit(world, actor=world.analyst)  # analysts are not reporting-centre staff
        assert not HateReport.objects.exists()

    def test_routed_by_the_partnership_rules(self, world: SimpleNamespace, monkeypatch: Any) -> None:
        sent: list[str] = []
        monkeypatch.setattr(messages, "_send", lambda **kw: sent.append(kw["to"]) or True)
        police = partner_save(actor=world.hate_manager, name="Police", kind="police", email="p@x.org", response_days=3)
        council = partner_save(actor=world.hate_manager, name="Council", kind="council", email="c@x.org")
        routing_rule_save(actor=world.hate_manager, name="Religion to police", partner=police, strands=["religion"])
        routing_rule_save(
            actor=world.hate_manager,
            name="Damage on Cowley Road",
            partner=council,
            incident_kinds=["damage"],
            place_contains="cowley",
        )
        with pytest.raises(EngagementNotFoundError):
            routing_rule_save(actor=world.other_hate_manager, name="x", partner=police)
        report = _submit(world)
        referrals = {r.partner.name: r for r in report.referrals.all()}
        assert set(referrals) == {"Police", "Council"}
        assert referrals["Police"].due_on == timezone.localdate() + dt.timedelta(days=3)
        assert report.status == HateReportStatus.REFERRED
        assert sorted(sent) == ["c@x.org", "p@x.org", "witness@example.org"]
        elsewhere = _submit(world, place_label="Headington", strands=["race"])
        assert elsewhere.referrals.count() == 0 and elsewhere.status == HateReportStatus.NOT_REFERRED


@pytest.mark.django_db(transaction=True)
class TestReferralUpdate:
    def test_response_tells_the_reporter_by_email(self, world: SimpleNamespace, monkeypatch: Any) -> None:
        sent: list[dict[str, Any]] = []
        monkeypatch.setattr(messages, "_send", lambda **kw: sent.append(kw) or True)
        police = partner_save(actor=world.hate_manager, name="Police", kind="police", email="p@x.org")
        routing_rule_save(actor=world.hate_manager, name="All", partner=police)
        report = _submit(world)
        referral = report.referrals.get()
        sent.clear()
        with pytest.raises(EngagementInputError):
            referral_update(actor=world.hate_manager, referral=referral, status=ReferralStatus.ACTIONED)
        with pytest.raises(EngagementNotFoundError):
            referral_update(actor=world.other_hate_manager, referral=referral, status="closed", response="x")
        with pytest.raises(EngagementInputError, match="still open"):
            hate_report_close(actor=world.hate_manager, report=report)
        referral_update(
            actor=world.hate_manager, referral=referral, status=ReferralStatus.ACTIONED, response="Graffiti removed."
        )
        referral.refresh_from_db()
        assert referral.reporter_told and [m["to"] for m in sent] == ["witness@example.org"]
        assert "Graffiti removed." in sent[0]["body"]
        hate_report_close(actor=world.hate_manager, report=report)
        assert report.status == HateReportStatus.CLOSED

    def test_phone_reporter_is_told_by_staff(self, world: SimpleNamespace, monkeypatch: Any) -> None:
        monkeypatch.setattr(messages, "_send", lambda **kw: True)
        police = partner_save(actor=world.hate_manager, name="Police", kind="police", email="p@x.org")
        routing_rule_save(actor=world.hate_manager, name="All", partner=police)
        report = _submit(world, contact_method="phone", email="", phone="01865 000000")
        referral = report.referrals.get()
        referral_update(actor=world.hate_manager, referral=referral, status="accepted", response="Officer assigned")
        referral.refresh_from_db()
        assert not referral.reporter_told
        referral_update(
            actor=world.hate_manager,
            referral=referral,
            status="accepted",
            response="Officer assigned",
            reporter_told_by_phone=True,
        )
        referral.refresh_from_db()
        assert referral.reporter_told
