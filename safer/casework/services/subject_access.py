"""Subject access: everything the actor's organisation can see about a person, as JSON and PDF."""

from __future__ import annotations

import json
from typing import Any

from django.utils import timezone

from safer.casework.choices import CaseworkAuditAction
from safer.casework.errors import CasePermissionError
from safer.casework.letters import pdf_document
from safer.casework.models import CaseParty, Incident, Intervention, Letter, Note, Person, RiskAssessment
from safer.casework.selectors.access import visible_cases, visible_incidents, visible_people
from safer.core.services.audit import audit_record


def _incident(incident: Incident) -> dict[str, Any]:
    return {
        "reference": incident.reference,
        "occurred_at": incident.occurred_at.isoformat(),
        "location": incident.location_text,
        "category": incident.asb_category,
        "type": incident.asb_type,
        "description": incident.description,
        "hate_motivated": incident.hate_motivated,
        "received_by": incident.receiving_organisation.name,
    }


def person_export(*, actor: Any, person: Person) -> dict[str, Any]:
    """Build the subject access export of a person (audited); needs casework.manage."""
    if not actor.has_capability("casework.manage"):
        raise CasePermissionError("Subject access exports are made by case managers. Ask a case manager.")
    if not visible_people(actor).filter(pk=person.pk).exists():
        raise CasePermissionError("You cannot see that person.")
    cases = visible_cases(actor)
    parties = CaseParty.objects.filter(person=person, case__in=cases).select_related("case", "case__owner_organisation")
    case_ids = [party.case_id for party in parties]
    data: dict[str, Any] = {
        "export": {
            "kind": "subject access export",
            "made_at": timezone.now().isoformat(),
            "made_by_organisation": actor.organisation.name,
            "scope": "Records held in Safer Communities that this organisation can see.",
        },
        "person": {
            "id": str(person.public_id),
            "first_name": person.first_name,
            "last_name": person.last_name,
            "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else None,
            "address": person.address,
            "postcode": person.postcode,
            "phone": person.phone,
            "email": person.email,
            "vulnerability_notes": person.vulnerability_notes,
            "recorded_at": person.created_at.isoformat(),
        },
        "cases": [
            {
                "reference": party.case.reference,
                "role": party.get_role_display(),
                "owner": party.case.owner_organisation.name,
                "status": party.case.status,
                "opened_at": party.case.opened_at.isoformat(),
                "closed_at": party.case.closed_at.isoformat() if party.case.closed_at else None,
                "incidents": [
                    _incident(i)
                    for i in Incident.objects.filter(case_links__case_id=party.case_id).select_related(
                        "receiving_organisation"
                    )
                ],
                "notes": [
                    {"at": n.created_at.isoformat(), "text": n.text}
                    for n in Note.objects.filter(case_id=party.case_id).order_by("created_at")
                ],
            }
            for party in parties
        ],
        "incidents_reported": [
            _incident(i)
            for i in visible_incidents(actor).filter(reporting_person=person).select_related("receiving_organisation")
        ],
        "interventions": [
            {"case": i.case.reference, "stage": i.stage, "action": i.action, "date": i.occurred_on.isoformat()}
            for i in Intervention.objects.filter(person=person, case__in=cases).select_related("case")
        ],
        "risk_assessments": [
            {
                "case": r.case.reference,
                "level": r.level,
                "score": r.score,
                "answers": r.answers,
                "questionnaire": r.questionnaire,
                "questions_asked": [{"question": q["text"], "answer": q["answer"]} for q in r.answered_questions],
                "completed_at": r.completed_at.isoformat(),
            }
            for r in RiskAssessment.objects.filter(victim=person, case__in=cases).select_related("case")
        ],
        "letters": [
            {"case": letter.case.reference, "template": letter.template, "created_at": letter.created_at.isoformat()}
            for letter in Letter.objects.filter(recipient=person, case__in=cases).select_related("case")
        ],
    }
    audit_record(
        actor=actor, action=CaseworkAuditAction.PERSON_EXPORTED, target=person, detail={"cases": len(case_ids)}
    )
    return data


def person_export_json(data: dict[str, Any]) -> bytes:
    """The export as pretty-printed UTF-8 JSON."""
    return json.dumps(data, indent=2, ensure_ascii=False).encode()


def person_export_pdf(data: dict[str, Any]) -> bytes:
    """The export as a readable PDF with the same content as the JSON."""
    blocks: list[tuple[str, str]] = [("p", data["export"]["scope"]), ("p", f"Made {data['export']['made_at']}")]
    blocks.append(("h", "Personal details"))
    for key, value in data["person"].items():
        blocks.append(("p", f"{key.replace('_', ' ').capitalize()}: {value if value not in (None, '') else '-'}"))
    for section in ("cases", "incidents_reported", "interventions", "risk_assessments", "letters"):
        blocks.append(("h", section.replace("_", " ").capitalize() + f" ({len(data[section])})"))
        for item in data[section]:
            blocks.append(("p", json.dumps(item, indent=1, ensure_ascii=False)))
    return pdf_document("Subject access export", blocks)
