"""Evidence for and against the threshold: an application checked against casework incidents and partner extracts,
and potential case reviews (recorded incidents alone meeting the threshold) for the organisations that may see them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils import timezone

from safer.casework.case_review import warehouse_incidents
from safer.casework.case_review.models import CaseReviewApplication, CaseReviewSettings
from safer.casework.case_review.threshold import (
    Complaint,
    Finding,
    ThresholdResult,
    ThresholdRules,
    months_before,
    threshold_check,
)
from safer.casework.models import Incident, Person
from safer.casework.selectors.access import visible_incidents

APPLICANT = "applicant"
PROBLEM = "the problem in the application"


def rules_from(config: CaseReviewSettings) -> ThresholdRules:
    """The threshold rules of the partnership's settings."""
    return ThresholdRules(
        complaints_one_person=config.complaints_one_person,
        complainants_community=config.complainants_community,
        hate_complaints=config.hate_complaints,
        window_months=config.window_months,
        report_within_days=config.report_within_days,
    )


def _local(value: Any) -> date:
    return timezone.localtime(value).date()


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")[-10:]


def applicant_people(application: CaseReviewApplication) -> list[Person]:
    """People in casework who are the applicant: matched by the coordinator, or with the same email or phone."""
    matches = Q(pk__in=application.matched_people.values("pk"))
    if application.email:
        matches |= Q(email__iexact=application.email)
    phone = _digits(application.phone)
    people = list(Person.objects.filter(matches))
    if phone and len(phone) >= 10:
        people += [p for p in Person.objects.exclude(phone="") if _digits(p.phone) == phone and p not in people]
    return people


def _incident_complaint(incident: Incident, *, complainant: str, problem: str) -> Complaint:
    return Complaint(
        ref=incident.reference,
        source="casework",
        agency=incident.receiving_organisation.name,
        complainant=complainant,
        problem=problem,
        occurred_on=_local(incident.occurred_at),
        reported_on=_local(incident.recorded_at),
        hate=incident.hate_motivated,
    )


def _extract_complaint(row: warehouse_incidents.ExtractIncident, *, complainant: str, problem: str) -> Complaint:
    # Extracts give when the incident happened; the record is the report, so it was reported then.
    occurred = _local(row.occurred_at) if row.occurred_at else row.month
    return Complaint(
        ref=row.incident_ref,
        source="extract",
        agency=row.source_agency or "Partner extract",
        complainant=complainant,
        problem=problem,
        occurred_on=occurred,
        reported_on=occurred,
    )


def application_complaints(application: CaseReviewApplication, *, since: date) -> list[Complaint]:
    """The applicant's complaints, and other people's about the same place and kind of problem."""
    people = applicant_people(application)
    own = list(
        Incident.objects.filter(reporting_person__in=people, recorded_at__date__gte=since).select_related(
            "receiving_organisation"
        )
    )
    complaints = [_incident_complaint(i, complainant=APPLICANT, problem=PROBLEM) for i in own]
    places = {(i.area or i.lsoa_code, i.asb_category) for i in own if i.area or i.lsoa_code}
    if places:
        nearby = Q()
        for place, category in places:
            nearby |= (Q(area=place) | Q(lsoa_code=place)) & Q(asb_category=category)
        others = (
            Incident.objects.filter(nearby, recorded_at__date__gte=since, reporting_person__isnull=False)
            .exclude(reporting_person__in=people)
            .select_related("receiving_organisation")
        )
        complaints += [
            _incident_complaint(i, complainant=f"person-{i.reporting_person_id}", problem=PROBLEM) for i in others
        ]
    try:
        rows = warehouse_incidents.extract_incidents_by_reporters(
            pseudonyms=application.reporter_pseudonyms, since=since
        )
    except warehouse_incidents.WarehouseBusyError:
        rows = []
    complaints += [_extract_complaint(r, complainant=APPLICANT, problem=PROBLEM) for r in rows]
    return complaints


