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


def _events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


@pytest.fixture
def line(manager, fund):
    return funding.allocation_add(actor=manager, fund=fund, line="A", recipient="A", amount_pence=1000_00)


class TestCarryForwardChanges:
    def test_change_keeps_the_money_within_the_allocation_and_audits_before_and_after(self, manager, line):
        carry = funding.carry_forward_add(
            actor=manager, allocation=line, to_year=2017, amount_pence=300_00, purpose="x"
        )
        funding.spend_record(actor=manager, allocation=line, half=1, amount_pence=600_00)
        # 600 spent: at most 400 can be carried
        with pytest.raises(PlanningInputError, match="at most £400"):
            funding.carry_forward_update(
                actor=manager, carry=carry, to_year=2017, amount_pence=400_01, purpose="x", reason="Revised"
            )
        with pytest.raises(PlanningInputError, match="later year"):
            funding.carry_forward_update(
                actor=manager, carry=carry, to_year=2016, amount_pence=1_00, purpose="x", reason="Revised"
            )
        with pytest.raises(PlanningInputError, match="reason"):
            funding.carry_forward_update(
                actor=manager, carry=carry, to_year=2018, amount_pence=400_00, purpose="y", reason="  "
            )
        funding.carry_forward_update(
            actor=manager, carry=carry, to_year=2018, amount_pence=400_00, purpose="Lighting", reason="Final invoice"
        )
        carry.refresh_from_db()
        assert (carry.to_year, carry.amount_pence, carry.purpose) == (2018, 400_00, "Lighting")
        event = _events("planning.funding_saved")[-1]
        assert event.actor == manager and event.target_id == str(line.pk)
        assert event.detail["before"] == {"amount_pence": 300_00, "to_year": 2017}
        assert event.detail["after"] == {"amount_pence": 400_00, "to_year": 2018}
        assert event.detail["reason"] == "Final invoice"

    def test_delete_needs_a_reason_and_keeps_what_it_was_in_the_audit(self, manager, line):
        carry = funding.carry_forward_add(
            actor=manager, allocation=line, to_year=2017, amount_pence=300_00, purpose="x"
        )
        with pytest.raises(PlanningInputError, match="reason"):
            funding.carry_forward_delete(actor=manager, carry=carry, reason="")
        funding.carry_forward_delete(actor=manager, carry=carry, reason="Spent in year after all")
        assert not line.carry_forwards.exists()
        (event,) = _events("planning.funding_removed")
        assert event.detail["before"] == {"amount_pence": 300_00, "to_year": 2017}
        assert event.detail["reason"] == "Spent in year after all"
        # the money is free for spend again: the whole 1,000 can now be spent
        funding.spend_record(actor=manager, allocation=line, half=2, amount_pence=1000_00)

    def test_only_managers_change_or_remove(self, manager, officer, line):
        carry = funding.carry_forward_add(actor=manager, allocation=line, to_year=2017, amount_pence=1_00, purpose="x")
        with pytest.raises(PlanningPermissionError):
            funding.carry_forward_update(
                actor=officer, carry=carry, to_year=2017, amount_pence=2_00, purpose="x", reason="r"
            )
        with pytest.raises(PlanningPermissionError):
            funding.carry_forward_delete(actor=officer, carry=carry, reason="r")

    def test_locked_once_the_year_end_return_is_submitted(self, manager, fund, line):
        carry = funding.carry_forward_add(actor=manager, allocation=line, to_year=2017, amount_pence=1_00, purpose="x")
        funding.return_submit(actor=manager, funding_return=funding.return_create(actor=manager, fund=fund, half=1))
        # the April to September return does not close the year
        funding.carry_forward_update(
            actor=manager, carry=carry, to_year=2017, amount_pence=2_00, purpose="x", reason="r"
        )
        funding.return_submit(actor=manager, funding_return=funding.return_create(actor=manager, fund=fund, half=2))
        for attempt in (
            lambda: funding.carry_forward_update(
                actor=manager, carry=carry, to_year=2017, amount_pence=3_00, purpose="x", reason="r"
            ),
            lambda: funding.carry_forward_delete(actor=manager, carry=carry, reason="r"),
            lambda: funding.carry_forward_add(
                actor=manager, allocation=line, to_year=2017, amount_pence=1_00, purpose="x"
            ),
        ):
            with pytest.raises(PlanningInputError, match="has been submitted"):
                attempt()
        carry.refresh_from_db()
        assert carry.amount_pence == 2_00


