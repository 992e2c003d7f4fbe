"""Domestic Homicide Review reads: stage and deadlines, the list and dashboard, lessons search, annual table."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q

from safer.core.services.audit import audit_record
from safer.safeguarding.choices import ActionStatus, ReviewDecision, ReviewStage, SafeguardingAuditAction
from safer.safeguarding.deadlines import completion_due, decision_due
from safer.safeguarding.models import Review, ReviewAction, ReviewLesson
from safer.safeguarding.selectors.access import review_get_for_user, visible_reviews


def review_stage(review: Review) -> str:
    """Where the review is, worked out from what has been recorded."""
    if review.decision == ReviewDecision.PENDING:
        return ReviewStage.DECISION
    if review.decision == ReviewDecision.NOT_COMMISSIONED:
        return ReviewStage.NOT_COMMISSIONED
    if review.published_on:
        has_open = review.actions.exclude(status=ActionStatus.DONE).exists()
        return ReviewStage.ACTION_PLAN if has_open or not review.actions.exists() else ReviewStage.CLOSED
    if review.qap_feedback_on:
        return ReviewStage.PUBLICATION
    if review.submitted_to_qap_on:
        return ReviewStage.QUALITY_ASSURANCE
    if review.drafts.exists():
        return ReviewStage.DRAFTING
    return ReviewStage.PANEL


@dataclass(frozen=True)
class ReviewStatus:
    """A review with its stage, deadlines and whether it is overdue."""

    review: Review
    stage: str
    stage_label: str
    due_label: str
    due_on: date | None
    overdue: bool
    open_actions: int
    overdue_actions: int


def review_status(review: Review, *, today: date) -> ReviewStatus:
    """The review's stage and the deadline that applies to it now."""
    stage = review_stage(review)
    due_on: date | None = None
    due_label = ""
    if stage == ReviewStage.DECISION:
        due_on, due_label = decision_due(review.notified_on), "Decision due"
    elif stage in (ReviewStage.PANEL, ReviewStage.DRAFTING) and review.decision_on:
        due_on, due_label = completion_due(review.decision_on), "Completion due"
    open_actions = review.actions.exclude(status=ActionStatus.DONE)
    return ReviewStatus(
        review=review,
        stage=stage,
        stage_label=ReviewStage(stage).label,
        due_label=due_label,
        due_on=due_on,
        overdue=bool(due_on and today > due_on),
        open_actions=open_actions.count(),
        overdue_actions=open_actions.filter(due_on__lt=today).count(),
    )


def review_list_for_user(user: Any, *, today: date) -> list[ReviewStatus]:
    """The reviews the user may see, each with its stage and deadline; the listing is audited."""
    reviews = visible_reviews(user).select_related("owner_organisation").order_by("-notified_on")
    statuses = [review_status(r, today=today) for r in reviews]
    audit_record(
        actor=user,
        action=SafeguardingAuditAction.REVIEW_LISTED,
        target_type="safeguarding.review",
        detail={"count": len(statuses)},
    )
    return statuses


def reviews_by_stage(statuses: list[ReviewStatus]) -> list[tuple[str, int, int]]:
    """Dashboard rows: (stage label, reviews, of which overdue) in the order of the stages."""
    counts = Counter(s.stage for s in statuses)
    overdue = Counter(s.stage for s in statuses if s.overdue)
    return [(stage.label, counts[stage.value], overdue[stage.value]) for stage in ReviewStage]


def review_detail_for_user(user: Any, *, reference: str, today: date) -> ReviewStatus:
    """One review with its stage; the view is audited."""
    review = review_get_for_user(user, reference=reference)
    audit_record(actor=user, action=SafeguardingAuditAction.REVIEW_VIEWED, target=review)
    return review_status(review, today=today)


def lessons_search(user: Any, *, words: str) -> list[ReviewLesson]:
    """Lessons and recommendations of the user's reviews containing every word; the search is audited."""
    lessons = ReviewLesson.objects.filter(review__in=visible_reviews(user)).select_related("review")
    for word in words.split()[:8]:
        lessons = lessons.filter(Q(text__icontains=word))
    audit_record(
        actor=user,
        action=SafeguardingAuditAction.LESSONS_SEARCHED,
        target_type="safeguarding.reviewlesson",
        detail={"words": len(words.split())},
    )
    return list(lessons.order_by("-review__notified_on", "pk")[:200])


@dataclass(frozen=True)
class AnnualRow:
    """One year of the annual table (each event counted in the year it happened)."""

    year: int
    notifications: int
    commissioned: int
    completed: int
    published: int
    actions_closed: int
    actions_open: int


def annual_table(user: Any) -> list[AnnualRow]:
    """Per year: notifications, reviews commissioned, completed (submitted to the Home Office), published,
    action plan lines closed in the year, and lines due in the year still open."""
    reviews = list(visible_reviews(user))
    audit_record(actor=user, action=SafeguardingAuditAction.ANNUAL_VIEWED, target_type="safeguarding.review")
    actions = list(ReviewAction.objects.filter(review__in=visible_reviews(user)))
    years = sorted(
        {r.notified_on.year for r in reviews}
        | {a.due_on.year for a in actions}
        | {a.completed_on.year for a in actions if a.completed_on},
        reverse=True,
    )

    def year_of(day: date | None, year: int) -> bool:
        return day is not None and day.year == year

    return [
        AnnualRow(
            year=year,
            notifications=sum(year_of(r.notified_on, year) for r in reviews),
            commissioned=sum(
                year_of(r.decision_on, year) for r in reviews if r.decision == ReviewDecision.COMMISSIONED
            ),
            completed=sum(year_of(r.submitted_to_qap_on, year) for r in reviews),
            published=sum(year_of(r.published_on, year) for r in reviews),
            actions_closed=sum(year_of(a.completed_on, year) for a in actions if a.status == ActionStatus.DONE),
            actions_open=sum(year_of(a.due_on, year) for a in actions if a.status != ActionStatus.DONE),
        )
        for year in years
    ]
