"""Hate statistics against counts made independently from the hand-built reports and offence records."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from types import SimpleNamespace

import pytest

from safer.core.models import AuditEvent
from safer.engagement.choices import EngagementAuditAction
from safer.engagement.errors import EngagementPermissionError
from safer.engagement.models import HateReport, PartnerAgency, Referral
from safer.engagement.selectors.hate_reports import hate_statistics, referrals_overdue
from safer.engagement.tests.warehouse_rows import offence_insert

REPORTS = [
    # occurred_on, strands, area
    (dt.date(2026, 3, 4), ["race"], "Oxford"),
    (dt.date(2026, 3, 20), ["race", "religion"], "Oxford"),
    (dt.date(2026, 4, 2), ["disability"], "Cherwell"),
    (dt.date(2026, 4, 9), ["sex_gender"], ""),
    (dt.date(2026, 6, 1), ["sexual_orientation", "transgender"], "Oxford"),
    (dt.date(2025, 12, 31), ["race"], "Oxford"),  # before the period
]
OFFENCES = [
    {"month": dt.date(2026, 3, 1), "hate_strand": "race"},
    {"month": dt.date(2026, 3, 1), "hate_strand": "race;religion"},
    {"month": dt.date(2026, 4, 1), "hate_strand": "disability"},
    {"month": dt.date(2026, 4, 1), "hate_strand": "none"},
    {"month": dt.date(2026, 5, 1), "hate_strand": "sexual orientation"},
    {"month": dt.date(2026, 5, 1), "hate_strand": "transgender", "lad_name": "Cherwell"},  # other district
    {"month": dt.date(2026, 8, 1), "hate_strand": "race"},  # after the period
]


def _make(world: SimpleNamespace, organisation: object | None = None) -> list[HateReport]:
    made = []
    for n, (when, strands, area) in enumerate(REPORTS):
        made.append(
            HateReport.objects.create(
                organisation=organisation or world.oxford,
                reference=f"HR-T{n}{id(organisation) % 97}",
                reporter_role="victim",
                what_happened="x",
                incident_kinds=["verbal"],
                strands=strands,
                area_name=area,
                occurred_on=when,
                reported_to_police="no",
            )
        )
    return made


@pytest.mark.django_db
class TestHateStatistics:
    def test_needs_engagement_view(self, world: SimpleNamespace) -> None:
        from safer.accounts.choices import Role
        from safer.testing.accounts import make_user

        worker = make_user(role=Role.CASEWORKER, organisation=world.oxford)
        with pytest.raises(EngagementPermissionError):
            hate_statistics(user=worker, month_from=dt.date(2026, 1, 1), month_to=dt.date(2026, 6, 1), district="")

    def test_against_independent_counts(self, world: SimpleNamespace) -> None:
        reports = _make(world)
        _make(world, organisation=world.other)  # another partnership's reports never count
        partner = PartnerAgency.objects.create(organisation=world.oxford, name="Police", kind="police", email="p@x.org")
        Referral.objects.create(report=reports[0], partner=partner, due_on=dt.date(2026, 3, 10))
        Referral.objects.create(report=reports[5], partner=partner, due_on=dt.date(2026, 1, 10))  # out of period
        offence_insert(OFFENCES)
        start, end = dt.date(2026, 1, 1), dt.date(2026, 6, 1)
        stats = hate_statistics(user=world.analyst, month_from=start, month_to=end, district="Oxford")

        in_period = [r for r in REPORTS if start <= r[0] < dt.date(2026, 7, 1)]
        assert stats.reports == len(in_period) == 5
        ours = Counter(s for _, strands, _ in in_period for s in strands)
        assert {label: n for label, n, _ in stats.by_strand if n} == {
            "Race or ethnicity": ours["race"],
            "Religion or belief": ours["religion"],
            "Disability": ours["disability"],
            "Sexual orientation": ours["sexual_orientation"],
            "Transgender identity": ours["transgender"],
            "Sex or gender": ours["sex_gender"],
        }
        police = {label: p for label, _, p in stats.by_strand}
        # Oxford, Jan-Jun: race 2 (one shared with religion), religion 1, disability 1, sexual orientation 1.
        assert police["Race or ethnicity"] == 2 and police["Religion or belief"] == 1
        assert police["Disability"] == 1 and police["Sexual orientation"] == 1 and police["Transgender identity"] == 0
        assert police["Sex or gender"] is None and police["Something else"] is None
        assert stats.police_records == 4
        months = {m: (o, p) for m, o, p in stats.by_month}
        assert months[dt.date(2026, 3, 1)] == (2, 2) and months[dt.date(2026, 4, 1)] == (2, 1)
        assert months[dt.date(2026, 5, 1)] == (0, 1) and months[dt.date(2026, 6, 1)] == (1, 0)
        assert len(stats.by_month) == 6
        assert dict(stats.by_area) == {"Oxford": 3, "Cherwell": 1, "Not known": 1}
        assert stats.by_route == [("Police", 1)]
        assert AuditEvent.objects.filter(action=EngagementAuditAction.HATE_STATISTICS_VIEWED).count() == 1


@pytest.mark.django_db
class TestReferralsOverdue:
    def test_open_referrals_past_due_only(self, world: SimpleNamespace) -> None:
        reports = _make(world)
        partner = PartnerAgency.objects.create(organisation=world.oxford, name="Police", kind="police", email="p@x.org")
        other = PartnerAgency.objects.create(organisation=world.oxford, name="Council", kind="council", email="c@x.org")
        late = Referral.objects.create(report=reports[0], partner=partner, due_on=dt.date(2026, 3, 1))
        Referral.objects.create(report=reports[0], partner=other, due_on=dt.date(2026, 3, 1), status="actioned")
        Referral.objects.create(report=reports[1], partner=partner, due_on=dt.date(2026, 3, 30))
        overdue = list(referrals_overdue(user=world.hate_manager, today=dt.date(2026, 3, 15)))
        assert overdue == [late]
        assert list(referrals_overdue(user=world.other_hate_manager, today=dt.date(2026, 3, 15))) == []
