"""MATAC reads: rankings, meetings, subject profiles and the programme table, need-to-know checked and audited."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet

from safer.core.services.audit import audit_record
from safer.safeguarding import incidents as da
from safer.safeguarding.choices import SafeguardingAuditAction
from safer.safeguarding.errors import SafeguardingNotFoundError
from safer.safeguarding.models import (
    AgendaItem,
    MatacAction,
    MatacArea,
    Meeting,
    PartnerReferral,
    ProgrammeEpisode,
    Ranking,
    RankingEntry,
    Subject,
)
from safer.safeguarding.selectors.access import area_get_for_user, is_meeting_member, visible_areas


def ranking_latest(area: MatacArea) -> Ranking | None:
    """The area's newest ranking."""
    return Ranking.objects.filter(area=area).select_related("scheme").order_by("-as_of", "-pk").first()


def ranking_for_user(user: Any, *, area_id: int, ranking_id: int | None = None) -> Ranking | None:
    """An area's ranking (the newest by default) for a user who may see the area; the view is audited."""
    area = area_get_for_user(user, area_id=area_id)
    if ranking_id is None:
        ranking = ranking_latest(area)
    else:
        ranking = Ranking.objects.filter(area=area, pk=ranking_id).select_related("scheme").first()
        if ranking is None:
            raise SafeguardingNotFoundError("No ranking with that number in this area.")
    audit_record(
        actor=user,
        action=SafeguardingAuditAction.RANKING_VIEWED,
        target=ranking or area,
        detail={"area": area.pk},
    )
    return ranking


def ranking_entries(ranking: Ranking, *, serial_only: bool = False, limit: int = 200) -> QuerySet[RankingEntry]:
    """A ranking's entries, best first (pseudonymous references only)."""
    entries = ranking.entries.order_by("rank")
    if serial_only:
        entries = entries.filter(serial=True)
    return entries[:limit]


def entry_get_for_user(user: Any, *, entry_id: int) -> RankingEntry:
    """One ranking entry in an area the user may see."""
    entry = RankingEntry.objects.filter(pk=entry_id, ranking__area__in=visible_areas(user)).first()
    if entry is None:
        raise SafeguardingNotFoundError("No ranking entry with that number that you can see.")
    return entry


def entry_incidents_for_user(user: Any, *, entry_id: int) -> tuple[RankingEntry, list[dict[str, object]], list[Any]]:
    """The incidents and referrals behind a ranking entry (pseudonymous); the view is audited."""
    entry = entry_get_for_user(user, entry_id=entry_id)
    area = entry.ranking.area
    incidents = da.da_incidents_of(district_codes=list(area.district_codes), perpetrator_ref=entry.perpetrator_ref)
    referrals = list(PartnerReferral.objects.filter(area=area, perpetrator_ref=entry.perpetrator_ref))
    audit_record(
        actor=user,
        action=SafeguardingAuditAction.RANKING_VIEWED,
        target=entry.ranking,
        detail={"entry": entry.pk, "incidents": len(incidents)},
    )
    return entry, incidents, referrals


def meetings_for_area(area: MatacArea) -> QuerySet[Meeting]:
    """An area's meetings, newest first."""
    return area.meetings.order_by("-held_on")


def meeting_get_for_user(user: Any, *, meeting_id: int, audit: bool = True) -> Meeting:
    """One meeting in an area the user may see; the view is audited."""
    meeting = Meeting.objects.filter(pk=meeting_id, area__in=visible_areas(user)).select_related("area").first()
    if meeting is None:
        raise SafeguardingNotFoundError("No MATAC meeting with that number that you can see.")
    if audit:
        audit_record(actor=user, action=SafeguardingAuditAction.MEETING_VIEWED, target=meeting)
    return meeting


def meeting_agenda(meeting: Meeting) -> list[AgendaItem]:
    """The agenda with each item's actions."""
    items = list(meeting.items.select_related("subject").order_by("position"))
    actions: dict[int, list[MatacAction]] = {}
    for action in meeting.actions.select_related("organisation").order_by("due_on", "pk"):
        actions.setdefault(action.subject_id, []).append(action)
    for item in items:
        item.action_list = actions.get(item.subject_id, [])  # type: ignore[attr-defined]
    return items


def subject_get_for_user(user: Any, *, subject_id: int) -> Subject:
    """One subject in an area the user may see (not audited: the caller's page is)."""
    subject = Subject.objects.filter(pk=subject_id, area__in=visible_areas(user)).select_related("area").first()
    if subject is None:
        raise SafeguardingNotFoundError("No MATAC subject with that number that you can see.")
    return subject


@dataclass
class SubjectProfile:
    """What a subject's profile page shows; `name_shown` is False for anyone outside the area's meeting."""

    subject: Subject
    name_shown: bool
    trend: list[tuple[date, float, int]] = field(default_factory=list)
    incidents: list[dict[str, object]] = field(default_factory=list)
    referrals: list[PartnerReferral] = field(default_factory=list)
    items: list[AgendaItem] = field(default_factory=list)
    actions: list[MatacAction] = field(default_factory=list)
    episodes: list[ProgrammeEpisode] = field(default_factory=list)


