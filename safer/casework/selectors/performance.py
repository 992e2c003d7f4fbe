"""Casework performance figures for partnership managers: one function (and one query) per figure.

Every figure takes a PerformanceFilter (period, organisation, team, area) so pages, exports and the API
compute exactly the same numbers. No personal data leaves these functions (officers are staff).
"""

from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from statistics import median
from typing import Any

from django.db.models import Count, Q, QuerySet

from safer.casework.choices import CaseStatus, PartyRole, RiskLevel
from safer.casework.deadlines import LONDON, RESPONSE_STANDARD
from safer.casework.models import Case, CaseIncident, Intervention

NO_FURTHER_ASB_TARGET = 0.65


@dataclass(frozen=True)
class PerformanceFilter:
    """Which cases a figure covers: opened (or acting) in [start, end], optionally one organisation, team, area."""

    start: date
    end: date
    organisation_id: int | None = None
    team_id: int | None = None
    area: str = ""

    @property
    def start_at(self) -> datetime:
        """Start of the first day, London time."""
        return datetime.combine(self.start, time.min, tzinfo=LONDON)

    @property
    def end_at(self) -> datetime:
        """Start of the day after the last day, London time (exclusive bound)."""
        return datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=LONDON)


def add_months(moment: datetime, months: int) -> datetime:
    """The same day `months` calendar months later (clamped to the month's last day)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def _cases(f: PerformanceFilter) -> QuerySet[Case]:
    cases = Case.objects.all()
    if f.organisation_id:
        cases = cases.filter(owner_organisation_id=f.organisation_id)
    if f.team_id:
        cases = cases.filter(team_id=f.team_id)
    if f.area:
        cases = cases.filter(area__iexact=f.area)
    return cases


def cases_opened_count(f: PerformanceFilter) -> int:
    """Cases opened in the period."""
    return _cases(f).filter(opened_at__gte=f.start_at, opened_at__lt=f.end_at).count()


def cases_closed_count(f: PerformanceFilter) -> int:
    """Cases closed in the period (whenever they were opened)."""
    return _cases(f).filter(closed_at__gte=f.start_at, closed_at__lt=f.end_at).count()


@dataclass(frozen=True)
class FirstContactRow:
    """Time to first contact for one risk level."""

    risk_level: str
    standard: str
    cases: int
    contacted: int
    within_standard: int
    median_hours: float | None

    @property
    def within_share(self) -> float | None:
        """Share of assessed cases contacted within the standard."""
        return self.within_standard / self.cases if self.cases else None

    @property
    def missed(self) -> bool:
        """True when some case of this risk level was not contacted within the standard (every one should be)."""
        return self.within_standard < self.cases

    @property
    def headline(self) -> str:
        """The figure a manager reads first, e.g. "High risk: 2 of 11 contacted within 24 hours"."""
        return f"{self.risk_level} risk: {self.within_standard} of {self.cases} contacted within {self.standard}"


def first_contact_by_risk(f: PerformanceFilter) -> list[FirstContactRow]:
    """For cases opened in the period, by risk level: contacted, within the standard, median hours to contact."""
    rows = (
        _cases(f)
        .filter(opened_at__gte=f.start_at, opened_at__lt=f.end_at)
        .exclude(risk_level="")
        .values_list("risk_level", "opened_at", "first_contact_at", "response_due_at")
    )
    grouped: dict[str, list[tuple[datetime, datetime | None, datetime | None]]] = defaultdict(list)
    for level, opened, contact, due in rows:
        grouped[level].append((opened, contact, due))
    result = []
    for level in (RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.STANDARD):
        items = grouped.get(level.value, [])
        hours = [(c - o).total_seconds() / 3600 for o, c, _ in items if c is not None]
        unit, amount = RESPONSE_STANDARD[level]
        result.append(
            FirstContactRow(
                risk_level=level.label,
                standard=f"{amount} hours" if unit == "hours" else f"{amount} working days",
                cases=len(items),
                contacted=len(hours),
                within_standard=sum(1 for _, c, d in items if c is not None and d is not None and c <= d),
                median_hours=round(median(hours), 1) if hours else None,
            )
        )
    return result


@dataclass(frozen=True)
class ClosedWithin:
    """Cases opened in the period and how many closed within 3 and 6 months of opening."""

    opened: int
    within_3_months: int
    within_6_months: int


def cases_closed_within(f: PerformanceFilter) -> ClosedWithin:
    """Of the cases opened in the period, how many were closed within 3 and within 6 calendar months."""
    rows = list(
        _cases(f).filter(opened_at__gte=f.start_at, opened_at__lt=f.end_at).values_list("opened_at", "closed_at")
    )
    return ClosedWithin(
        opened=len(rows),
        within_3_months=sum(1 for o, c in rows if c is not None and c <= add_months(o, 3)),
        within_6_months=sum(1 for o, c in rows if c is not None and c <= add_months(o, 6)),
    )


@dataclass(frozen=True)
class NoFurtherAsb:
    """Perpetrators whose first intervention was in the period and 6 months have passed since."""

    perpetrators: int
    no_further_asb: int
    target: float = NO_FURTHER_ASB_TARGET

    @property
    def share(self) -> float | None:
        """Share with no further ASB in the 6 months after their first intervention."""
        return self.no_further_asb / self.perpetrators if self.perpetrators else None


def perpetrators_no_further_asb(f: PerformanceFilter, *, as_of: date) -> NoFurtherAsb:
    """Share of alleged perpetrators with no incident (in any case naming them) in the 6 months after their
    first intervention; only perpetrators whose first intervention fell in the period and at least 6 months
    before `as_of` count. Two queries: first interventions, then later incidents."""
    firsts: dict[int, date] = {}
    interventions = Intervention.objects.filter(
        case__in=_cases(f), case__parties__role=PartyRole.PERPETRATOR
    ).values_list("case__parties__person_id", "occurred_on")
    for person_id, occurred_on in interventions:
        if person_id not in firsts or occurred_on < firsts[person_id]:
            firsts[person_id] = occurred_on
    # The first intervention of a person counts across all their cases, not just the filtered ones.
    all_firsts = Intervention.objects.filter(
        case__parties__person_id__in=list(firsts), case__parties__role=PartyRole.PERPETRATOR
    ).values_list("case__parties__person_id", "occurred_on")
    for person_id, occurred_on in all_firsts:
        if occurred_on < firsts[person_id]:
            firsts[person_id] = occurred_on
    cohort = {
        person: first
        for person, first in firsts.items()
        if f.start <= first <= f.end and add_months(datetime.combine(first, time.min), 6).date() <= as_of
    }
    if not cohort:
        return NoFurtherAsb(perpetrators=0, no_further_asb=0)
    recurred: set[int] = set()
    later = CaseIncident.objects.filter(
        case__parties__person_id__in=list(cohort), case__parties__role=PartyRole.PERPETRATOR
    ).values_list("case__parties__person_id", "incident__occurred_at")
    for person_id, occurred_at in later:
        first = cohort[person_id]
        window_start = datetime.combine(first + timedelta(days=1), time.min, tzinfo=LONDON)
        window_end = add_months(window_start, 6)
        if window_start <= occurred_at < window_end:
            recurred.add(person_id)
    return NoFurtherAsb(perpetrators=len(cohort), no_further_asb=len(cohort) - len(recurred))


def open_caseload_by_officer(f: PerformanceFilter) -> list[tuple[str, int]]:
    """Cases open at the end of the period per officer, largest caseload first."""
    rows = (
        _cases(f)
        .filter(opened_at__lt=f.end_at)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=f.end_at))
        .values("officer__username", "officer__first_name", "officer__last_name")
        .annotate(n=Count("id"))
        .order_by("-n", "officer__username")
    )
    result = []
    for row in rows:
        name = f"{row['officer__first_name']} {row['officer__last_name']}".strip() or row["officer__username"]
        result.append((name or "No officer", row["n"]))
    return result


def stage_reached(f: PerformanceFilter) -> list[tuple[int, int]]:
    """Cases opened in the period by the highest ladder stage reached (0 = no intervention)."""
    counts = Counter(
        dict(
            _cases(f)
            .filter(opened_at__gte=f.start_at, opened_at__lt=f.end_at)
            .values_list("stage")
            .annotate(n=Count("id"))
            .values_list("stage", "n")
        )
    )
    return [(stage, counts.get(stage, 0)) for stage in range(0, 5)]


def open_cases_count(f: PerformanceFilter) -> int:
    """Cases open at the end of the period."""
    return (
        _cases(f).filter(opened_at__lt=f.end_at).filter(Q(status=CaseStatus.OPEN) | Q(closed_at__gte=f.end_at)).count()
    )


def performance_summary(f: PerformanceFilter, *, as_of: date) -> dict[str, Any]:
    """Every figure of the performance page."""
    return {
        "opened": cases_opened_count(f),
        "closed": cases_closed_count(f),
        "open_at_end": open_cases_count(f),
        "first_contact": first_contact_by_risk(f),
        "closed_within": cases_closed_within(f),
        "no_further_asb": perpetrators_no_further_asb(f, as_of=as_of),
        "caseload": open_caseload_by_officer(f),
        "stages": stage_reached(f),
    }


def performance_csv_rows(summary: dict[str, Any]) -> list[list[str]]:
    """The summary as rows of (figure, breakdown, value) for CSV export."""
    rows = [["figure", "breakdown", "value"]]
    rows.append(["cases opened", "", str(summary["opened"])])
    rows.append(["cases closed", "", str(summary["closed"])])
    rows.append(["cases open at end of period", "", str(summary["open_at_end"])])
    for row in summary["first_contact"]:
        rows.append(["cases assessed", row.risk_level, str(row.cases)])
        rows.append(["first contact made", row.risk_level, str(row.contacted)])
        rows.append([f"first contact within standard ({row.standard})", row.risk_level, str(row.within_standard)])
        rows.append(
            ["median hours to first contact", row.risk_level, "" if row.median_hours is None else str(row.median_hours)]
        )
    within = summary["closed_within"]
    rows.append(["closed within 3 months of opening", f"of {within.opened} opened", str(within.within_3_months)])
    rows.append(["closed within 6 months of opening", f"of {within.opened} opened", str(within.within_6_months)])
    nfa = summary["no_further_asb"]
    rows.append(["perpetrators with first intervention (6 months elapsed)", "", str(nfa.perpetrators)])
    rows.append(["of whom no further ASB in 6 months", f"target {nfa.target:.0%}", str(nfa.no_further_asb)])
    for name, count in summary["caseload"]:
        rows.append(["open caseload", name, str(count)])
    for stage, count in summary["stages"]:
        rows.append(["highest stage reached", str(stage), str(count)])
    return rows
