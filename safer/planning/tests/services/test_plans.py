"""Plan services: dates inside the plan's period, permissions, versions kept with what changed since."""

from __future__ import annotations

from datetime import date

import pytest

from safer.core.models import AuditEvent
from safer.planning.errors import PlanningInputError, PlanningPermissionError
from safer.planning.models import PlanVersion
from safer.planning.services import plans
from safer.planning.versions import plan_snapshot, snapshot_changes

pytestmark = pytest.mark.django_db

ACTION = {"what": "Pubwatch", "how": "Support members.", "who": "Thames Valley Police", "why": "Safer nights."}


class TestPlanCreate:
    def test_end_before_start_is_refused(self, manager):
        with pytest.raises(PlanningInputError) as caught:
            plans.plan_create(
                actor=manager,
                partnership="P",
                title="T",
                slug="t",
                area_name="A",
                starts_on=date(2024, 1, 1),
                ends_on=date(2023, 12, 31),
            )
        assert caught.value.field == "ends_on"

    def test_board_members_cannot_create_plans(self, board):
        with pytest.raises(PlanningPermissionError):
            plans.plan_create(
                actor=board,
                partnership="P",
                title="T",
                slug="t",
                area_name="A",
                starts_on=date(2024, 1, 1),
                ends_on=date(2025, 3, 31),
            )


class TestActionSave:
    def test_timescale_outside_the_plan_is_refused(self, manager, priority):
        with pytest.raises(PlanningInputError, match="within the plan's period") as caught:
            plans.action_save(actor=manager, priority=priority, due_on=date(2027, 4, 1), **ACTION)
        assert caught.value.field == "due_on"

    def test_start_before_the_plan_is_refused(self, manager, priority):
        with pytest.raises(PlanningInputError) as caught:
            plans.action_save(actor=manager, priority=priority, starts_on=date(2023, 12, 31), **ACTION)
        assert caught.value.field == "starts_on"

    def test_actions_are_numbered_within_their_priority_and_audited(self, manager, priority):
        first = plans.action_save(actor=manager, priority=priority, **ACTION)
        second = plans.action_save(actor=manager, priority=priority, **{**ACTION, "what": "Nightsafe"})
        assert (first.number, second.number) == (1, 2)
        assert AuditEvent.objects.filter(action="planning.action_saved", actor=manager).count() == 2

    def test_owner_must_work_for_the_lead_agency(self, manager, priority, police, board):
        with pytest.raises(PlanningInputError) as caught:
            plans.action_save(actor=manager, priority=priority, lead_organisation=police, owner=board, **ACTION)
        assert caught.value.field == "owner"


class TestVersions:
    def test_approved_versions_are_kept_and_changes_since_are_listed(self, manager, plan, priority, police_action):
        first = plans.version_approve(actor=manager, plan=plan, approved_on=date(2024, 1, 16), approved_by="Board")
        plans.action_save(actor=manager, priority=priority, **ACTION)
        plans.action_save(
            actor=manager,
            priority=priority,
            action=police_action,
            **{**ACTION, "what": "Youth ASB", "who": "Police and youth service"},
        )
        changes = snapshot_changes(first.snapshot, plan_snapshot(plan))
        assert [(c.kind, c.what) for c in changes] == [("changed", "Action: Youth ASB"), ("added", "Action: Pubwatch")]
        assert "Who" in changes[0].detail and "How" in changes[0].detail
        second = plans.version_approve(actor=manager, plan=plan, approved_on=date(2024, 7, 1), approved_by="Board")
        assert second.number == 2
        first.refresh_from_db()
        assert [a["what"] for a in first.snapshot["priorities"][0]["actions"]] == ["Youth ASB"]  # as it was
        assert snapshot_changes(second.snapshot, plan_snapshot(plan)) == []

    def test_a_version_cannot_predate_the_last_one(self, manager, plan):
        plans.version_approve(actor=manager, plan=plan, approved_on=date(2024, 6, 1), approved_by="Board")
        with pytest.raises(PlanningInputError):
            plans.version_approve(actor=manager, plan=plan, approved_on=date(2024, 5, 1), approved_by="Board")
        assert PlanVersion.objects.count() == 1

    def test_removed_priority_is_listed(self, manager, plan, priority):
        first = plans.version_approve(actor=manager, plan=plan, approved_on=date(2024, 1, 16), approved_by="Board")
        priority.delete()
        assert [c.kind for c in snapshot_changes(first.snapshot, plan_snapshot(plan))] == ["removed"]


class TestPartnersAndGlossary:
    def test_partners_are_named_once_with_their_membership_and_removed_with_an_audit(self, manager, plan):
        member = plans.member_add(actor=manager, plan=plan, name=" Thames Valley Police ", kind="statutory")
        assert (member.name, member.kind) == ("Thames Valley Police", "statutory")
        with pytest.raises(PlanningInputError, match="already a partner"):
            plans.member_add(actor=manager, plan=plan, name="thames valley police", kind="invited")
        with pytest.raises(PlanningInputError, match="statutory or an invited"):
            plans.member_add(actor=manager, plan=plan, name="Citizens Advice", kind="friend")
        with pytest.raises(PlanningInputError, match="partner's name"):
            plans.member_add(actor=manager, plan=plan, name="  ", kind="invited")
        plans.member_remove(actor=manager, member=member)
        assert not plan.members.exists()
        event = AuditEvent.objects.filter(action="planning.plan_updated", target_id=str(plan.pk)).latest("pk")
        assert event.detail == {"member_removed": "Thames Valley Police"}

    def test_glossary_terms_are_explained_once(self, manager, plan):
        entry = plans.glossary_add(actor=manager, plan=plan, term="MATAC", meaning="Multi-agency tasking")
        with pytest.raises(PlanningInputError, match="already explains"):
            plans.glossary_add(actor=manager, plan=plan, term="matac", meaning="Again")
        with pytest.raises(PlanningInputError, match="what the term means"):
            plans.glossary_add(actor=manager, plan=plan, term="DHR", meaning=" ")
        plans.glossary_remove(actor=manager, entry=entry)
        assert not plan.glossary.exists()

    def test_only_managers(self, manager, board, officer, plan):
        member = plans.member_add(actor=manager, plan=plan, name="Police", kind="statutory")
        entry = plans.glossary_add(actor=manager, plan=plan, term="ASB", meaning="Anti-social behaviour")
        for person in (board, officer):
            with pytest.raises(PlanningPermissionError):
                plans.member_add(actor=person, plan=plan, name="Council", kind="statutory")
            with pytest.raises(PlanningPermissionError):
                plans.member_remove(actor=person, member=member)
            with pytest.raises(PlanningPermissionError):
                plans.glossary_add(actor=person, plan=plan, term="DHR", meaning="Domestic Homicide Review")
            with pytest.raises(PlanningPermissionError):
                plans.glossary_remove(actor=person, entry=entry)
