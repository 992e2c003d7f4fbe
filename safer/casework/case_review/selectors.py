"""Reads of the case review with need-to-know and read audit: applications, deadlines, alerts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from safer.casework.case_review.access import applications_visible
from safer.casework.case_review.choices import ApplicationStatus, CaseReviewAuditAction
from safer.casework.case_review.errors import CaseReviewNotFoundError
from safer.casework.case_review.models import CaseReviewApplication, CaseReviewRecommendation
from safer.core.services.audit import audit_record


def application_list_for_user(*, user: Any, status: str = "") -> QuerySet[CaseReviewApplication]:
    """Applications the user may see, newest first (the listing is audited)."""
    applications = applications_visible(user).select_related("coordinating_organisation")
    if status:
        applications = applications.filter(status=status)
    audit_record(
        actor=user,
        action=CaseReviewAuditAction.LIST_VIEWED,
        target_type="casework.casereviewapplication",
        detail={"status": status},
    )
    return applications.order_by("-received_at", "-id")


def application_get_for_user(*, user: Any, reference: str, audit: bool = True) -> CaseReviewApplication:
    """One application the user may see (CaseReviewNotFoundError otherwise); the view is audited."""
    application = (
        applications_visible(user)
        .select_related("coordinating_organisation", "decided_by")
        .filter(reference=reference.upper())
        .first()
    )
    if application is None:
        raise CaseReviewNotFoundError("No such case review application that you can see. Check the reference.")
    if audit:
        audit_record(actor=user, action=CaseReviewAuditAction.VIEWED, target=application)
    return application


@dataclass(frozen=True)
class DeadlineRow:
    """Something due on a case review: what, for which application, when, and whether it is overdue."""

    what: str
    reference: str
    due: datetime
    overdue: bool


def deadlines_for_user(*, user: Any) -> list[DeadlineRow]:
    """The user's case review deadlines: a coordinator's acknowledgements, decisions and reviews, and their
    agency's accounts and recommendations; soonest first (audited)."""
    now = timezone.now()
    rows: list[DeadlineRow] = []
    visible = applications_visible(user)
    if user.has_capability("casereview.coordinate"):
        mine = visible.filter(coordinating_organisation_id=user.organisation_id)
        for a in mine.filter(acknowledged_at__isnull=True):
            rows.append(
                DeadlineRow("Acknowledge the application", a.reference, a.acknowledge_due, a.acknowledge_due < now)
            )
        for a in mine.filter(status=ApplicationStatus.SUBMITTED):
            rows.append(DeadlineRow("Threshold decision", a.reference, a.decision_due, a.decision_due < now))
        for a in mine.filter(status=ApplicationStatus.UNDER_REVIEW, review_due__isnull=False):
            rows.append(DeadlineRow("Review done and applicant told", a.reference, a.review_due, a.review_due < now))  # type: ignore[arg-type,operator]
    for a in visible.filter(
        status=ApplicationStatus.UNDER_REVIEW,
        panel__organisation_id=user.organisation_id,
        panel__account="",
        review_due__isnull=False,
    ):
        rows.append(DeadlineRow("Your agency's account", a.reference, a.review_due, a.review_due < now))  # type: ignore[arg-type,operator]
    recommendations = CaseReviewRecommendation.objects.filter(
        Q(owner=user) | Q(owner__isnull=True, owner_organisation_id=user.organisation_id),
        application__in=visible,
        completed_at__isnull=True,
    ).select_related("application")
    for r in recommendations:
        due = timezone.make_aware(datetime.combine(r.due_on, datetime.max.time()))
        rows.append(DeadlineRow(f"Recommendation: {r.text[:80]}", r.application.reference, due, due < now))
    audit_record(
        actor=user, action=CaseReviewAuditAction.DEADLINES_VIEWED, target_type="casework.casereviewapplication"
    )
    return sorted(rows, key=lambda row: row.due)
