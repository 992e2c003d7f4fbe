"""The case review threshold over a history of complaints (pure: no Django, no database).

Defaults (Home Office statutory guidance; the partnership's documents): three or more complaints from one person
about the same problem within six months, each made within one month of the incident it reports; or five or more
complaints from different people about the same problem within six months; hate-motivated incidents may have a
lower threshold. The same incident reported to several agencies counts once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class ThresholdRules:
    """The partnership's threshold (CaseReviewSettings)."""

    complaints_one_person: int = 3
    complainants_community: int = 5
    hate_complaints: int = 1
    window_months: int = 6
    report_within_days: int = 31


@dataclass(frozen=True)
class Complaint:
    """One record of a complaint: who made it, about what problem, when it happened and when it was reported."""

    ref: str  # the record's reference (INC-2026-00003, an extract's incident ref)
    source: str  # casework | extract
    agency: str
    complainant: str  # a key that is the same for each complaint by one person
    problem: str  # a key that is the same for each complaint about one problem
    occurred_on: date
    reported_on: date
    hate: bool = False


@dataclass(frozen=True)
class Finding:
    """Whether one complaint counts towards the threshold, and why (evidence for or against)."""

    complaint: Complaint
    counts: bool
    reason: str


@dataclass(frozen=True)
class GroupMet:
    """Complaints that together meet a rule: one person's about a problem, or several people's about one."""

    rule: str  # one_person | hate | community
    problem: str
    complainant: str  # empty for the community rule
    refs: tuple[str, ...]


@dataclass
class ThresholdResult:
    """The outcome: met or not, by which rule, and a finding for each complaint."""

    met: bool
    rules_met: list[str] = field(default_factory=list)
    groups: list[GroupMet] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (the month's last day when it has no such day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def threshold_check(complaints: list[Complaint], *, rules: ThresholdRules, as_of: date) -> ThresholdResult:
    """Apply the rules to the complaints as at `as_of` (the application date, or today for alerts)."""
    window_start = months_before(as_of, rules.window_months)
    findings: list[Finding] = []
    counted: list[Complaint] = []
    seen: dict[tuple[str, str, date], Complaint] = {}
    for complaint in sorted(complaints, key=lambda c: (c.reported_on, c.ref)):
        late = (complaint.reported_on - complaint.occurred_on).days
        key = (complaint.complainant, complaint.problem, complaint.occurred_on)
        if complaint.reported_on > as_of:
            findings.append(Finding(complaint, False, f"Reported after {as_of:%d %B %Y}."))
        elif complaint.reported_on < window_start:
            findings.append(
                Finding(
                    complaint,
                    False,
                    f"Reported before the {rules.window_months}-month window ({window_start:%d %B %Y}).",
                )
            )
        elif late > rules.report_within_days:
            findings.append(
                Finding(
                    complaint,
                    False,
                    f"Reported {late} days after the incident; must be within {rules.report_within_days} days.",
                )
            )
        elif key in seen:
            first = seen[key]
            findings.append(Finding(complaint, False, f"Same incident as {first.ref} ({first.agency}); counted once."))
        else:
            seen[key] = complaint
            counted.append(complaint)
            findings.append(Finding(complaint, True, "Counts: within the window and reported in time."))
    result = ThresholdResult(met=False, findings=findings)
    by_person: dict[tuple[str, str], list[Complaint]] = defaultdict(list)
    by_problem: dict[str, set[str]] = defaultdict(set)
    refs_by_problem: dict[str, list[str]] = defaultdict(list)
    for complaint in counted:
        by_person[(complaint.complainant, complaint.problem)].append(complaint)
        by_problem[complaint.problem].add(complaint.complainant)
        refs_by_problem[complaint.problem].append(complaint.ref)
    for (person, problem), items in sorted(by_person.items()):
        hate = [c for c in items if c.hate]
        if len(items) >= rules.complaints_one_person:
            result.rules_met.append("one_person")
            result.groups.append(GroupMet("one_person", problem, person, tuple(c.ref for c in items)))
            result.summary.append(
                f"{len(items)} complaints from one person about {problem} (threshold {rules.complaints_one_person})."
            )
        elif hate and len(hate) >= rules.hate_complaints:
            result.rules_met.append("hate")
            result.groups.append(GroupMet("hate", problem, person, tuple(c.ref for c in hate)))
            result.summary.append(
                f"{len(hate)} hate-motivated complaint(s) from one person about {problem} "
                f"(threshold {rules.hate_complaints})."
            )
    for problem, people in sorted(by_problem.items()):
        if len(people) >= rules.complainants_community:
            result.rules_met.append("community")
            result.groups.append(GroupMet("community", problem, "", tuple(refs_by_problem[problem])))
            result.summary.append(
                f"{len(people)} different people complained about {problem} (threshold {rules.complainants_community})."
            )
    result.rules_met = sorted(set(result.rules_met))
    result.met = bool(result.rules_met)
    if not result.met:
        result.summary.append(
            f"Not met: {len(counted)} complaint(s) count, from {len({c.complainant for c in counted})} person(s)."
        )
    return result


def to_date(value: date | datetime) -> date:
    """A date from a date or an aware datetime (taken in UK time by the caller)."""
    return value.date() if isinstance(value, datetime) else value
