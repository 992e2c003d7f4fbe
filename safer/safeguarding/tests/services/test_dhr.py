"""DHR services: each step's checks, the stage it leads to, and who may make it."""

from __future__ import annotations

from datetime import date

import pytest

from safer.core.models import AuditEvent
from safer.safeguarding.choices import ReviewStage, SafeguardingAuditAction
from safer.safeguarding.errors import (
    SafeguardingConflictError,
    SafeguardingError,
    SafeguardingNotFoundError,
    SafeguardingPermissionError,
)
from safer.safeguarding.selectors.dhr import review_stage, review_status
from safer.safeguarding.services import dhr as svc
from safer.safeguarding.tests.conftest import World


def notified(world: World, **kw: object) -> object:
    return svc.review_notify(actor=world.dhr, title="Adult A", notified_on=date(2026, 1, 12), **kw)  # type: ignore[arg-type]


class TestReviewNotify:
    def test_rejects_blank_title_future_date_and_other_roles(self, world: World) -> None:
        with pytest.raises(SafeguardingError, match="pseudonymous"):
            svc.review_notify(actor=world.dhr, title=" ", notified_on=date(2026, 1, 1))
        with pytest.raises(SafeguardingError, match="future"):
            svc.review_notify(actor=world.dhr, title="Adult A", notified_on=date(2999, 1, 1))
        with pytest.raises(SafeguardingPermissionError):
            svc.review_notify(actor=world.coordinator, title="Adult A", notified_on=date(2026, 1, 1))

    def test_references_and_audit(self, world: World) -> None:
        first, second = notified(world), notified(world)
        assert (first.reference, second.reference) == ("DHR-2026-001", "DHR-2026-002")  # type: ignore[attr-defined]
        assert AuditEvent.objects.filter(action=SafeguardingAuditAction.REVIEW_NOTIFIED).count() == 2


class TestReviewJourney:
    def test_every_stage_in_order(self, world: World) -> None:
        review = notified(world)
        assert review_stage(review) == ReviewStage.DECISION  # type: ignore[arg-type]
        with pytest.raises(SafeguardingConflictError):
            svc.review_appoint_chair(actor=world.dhr, review=review, chair_name="C", appointed_on=date(2026, 2, 1))
        with pytest.raises(SafeguardingError, match="reasons"):
            svc.review_decide(
                actor=world.dhr, review=review, decision="commissioned", decision_on=date(2026, 2, 2), reasons=""
            )
        svc.review_decide(
            actor=world.dhr,
            review=review,
            decision="commissioned",
            decision_on=date(2026, 2, 2),
            reasons="Criteria met",
        )
        with pytest.raises(SafeguardingConflictError):
            svc.review_decide(
                actor=world.dhr, review=review, decision="commissioned", decision_on=date(2026, 2, 2), reasons="x"
            )
        assert review_stage(review) == ReviewStage.PANEL  # type: ignore[arg-type]
        svc.review_appoint_chair(actor=world.dhr, review=review, chair_name="Chair", appointed_on=date(2026, 2, 10))
        svc.review_panel_add(actor=world.dhr, review=review, name="P Member", agency="Police")
        imr = svc.review_imr_request(actor=world.dhr, review=review, agency="Health", requested_on=date(2026, 2, 12))
        with pytest.raises(SafeguardingError, match="before"):
            svc.review_imr_receive(actor=world.dhr, imr=imr, received_on=date(2026, 2, 1))
        svc.review_imr_receive(actor=world.dhr, imr=imr, received_on=date(2026, 3, 12))
        with pytest.raises(SafeguardingConflictError, match="draft"):
            svc.review_submit(actor=world.dhr, review=review, submitted_on=date(2026, 6, 1))
        svc.review_draft_add(actor=world.dhr, review=review, circulated_on=date(2026, 5, 1))
        assert review_stage(review) == ReviewStage.DRAFTING  # type: ignore[arg-type]
        svc.review_submit(actor=world.dhr, review=review, submitted_on=date(2026, 6, 1))
        assert review_stage(review) == ReviewStage.QUALITY_ASSURANCE  # type: ignore[arg-type]
        with pytest.raises(SafeguardingConflictError):
            svc.review_publish(actor=world.dhr, review=review, published_on=date(2026, 9, 1))
        svc.review_qap_feedback(actor=world.dhr, review=review, feedback_on=date(2026, 8, 1), feedback="Approved")
        assert review_stage(review) == ReviewStage.PUBLICATION  # type: ignore[arg-type]
        svc.review_publish(actor=world.dhr, review=review, published_on=date(2026, 9, 1))
        action = svc.review_action_add(
            actor=world.dhr,
            review=review,
            description="Train GPs",
            agency="ICB",
            owner="Lead",
            due_on=date(2026, 12, 1),
        )
        assert review_stage(review) == ReviewStage.ACTION_PLAN  # type: ignore[arg-type]
        svc.review_action_update(actor=world.dhr, action=action, status="done", progress="Delivered")
        assert review_stage(review) == ReviewStage.CLOSED  # type: ignore[arg-type]

    def test_not_commissioned(self, world: World) -> None:
        review = notified(world)
        svc.review_decide(
            actor=world.dhr, review=review, decision="not_commissioned", decision_on=date(2026, 2, 1), reasons="Not DA"
        )
        assert review_stage(review) == ReviewStage.NOT_COMMISSIONED  # type: ignore[arg-type]


class TestWhoMayChange:
    def test_panel_agency_sees_but_cannot_change(self, world: World) -> None:
        review = notified(world, agencies=[world.outsider_org])
        with pytest.raises(SafeguardingPermissionError):
            svc.review_lesson_add(actor=world.dhr_other_org, review=review, kind="lesson", text="x")

    def test_unrelated_organisation_cannot_see(self, world: World) -> None:
        review = notified(world)
        with pytest.raises(SafeguardingNotFoundError):
            svc.review_lesson_add(actor=world.dhr_other_org, review=review, kind="lesson", text="x")


class TestReviewStatus:
    def test_decision_overdue_after_one_month_and_bank_holidays(self, world: World) -> None:
        review = svc.review_notify(actor=world.dhr, title="Adult B", notified_on=date(2026, 3, 6))
        before = review_status(review, today=date(2026, 4, 7))
        after = review_status(review, today=date(2026, 4, 8))
        assert before.due_on == date(2026, 4, 7) and not before.overdue
        assert after.overdue
