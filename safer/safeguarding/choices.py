"""Choices for safeguarding: relationships, risk levels, MATAC interventions and statuses, review stages."""

from django.db import models


class Relationship(models.TextChoices):
    """How the perpetrator is related to the victim."""

    PARTNER = "partner", "Partner"
    EX_PARTNER = "ex-partner", "Ex-partner"
    FAMILY = "family", "Family member"


class RiskLevel(models.TextChoices):
    """DASH risk level of an incident."""

    STANDARD = "standard", "Standard"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class SubjectStatus(models.TextChoices):
    """Where a MATAC subject is in the programme."""

    SELECTED = "selected", "Selected for the next meeting"
    ACTIVE = "active", "On the programme"
    DISCHARGED = "discharged", "Discharged"


class Intervention(models.TextChoices):
    """The kind of tailored intervention a meeting chooses."""

    SUPPORT = "support", "Support"
    DIVERSION = "diversion", "Diversion"
    DISRUPTION = "disruption", "Disruption"
    ENFORCEMENT = "enforcement", "Enforcement"


class ActionKind(models.TextChoices):
    """What a meeting action is for."""

    PERPETRATOR = "perpetrator", "Perpetrator intervention"
    VICTIM_SAFETY = "victim_safety", "Victim safety"


class ActionStatus(models.TextChoices):
    """Progress of an action (MATAC or a review's action plan)."""

    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Completed"


class MeetingStatus(models.TextChoices):
    """A MATAC meeting is planned, then held."""

    PLANNED = "planned", "Planned"
    HELD = "held", "Held"


class ReviewDecision(models.TextChoices):
    """The partnership's decision whether to commission a Domestic Homicide Review."""

    PENDING = "pending", "Not yet decided"
    COMMISSIONED = "commissioned", "Review commissioned"
    NOT_COMMISSIONED = "not_commissioned", "Review not commissioned"


class ReviewStage(models.TextChoices):
    """Where a Domestic Homicide Review is (worked out from its dates, never typed in)."""

    DECISION = "decision", "Awaiting decision"
    NOT_COMMISSIONED = "not_commissioned", "Not commissioned"
    PANEL = "panel", "Panel and management reviews"
    DRAFTING = "drafting", "Drafting"
    QUALITY_ASSURANCE = "quality_assurance", "With the Home Office Quality Assurance Panel"
    PUBLICATION = "publication", "Awaiting publication"
    ACTION_PLAN = "action_plan", "Published: action plan open"
    CLOSED = "closed", "Closed"


class LessonKind(models.TextChoices):
    """A review's finding is a lesson learned or a recommendation."""

    LESSON = "lesson", "Lesson"
    RECOMMENDATION = "recommendation", "Recommendation"


class SafeguardingAuditAction(models.TextChoices):
    """Audit actions written by the safeguarding app."""

    RANKING_VIEWED = "matac.ranking_viewed", "MATAC ranking viewed"
    RANKING_CREATED = "matac.ranking_created", "MATAC ranking produced"
    SCHEME_CREATED = "matac.scheme_created", "MATAC scoring scheme version saved"
    SCHEME_VIEWED = "matac.scheme_viewed", "MATAC scoring scheme viewed"
    REFERRAL_ADDED = "matac.referral_added", "MATAC partner referral added"
    SUBJECT_VIEWED = "matac.subject_viewed", "MATAC subject profile viewed"
    SUBJECT_SELECTED = "matac.subject_selected", "MATAC subject selected for a meeting"
    SUBJECT_UPDATED = "matac.subject_updated", "MATAC subject details changed"
    SUBJECT_DISCHARGED = "matac.subject_discharged", "MATAC subject discharged"
    MEETING_VIEWED = "matac.meeting_viewed", "MATAC meeting viewed"
    MEETING_CREATED = "matac.meeting_created", "MATAC meeting planned"
    MEETING_HELD = "matac.meeting_held", "MATAC meeting recorded as held"
    DECISION_RECORDED = "matac.decision_recorded", "MATAC decision recorded"
    ACTION_ADDED = "matac.action_added", "MATAC action added"
    ACTION_UPDATED = "matac.action_updated", "MATAC action updated"
    MINUTES_EXPORTED = "matac.minutes_exported", "MATAC minutes exported"
    PROGRAMME_VIEWED = "matac.programme_viewed", "MATAC programme table viewed"
    REVIEW_VIEWED = "dhr.review_viewed", "Domestic Homicide Review viewed"
    REVIEW_LISTED = "dhr.review_listed", "Domestic Homicide Reviews listed"
    REVIEW_NOTIFIED = "dhr.review_notified", "Domestic Homicide Review notification recorded"
    REVIEW_UPDATED = "dhr.review_updated", "Domestic Homicide Review updated"
    LESSONS_SEARCHED = "dhr.lessons_searched", "Domestic Homicide Review lessons searched"
    ANNUAL_VIEWED = "dhr.annual_viewed", "Domestic Homicide Review annual table viewed"
    AREAS_LISTED = "matac.areas_listed", "MATAC areas listed"
    FORM_VIEWED = "safeguarding.form_viewed", "Safeguarding form opened"
