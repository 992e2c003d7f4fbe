"""MATAC services: scheme versions, rankings from referrals, selection, decisions, discharge, re-entry."""

from __future__ import annotations

from datetime import date

import pytest

from safer.core.models import AuditEvent
from safer.safeguarding.choices import SafeguardingAuditAction, SubjectStatus
from safer.safeguarding.errors import (
    SafeguardingConflictError,
    SafeguardingError,
    SafeguardingNotFoundError,
    SafeguardingPermissionError,
)
from safer.safeguarding.models import ProgrammeEpisode, Subject
from safer.safeguarding.scoring import ScoringScheme
from safer.safeguarding.services import matac as svc
from safer.safeguarding.services import meetings
from safer.safeguarding.tests.conftest import World, referral_kwargs

AS_OF = date(2026, 11, 30)


class TestSchemeVersionCreate:
    def test_rejects_bad_rules_and_other_roles(self, world: World) -> None:
        with pytest.raises(SafeguardingPermissionError):
            svc.scheme_version_create(actor=world.member, settings=ScoringScheme().to_dict(), note="x")
        bad = ScoringScheme().to_dict() | {"lookback_months": 0}
        with pytest.raises(SafeguardingError, match="look-back"):
            svc.scheme_version_create(actor=world.analyst, settings=bad, note="x")

    def test_saves_a_new_version_and_audits(self, world: World) -> None:
        first = svc.scheme_current()
        second = svc.scheme_version_create(
            actor=world.analyst, settings=ScoringScheme().to_dict() | {"victim_points": 9}, note="More for victims"
        )
        assert (first.version, second.version) == (1, 2)
        assert svc.scheme_current() == second
        assert "not any police force" in first.note
        assert AuditEvent.objects.filter(action=SafeguardingAuditAction.SCHEME_CREATED, actor=world.analyst).exists()


class TestRankingCreate:
    def test_outsiders_and_members_cannot_rank(self, world: World) -> None:
        with pytest.raises(SafeguardingNotFoundError):
            svc.ranking_create(actor=world.outsider_coordinator, area_id=world.area.pk, as_of=AS_OF)
        with pytest.raises(SafeguardingPermissionError):
            svc.ranking_create(actor=world.member, area_id=world.area.pk, as_of=AS_OF)

    def test_future_date_refused(self, world: World) -> None:
        with pytest.raises(SafeguardingError, match="future"):
            svc.ranking_create(actor=world.analyst, area_id=world.area.pk, as_of=date(2999, 1, 1))

    def test_referrals_are_scored_on_the_same_scale(self, world: World) -> None:
        svc.referral_add(actor=world.member, area_id=world.area.pk, **referral_kwargs())
        svc.referral_add(
            actor=world.member,
            area_id=world.area.pk,
            **referral_kwargs(perpetrator_ref="P-2", incidents=1, crime=False, offence_code="", risk_level="standard"),
        )
        ranking = svc.ranking_create(actor=world.analyst, area_id=world.area.pk, as_of=AS_OF)
        entries = list(ranking.entries.order_by("rank"))
        assert [e.perpetrator_ref for e in entries] == ["P-1", "P-2"]
        top = entries[0]
        # 1 month since 1 Oct: 25 recency; 2 incidents: 10; gravity 2 x 15 (8N); one victim: 5
        assert (top.recency, top.frequency, top.gravity, top.victims, top.score) == (25, 10, 30, 5, 70)
        assert top.latest_risk == "high" and ranking.incidents_considered == 3

    def test_old_scheme_version_reproduces_the_old_ranking(self, world: World) -> None:
        svc.referral_add(actor=world.member, area_id=world.area.pk, **referral_kwargs(incidents=5, offence_code="105A"))
        svc.referral_add(
            actor=world.member,
            area_id=world.area.pk,
            **referral_kwargs(
                perpetrator_ref="P-9", incidents=1, offence_code="5D", latest_incident_on=date(2026, 3, 1)
            ),
        )
        first = svc.ranking_create(actor=world.analyst, area_id=world.area.pk, as_of=AS_OF)
        old_version = first.scheme
        svc.scheme_version_create(
            actor=world.analyst, settings=ScoringScheme().to_dict() | {"gravity_weights": {"5D": 200}}, note="Heavier"
        )
        second = svc.ranking_create(actor=world.analyst, area_id=world.area.pk, as_of=AS_OF)
        # A referral received after the first ranking does not change its reproduction.
        svc.referral_add(actor=world.member, area_id=world.area.pk, **referral_kwargs(perpetrator_ref="P-LATE"))
        again = svc.ranking_reproduce(actor=world.analyst, ranking=first)
        assert again.scheme == old_version

        def order(r: object) -> list[tuple[str, float]]:
            return list(r.entries.order_by("rank").values_list("perpetrator_ref", "score"))  # type: ignore[attr-defined]

        assert [ref for ref, _ in order(first)] == ["P-1", "P-9"]
        assert [ref for ref, _ in order(second)] == ["P-9", "P-1"]
        assert order(again) == order(first)