def subject_profile(user: Any, *, subject_id: int) -> SubjectProfile:
    """A subject's history, score trend, actions (victims' safety too); the name only for meeting members."""
    subject = subject_get_for_user(user, subject_id=subject_id)
    member = is_meeting_member(user, subject.area)
    trend = [
        (e.ranking.as_of, e.score, e.rank)
        for e in RankingEntry.objects.filter(ranking__area=subject.area, perpetrator_ref=subject.perpetrator_ref)
        .select_related("ranking")
        .order_by("ranking__as_of", "ranking_id")
    ]
    profile = SubjectProfile(
        subject=subject,
        name_shown=member,
        trend=trend,
        incidents=da.da_incidents_of(
            district_codes=list(subject.area.district_codes), perpetrator_ref=subject.perpetrator_ref
        ),
        referrals=list(PartnerReferral.objects.filter(area=subject.area, perpetrator_ref=subject.perpetrator_ref)),
        items=list(subject.agenda_items.select_related("meeting").order_by("-meeting__held_on")),
        actions=list(subject.actions.select_related("organisation", "meeting")),
        episodes=list(subject.episodes.order_by("started_on")),
    )
    audit_record(
        actor=user, action=SafeguardingAuditAction.SUBJECT_VIEWED, target=subject, detail={"name_shown": member}
    )
    return profile


@dataclass(frozen=True)
class ProgrammeRow:
    """One subject's line in the programme table."""

    perpetrator_ref: str
    subject_id: int
    started_on: date
    score_at_start: float
    discharged_on: date | None
    score_after: float | None
    days_on_list: int
    spells: int
    reoffended_after_discharge: bool


@dataclass(frozen=True)
class ProgrammeSummary:
    """Totals of the programme table: the measures forces report."""

    started: int
    discharged: int
    re_entered: int
    reoffended_after_discharge: int
    mean_score_before: float | None
    mean_score_after: float | None


def programme_rows(area: MatacArea, *, today: date, current_scores: dict[str, float]) -> list[ProgrammeRow]:
    """Each subject's latest spell: score before and after, time on the list, re-entry, reoffending."""
    rows = []
    for subject in area.subjects.prefetch_related("episodes").order_by("perpetrator_ref"):
        episodes = sorted(subject.episodes.all(), key=lambda e: e.started_on)
        if not episodes:
            continue
        last = episodes[-1]
        after = last.score_at_discharge if last.discharged_on else current_scores.get(subject.perpetrator_ref, 0.0)
        reoffended = False
        if last.discharged_on is not None:
            history = da.da_incidents_of(
                district_codes=list(area.district_codes), perpetrator_ref=subject.perpetrator_ref
            )
            reoffended = (
                any(_day(h["occurred_at"]) > last.discharged_on for h in history)
                or PartnerReferral.objects.filter(
                    area=area, perpetrator_ref=subject.perpetrator_ref, latest_incident_on__gt=last.discharged_on
                ).exists()
            )
        rows.append(
            ProgrammeRow(
                perpetrator_ref=subject.perpetrator_ref,
                subject_id=subject.pk,
                started_on=episodes[0].started_on,
                score_at_start=last.score_at_start,
                discharged_on=last.discharged_on,
                score_after=after,
                days_on_list=sum(((e.discharged_on or today) - e.started_on).days for e in episodes),
                spells=len(episodes),
                reoffended_after_discharge=reoffended,
            )
        )
    return rows


def _day(value: object) -> date:
    return value.date() if hasattr(value, "date") else value  # type: ignore[return-value]


def programme_summary(rows: list[ProgrammeRow]) -> ProgrammeSummary:
    """Totals over the programme rows."""
    befores = [r.score_at_start for r in rows]
    afters = [r.score_after for r in rows if r.score_after is not None]
    return ProgrammeSummary(
        started=len(rows),
        discharged=sum(1 for r in rows if r.discharged_on is not None),
        re_entered=sum(1 for r in rows if r.spells > 1),
        reoffended_after_discharge=sum(1 for r in rows if r.reoffended_after_discharge),
        mean_score_before=round(sum(befores) / len(befores), 1) if befores else None,
        mean_score_after=round(sum(afters) / len(afters), 1) if afters else None,
    )


def programme_for_user(
    user: Any, *, area_id: int, today: date
) -> tuple[MatacArea, list[ProgrammeRow], ProgrammeSummary]:
    """The programme table of an area the user may see; the view is audited."""
    area = area_get_for_user(user, area_id=area_id)
    latest = ranking_latest(area)
    scores = dict(latest.entries.values_list("perpetrator_ref", "score")) if latest else {}
    rows = programme_rows(area, today=today, current_scores=scores)
    audit_record(actor=user, action=SafeguardingAuditAction.PROGRAMME_VIEWED, target=area)
    return area, rows, programme_summary(rows)


def scheme_versions_for_user(user: Any) -> list[Any]:
    """Every scoring scheme version, newest first, for a MATAC user; the view is audited."""
    from safer.safeguarding.models import ScoringSchemeVersion
    from safer.safeguarding.services.matac import scheme_current

    scheme_current()  # version 1 exists from the first look
    audit_record(
        actor=user, action=SafeguardingAuditAction.SCHEME_VIEWED, target_type="safeguarding.scoringschemeversion"
    )
    return list(ScoringSchemeVersion.objects.order_by("-version"))
