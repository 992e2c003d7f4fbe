"""Engagement choices: consultation states and questions, Safe Places offers, hate report answers, audit actions.

Labels residents see are marked for translation (English and Welsh); staff-only labels are plain English.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicLanguages(models.TextChoices):
    """Which languages a partnership's public pages offer."""

    ENGLISH = "en", "English only"
    BILINGUAL = "en_cy", "English and Welsh (bilingual)"


class AreaKind(models.TextChoices):
    """What a consultation's area is."""

    DISTRICT = "district", "A district"
    CUSTOM = "custom", "A custom area"


class ConsultationStatus(models.TextChoices):
    """Where a consultation is in its life."""

    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Feeling(models.IntegerChoices):
    """The feeling scale residents answer (1 is the least safe)."""

    VERY_UNSAFE = 1, _("Very unsafe")
    UNSAFE = 2, _("Fairly unsafe")
    NEUTRAL = 3, _("Neither safe nor unsafe")
    SAFE = 4, _("Fairly safe")
    VERY_SAFE = 5, _("Very safe")


# Feelings counted as "unsafe" in results and in the fear-versus-crime comparison.
UNSAFE_FEELINGS = (Feeling.VERY_UNSAFE, Feeling.UNSAFE)

# The "why" tags a new consultation starts with (staff may add their own and remove these).
DEFAULT_TAGS = [
    ("poor_lighting", _("Poor lighting")),
    ("drug_dealing", _("Drug dealing or drug use")),
    ("groups_gathering", _("Groups gathering")),
    ("harassment", _("Harassment or unwanted attention")),
    ("traffic", _("Traffic or dangerous driving")),
    ("isolated", _("Isolated or few people around")),
    ("antisocial_behaviour", _("Anti-social behaviour")),
]


class AgeBand(models.TextChoices):
    """Optional age band of a contributor."""

    UNDER_18 = "under_18", _("Under 18")
    FROM_18 = "18_24", _("18 to 24")
    FROM_25 = "25_44", _("25 to 44")
    FROM_45 = "45_64", _("45 to 64")
    OVER_65 = "65_plus", _("65 or over")
    NOT_SAID = "", _("Prefer not to say")


class Sex(models.TextChoices):
    """Optional sex of a contributor."""

    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Another way")
    NOT_SAID = "", _("Prefer not to say")


class Connection(models.TextChoices):
    """How a contributor knows the area."""

    LIVE = "live", _("I live there")
    WORK = "work", _("I work there")
    STUDY = "study", _("I study there")
    VISIT = "visit", _("I visit")


class ModerationStatus(models.TextChoices):
    """Whether a contribution's comment is shown to the public."""

    PENDING = "pending", "Waiting for moderation"
    PUBLISHED = "published", "Published"
    REDACTED = "redacted", "Published with personal data removed"
    REMOVED = "removed", "Removed"


class ModerationReason(models.TextChoices):
    """Why a moderator changed a contribution (recorded with every decision)."""

    SUITABLE = "suitable", "Suitable to publish"
    PERSONAL_DATA = "personal_data", "Contains personal data"
    ABUSIVE = "abusive", "Abusive or offensive"
    SPAM = "spam", "Spam or off-topic"
    CRIME_REPORT = "crime_report", "A crime report: passed to the police"
    OTHER = "other", "Other (explained in the note)"


class SafePlaceOffer(models.TextChoices):
    """What a Safe Place offers."""

    WAIT = "wait", _("A safe place to wait")
    CHARGE = "charge", _("Phone charging")
    CALL = "call", _("Help to call a taxi, friend or family")
    FIRST_AID = "first_aid", _("First aid")
    WATER = "water", _("Water")
    TOILET = "toilet", _("Toilets")
    STAFF = "staff", _("Trained staff to talk to")


class ReporterRole(models.TextChoices):
    """Who is making a hate report."""

    VICTIM = "victim", _("It happened to me")
    WITNESS = "witness", _("I saw it happen")
    ON_BEHALF = "on_behalf", _("I am reporting for someone else")


class HateStrand(models.TextChoices):
    """The strands a hate report can name (the five monitored strands, sex or gender, and other)."""

    RACE = "race", _("Race or ethnicity")
    RELIGION = "religion", _("Religion or belief")
    DISABILITY = "disability", _("Disability")
    SEXUAL_ORIENTATION = "sexual_orientation", _("Sexual orientation")
    TRANSGENDER = "transgender", _("Transgender identity")
    SEX_GENDER = "sex_gender", _("Sex or gender")
    OTHER = "other", _("Something else")


