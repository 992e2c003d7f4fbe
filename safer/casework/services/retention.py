"""Retention: anonymise cases closed longer ago than the retention period (default 6 years)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from safer.casework.choices import CaseEventKind, CaseStatus, CaseworkAuditAction
from safer.casework.models import (
    Breach,
    Case,
    CaseEvent,
    CaseParty,
    CaseShare,
    Incident,
    Intervention,
    Letter,
    Note,
    Person,
    RiskAssessment,
    Task,
)
from safer.casework.services._common import event_add
from safer.core.services.audit import audit_record

REMOVED = "[Removed under the retention policy]"


def retention_cutoff(*, now: datetime | None = None, years: int | None = None) -> datetime:
    """Cases closed before this moment are due for anonymisation."""
    now = now or timezone.now()
    years = settings.SAFER_CASE_RETENTION_YEARS if years is None else years
    if years < 1:
        raise ValueError(f"The retention period must be at least 1 year (got {years}).")
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def cases_due_for_anonymisation(*, now: datetime | None = None, years: int | None = None) -> list[Case]:
    """Closed, not yet anonymised cases closed before the cut-off."""
    cutoff = retention_cutoff(now=now, years=years)
    return list(
        Case.objects.filter(status=CaseStatus.CLOSED, anonymised_at__isnull=True, closed_at__lt=cutoff).order_by("pk")
    )


def _person_still_needed(person: Person) -> bool:
    """A person stays while they appear in a case or incident that is not anonymised."""
    live_cases = Q(case__anonymised_at__isnull=True)
    if CaseParty.objects.filter(live_cases, person=person).exists():
        return True
    reported = Incident.objects.filter(reporting_person=person)
    return reported.filter(Q(case_links__isnull=True) | Q(case_links__case__anonymised_at__isnull=True)).exists()


@transaction.atomic
def case_anonymise(*, actor: Any, case: Case) -> Case:
    """Remove personal data from a closed case, keeping the figures (dates, risk, stage, outcome)."""
    if case.status != CaseStatus.CLOSED:
        raise ValueError(f"Case {case.reference} is open; only closed cases are anonymised.")
    now = timezone.now()
    Case.objects.filter(pk=case.pk).update(anonymised_at=now, summary="")
    Note.objects.filter(case=case).update(text=REMOVED)
    Task.objects.filter(case=case).update(title=REMOVED)
    CaseEvent.objects.filter(case=case).update(detail="")
    Intervention.objects.filter(case=case).exclude(skipped_reason="").update(skipped_reason=REMOVED)
    Intervention.objects.filter(case=case).update(notes="", person=None, action=F("stage_name"))
    CaseShare.objects.filter(case=case).update(reason="")
    Breach.objects.filter(case=case).update(description=REMOVED)
    RiskAssessment.objects.filter(case=case).update(victim=None)
    for letter in Letter.objects.filter(case=case):
        for field in (letter.docx_file, letter.pdf_file):
            if field:
                field.delete(save=False)
    Letter.objects.filter(case=case).update(docx_file="", pdf_file="", recipient=None)
    people = set(CaseParty.objects.filter(case=case).values_list("person_id", flat=True))
    incidents = Incident.objects.filter(case_links__case=case).exclude(case_links__case__anonymised_at__isnull=True)
    for incident in incidents.distinct():
        if incident.reporting_person_id:
            people.add(incident.reporting_person_id)
        Incident.objects.filter(pk=incident.pk).update(
            description=REMOVED, location_text="Anonymised", latitude=None, longitude=None, reporting_person=None
        )
    for person in Person.objects.filter(pk__in=people, anonymised_at__isnull=True):
        if _person_still_needed(person):
            continue
        Person.objects.filter(pk=person.pk).update(
            first_name="Anonymised",
            last_name="",
            date_of_birth=None,
            address="",
            postcode="",
            phone="",
            email="",
            vulnerability_notes="",
            anonymised_at=now,
        )
    case.refresh_from_db()
    event_add(case=case, kind=CaseEventKind.ANONYMISED, actor=actor, at=now)
    audit_record(
        actor=actor,
        action=CaseworkAuditAction.CASE_ANONYMISED,
        target=case,
        detail={"closed_at": case.closed_at.isoformat() if case.closed_at else ""},
    )
    return case


def cases_anonymise_due(*, now: datetime | None = None, years: int | None = None, actor: Any = None) -> list[str]:
    """Anonymise every case due under the retention period; return their references."""
    return [
        case_anonymise(actor=actor, case=case).reference for case in cases_due_for_anonymisation(now=now, years=years)
    ]
