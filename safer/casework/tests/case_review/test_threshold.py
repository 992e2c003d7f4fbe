"""The threshold over hand-built complaint histories (no database)."""

from __future__ import annotations

from datetime import date, timedelta

from safer.casework.case_review.threshold import Complaint, ThresholdRules, months_before, threshold_check

RULES = ThresholdRules()
APPLIED = date(2026, 7, 15)


def complaint(
    ref: str,
    occurred: date,
    *,
    reported: date | None = None,
    who: str = "A",
    problem: str = "noise",
    agency: str = "Council",
    hate: bool = False,
) -> Complaint:
    return Complaint(
        ref=ref,
        source="casework",
        agency=agency,
        complainant=who,
        problem=problem,
        occurred_on=occurred,
        reported_on=reported or occurred,
        hate=hate,
    )


class TestOnePerson:
    def test_exactly_three_in_six_months_meets_it(self):
        window_start = months_before(APPLIED, 6)
        assert window_start == date(2026, 1, 15)
        history = [complaint("C1", window_start), complaint("C2", date(2026, 4, 1)), complaint("C3", APPLIED)]
        result = threshold_check(history, rules=RULES, as_of=APPLIED)
        assert result.met and result.rules_met == ["one_person"]
        assert [f.counts for f in result.findings] == [True, True, True]

    def test_a_day_outside_the_window_leaves_two(self):
        history = [complaint("C1", date(2026, 1, 14)), complaint("C2", date(2026, 4, 1)), complaint("C3", APPLIED)]
        result = threshold_check(history, rules=RULES, as_of=APPLIED)
        assert not result.met
        assert "before the 6-month window" in result.findings[0].reason

    def test_a_complaint_32_days_after_its_incident_does_not_count(self):
        history = [
            complaint("C1", date(2026, 3, 1), reported=date(2026, 4, 2)),  # 32 days
            complaint("C2", date(2026, 5, 1), reported=date(2026, 6, 1)),  # 31 days: counts
            complaint("C3", date(2026, 6, 10)),
        ]
        result = threshold_check(history, rules=RULES, as_of=APPLIED)
        assert not result.met
        late = next(f for f in result.findings if f.complaint.ref == "C1")
        assert not late.counts and "32 days after the incident" in late.reason
        assert next(f for f in result.findings if f.complaint.ref == "C2").counts

    def test_same_person_different_problems_does_not_meet_it(self):
        history = [
            complaint("C1", date(2026, 3, 1), problem="noise"),
            complaint("C2", date(2026, 4, 1), problem="noise"),
            complaint("C3", date(2026, 5, 1), problem="fly-tipping"),
        ]
        assert not threshold_check(history, rules=RULES, as_of=APPLIED).met

    def test_one_incident_reported_to_two_agencies_counts_once(self):
        history = [
            complaint("C1", date(2026, 3, 1), agency="Council"),
            complaint("P1", date(2026, 3, 1), reported=date(2026, 3, 2), agency="Police"),
            complaint("C2", date(2026, 5, 1)),
        ]
        result = threshold_check(history, rules=RULES, as_of=APPLIED)
        assert not result.met
        duplicate = next(f for f in result.findings if f.complaint.ref == "P1")
        assert not duplicate.counts and "Same incident as C1 (Council)" in duplicate.reason
        # A third, separate incident meets it.
        history.append(complaint("C3", date(2026, 6, 1)))
        assert threshold_check(history, rules=RULES, as_of=APPLIED).met


class TestCommunity:
    def test_five_different_people_about_the_same_problem(self):
        history = [complaint(f"C{n}", date(2026, 5, n), who=f"P{n}") for n in range(1, 6)]
        result = threshold_check(history, rules=RULES, as_of=APPLIED)
        assert result.met and result.rules_met == ["community"]
        assert result.groups[0].refs == ("C1", "C2", "C3", "C4", "C5")

    def test_four_people_do_not_and_different_problems_do_not_add_up(self):
        four = [complaint(f"C{n}", date(2026, 5, n), who=f"P{n}") for n in range(1, 5)]
        assert not threshold_check(four, rules=RULES, as_of=APPLIED).met
        other = [*four, complaint("C9", date(2026, 5, 9), who="P9", problem="graffiti")]
        assert not threshold_check(other, rules=RULES, as_of=APPLIED).met


class TestHateAndConfiguration:
    def test_hate_motivated_incidents_have_a_lower_threshold(self):
        history = [complaint("C1", date(2026, 6, 1), hate=True)]
        result = threshold_check(history, rules=RULES, as_of=APPLIED)
        assert result.met and result.rules_met == ["hate"]
        strict = ThresholdRules(hate_complaints=2)
        assert not threshold_check(history, rules=strict, as_of=APPLIED).met

    def test_configured_threshold(self):
        history = [complaint("C1", date(2026, 5, 1)), complaint("C2", date(2026, 6, 1))]
        assert not threshold_check(history, rules=RULES, as_of=APPLIED).met
        assert threshold_check(history, rules=ThresholdRules(complaints_one_person=2), as_of=APPLIED).met

    def test_reports_after_the_application_do_not_count(self):
        history = [complaint("C1", APPLIED + timedelta(days=1))]
        result = threshold_check(history, rules=RULES, as_of=APPLIED)
        assert not result.findings[0].counts and "after" in result.findings[0].reason

    def test_months_before_clamps_to_the_months_last_day(self):
        assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
        assert months_before(date(2024, 8, 31), 6) == date(2024, 2, 29)
        assert months_before(date(2026, 3, 15), 6) == date(2025, 9, 15)
