"""Progress on actions: RAG with a required comment, by the lead agency or a manager; overdue actions."""

from __future__ import annotations

from datetime import date

import pytest

from safer.accounts.choices import Role
from safer.planning.errors import PlanningInputError, PlanningPermissionError
from safer.planning.models import ActionUpdate
from safer.planning.selectors import financial_quarter, overdue_actions
from safer.planning.services import progress

pytestmark = pytest.mark.django_db


class TestProgressRecord:
    def test_comment_is_required(self, officer, police_action):
        with pytest.raises(PlanningInputError) as caught:
            progress.progress_record(
                actor=officer, action=police_action, year=2024, quarter=2, rag="green", comment="  "
            )
        assert caught.value.field == "comment"

    def test_quarter_must_be_one_to_four(self, officer, police_action):
        with pytest.raises(PlanningInputError):
            progress.progress_record(
                actor=officer, action=police_action, year=2024, quarter=5, rag="green", comment="x"
            )

    def test_year_outside_the_plan_is_refused(self, officer, police_action):
        with pytest.raises(PlanningInputError, match="outside the plan"):
            progress.progress_record(
                actor=officer, action=police_action, year=2030, quarter=1, rag="green", comment="x"
            )

    def test_lead_agency_officer_records_and_earlier_updates_are_kept(self, officer, police_action):
        progress.progress_record(actor=officer, action=police_action, year=2024, quarter=1, rag="amber", comment="a")
        progress.progress_record(actor=officer, action=police_action, year=2024, quarter=2, rag="green", comment="b")
        assert [u.rag for u in ActionUpdate.objects.filter(action=police_action)] == ["green", "amber"]

    def test_officer_of_another_agency_and_board_members_cannot(self, make_user, board, police_action):
        other = make_user(role=Role.AGENCY_OFFICER, with_device=False)
        for person in (other, board):
            with pytest.raises(PlanningPermissionError):
                progress.progress_record(
                    actor=person, action=police_action, year=2024, quarter=1, rag="red", comment="x"
                )


class TestOverdue:
    def test_past_timescale_and_missing_update_are_listed_complete_is_not(self, manager, plan, police_action):
        today = date(2026, 5, 10)  # Q1 2026-27; the action's timescale was 31 March 2026
        found = overdue_actions(plan=plan, today=today)
        assert [o.action for o in found] == [police_action] and "Past its timescale" in found[0].reason
        progress.progress_record(
            actor=manager, action=police_action, year=2025, quarter=4, rag="complete", comment="Done"
        )
        plan.refresh_from_db()
        assert overdue_actions(plan=plan, today=today) == []

    def test_no_update_this_quarter_is_listed(self, manager, plan, police_action):
        today = date(2025, 8, 1)
        year, quarter = financial_quarter(today)
        assert (year, quarter) == (2025, 2)
        progress.progress_record(actor=manager, action=police_action, year=2025, quarter=1, rag="green", comment="x")
        found = overdue_actions(plan=plan, today=today)
        assert "No update for Q2 2025-26 (last: Q1 2025-26)" == found[0].reason
        progress.progress_record(actor=manager, action=police_action, year=2025, quarter=2, rag="green", comment="y")
        assert overdue_actions(plan=plan, today=today) == []
