"""MATAC writes: scoring scheme versions, rankings, partner referrals, subject selection, identity, discharge."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import numpy as np
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from safer.core.services.audit import audit_record
from safer.safeguarding import incidents as da
from safer.safeguarding.choices import MeetingStatus, RiskLevel, SafeguardingAuditAction, SubjectStatus
from safer.safeguarding.errors import SafeguardingConflictError, SafeguardingError
from safer.safeguarding.models import (
    AgendaItem,
    MatacArea,
    Meeting,
    PartnerReferral,
    ProgrammeEpisode,
    Ranking,
    RankingEntry,
    ScoringSchemeVersion,
    Subject,
)
from safer.safeguarding.scoring import SchemeInvalidError, ScoringScheme, matac_rank
from safer.safeguarding.selectors.access import area_get_for_user, require_capability

London = timezone.get_default_timezone


def scheme_current() -> ScoringSchemeVersion:
    """The newest scoring scheme version; version 1 (this product's illustrative default) when none exists."""
    latest = ScoringSchemeVersion.objects.order_by("-version").first()
    if latest is None:
        latest, _ = ScoringSchemeVersion.objects.get_or_create(
            version=1,
            defaults={
                "rules": ScoringScheme.default().to_dict(),
                "note": "Safer Communities illustrative default - not any police force's scheme",
            },
        )
    return latest


@transaction.atomic
def scheme_version_create(*, actor: Any, settings: dict[str, Any], note: str) -> ScoringSchemeVersion:
    """Save changed scoring rules as a new version (earlier versions stay, so old rankings can be reproduced)."""
    require_capability(actor, "safeguarding.matac.score")
    try:
        scheme = ScoringScheme.from_dict(settings)
    except SchemeInvalidError as error:
        raise SafeguardingError(" ".join(error.problems), field="settings") from None
    number = (ScoringSchemeVersion.objects.aggregate(m=Max("version"))["m"] or 0) + 1
    version = ScoringSchemeVersion.objects.create(
        version=number, rules=scheme.to_dict(), note=note.strip()[:300], created_by=actor
    )
    audit_record(actor=actor, action=SafeguardingAuditAction.SCHEME_CREATED, target=version)
    return version


def _referral_columns(area: MatacArea, as_of: date, known_by: datetime) -> dict[str, np.ndarray]:
    """Partner referrals received by `known_by` as incident rows on the same scale (one per assessed incident)."""
    refs, victims, when, codes, crime, risk = [], [], [], [], [], []
    referrals = PartnerReferral.objects.filter(area=area, latest_incident_on__lte=as_of, referred_at__lte=known_by)
    for r in referrals:
        for i in range(r.incidents):
            refs.append(r.perpetrator_ref)
            victims.append(f"referral-{r.pk}-victim-{i % max(r.victim_count, 1)}" if r.victim_count else "")
            when.append(np.datetime64(r.latest_incident_on, "s"))
            codes.append(r.offence_code if r.crime else "")
            crime.append(r.crime)
            risk.append(r.risk_level)
    return {
        "perpetrator_ref": np.array(refs, dtype=object),
        "victim_ref": np.array(victims, dtype=object),
        "occurred_at": np.array(when, dtype="datetime64[s]"),
        "offence_code": np.array(codes, dtype=object),
        "crime": np.array(crime, dtype=bool),
        "risk_level": np.array(risk, dtype=object),
    }


def ranking_compute(
    *, area: MatacArea, as_of: date, scheme: ScoringScheme, known_by: datetime
) -> tuple[dict[str, np.ndarray], int]:
    """The ranking table for an area on a date (police incidents + referrals known by then), incidents considered."""
    police = da.da_incident_columns(
        district_codes=list(area.district_codes), as_of=as_of, lookback_months=scheme.lookback_months
    )
    referrals = _referral_columns(area, as_of, known_by)
    columns = {k: np.concatenate([np.asarray(police[k]), referrals[k]]) for k in referrals}
    columns["occurred_at"] = columns["occurred_at"].astype("datetime64[s]")
    table = matac_rank(columns, scheme=scheme, as_of=as_of)
    return table, len(columns["perpetrator_ref"])


@transaction.atomic
def ranking_create(
    *,
    actor: Any,
    area_id: int,
    as_of: date,
    scheme_version: ScoringSchemeVersion | None = None,
    known_by: datetime | None = None,
) -> Ranking:
    """Rank an area's perpetrators on a date with a scheme version (the current one by default) and keep it.

    `known_by` (default now) limits partner referrals to those received by then, so `ranking_reproduce` can
    give the same table again later.
    """
    require_capability(actor, "safeguarding.matac.score")
    area = area_get_for_user(actor, area_id=area_id)
    if as_of > timezone.localdate():
        raise SafeguardingError(f"The ranking date {as_of:%d %B %Y} is in the future.", field="as_of")
    version = scheme_version or scheme_current()
    known_by = known_by or timezone.now()
    table, considered = ranking_compute(
        area=area, as_of=as_of, scheme=ScoringScheme.from_dict(version.rules), known_by=known_by
    )
    ranking = Ranking.objects.create(
        area=area,
        scheme=version,
        as_of=as_of,
        incidents_considered=considered,
        synthetic=area.synthetic,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        known_by=known_by,
    )
    tz = London()
    RankingEntry.objects.bulk_create(
        [
            RankingEntry(
                ranking=ranking,
                rank=int(table["rank"][i]),
                perpetrator_ref=str(table["perpetrator_ref"][i]),
                score=float(table["score"][i]),
                recency=float(table["recency"][i]),
                frequency=float(table["frequency"][i]),
                gravity=float(table["gravity"][i]),
                victims=float(table["victims"][i]),
                incidents=int(table["incidents"][i]),
                victim_count=int(table["victim_count"][i]),
                latest_at=table["latest_at"][i].astype(datetime).replace(tzinfo=tz),
                latest_risk=str(table["latest_risk"][i]) if table["latest_risk"][i] in RiskLevel.values else "",
                serial=bool(table["serial"][i]),
            )
            for i in range(len(table["rank"]))
        ],
        batch_size=2000,
    )
    audit_record(
        actor=actor,
        action=SafeguardingAuditAction.RANKING_CREATED,
        target=ranking,
        detail={"scheme_version": version.version, "as_of": as_of.isoformat(), "entries": len(table["rank"])},
    )
    return ranking


def ranking_reproduce(*, actor: Any, ranking: Ranking) -> Ranking:
    """Produce a past ranking again: same area, date, scheme version and referrals known at the time."""
    return ranking_create(
        actor=actor,
        area_id=ranking.area_id,
        as_of=ranking.as_of,
        scheme_version=ranking.scheme,
        known_by=ranking.known_by,
    )


@transaction.atomic
def referral_add(
    *,
    actor: Any,
    area_id: int,
    perpetrator_ref: str,
    latest_incident_on: date,
    incidents: int,
    crime: bool,
    offence_code: str,
    victim_count: int,
    risk_level: str,
    evidence: str,
) -> PartnerReferral:
    """Record a partner agency's referral, assessed on the same scale as police incidents."""
    require_capability(actor, "safeguarding.matac.refer")
    area = area_get_for_user(actor, area_id=area_id)
    ref = perpetrator_ref.strip()
    if not ref:
        raise SafeguardingError("Enter the perpetrator's pseudonymous reference.", field="perpetrator_ref")
    if latest_incident_on > timezone.localdate():
        raise SafeguardingError("The latest incident date is in the future.", field="latest_incident_on")
    if incidents < 1:
        raise SafeguardingError(f"Incidents must be 1 or more (got {incidents}).", field="incidents")
    if crime and not offence_code.strip():
        raise SafeguardingError("Enter the Home Office offence code for a crime.", field="offence_code")
    if not evidence.strip():
        raise SafeguardingError("Describe the evidence for the referral.", field="evidence")
    referral = PartnerReferral.objects.create(
        area=area,
        perpetrator_ref=ref,
        organisation=actor.organisation,
        referred_by=actor,
        latest_incident_on=latest_incident_on,
        incidents=incidents,
        crime=crime,
        offence_code=offence_code.strip().upper() if crime else "",
        victim_count=victim_count,
        risk_level=risk_level,
        evidence=evidence.strip(),
    )
    audit_record(actor=actor, action=SafeguardingAuditAction.REFERRAL_ADDED, target=referral)
    return referral


@transaction.atomic
def subject_select(*, actor: Any, entry: RankingEntry, meeting: Meeting) -> AgendaItem:
    """Put a ranked perpetrator on a planned meeting's agenda (a discharged subject re-enters)."""
    require_capability(actor, "safeguarding.matac.manage")
    area = area_get_for_user(actor, area_id=entry.ranking.area_id)
    if meeting.area_id != area.pk or meeting.status != MeetingStatus.PLANNED:
        raise SafeguardingConflictError("Choose a planned meeting of the same area.", field="meeting")
    subject, _ = Subject.objects.get_or_create(area=area, perpetrator_ref=entry.perpetrator_ref)
    if AgendaItem.objects.filter(meeting=meeting, subject=subject).exists():
        raise SafeguardingConflictError(f"{subject.perpetrator_ref} is already on that meeting's agenda.")
    if subject.status == SubjectStatus.DISCHARGED:
        subject.status = SubjectStatus.SELECTED
        subject.save(update_fields=["status"])
    position = (meeting.items.aggregate(m=Max("position"))["m"] or 0) + 1
    item = AgendaItem.objects.create(meeting=meeting, subject=subject, position=position, score=entry.score)
    audit_record(
        actor=actor,
        action=SafeguardingAuditAction.SUBJECT_SELECTED,
        target=subject,
        detail={"meeting": meeting.pk, "ranking": entry.ranking_id},
    )
    return item


@transaction.atomic
def subject_identify(*, actor: Any, subject: Subject, full_name: str, date_of_birth: date | None) -> Subject:
    """Record a subject's name (seen only by members of the area's meeting)."""
    require_capability(actor, "safeguarding.matac.manage")
    area = area_get_for_user(actor, area_id=subject.area_id)
    if not area.members.filter(pk=actor.pk).exists():
        raise SafeguardingError("Only members of this area's meeting can record names.")
    subject.full_name = full_name.strip()
    subject.date_of_birth = date_of_birth
    subject.save(update_fields=["full_name", "date_of_birth"])
    audit_record(actor=actor, action=SafeguardingAuditAction.SUBJECT_UPDATED, target=subject)
    return subject


def subject_current_score(subject: Subject) -> float:
    """The subject's score in the area's latest ranking (0 when no longer ranked)."""
    latest = Ranking.objects.filter(area_id=subject.area_id).order_by("-as_of", "-pk").first()
    if latest is None:
        return 0.0
    entry = latest.entries.filter(perpetrator_ref=subject.perpetrator_ref).first()
    return entry.score if entry else 0.0


@transaction.atomic
def subject_discharge(*, actor: Any, subject: Subject, discharged_on: date, reason: str) -> ProgrammeEpisode:
    """End the subject's spell on the programme, recording the score at discharge."""
    require_capability(actor, "safeguarding.matac.manage")
    area_get_for_user(actor, area_id=subject.area_id)
    episode = subject.episodes.filter(discharged_on__isnull=True).order_by("-started_on").first()
    if subject.status != SubjectStatus.ACTIVE or episode is None:
        raise SafeguardingConflictError(f"{subject.perpetrator_ref} is not on the programme.")
    if discharged_on < episode.started_on or discharged_on > timezone.localdate():
        raise SafeguardingError("The discharge date must be between the start and today.", field="discharged_on")
    if not reason.strip():
        raise SafeguardingError("Give the reason for discharge.", field="reason")
    episode.discharged_on = discharged_on
    episode.score_at_discharge = subject_current_score(subject)
    episode.discharge_reason = reason.strip()[:300]
    episode.save()
    subject.status = SubjectStatus.DISCHARGED
    subject.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action=SafeguardingAuditAction.SUBJECT_DISCHARGED,
        target=subject,
        detail={"score_at_start": episode.score_at_start, "score_at_discharge": episode.score_at_discharge},
    )
    return episode