class TestSpendChanges:
    @pytest.fixture
    def agency_line(self, manager, fund, officer):
        return funding.allocation_add(
            actor=manager,
            fund=fund,
            line="B",
            recipient="Police",
            amount_pence=500_00,
            recipient_organisation=officer.organisation,
        )

    def test_recipient_agency_changes_its_spend_within_the_allocation(self, manager, officer, agency_line):
        first = funding.spend_record(actor=officer, allocation=agency_line, half=1, amount_pence=200_00)
        funding.spend_record(actor=officer, allocation=agency_line, half=2, amount_pence=250_00)
        # 250 elsewhere: this spend can rise to 250, not beyond
        with pytest.raises(PlanningInputError, match="£500.01"):
            funding.spend_update(actor=officer, spend=first, half=1, amount_pence=250_01, outcomes="", reason="Invoice")
        with pytest.raises(PlanningInputError, match="negative"):
            funding.spend_update(actor=officer, spend=first, half=1, amount_pence=-1, outcomes="", reason="Invoice")
        with pytest.raises(PlanningInputError, match="reason"):
            funding.spend_update(actor=officer, spend=first, half=1, amount_pence=1, outcomes="", reason="")
        funding.spend_update(
            actor=officer, spend=first, half=2, amount_pence=250_00, outcomes="Two courses", reason="Invoice late"
        )
        first.refresh_from_db()
        assert (first.half, first.amount_pence, first.outcomes, first.recorded_by) == (
            2,
            250_00,
            "Two courses",
            officer,
        )
        assert sum(s.amount_pence for s in agency_line.spends.all()) == 500_00
        (event,) = _events("planning.spend_changed")
        assert event.actor == officer and event.target_id == str(agency_line.pk)
        assert event.detail == {
            "before": {"half": 1, "amount_pence": 200_00},
            "after": {"half": 2, "amount_pence": 250_00},
            "reason": "Invoice late",
        }

    def test_another_agency_cannot_change_or_remove(self, manager, make_user, agency_line, council):
        spend = funding.spend_record(actor=manager, allocation=agency_line, half=1, amount_pence=1_00)
        stranger = make_user(role=Role.AGENCY_OFFICER, organisation=council, with_device=False)
        with pytest.raises(PlanningPermissionError):
            funding.spend_update(actor=stranger, spend=spend, half=1, amount_pence=2_00, outcomes="", reason="r")
        with pytest.raises(PlanningPermissionError):
            funding.spend_delete(actor=stranger, spend=spend, reason="r")

    def test_remove_with_a_reason(self, officer, agency_line):
        spend = funding.spend_record(actor=officer, allocation=agency_line, half=1, amount_pence=120_50)
        with pytest.raises(PlanningInputError, match="reason"):
            funding.spend_delete(actor=officer, spend=spend, reason=" ")
        funding.spend_delete(actor=officer, spend=spend, reason="Recorded against the wrong project")
        assert not agency_line.spends.exists()
        (event,) = _events("planning.spend_removed")
        assert event.detail["before"] == {"half": 1, "amount_pence": 120_50}

    def test_locked_once_that_half_years_return_is_submitted(self, manager, officer, fund, agency_line):
        first = funding.spend_record(actor=officer, allocation=agency_line, half=1, amount_pence=100_00)
        second = funding.spend_record(actor=officer, allocation=agency_line, half=2, amount_pence=100_00)
        funding.return_submit(actor=manager, funding_return=funding.return_create(actor=manager, fund=fund, half=1))
        for attempt in (
            lambda: funding.spend_update(actor=officer, spend=first, half=1, amount_pence=1, outcomes="", reason="r"),
            lambda: funding.spend_delete(actor=manager, spend=first, reason="r"),
            lambda: funding.spend_record(actor=officer, allocation=agency_line, half=1, amount_pence=1),
            # nor moved into the submitted half
            lambda: funding.spend_update(actor=officer, spend=second, half=1, amount_pence=1, outcomes="", reason="r"),
        ):
            with pytest.raises(PlanningInputError, match="has been submitted"):
                attempt()
        # October to March is still open
        funding.spend_update(actor=officer, spend=second, half=2, amount_pence=150_00, outcomes="", reason="r")
        assert [s.amount_pence for s in agency_line.spends.order_by("half")] == [100_00, 150_00]


