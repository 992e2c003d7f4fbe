"""MATAC selectors: the programme table against a known set, and profiles showing names to members only."""

from __future__ import annotations

from datetime import date

import pytest

from safer.core.models import AuditEvent
from safer.safeguarding.choices import SafeguardingAuditAction, SubjectStatus
from safer.safeguarding.errors import SafeguardingNotFoundError
from safer.safeguarding.models import PartnerReferral, ProgrammeEpisode, Subject
from safer.safeguarding.selectors.matac import programme_rows, programme_summary, subject_profile
from safer.safeguarding.tests.conftest import World


def spell(subject: Subject, start: date, score: float, end: date | None = None, after: float | None = None) -> None:
    ProgrammeEpisode.objects.create(
        subject=subject, started_on=start, score_at_start=score, discharged_on=end, score_at_discharge=after
    )


class TestProgrammeTable:
    def test_known_set(self, world: World) -> None:
        s1 = Subject.objects.create(area=world.area, perpetrator_ref="S1", status=SubjectStatus.DISCHARGED)
        s2 = Subject.objects.create(area=world.area, perpetrator_ref="S2", status=SubjectStatus.ACTIVE)
        s3 = Subject.objects.create(area=world.area, perpetrator_ref="S3", status=SubjectStatus.ACTIVE)
        Subject.objects.create(area=world.area, perpetrator_ref="S4")  # selected, never adopted: not counted
        spell(s1, date(2026, 1, 10), 80, date(2026, 5, 10), 20)
        spell(s2, date(2026, 2, 1), 60, date(2026, 4, 1), 10)
        spell(s2, date(2026, 6, 1), 50)
        spell(s3, date(2026, 3, 1), 40)
        PartnerReferral.objects.create(
            area=world.area,
            perpetrator_ref="S1",
            organisation=world.council,
            latest_incident_on=date(2026, 6, 1),
            evidence="New incident",
        )
        PartnerReferral.objects.create(  # before S2's first discharge: not reoffending after it
            area=world.area,
            perpetrator_ref="S2",
            organisation=world.council,
            latest_incident_on=date(2026, 3, 1),
            evidence="Earlier incident",
        )
        rows = programme_rows(world.area, today=date(2026, 7, 1), current_scores={"S2": 15.0})
        by_ref = {r.perpetrator_ref: r for r in rows}
        assert sorted(by_ref) == ["S1", "S2", "S3"]
        assert [by_ref[r].days_on_list for r in ("S1", "S2", "S3")] == [120, 89, 122]
        assert [by_ref[r].spells for r in ("S1", "S2", "S3")] == [1, 2, 1]
        assert by_ref["S1"].reoffended_after_discharge and not by_ref["S2"].reoffended_after_discharge
        assert [by_ref[r].score_after for r in ("S1", "S2", "S3")] == [20, 15.0, 0.0]
        summary = programme_summary(rows)
        assert (summary.started, summary.discharged, summary.re_entered, summary.reoffended_after_discharge) == (
            3,
            1,
            1,
            1,
        )
        assert summary.mean_score_before == pytest.approx(56.7)
        assert summary.mean_score_after == pytest.approx(11.7)


class TestSubjectProfile:
    def test_name_only_for_meeting_members_and_audited(self, world: World) -> None:
        subject = Subject.objects.create(area=world.area, perpetrator_ref="S9", full_name="Named Person")
        assert subject_profile(world.member, subject_id=subject.pk).name_shown
        assert not subject_profile(world.member_not_in_meeting, subject_id=subject.pk).name_shown
        events = AuditEvent.objects.filter(action=SafeguardingAuditAction.SUBJECT_VIEWED, target_id=str(subject.pk))
        assert sorted(e.detail["name_shown"] for e in events) == [False, True]
        with pytest.raises(SafeguardingNotFoundError):
            subject_profile(world.outsider_coordinator, subject_id=subject.pk)
        with pytest.raises(SafeguardingNotFoundError):
            subject_profile(world.dhr, subject_id=subject.pk)