def application_check(
    application: CaseReviewApplication, *, config: CaseReviewSettings | None = None
) -> ThresholdResult:
    """Run the threshold over the application's complaints as at the day it was received."""
    from safer.casework.case_review.services import case_review_settings

    config = config or case_review_settings()
    rules = rules_from(config)
    as_of = _local(application.received_at)
    since = months_before(as_of, rules.window_months + 1)
    complaints = application_complaints(application, since=since)
    kept = [c for c in complaints if c.ref not in application.excluded]
    result = threshold_check(kept, rules=rules, as_of=as_of)
    for complaint in complaints:
        if complaint.ref in application.excluded:
            reason = f"Excluded by the coordinator: {application.excluded[complaint.ref]}"
            result.findings.append(Finding(complaint, False, reason))
    return result


def evidence_snapshot(result: ThresholdResult) -> list[dict[str, Any]]:
    """The findings as stored with the decision (references, agencies, dates and reasons: no names)."""
    return [
        {
            "ref": f.complaint.ref,
            "source": f.complaint.source,
            "agency": f.complaint.agency,
            "applicant": f.complaint.complainant == APPLICANT,
            "occurred_on": f.complaint.occurred_on.isoformat(),
            "reported_on": f.complaint.reported_on.isoformat(),
            "hate": f.complaint.hate,
            "counts": f.counts,
            "reason": f.reason,
        }
        for f in result.findings
    ]


@dataclass(frozen=True)
class PotentialCaseReview:
    """Recorded incidents alone meet the threshold: who (a person the user may see, or a pseudonym), what, which."""

    rule: str
    problem: str
    person: Person | None
    pseudonym: str
    refs: tuple[str, ...]


def potential_case_reviews_for_user(user: Any, *, today: date | None = None) -> list[PotentialCaseReview]:
    """Potential case reviews among the incidents this user's organisation may see (need-to-know)."""
    from safer.casework.case_review.services import case_review_settings

    today = today or timezone.localdate()
    rules = rules_from(case_review_settings())
    since = months_before(today, rules.window_months)
    # People who have applied (matched by the coordinator, or by their email) are not alerted again.
    applied = {p for p in CaseReviewApplication.objects.values_list("matched_people", flat=True) if p}
    email_match = Q(pk__in=[])
    for email in CaseReviewApplication.objects.exclude(email="").values_list("email", flat=True):
        email_match |= Q(email__iexact=email)
    applied |= set(Person.objects.filter(email_match).values_list("pk", flat=True))
    incidents = (
        visible_incidents(user)
        .filter(recorded_at__date__gte=since, reporting_person__isnull=False)
        .exclude(reporting_person__in=applied)
        .select_related("receiving_organisation")
    )
    complaints = [
        _incident_complaint(
            i,
            complainant=f"person-{i.reporting_person_id}",
            problem=f"{i.asb_type} in {i.area or i.lsoa_code or 'an unrecorded area'}",
        )
        for i in incidents
    ]
    if user.organisation_id is not None:
        try:
            rows = warehouse_incidents.extract_incidents_of_agency(agency=user.organisation.name, since=since)
        except warehouse_incidents.WarehouseBusyError:
            rows = []
        complaints += [
            _extract_complaint(
                r,
                complainant=f"pseudonym-{r.reporter_pseudonym}",
                problem=f"{r.asb_type or r.asb_category} in {r.lsoa_code or 'an unrecorded area'}",
            )
            for r in rows
        ]
    result = threshold_check(complaints, rules=rules, as_of=today)
    people = {
        f"person-{p.pk}": p
        for p in Person.objects.filter(
            pk__in=[int(g.complainant.split("-", 1)[1]) for g in result.groups if g.complainant.startswith("person-")]
        )
    }
    return [
        PotentialCaseReview(
            rule=g.rule,
            problem=g.problem,
            person=people.get(g.complainant),
            pseudonym=g.complainant.split("-", 1)[1] if g.complainant.startswith("pseudonym-") else "",
            refs=g.refs,
        )
        for g in result.groups
    ]