class TestReturnRowChanges:
    @pytest.fixture
    def row(self, manager, fund, officer):
        funding_return = funding.return_create(actor=manager, fund=fund, half=1)
        return funding.return_line_add(
            actor=manager,
            funding_return=funding_return,
            objective=fund.funder.objectives.get(number=1),
            joint_priority="Reduce ASB",
            lead_agency="Police",
            lead_organisation=officer.organisation,
        )

    def test_manager_changes_a_row_of_a_draft_return(self, manager, fund, council, row):
        other_funder = funding.funder_create(actor=manager, name="Other", objectives=["Elsewhere"])
        with pytest.raises(PlanningInputError, match="another funder"):
            funding.return_line_change(
                actor=manager,
                line=row,
                objective=other_funder.objectives.get(),
                joint_priority="x",
                lead_agency="x",
            )
        objective = fund.funder.objectives.get(number=2)
        funding.return_line_change(
            actor=manager,
            line=row,
            objective=objective,
            joint_priority="Reduce youth ASB",
            lead_agency="Council",
            lead_organisation=council,
            outcome="Fewer calls",
        )
        row.refresh_from_db()
        assert (row.objective, row.joint_priority, row.lead_organisation, row.outcome) == (
            objective,
            "Reduce youth ASB",
            council,
            "Fewer calls",
        )
        event = _events("planning.return_saved")[-1]
        assert event.detail["changed"] is True and event.detail["before"]["joint_priority"] == "Reduce ASB"

    def test_officers_cannot_change_or_remove_rows(self, officer, fund, row):
        with pytest.raises(PlanningPermissionError):
            funding.return_line_change(
                actor=officer, line=row, objective=row.objective, joint_priority="x", lead_agency="x"
            )
        with pytest.raises(PlanningPermissionError):
            funding.return_line_delete(actor=officer, line=row)

    def test_remove_a_row_then_nothing_once_submitted(self, manager, fund, row):
        funding_return = row.funding_return
        keep = funding.return_line_add(
            actor=manager,
            funding_return=funding_return,
            objective=row.objective,
            joint_priority="Reduce reoffending",
            lead_agency="Probation",
        )
        funding.return_line_delete(actor=manager, line=row)
        assert list(funding_return.lines.all()) == [keep]
        (event,) = _events("planning.return_row_removed")
        assert event.detail["before"]["joint_priority"] == "Reduce ASB"
        funding.return_line_update(actor=manager, line=keep, outcome="", progress="Done")
        funding.return_submit(actor=manager, funding_return=funding_return)
        for attempt in (
            lambda: funding.return_line_delete(actor=manager, line=keep),
            lambda: funding.return_line_change(
                actor=manager, line=keep, objective=keep.objective, joint_priority="x", lead_agency="x"
            ),
            lambda: funding.return_line_add(
                actor=manager,
                funding_return=funding_return,
                objective=keep.objective,
                joint_priority="y",
                lead_agency="y",
            ),
        ):
            with pytest.raises(PlanningInputError, match="submitted"):
                attempt()
        assert funding_return.lines.count() == 1


class TestAllocationRemoval:
    def test_removed_with_a_reason_only_when_nothing_hangs_on_it(self, manager, officer, fund):
        line = funding.allocation_add(actor=manager, fund=fund, line="CSPs", recipient="CSPs", amount_pence=600_00)
        sub = funding.allocation_add(
            actor=manager, fund=fund, line="Oxford", recipient="Oxford", amount_pence=200_00, parent=line
        )
        with pytest.raises(PlanningPermissionError):
            funding.allocation_delete(actor=officer, allocation=sub, reason="r")
        with pytest.raises(PlanningInputError, match="reason"):
            funding.allocation_delete(actor=manager, allocation=sub, reason="")
        with pytest.raises(PlanningInputError, match="CSPs has sub-lines"):
            funding.allocation_delete(actor=manager, allocation=line, reason="Typed twice")
        spend = funding.spend_record(actor=manager, allocation=sub, half=1, amount_pence=1_00)
        with pytest.raises(PlanningInputError, match="Oxford has spend"):
            funding.allocation_delete(actor=manager, allocation=sub, reason="Typed twice")
        funding.spend_delete(actor=manager, spend=spend, reason="Test entry")
        funding.allocation_delete(actor=manager, allocation=sub, reason="Typed twice")
        funding.allocation_delete(actor=manager, allocation=line, reason="Typed twice")
        assert funding.fund_allocated_pence(fund) == 0 and not fund.allocations.exists()
        events = _events("planning.funding_removed")
        assert [e.detail["before"]["amount_pence"] for e in events] == [200_00, 600_00]
        assert events[0].target_id == str(fund.pk) and events[0].detail["reason"] == "Typed twice"

    def test_not_once_a_return_on_the_fund_is_submitted(self, manager, fund):
        line = funding.allocation_add(actor=manager, fund=fund, line="CSPs", recipient="CSPs", amount_pence=600_00)
        funding.return_submit(actor=manager, funding_return=funding.return_create(actor=manager, fund=fund, half=1))
        with pytest.raises(PlanningInputError, match="has been submitted"):
            funding.allocation_delete(actor=manager, allocation=line, reason="r")
        assert fund.allocations.count() == 1
