"""Casework choices: ASB categories, hate strands, case status, risk, party roles, outcomes, audit actions."""

from django.db import models


class AsbCategory(models.TextChoices):
    """The three national ASB categories."""

    PERSONAL = "personal", "Personal"
    NUISANCE = "nuisance", "Nuisance"
    ENVIRONMENTAL = "environmental", "Environmental"


class HateStrand(models.TextChoices):
    """Monitored hate crime strands (plus the locally monitored alternative subculture strand)."""

    NONE = "", "Not hate-motivated"
    RACE = "race", "Race or ethnicity"
    RELIGION = "religion", "Religion or belief"
    SEXUAL_ORIENTATION = "sexual_orientation", "Sexual orientation"
    DISABILITY = "disability", "Disability"
    TRANSGENDER = "transgender", "Transgender identity"
    ALTERNATIVE_SUBCULTURE = "alternative_subculture", "Alternative subculture"


class CaseStatus(models.TextChoices):
    """Whether a case is being worked."""

    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class RiskLevel(models.TextChoices):
    """Victim risk level from the risk assessment (blank until assessed)."""

    NOT_ASSESSED = "", "Not assessed"
    STANDARD = "standard", "Standard"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class PartyRole(models.TextChoices):
    """The part a person plays in a case."""

    VICTIM = "victim", "Victim or complainant"
    PERPETRATOR = "perpetrator", "Alleged perpetrator"
    WITNESS = "witness", "Witness"
    HOUSEHOLD = "household", "Household member"
    PROFESSIONAL = "professional", "Professional"


class CaseOutcome(models.TextChoices):
    """Why a case was closed."""

    NONE = "", "Not closed"
    RESOLVED = "resolved", "Resolved: behaviour stopped"
    ENFORCEMENT = "enforcement", "Closed after enforcement"
    NO_FURTHER_ACTION = "no_further_action", "No further action possible"
    REFERRED = "referred", "Referred to another agency"
    WITHDRAWN = "withdrawn", "Complainant withdrew"
    MOVED_AWAY = "moved_away", "A party moved away"


class LetterFormat(models.TextChoices):
    """File formats a letter is produced in."""

    DOCX = "docx", "Word (DOCX)"
    PDF = "pdf", "PDF"


class LetterStatus(models.TextChoices):
    """Where a letter is in its background generation."""

    PENDING = "pending", "Being produced"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class CaseEventKind(models.TextChoices):
    """Kinds of entry on a case timeline."""

    OPENED = "opened", "Case opened"
    UPDATED = "updated", "Case details changed"
    INCIDENT_LINKED = "incident_linked", "Incident linked"
    PARTY_ADDED = "party_added", "Person added"
    RISK_ASSESSED = "risk_assessed", "Risk assessment completed"
    TASK_CREATED = "task_created", "Task set"
    TASK_COMPLETED = "task_completed", "Task completed"
    NOTE_ADDED = "note_added", "Note added"
    ESCALATED = "escalated", "Intervention recorded"
    BREACH = "breach", "Breach recorded"
    LETTER = "letter", "Letter produced"
    SHARED = "shared", "Shared"
    SHARE_WITHDRAWN = "share_withdrawn", "Sharing withdrawn"
    CLOSED = "closed", "Case closed"
    REOPENED = "reopened", "Case reopened"
    ANONYMISED = "anonymised", "Case anonymised"


class CaseworkAuditAction(models.TextChoices):
    """Audit actions of the casework app (every view of a case or person and every change)."""

    INCIDENT_RECORDED = "casework.incident_recorded", "Incident recorded"
    INCIDENT_VIEWED = "casework.incident_viewed", "Incident viewed"
    CASE_OPENED = "casework.case_opened", "Case opened"
    CASE_VIEWED = "casework.case_viewed", "Case viewed"
    CASE_LIST_VIEWED = "casework.case_list_viewed", "Case list viewed"
    CASE_UPDATED = "casework.case_updated", "Case updated"
    INCIDENT_LINKED = "casework.incident_linked", "Incident linked to case"
    PARTY_ADDED = "casework.party_added", "Person added to case"
    PERSON_CREATED = "casework.person_created", "Person recorded"
    PERSON_VIEWED = "casework.person_viewed", "Person viewed"
    RISK_ASSESSED = "casework.risk_assessed", "Risk assessment completed"
    TASK_CREATED = "casework.task_created", "Task created"
    TASK_COMPLETED = "casework.task_completed", "Task completed"
    NOTE_ADDED = "casework.note_added", "Note added"
    CASE_ESCALATED = "casework.case_escalated", "Intervention recorded"
    BREACH_RECORDED = "casework.breach_recorded", "Breach recorded"
    LETTER_REQUESTED = "casework.letter_requested", "Letter requested"
    LETTER_GENERATED = "casework.letter_generated", "Letter produced"
    LETTER_DOWNLOADED = "casework.letter_downloaded", "Letter downloaded"
    CASE_CLOSED = "casework.case_closed", "Case closed"
    CASE_REOPENED = "casework.case_reopened", "Case reopened"
    CASE_SHARED = "casework.case_shared", "Case shared"
    CASE_SHARE_WITHDRAWN = "casework.case_share_withdrawn", "Case sharing withdrawn"
    CASE_ANONYMISED = "casework.case_anonymised", "Case anonymised (retention)"
    PERSON_EXPORTED = "casework.person_exported", "Subject access export"
    PERFORMANCE_VIEWED = "casework.performance_viewed", "Casework performance viewed"
    PERFORMANCE_EXPORTED = "casework.performance_exported", "Casework performance exported"
    QUESTIONNAIRE_CHANGED = "casework.questionnaire_changed", "Risk questionnaire changed"
