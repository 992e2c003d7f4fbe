"""Sharing a case with a partner organisation, and withdrawing it."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from safer.accounts.models import Organisation
from safer.casework.choices import CaseEventKind, CaseworkAuditAction
from safer.casework.errors import CaseInputError
from safer.casework.models import Case, CaseShare
from safer.casework.services._common import event_add, require_case
from safer.core.services.audit import audit_record


@transaction.atomic
def case_share(*, actor: Any, case: Case, organisation: Organisation, reason: str = "") -> CaseShare:
    """Let a partner organisation see and work on the case."""
    require_case(actor, case, owner_only=True)
    if organisation.pk == case.owner_organisation_id:
        raise CaseInputError(f"{organisation.name} owns the case already.", field="organisation")
    if not organisation.is_active:
        raise CaseInputError(f"{organisation.name} is deactivated and cannot receive cases.", field="organisation")
    if CaseShare.objects.filter(case=case, organisation=organisation, withdrawn_at__isnull=True).exists():
        raise CaseInputError(f"Case {case.reference} is already shared with {organisation.name}.", field="organisation")
    share = CaseShare.objects.create(case=case, organisation=organisation, shared_by=actor, reason=reason.strip())
    event_add(case=case, kind=CaseEventKind.SHARED, actor=actor, detail=f"Shared with {organisation.name}")
    audit_record(
        actor=actor, action=CaseworkAuditAction.CASE_SHARED, target=case, detail={"organisation": organisation.name}
    )
    return share


@transaction.atomic
def case_share_withdraw(*, actor: Any, share: CaseShare) -> CaseShare:
    """Stop sharing the case with that organisation (the share stays as history)."""
    case = share.case
    require_case(actor, case, owner_only=True, must_be_open=False)
    if share.withdrawn_at is not None:
        raise CaseInputError(f"Sharing with {share.organisation.name} was already withdrawn.", field="share")
    share.withdrawn_at = timezone.now()
    share.withdrawn_by = actor
    share.save(update_fields=["withdrawn_at", "withdrawn_by"])
    event_add(
        case=case,
        kind=CaseEventKind.SHARE_WITHDRAWN,
        actor=actor,
        detail=f"No longer shared with {share.organisation.name}",
    )
    audit_record(
        actor=actor,
        action=CaseworkAuditAction.CASE_SHARE_WITHDRAWN,
        target=case,
        detail={"organisation": share.organisation.name},
    )
    return share