# The offence extract's hate_strand values (docs/extract-schemas.md) mapped to ours; sex/gender and other
# have no police-recorded counterpart.
EXTRACT_STRANDS = {
    "race": HateStrand.RACE,
    "religion": HateStrand.RELIGION,
    "disability": HateStrand.DISABILITY,
    "sexual orientation": HateStrand.SEXUAL_ORIENTATION,
    "transgender": HateStrand.TRANSGENDER,
}


class IncidentKind(models.TextChoices):
    """What happened, in the reporter's words."""

    VERBAL = "verbal", _("Verbal abuse, threats or insults")
    PHYSICAL = "physical", _("Physical attack")
    DAMAGE = "damage", _("Damage to property or graffiti")
    ONLINE = "online", _("Online abuse")
    HARASSMENT = "harassment", _("Harassment that keeps happening")
    OTHER = "other", _("Something else")


class PoliceReported(models.TextChoices):
    """Whether the incident was reported to the police."""

    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("I do not know")


class PartnerKind(models.TextChoices):
    """The kinds of agency a reporter can agree to share a report with."""

    POLICE = "police", _("The police")
    COUNCIL = "council", _("The council")
    HOUSING = "housing", _("A housing provider")
    VICTIM_SUPPORT = "victim_support", _("Victim support services")


class ContactMethod(models.TextChoices):
    """How a reporter wants to hear back, if at all."""

    NONE = "none", _("Do not contact me")
    EMAIL = "email", _("By email")
    PHONE = "phone", _("By phone")


class HateReportStatus(models.TextChoices):
    """Where a hate report is."""

    RECEIVED = "received", "Received"
    REFERRED = "referred", "Referred"
    NOT_REFERRED = "not_referred", "Not referred (no matching rule or no consent)"
    CLOSED = "closed", "Closed"


class ReferralStatus(models.TextChoices):
    """Where a referral to a partner agency is."""

    SENT = "sent", "Sent, waiting for a response"
    ACCEPTED = "accepted", "Accepted"
    ACTIONED = "actioned", "Action taken"
    DECLINED = "declined", "Declined"
    CLOSED = "closed", "Closed"


OPEN_REFERRAL_STATUSES = (ReferralStatus.SENT, ReferralStatus.ACCEPTED)


class EngagementAuditAction(models.TextChoices):
    """Audit actions of the engagement app (staff views and changes)."""

    SETTINGS_CHANGED = "engagement.settings_changed", "Engagement settings changed"
    CONSULTATION_CREATED = "engagement.consultation_created", "Consultation created"
    CONSULTATION_UPDATED = "engagement.consultation_updated", "Consultation updated"
    CONSULTATION_PUBLISHED = "engagement.consultation_published", "Consultation published"
    CONSULTATION_CLOSED = "engagement.consultation_closed", "Consultation closed"
    CONSULTATION_VIEWED = "engagement.consultation_viewed", "Consultation viewed"
    RESULTS_VIEWED = "engagement.results_viewed", "Consultation results viewed"
    RESULTS_EXPORTED = "engagement.results_exported", "Consultation results exported"
    CONTRIBUTIONS_VIEWED = "engagement.contributions_viewed", "Contributions viewed for moderation"
    CONTRIBUTION_MODERATED = "engagement.contribution_moderated", "Contribution moderated"
    PLACE_ADDED = "engagement.place_added", "Named place added"
    SAFE_PLACE_SAVED = "engagement.safe_place_saved", "Safe Place saved"
    HATE_REPORT_SUBMITTED = "engagement.hate_report_submitted", "Hate report submitted"
    HATE_REPORT_VIEWED = "engagement.hate_report_viewed", "Hate report viewed"
    HATE_REPORT_LIST_VIEWED = "engagement.hate_report_list_viewed", "Hate reports listed"
    HATE_REPORT_CLOSED = "engagement.hate_report_closed", "Hate report closed"
    HATE_STATISTICS_VIEWED = "engagement.hate_statistics_viewed", "Hate report statistics viewed"
    REFERRAL_MADE = "engagement.referral_made", "Hate report referred"
    REFERRAL_UPDATED = "engagement.referral_updated", "Referral updated"
    PARTNER_SAVED = "engagement.partner_saved", "Partner agency saved"
    ROUTING_RULE_SAVED = "engagement.routing_rule_saved", "Routing rule saved"
