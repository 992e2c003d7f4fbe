"""Running the review: the panel, each agency's account, meetings, recommendations, closing with the outcome."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from safer.casework.case_review.access import is_coordinator, require_coordinator, require_panel_or_coordinator
from safer.casework.case_review.choices import ApplicationStatus, CaseReviewAuditAction
from safer.casework.case_review.errors import (
    CaseReviewInputError,
    CaseReviewPermissionError,
    CaseReviewStateError,
)
from safer.casework.case_review.models import (
    CaseReviewApplication,
    CaseReviewMeeting,
    CaseReviewPanelMember,
    CaseReviewRecommendation,
)
from safer.casework.case_review.services import applicant_date, applicant_language, applicant_tell, require_open
from safer.core.services.audit import audit_record


def _require_review(application: CaseReviewApplication) -> None:
    require_open(application)
    if application.status != ApplicationStatus.UNDER_REVIEW:
        raise CaseReviewStateError(f"{application.reference} is not under review (the threshold decision comes first).")


@transaction.atomic
def panel_member_add(
    *, actor: Any, application: CaseReviewApplication, organisation: Any, member: Any | None = None
) -> CaseReviewPanelMember:
    """Put an agency (and optionally its panel member) on the review panel."""
    require_coordinator(actor, application)
    _require_review(application)
    if member is not None and member.organisation_id != organisation.pk:
        raise CaseReviewInputError("The panel member must work for the agency.", field="member")
    panel, _created = CaseReviewPanelMember.objects.update_or_create(
        application=application, organisation=organisation, defaults={"member": member}
    )
    audit_record(
        actor=actor,
        action=CaseReviewAuditAction.PANEL_CHANGED,
        target=application,
        detail={"organisation": organisation.name},
    )
    return panel


@transaction.atomic
def agency_account_record(*, actor: Any, application: CaseReviewApplication, account: str) -> CaseReviewPanelMember:
    """An agency on the panel records its account of the actions it took on the applicant's reports."""
    require_panel_or_coordinator(actor, application)
    _require_review(application)
    panel = CaseReviewPanelMember.objects.filter(application=application, organisation_id=actor.organisation_id).first()
    if panel is None:
        raise CaseReviewPermissionError("Your organisation is not on this review's panel.")
    if not account.strip():
        raise CaseReviewInputError("Enter your agency's account of what it did.", field="account")
    panel.account = account.strip()
    panel.account_at = timezone.now()
    panel.save(update_fields=["account", "account_at"])
    audit_record(actor=actor, action=CaseReviewAuditAction.ACCOUNT_RECORDED, target=application)
    return panel


@transaction.atomic
def meeting_record(
    *, actor: Any, application: CaseReviewApplication, held_on: date, attendees: str, record: str
) -> CaseReviewMeeting:
    """The coordinator records a review meeting."""
    require_coordinator(actor, application)
    _require_review(application)
    if held_on > timezone.localdate():
        raise CaseReviewInputError("The meeting date must be today or in the past.", field="held_on")
    if not attendees.strip() or not record.strip():
        raise CaseReviewInputError("Enter who attended and what was discussed.", field="record")
    meeting = CaseReviewMeeting.objects.create(
        application=application, held_on=held_on, attendees=attendees.strip(), record=record.strip(), recorded_by=actor
    )
    audit_record(actor=actor, action=CaseReviewAuditAction.MEETING_RECORDED, target=application)
    return meeting


@transaction.atomic
def recommendation_add(
    *,
    actor: Any,
    application: CaseReviewApplication,
    text: str,
    owner_organisation: Any,
    due_on: date,
    owner: Any | None = None,
) -> CaseReviewRecommendation:
    """A recommendation of the review, with the agency that owns it and a deadline."""
    require_coordinator(actor, application)
    _require_review(application)
    if not text.strip():
        raise CaseReviewInputError("Enter the recommendation.", field="text")
    if due_on < timezone.localdate():
        raise CaseReviewInputError("The deadline must be today or later.", field="due_on")
    if owner is not None and owner.organisation_id != owner_organisation.pk:
        raise CaseReviewInputError("The owner must work for the agency that owns the recommendation.", field="owner")
    recommendation = CaseReviewRecommendation.objects.create(
        application=application, text=text.strip(), owner_organisation=owner_organisation, owner=owner, due_on=due_on
    )
    audit_record(
        actor=actor,
        action=CaseReviewAuditAction.RECOMMENDATION_ADDED,
        target=application,
        detail={"owner": owner_organisation.name},
    )
    return recommendation


@transaction.atomic
def recommendation_complete(
    *, actor: Any, recommendation: CaseReviewRecommendation, note: str
) -> CaseReviewRecommendation:
    """The owning agency (or the coordinator) marks a recommendation done; allowed after the review closed, as
    recommendations are tracked to completion."""
    application = recommendation.application
    require_panel_or_coordinator(actor, application)
    if actor.organisation_id != recommendation.owner_organisation_id and not is_coordinator(actor, application):
        raise CaseReviewPermissionError(
            "Only the agency that owns the recommendation, or the coordinator, can do this."
        )
    if recommendation.completed_at is not None:
        raise CaseReviewStateError("This recommendation is already complete.")
    if not note.strip():
        raise CaseReviewInputError("Say what was done.", field="note")
    recommendation.completed_at = timezone.now()
    recommendation.completion_note = note.strip()
    recommendation.save(update_fields=["completed_at", "completion_note"])
    audit_record(actor=actor, action=CaseReviewAuditAction.RECOMMENDATION_COMPLETED, target=application)
    return recommendation


@transaction.atomic
def application_close(
    *, actor: Any, application: CaseReviewApplication, outcome_summary: str, lessons_learned: str = ""
) -> CaseReviewApplication:
    """Close the review: the outcome and recommendations go to the applicant; the record becomes read-only."""
    require_coordinator(actor, application)
    _require_review(application)
    if not outcome_summary.strip():
        raise CaseReviewInputError(
            "Enter the outcome of the review; the applicant is told it.", field="outcome_summary"
        )
    if not application.meetings.exists():
        raise CaseReviewStateError("Record the review meeting before closing the review.")
    application.outcome_summary = outcome_summary.strip()
    application.lessons_learned = lessons_learned.strip()
    application.status = ApplicationStatus.CLOSED
    application.closed_at = timezone.now()
    application.save(update_fields=["outcome_summary", "lessons_learned", "status", "closed_at"])
    with translation.override(applicant_language(application)):  # the applicant's message is in their language
        recommendations = [
            _("- %(text)s (%(organisation)s, by %(date)s)")
            % {"text": r.text, "organisation": r.owner_organisation.name, "date": applicant_date(application, r.due_on)}
            for r in application.recommendations.select_related("owner_organisation")
        ]
        none = _("None.")
    audit_record(
        actor=actor,
        action=CaseReviewAuditAction.CLOSED,
        target=application,
        detail={"recommendations": len(recommendations)},
    )
    applicant_tell(
        application=application,
        key="case-review-outcome",
        actor=actor,
        extra={"outcome": application.outcome_summary, "recommendations": "\n".join(recommendations) or none},
    )
    return application
