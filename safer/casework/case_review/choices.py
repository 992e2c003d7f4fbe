"""Choices of the ASB Case Review."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplyingAs(models.TextChoices):
    """Who is applying."""

    SELF = "self", _("Myself")
    ON_BEHALF = "on_behalf", _("Someone else, with their consent")
    BUSINESS = "business", _("A business")
    GROUP = "group", _("A community group")


class ContactBy(models.TextChoices):
    """How the applicant wants to hear from the partnership."""

    EMAIL = "email", _("Email")
    LETTER = "letter", _("Letter")


class ApplicationStatus(models.TextChoices):
    """Where an application is."""

    SUBMITTED = "submitted", "Awaiting threshold decision"
    NOT_MET = "not_met", "Threshold not met"
    UNDER_REVIEW = "under_review", "Review under way"
    CLOSED = "closed", "Review closed"


class CaseReviewAuditAction(models.TextChoices):
    """Audit actions of the case review (every staff view and change; public submissions too)."""

    SUBMITTED = "case_review.submitted", "Case review application submitted"
    APPLICANT_VIEWED = "case_review.applicant_viewed", "Applicant viewed their application"
    LIST_VIEWED = "case_review.list_viewed", "Case review applications listed"
    VIEWED = "case_review.viewed", "Case review application viewed"
    CHECKED = "case_review.checked", "Threshold check run"
    MATCHING_CHANGED = "case_review.matching_changed", "Threshold check matching changed"
    DECIDED = "case_review.decided", "Threshold decision recorded"
    PANEL_CHANGED = "case_review.panel_changed", "Review panel changed"
    ACCOUNT_RECORDED = "case_review.account_recorded", "Agency account recorded"
    MEETING_RECORDED = "case_review.meeting_recorded", "Review meeting recorded"
    RECOMMENDATION_ADDED = "case_review.recommendation_added", "Recommendation added"
    RECOMMENDATION_COMPLETED = "case_review.recommendation_completed", "Recommendation completed"
    CLOSED = "case_review.closed", "Case review closed"
    ALERTS_VIEWED = "case_review.alerts_viewed", "Potential case reviews viewed"
    DEADLINES_VIEWED = "case_review.deadlines_viewed", "Case review deadlines viewed"
    TABLE_VIEWED = "case_review.table_viewed", "Case review annual table viewed"
    SETTINGS_CHANGED = "case_review.settings_changed", "Case review settings changed"
