"""Planning choices: duties, youth focus, indicator kinds and rules, statuses, RAG, audit actions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StatutoryDuty(models.TextChoices):
    """The duties a Community Safety Partnership must show how it meets."""

    SIA = "sia", _("Strategic Intelligence Assessment")
    DHR = "dhr", _("Domestic Homicide Reviews")
    ASB_CASE_REVIEW = "asb_case_review", _("ASB Case Review (Community Trigger)")
    REOFFENDING = "reoffending", _("Reducing reoffending")
    SERIOUS_VIOLENCE = "serious_violence", _("Serious Violence Duty")
    PREVENT = "prevent", _("Prevent duty")


class YouthFocus(models.TextChoices):
    """The plan's "Youth focused" column."""

    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNIVERSAL = "universal", _("Universal")


class MemberKind(models.TextChoices):
    """Whether a member of the partnership is there by law or by invitation."""

    STATUTORY = "statutory", "Statutory member"
    INVITED = "invited", "Invited member"


class IndicatorKind(models.TextChoices):
    """Where an indicator's figures come from."""

    DASHBOARD = "dashboard", "Dashboard figure (recorded crime, offences, ASB)"
    CASEWORK = "casework", "Casework performance figure"
    ENTERED = "entered", "Value entered by an agency each quarter"


class DashboardSource(models.TextChoices):
    """Which dashboard figures a dashboard indicator counts."""

    CRIME = "crime", "police.uk recorded crime and ASB"
    SERIOUS_VIOLENCE_1 = "sv_group_1", "Serious violence Group 1 (offence extract)"
    SERIOUS_VIOLENCE_2 = "sv_group_2", "Serious violence Group 2 (offence extract)"
    ASB = "asb", "Partner ASB incidents"


class CaseworkFigure(models.TextChoices):
    """Casework performance figures an indicator can follow (shares, in per cent)."""

    NO_FURTHER_ASB = (
        "no_further_asb",
        "Share of alleged perpetrators with no further ASB 6 months after first intervention",
    )
    CLOSED_WITHIN_3 = "closed_within_3", "Share of cases closed within 3 months of opening"
    CLOSED_WITHIN_6 = "closed_within_6", "Share of cases closed within 6 months of opening"
    CASES_OPENED = "cases_opened", "Cases opened"


class Direction(models.TextChoices):
    """Which way is better for an indicator."""

    LOWER = "lower", "Lower is better"
    HIGHER = "higher", "Higher is better"


class IndicatorStatus(models.TextChoices):
    """An indicator's status from its rules; always shown as text, never as a colour alone."""

    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    NO_DATA = "no_data", _("No data")
    PARTIAL_DATA = "partial_data", _("Not enough data")


class Rag(models.TextChoices):
    """Progress of an action in a quarter (red, amber, green, or complete)."""

    GREEN = "green", "Green: on track"
    AMBER = "amber", "Amber: some delay or risk"
    RED = "red", "Red: off track"
    COMPLETE = "complete", "Complete"


class ReturnStatus(models.TextChoices):
    """Whether a six-monthly return to a funder has been sent."""

    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"


class PlanningAuditAction(models.TextChoices):
    """Audit actions of the planning app."""

    PLAN_CREATED = "planning.plan_created", "Plan created"
    PLAN_UPDATED = "planning.plan_updated", "Plan updated"
    PLAN_VIEWED = "planning.plan_viewed", "Plan viewed"
    PLAN_PUBLISHED = "planning.plan_published", "Plan published"
    VERSION_APPROVED = "planning.version_approved", "Plan version approved by the board"
    PRIORITY_SAVED = "planning.priority_saved", "Priority saved"
    OBJECTIVE_SAVED = "planning.objective_saved", "Objective saved"
    ACTION_SAVED = "planning.action_saved", "Action saved"
    DUTY_SAVED = "planning.duty_saved", "Statutory duty saved"
    PROGRESS_RECORDED = "planning.progress_recorded", "Action progress recorded"
    UPDATE_REQUESTED = "planning.update_requested", "Action owner asked for a progress update"
    INDICATOR_SAVED = "planning.indicator_saved", "Indicator saved"
    INDICATOR_VALUE_ENTERED = "planning.indicator_value_entered", "Indicator value entered"
    SCORECARD_VIEWED = "planning.scorecard_viewed", "Scorecard viewed"
    FUNDING_SAVED = "planning.funding_saved", "Funding saved"
    FUNDING_REMOVED = "planning.funding_removed", "Funding removed"
    SPEND_RECORDED = "planning.spend_recorded", "Spend recorded"
    SPEND_CHANGED = "planning.spend_changed", "Spend changed"
    SPEND_REMOVED = "planning.spend_removed", "Spend removed"
    RETURN_SAVED = "planning.return_saved", "Funding return saved"
    RETURN_ROW_REMOVED = "planning.return_row_removed", "Funding return row removed"
    RETURN_SUBMITTED = "planning.return_submitted", "Funding return submitted"
    DOCUMENT_PRODUCED = "planning.document_produced", "Document produced"
