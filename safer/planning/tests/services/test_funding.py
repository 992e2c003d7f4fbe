"""Funding services: money in pence, allocations within the fund, sub-lines, carry-forwards, the published totals."""

from __future__ import annotations

import pytest

from safer.accounts.choices import Role
from safer.core.models import AuditEvent
from safer.planning import demo_content
from safer.planning.demo import _funding
from safer.planning.errors import PlanningInputError, PlanningPermissionError
from safer.planning.funding_table import funding_table
from safer.planning.models import Fund, Funder
from safer.planning.money import pence_from_text, pounds
from safer.planning.services import funding

pytestmark = pytest.mark.django_db


@pytest.fixture
def fund(manager):
    funder = funding.funder_create(actor=manager, name="Test PCC", objectives=["Cut crime", "Protect the vulnerable"])
    return funding.fund_create(
        actor=manager, funder=funder, name="Community safety fund", year=2016, amount_pence=100_000_00
    )


class TestMoney:
    @pytest.mark.parametrize(("typed", "pence"), [("47969", 4_796_900), ("£1,250.50", 125_050), ("0.05", 5)])
    def test_amounts_become_whole_pence(self, typed, pence):
        assert pence_from_text(typed) == pence

    @pytest.mark.parametrize("typed", ["-5", "12.345", "ten pounds", ""])
    def test_bad_amounts_are_refused(self, typed):
        with pytest.raises(PlanningInputError):
            pence_from_text(typed)

    def test_pounds_shows_pence_only_when_there_are_some(self):
        assert pounds(4_796_900) == "£47,969" and pounds(125_050) == "£1,250.50"


class TestAllocationAdd:
    def test_negative_amount_is_refused(self, manager, fund):
        with pytest.raises(PlanningInputError, match="negative"):
            funding.allocation_add(actor=manager, fund=fund, line="X", recipient="X", amount_pence=-1)

    def test_allocation_exceeding_the_fund_is_refused(self, manager, fund):
        funding.allocation_add(actor=manager, fund=fund, line="A", recipient="A", amount_pence=60_000_00)
        with pytest.raises(PlanningInputError, match="£40,000 left"):
            funding.allocation_add(actor=manager, fund=fund, line="B", recipient="B", amount_pence=40_000_01)
        funding.allocation_add(actor=manager, fund=fund, line="B", recipient="B", amount_pence=40_000_00)
        assert funding.fund_allocated_pence(fund) == fund.amount_pence

    def test_sub_lines_cannot_exceed_their_line(self, manager, fund):
        line = funding.allocation_add(actor=manager, fund=fund, line="CSPs", recipient="CSPs", amount_pence=1000_00)
        funding.allocation_add(actor=manager, fund=fund, line="West", recipient="W", parent=line, amount_pence=600_00)
        with pytest.raises(PlanningInputError, match="sub-lines"):
            funding.allocation_add(
                actor=manager, fund=fund, line="Oxford", recipient="O", parent=line, amount_pence=500_00
            )
        assert funding.fund_allocated_pence(fund) == 1000_00  # sub-lines sit inside their line

    def test_only_managers_allocate(self, officer, fund):
        with pytest.raises(PlanningPermissionError):
            funding.allocation_add(actor=officer, fund=fund, line="A", recipient="A", amount_pence=1)

    def test_allocation_is_audited(self, manager, fund):
        funding.allocation_add(actor=manager, fund=fund, line="A", recipient="A", amount_pence=5_00)
        event = AuditEvent.objects.filter(action="planning.funding_saved", target_type="planning.allocation").get()
        assert event.actor == manager and event.detail["amount_pence"] == 500


