"""Casework services: every write, keyword-only, validated, audited (see each module)."""

from safer.casework.services.cases import case_close, case_link_incident, case_open, case_reopen, case_update
from safer.casework.services.escalation import (
    breach_record,
    case_escalate,
    escalation_check,
    letter_generate,
    letter_render,
)
from safer.casework.services.incidents import incident_record, person_create
from safer.casework.services.parties import party_add
from safer.casework.services.retention import case_anonymise, cases_anonymise_due
from safer.casework.services.risk import risk_assessment_complete
from safer.casework.services.sharing import case_share, case_share_withdraw
from safer.casework.services.subject_access import person_export
from safer.casework.services.work import note_add, task_complete, task_create

__all__ = [
    "breach_record",
    "case_anonymise",
    "case_close",
    "case_escalate",
    "escalation_check",
    "case_link_incident",
    "case_open",
    "case_reopen",
    "case_share",
    "case_share_withdraw",
    "case_update",
    "cases_anonymise_due",
    "incident_record",
    "letter_generate",
    "letter_render",
    "note_add",
    "party_add",
    "person_create",
    "person_export",
    "risk_assessment_complete",
    "task_complete",
    "task_create",
]