class TestReferralAdd:
    def test_validation(self, world: World) -> None:
        with pytest.raises(SafeguardingError, match="offence code"):
            svc.referral_add(actor=world.member, area_id=world.area.pk, **referral_kwargs(offence_code=""))
        with pytest.raises(SafeguardingError, match="evidence"):
            svc.referral_add(actor=world.member, area_id=world.area.pk, **referral_kwargs(evidence=" "))
        with pytest.raises(SafeguardingNotFoundError):
            svc.referral_add(actor=world.outsider_coordinator, area_id=world.area.pk, **referral_kwargs())
        with pytest.raises(SafeguardingPermissionError):
            svc.referral_add(actor=world.dhr, area_id=world.area.pk, **referral_kwargs())


class TestProgrammeJourney:
    def test_select_decide_discharge_reenter(self, world: World) -> None:
        svc.referral_add(
            actor=world.member, area_id=world.area.pk, **referral_kwargs(latest_incident_on=date(2026, 7, 1))
        )
        ranking = svc.ranking_create(actor=world.analyst, area_id=world.area.pk, as_of=date(2026, 7, 5))
        entry = ranking.entries.get(perpetrator_ref="P-1")
        meeting = meetings.meeting_create(actor=world.coordinator, area_id=world.area.pk, held_on=date(2026, 7, 8))
        with pytest.raises(SafeguardingPermissionError):
            svc.subject_select(actor=world.member, entry=entry, meeting=meeting)
        item = svc.subject_select(actor=world.coordinator, entry=entry, meeting=meeting)
        with pytest.raises(SafeguardingConflictError):
            svc.subject_select(actor=world.coordinator, entry=entry, meeting=meeting)
        meetings.meeting_record_decision(
            actor=world.coordinator, item=item, intervention="disruption", decision="Bail conditions; IDVA support."
        )
        subject = Subject.objects.get(perpetrator_ref="P-1")
        assert subject.status == SubjectStatus.ACTIVE
        episode = ProgrammeEpisode.objects.get(subject=subject)
        assert episode.score_at_start == entry.score
        # A later ranking where the incidents have aged: the score falls, then discharge records it.
        later = svc.ranking_create(actor=world.analyst, area_id=world.area.pk, as_of=date(2026, 11, 30))
        later_score = later.entries.get(perpetrator_ref="P-1").score
        assert later_score < entry.score
        episode = svc.subject_discharge(
            actor=world.coordinator, subject=subject, discharged_on=date(2026, 11, 30), reason="Score fell"
        )
        assert episode.score_at_discharge == later_score
        with pytest.raises(SafeguardingConflictError):
            svc.subject_discharge(actor=world.coordinator, subject=subject, discharged_on=date(2026, 12, 1), reason="x")
        # Re-entry: selected again at a later meeting starts a second spell.
        meeting2 = meetings.meeting_create(actor=world.coordinator, area_id=world.area.pk, held_on=date(2026, 12, 2))
        item2 = svc.subject_select(
            actor=world.coordinator, entry=later.entries.get(perpetrator_ref="P-1"), meeting=meeting2
        )
        meetings.meeting_record_decision(actor=world.coordinator, item=item2, intervention="support", decision="Again")
        assert subject.episodes.count() == 2

    def test_names_only_by_meeting_members(self, world: World) -> None:
        subject = Subject.objects.create(area=world.area, perpetrator_ref="P-5")
        world.area.members.remove(world.coordinator)
        with pytest.raises(SafeguardingError, match="members"):
            svc.subject_identify(actor=world.coordinator, subject=subject, full_name="A Person", date_of_birth=None)
        world.area.members.add(world.coordinator)
        svc.subject_identify(actor=world.coordinator, subject=subject, full_name="A Person", date_of_birth=None)
        subject.refresh_from_db()
        assert subject.full_name == "A Person"
        assert not AuditEvent.objects.filter(target_label__icontains="A Person").exists()