class TestSpendAndCarryForward:
    def test_spend_cannot_exceed_what_is_left_after_carry_forward(self, manager, fund):
        line = funding.allocation_add(actor=manager, fund=fund, line="A", recipient="A", amount_pence=1000_00)
        funding.carry_forward_add(actor=manager, allocation=line, to_year=2017, amount_pence=300_00, purpose="CSE")
        funding.spend_record(actor=manager, allocation=line, half=1, amount_pence=500_00, outcomes="Training")
        with pytest.raises(PlanningInputError, match="more than the £700"):
            funding.spend_record(actor=manager, allocation=line, half=2, amount_pence=200_01)

    def test_carry_forward_must_go_to_a_later_year(self, manager, fund):
        line = funding.allocation_add(actor=manager, fund=fund, line="A", recipient="A", amount_pence=1000_00)
        with pytest.raises(PlanningInputError, match="later year"):
            funding.carry_forward_add(actor=manager, allocation=line, to_year=2016, amount_pence=1_00, purpose="x")


class TestReturns:
    def test_officer_updates_only_their_agency_row_and_submission_needs_every_row(
        self, manager, officer, fund, council
    ):
        funding_return = funding.return_create(actor=manager, fund=fund, half=1)
        objective = fund.funder.objectives.get(number=1)
        theirs = funding.return_line_add(
            actor=manager,
            funding_return=funding_return,
            objective=objective,
            joint_priority="Reduce ASB",
            lead_agency="Police",
            lead_organisation=officer.organisation,
        )
        other = funding.return_line_add(
            actor=manager,
            funding_return=funding_return,
            objective=objective,
            joint_priority="Reduce reoffending",
            lead_agency="Council",
            lead_organisation=council,
        )
        funding.return_line_update(actor=officer, line=theirs, outcome="Fewer reports", progress="Patrols done")
        with pytest.raises(PlanningPermissionError):
            funding.return_line_update(actor=officer, line=other, outcome="", progress="x")
        with pytest.raises(PlanningInputError, match="Reduce reoffending"):
            funding.return_submit(actor=manager, funding_return=funding_return)
        funding.return_line_update(actor=manager, line=other, outcome="", progress="Done")
        assert funding.return_submit(actor=manager, funding_return=funding_return).status == "submitted"
        with pytest.raises(PlanningInputError, match="submitted"):
            funding.return_line_update(actor=manager, line=other, outcome="", progress="Changed")


class TestPublishedDistribution:
    def test_totals_equal_the_community_safety_agreement(self, manager):
        _funding(manager)
        funder = Funder.objects.get()
        table = funding_table(user=manager, funder=funder, fund_name=Fund.objects.first().name)
        assert table.totals == {2014: 789_316_00, 2015: 786_680_00, 2016: 778_813_00}
        assert {year: total // 100 for year, total in table.totals.items()} == demo_content.PUBLISHED_TOTALS

    def test_lines_and_sub_lines_as_published(self, manager):
        _funding(manager)
        table = funding_table(user=manager, funder=Funder.objects.get(), fund_name=Fund.objects.first().name)
        rows = {row.line: row for row in table.rows}
        assert rows["West Oxfordshire"].level == 1 and rows["West Oxfordshire"].amounts[2016] == 47_969_00
        assert rows["Domestic Abuse (DA) and exploitation"].amounts == {2014: None, 2015: 111_000_00, 2016: 119_133_00}
        assert rows["Strategic Intelligence Assessment (SIA)"].up_to[2015] is True
        sub_lines_2015 = sum(
            r.amounts[2015] or 0
            for r in table.rows[table.rows.index(rows["Domestic Abuse (DA) and exploitation"]) + 1 :]
            if r.level == 1
        )
        assert sub_lines_2015 == 111_000_00
        assert len(table.carry_forwards) == 1 and table.carry_forwards[0].to_year == 2015

    def test_board_members_read_the_table_and_people_without_planning_cannot(self, manager, make_user):
        _funding(manager)
        funder = Funder.objects.get()
        reader = make_user(role=Role.BOARD_MEMBER, with_device=False)
        assert funding_table(user=reader, funder=funder, fund_name=Fund.objects.first().name).years == [
            2014,
            2015,
            2016,
        ]
        admin = make_user(role=Role.ADMINISTRATOR, with_device=False)
        with pytest.raises(PlanningPermissionError):
            funding_table(user=admin, funder=funder, fund_name=Fund.objects.first().name)
