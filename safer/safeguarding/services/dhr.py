"""Domestic Homicide Review writes, one service per step the guidance names; each is audited."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from safer.accounts.models import Organisation
from safer.core.services.audit import audit_record
from safer.safeguarding.choices import ActionStatus, LessonKind, ReviewDecision, SafeguardingAuditAction
from safer.safeguarding.errors import SafeguardingConflictError, SafeguardingError, SafeguardingPermissionError
from safer.safeguarding.models import ManagementReview, PanelMember, Review, ReviewAction, ReviewDraft, ReviewLesson
from safer.safeguarding.selectors.access import require_capability, review_get_for_user


def _editable(actor: Any, review: Review) -> Review:
    """The actor may change the review: a DHR coordinator of the organisation leading it."""
    require_capability(actor, "safeguarding.dhr.manage")
    review_get_for_user(actor, reference=review.reference)  # need-to-know; the caller's instance is updated
    if review.owner_organisation_id != actor.organisation_id:
        raise SafeguardingPermissionError(
            f"{review.owner_organisation.name} leads review {review.reference}; only its coordinators can change it."
        )
    return review


def _not_future(day: date, field: str) -> None:
    if day > timezone.localdate():
        raise SafeguardingError(f"The date {day:%d %B %Y} is in the future.", field=field)


def _changed(actor: Any, review: Review, step: str, **detail: Any) -> None:
    audit_record(
        actor=actor, action=SafeguardingAuditAction.REVIEW_UPDATED, target=review, detail={"step": step} | detail
    )


@transaction.atomic
def review_notify(
    *,
    actor: Any,
    title: str,
    notified_on: date,
    notified_by: str = "",
    circumstances: str = "",
    agencies: list[Organisation] | None = None,
    synthetic: bool = False,
) -> Review:
    """Record the notification of a death that may need a review; the decision clock starts."""
    require_capability(actor, "safeguarding.dhr.manage")
    if not title.strip():
        raise SafeguardingError("Give the review a pseudonymous title, for example 'Adult A'.", field="title")
    _not_future(notified_on, "notified_on")
    year = notified_on.year
    count = Review.objects.filter(reference__startswith=f"DHR-{year}-").count()
    review = Review.objects.create(
        reference=f"DHR-{year}-{count + 1:03d}",
        owner_organisation=actor.organisation,
        title=title.strip(),
        notified_on=notified_on,
        notified_by=notified_by.strip(),
        circumstances=circumstances.strip(),
        synthetic=synthetic,
    )
    review.agencies.set([actor.organisation, *(agencies or [])])
    audit_record(actor=actor, action=SafeguardingAuditAction.REVIEW_NOTIFIED, target=review)
    return review


@transaction.atomic
def review_decide(*, actor: Any, review: Review, decision: str, decision_on: date, reasons: str) -> Review:
    """Record the partnership's decision whether to commission a review, with its reasons."""
    review = _editable(actor, review)
    if review.decision != ReviewDecision.PENDING:
        raise SafeguardingConflictError(f"Review {review.reference} already has a decision.")
    if decision not in (ReviewDecision.COMMISSIONED, ReviewDecision.NOT_COMMISSIONED):
        raise SafeguardingError("Choose whether to commission a review.", field="decision")
    if not reasons.strip():
        raise SafeguardingError("Give the reasons for the decision.", field="reasons")
    _not_future(decision_on, "decision_on")
    if decision_on < review.notified_on:
        raise SafeguardingError("The decision date is before the notification.", field="decision_on")
    review.decision, review.decision_on, review.decision_reasons = decision, decision_on, reasons.strip()
    review.save(update_fields=["decision", "decision_on", "decision_reasons"])
    _changed(actor, review, "decision", decision=decision)
    return review


def _commissioned(review: Review) -> None:
    if review.decision != ReviewDecision.COMMISSIONED:
        raise SafeguardingConflictError(f"Review {review.reference} has not been commissioned.")


@transaction.atomic
def review_appoint_chair(*, actor: Any, review: Review, chair_name: str, appointed_on: date) -> Review:
    """Record the independent chair."""
    review = _editable(actor, review)
    _commissioned(review)
    if not chair_name.strip():
        raise SafeguardingError("Give the chair's name.", field="chair_name")
    _not_future(appointed_on, "appointed_on")
    review.chair_name, review.chair_appointed_on = chair_name.strip(), appointed_on
    review.save(update_fields=["chair_name", "chair_appointed_on"])
    _changed(actor, review, "chair")
    return review


@transaction.atomic
def review_panel_add(*, actor: Any, review: Review, name: str, agency: str, role: str = "") -> PanelMember:
    """Add a panel member."""
    review = _editable(actor, review)
    _commissioned(review)
    if not name.strip() or not agency.strip():
        raise SafeguardingError("Give the member's name and agency.", field="name" if not name.strip() else "agency")
    member = PanelMember.objects.create(review=review, name=name.strip(), agency=agency.strip(), role=role.strip())
    _changed(actor, review, "panel")
    return member


