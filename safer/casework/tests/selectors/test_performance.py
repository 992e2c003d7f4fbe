"""selectors/performance.py: every figure against values worked out by hand for a small set of cases."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from safer.casework.choices import CaseOutcome, PartyRole
from safer.casework.deadlines import LONDON
from safer.casework.questionnaire import DEFAULT_QUESTIONNAIRE
from safer.casework.selectors.performance import (
    PerformanceFilter,
    add_months,
    cases_closed_count,
    cases_closed_within,
    cases_opened_count,
    first_contact_by_risk,
    open_caseload_by_officer,
    performance_csv_rows,
    performance_summary,
    perpetrators_no_further_asb,
    stage_reached,
)
from safer.casework.services import (
    case_close,
    case_escalate,
    case_link_incident,
    case_update,
    party_add,
    risk_assessment_complete,
)
from safer.casework.tests.conftest import new_person, open_case, record_incident

pytestmark = pytest.mark.django_db

NO = {q.code: False for q in DEFAULT_QUESTIONNAIRE.questions}
MEDIUM = {**NO, "repeat": True, "fear": True}
HIGH = {q.code: True for q in DEFAULT_QUESTIONNAIRE.questions}


def at(y, m, d, h=9):
    return datetime(y, m, d, h, 0, tzinfo=LONDON)


def _fresh(case):
    case.refresh_from_db()
    return case


@pytest.fixture
def cases(world):
    cw = world.caseworker
    # A: high risk, contacted after 10 hours, one intervention, a later incident within 6 months, closed in 2 months.
    a = open_case(cw, opened_at=at(2025, 2, 3, 10), incident=record_incident(cw, occurred_at=at(2025, 2, 1)))
    risk_assessment_complete(actor=cw, case=a, answers=HIGH)
    a = case_update(actor=cw, case=_fresh(a), version=_fresh(a).version, first_contact_at=at(2025, 2, 3, 20))
    p1 = new_person(cw, "P1")
    party_add(actor=cw, case=a, person=p1, role=PartyRole.PERPETRATOR)
    case_escalate(actor=cw, case=_fresh(a), version=_fresh(a).version, stage=1, occurred_on=date(2025, 2, 10))
    case_link_incident(actor=cw, case=_fresh(a), incident=record_incident(cw, occurred_at=at(2025, 5, 1)))
    case_close(
        actor=cw, case=_fresh(a), version=_fresh(a).version, outcome=CaseOutcome.RESOLVED, closed_at=at(2025, 4, 1)
    )
    # B: medium risk (due Thu 13 Mar), contacted Fri 14 Mar (late, 96 hours); stages 1 and 2; incident after the
    # 6-month window; closed after 4.7 months.
    b = open_case(cw, opened_at=at(2025, 3, 10), incident=record_incident(cw, occurred_at=at(2025, 3, 8)))
    risk_assessment_complete(actor=cw, case=b, answers=MEDIUM)
    case_update(actor=cw, case=_fresh(b), version=_fresh(b).version, first_contact_at=at(2025, 3, 14))
    p2 = new_person(cw, "P2")
    party_add(actor=cw, case=b, person=p2, role=PartyRole.PERPETRATOR)
    case_escalate(actor=cw, case=_fresh(b), version=_fresh(b).version, stage=1, occurred_on=date(2025, 3, 20))
    case_escalate(actor=cw, case=_fresh(b), version=_fresh(b).version, stage=2, occurred_on=date(2025, 4, 20))
    case_link_incident(actor=cw, case=_fresh(b), incident=record_incident(cw, occurred_at=at(2025, 11, 1)))
    case_close(
        actor=cw, case=_fresh(b), version=_fresh(b).version, outcome=CaseOutcome.RESOLVED, closed_at=at(2025, 8, 1)
    )
    # C: standard risk, never contacted, still open.
    c = open_case(cw, opened_at=at(2025, 6, 2))
    risk_assessment_complete(actor=cw, case=c, answers=NO)
    # D: opened 2024, closed January 2025.  E: opened 2026 (outside).  F: another organisation's case.
    d = open_case(cw, opened_at=at(2024, 12, 1))
    case_close(actor=cw, case=d, version=d.version, outcome=CaseOutcome.WITHDRAWN, closed_at=at(2025, 1, 15))
    open_case(cw, opened_at=at(2026, 1, 5))
    open_case(world.housing_worker, opened_at=at(2025, 5, 5))
    return world


def council_2025(world):
    return PerformanceFilter(start=date(2025, 1, 1), end=date(2025, 12, 31), organisation_id=world.council.pk)


class TestAddMonths:
    def test_clamps_to_month_end(self):
        assert add_months(at(2025, 8, 31), 6) == at(2026, 2, 28)
        assert add_months(at(2025, 11, 15), 3) == at(2026, 2, 15)


class TestFigures:
    def test_opened_and_closed(self, cases):
        f = council_2025(cases)
        assert cases_opened_count(f) == 3  # A, B, C
        assert cases_closed_count(f) == 3  # A, B, D
        assert cases_opened_count(PerformanceFilter(start=date(2025, 1, 1), end=date(2025, 12, 31))) == 4  # + F

    def test_closed_within_3_and_6_months(self, cases):
        within = cases_closed_within(council_2025(cases))
        assert (within.opened, within.within_3_months, within.within_6_months) == (3, 1, 2)

    def test_first_contact_by_risk(self, cases):
        rows = {row.risk_level: row for row in first_contact_by_risk(council_2025(cases))}
        high, medium, standard = rows["High"], rows["Medium"], rows["Standard"]
        assert (high.cases, high.contacted, high.within_standard, high.median_hours) == (1, 1, 1, 10.0)
        assert (medium.cases, medium.contacted, medium.within_standard, medium.median_hours) == (1, 1, 0, 96.0)
        assert (standard.cases, standard.contacted, standard.median_hours) == (1, 0, None)
        assert high.standard == "24 hours" and medium.standard == "3 working days"

    def test_missed_response_standards_are_flagged(self, cases):
        rows = {row.risk_level: row for row in first_contact_by_risk(council_2025(cases))}
        assert not rows["High"].missed and rows["Medium"].missed and rows["Standard"].missed
        assert rows["Medium"].headline == "Medium risk: 0 of 1 contacted within 3 working days"
        assert rows["High"].headline == "High risk: 1 of 1 contacted within 24 hours"

    def test_performance_page_leads_with_the_response_standards(self, cases, client_for):
        page = client_for(cases.partnership).get(
            "/casework/performance/",
            {"start": "2025-01-01", "end": "2025-12-31", "organisation": cases.council.pk},
        )
        body = page.content.decode()
        assert "Medium risk: 0 of 1 contacted within 3 working days" in body
        assert "High risk: 1 of 1 contacted within 24 hours" in body
        assert body.count("Below the standard") == 2 and "No: 0 of 1" in body

    def test_no_further_asb(self, cases):
        result = perpetrators_no_further_asb(council_2025(cases), as_of=date(2026, 11, 25))
        # P1 reoffended within 6 months of 10 Feb 2025; P2's later incident (1 Nov) is after 20 Sep 2025.
        assert (result.perpetrators, result.no_further_asb, result.share) == (2, 1, 0.5)
        assert result.target == 0.65

    def test_window_not_yet_elapsed_is_left_out(self, cases):
        result = perpetrators_no_further_asb(council_2025(cases), as_of=date(2025, 9, 1))
        assert result.perpetrators == 1  # only P1's six months (to 10 Aug 2025) have passed

    def test_caseload_and_stages(self, cases):
        f = council_2025(cases)
        assert open_caseload_by_officer(f) == [(cases.caseworker.username, 1)]  # only C open on 31 Dec 2025
        assert stage_reached(f) == [(0, 1), (1, 1), (2, 1), (3, 0), (4, 0)]

    def test_csv_rows_carry_the_same_numbers(self, cases):
        summary = performance_summary(council_2025(cases), as_of=date(2026, 11, 25))
        rows = performance_csv_rows(summary)
        assert rows[0] == ["figure", "breakdown", "value"]
        assert ["cases opened", "", "3"] in rows and ["of whom no further ASB in 6 months", "target 65%", "1"] in rows
