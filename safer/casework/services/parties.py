"""Adding people to cases with their roles."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from safer.casework.choices import CaseEventKind, CaseworkAuditAction, PartyRole
from safer.casework.errors import CaseInputError, PersonNotFoundError
from safer.casework.models import Case, CaseParty, Person
from safer.casework.selectors.access import visible_people
from safer.casework.services._common import event_add, require_case
from safer.core.services.audit import audit_record


@transaction.atomic
def party_add(*, actor: Any, case: Case, person: Person, role: str) -> CaseParty:
    """Add a person the actor can see to the case in a role."""
    require_case(actor, case, owner_only=True)
    if role not in PartyRole.values:
        raise CaseInputError(
            f"Role {role!r} is not a party role; choose one of {', '.join(PartyRole.values)}.", field="role"
        )
    if not visible_people(actor).filter(pk=person.pk).exists():
        raise PersonNotFoundError("No such person that you can see. Check the link.")
    if CaseParty.objects.filter(case=case, person=person, role=role).exists():
        raise CaseInputError(f"That person is already in {case.reference} as {PartyRole(role).label}.", field="role")
    party = CaseParty.objects.create(case=case, person=person, role=role, added_by=actor)
    event_add(case=case, kind=CaseEventKind.PARTY_ADDED, actor=actor, detail=PartyRole(role).label)
    audit_record(
        actor=actor,
        action=CaseworkAuditAction.PARTY_ADDED,
        target=case,
        detail={"person": str(person.public_id), "role": role},
    )
    return party