@transaction.atomic
def review_imr_request(*, actor: Any, review: Review, agency: str, requested_on: date) -> ManagementReview:
    """Request an individual management review from an agency."""
    review = _editable(actor, review)
    _commissioned(review)
    if not agency.strip():
        raise SafeguardingError("Give the agency.", field="agency")
    _not_future(requested_on, "requested_on")
    imr = ManagementReview.objects.create(review=review, agency=agency.strip(), requested_on=requested_on)
    _changed(actor, review, "imr_requested")
    return imr


@transaction.atomic
def review_imr_receive(*, actor: Any, imr: ManagementReview, received_on: date) -> ManagementReview:
    """Record that an agency's individual management review arrived."""
    _editable(actor, imr.review)
    _not_future(received_on, "received_on")
    if received_on < imr.requested_on:
        raise SafeguardingError("It cannot arrive before it was requested.", field="received_on")
    imr.received_on = received_on
    imr.save(update_fields=["received_on"])
    _changed(actor, imr.review, "imr_received")
    return imr


@transaction.atomic
def review_draft_add(*, actor: Any, review: Review, circulated_on: date, note: str = "") -> ReviewDraft:
    """Record a draft overview report circulated to the panel."""
    review = _editable(actor, review)
    _commissioned(review)
    _not_future(circulated_on, "circulated_on")
    version = review.drafts.count() + 1
    draft = ReviewDraft.objects.create(review=review, version=version, circulated_on=circulated_on, note=note.strip())
    _changed(actor, review, "draft", version=version)
    return draft


@transaction.atomic
def review_submit(*, actor: Any, review: Review, submitted_on: date) -> Review:
    """Record submission to the Home Office Quality Assurance Panel."""
    review = _editable(actor, review)
    _commissioned(review)
    if not review.drafts.exists():
        raise SafeguardingConflictError("Record the draft overview report before submitting it.")
    _not_future(submitted_on, "submitted_on")
    review.submitted_to_qap_on = submitted_on
    review.save(update_fields=["submitted_to_qap_on"])
    _changed(actor, review, "submitted")
    return review


@transaction.atomic
def review_qap_feedback(*, actor: Any, review: Review, feedback_on: date, feedback: str) -> Review:
    """Record the Quality Assurance Panel's feedback."""
    review = _editable(actor, review)
    if review.submitted_to_qap_on is None:
        raise SafeguardingConflictError("The review has not been submitted to the Quality Assurance Panel.")
    if not feedback.strip():
        raise SafeguardingError("Summarise the panel's feedback.", field="feedback")
    _not_future(feedback_on, "feedback_on")
    review.qap_feedback_on, review.qap_feedback = feedback_on, feedback.strip()
    review.save(update_fields=["qap_feedback_on", "qap_feedback"])
    _changed(actor, review, "qap_feedback")
    return review


@transaction.atomic
def review_publish(*, actor: Any, review: Review, published_on: date) -> Review:
    """Record publication."""
    review = _editable(actor, review)
    if review.qap_feedback_on is None:
        raise SafeguardingConflictError("Record the Quality Assurance Panel's feedback before publication.")
    _not_future(published_on, "published_on")
    review.published_on = published_on
    review.save(update_fields=["published_on"])
    _changed(actor, review, "published")
    return review


@transaction.atomic
def review_action_add(
    *, actor: Any, review: Review, description: str, agency: str, owner: str, due_on: date
) -> ReviewAction:
    """Add a line to the review's action plan."""
    review = _editable(actor, review)
    _commissioned(review)
    if not description.strip() or not owner.strip() or not agency.strip():
        raise SafeguardingError("Give the action, its agency and its owner.", field="description")
    action = ReviewAction.objects.create(
        review=review, description=description.strip(), agency=agency.strip(), owner=owner.strip(), due_on=due_on
    )
    _changed(actor, review, "action_added", action=action.pk)
    return action


@transaction.atomic
def review_action_update(*, actor: Any, action: ReviewAction, status: str, progress: str = "") -> ReviewAction:
    """Record progress on an action plan line (completed today when marked done)."""
    _editable(actor, action.review)
    if status not in ActionStatus.values:
        raise SafeguardingError(f"Unknown status {status!r}.", field="status")
    action.status = status
    action.progress = progress.strip() or action.progress
    action.completed_on = timezone.localdate() if status == ActionStatus.DONE else None
    action.save(update_fields=["status", "progress", "completed_on"])
    _changed(actor, action.review, "action_updated", action=action.pk, status=status)
    return action


@transaction.atomic
def review_lesson_add(*, actor: Any, review: Review, kind: str, text: str) -> ReviewLesson:
    """Record a lesson learned or a recommendation."""
    review = _editable(actor, review)
    if kind not in LessonKind.values:
        raise SafeguardingError("Choose lesson or recommendation.", field="kind")
    if not text.strip():
        raise SafeguardingError("Write the lesson or recommendation.", field="text")
    lesson = ReviewLesson.objects.create(review=review, kind=kind, text=text.strip())
    _changed(actor, review, "lesson")
    return lesson
