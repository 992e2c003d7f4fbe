"""Tasks and notes on a case."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from safer.casework.choices import CaseEventKind, CaseworkAuditAction
from safer.casework.errors import CaseInputError, CasePermissionError
from safer.casework.models import Case, Note, Task
from safer.casework.selectors.access import is_owner
from safer.casework.services._common import event_add, require_case
from safer.core.services.audit import audit_record


@transaction.atomic
def task_create(*, actor: Any, case: Case, title: str, owner: Any, due_on: date) -> Task:
    """Set a task on a case for someone in an organisation that can see the case."""
    require_case(actor, case)
    if not title.strip():
        raise CaseInputError("Enter what needs doing.", field="title")
    if not owner.has_capability("casework.edit"):
        raise CaseInputError(
            "The task owner's role cannot work cases. Choose a caseworker or case manager.", field="owner"
        )
    if not is_owner(actor, case) and owner.organisation_id != actor.organisation_id:
        raise CaseInputError("On a shared case you can only set tasks for your own organisation.", field="owner")
    if is_owner(actor, case) and owner.organisation_id != case.owner_organisation_id:
        if not case.shares.filter(organisation_id=owner.organisation_id, withdrawn_at__isnull=True).exists():
            raise CaseInputError(
                "The task owner's organisation cannot see this case. Share it with them first.", field="owner"
            )
    if due_on < case.opened_at.date():
        raise CaseInputError(f"The due date {due_on:%d %B %Y} is before the case was opened.", field="due_on")
    task = Task.objects.create(
        case=case, title=title.strip(), owner=owner, organisation=owner.organisation, due_on=due_on, created_by=actor
    )
    event_add(case=case, kind=CaseEventKind.TASK_CREATED, actor=actor, detail=f"{task.title} (due {due_on:%d %b %Y})")
    audit_record(actor=actor, action=CaseworkAuditAction.TASK_CREATED, target=case, detail={"task": task.pk})
    return task


@transaction.atomic
def task_complete(*, actor: Any, task: Task) -> Task:
    """Mark a task done (its owner, or anyone in the organisation that owns the case)."""
    require_case(actor, task.case)
    if task.done_at is not None:
        raise CaseInputError("That task is already done.", field="task")
    if task.owner_id != actor.pk and not is_owner(actor, task.case):
        raise CasePermissionError("Only the task's owner or the case's organisation can complete it.")
    task.done_at = timezone.now()
    task.done_by = actor
    task.save(update_fields=["done_at", "done_by"])
    event_add(case=task.case, kind=CaseEventKind.TASK_COMPLETED, actor=actor, detail=task.title)
    audit_record(actor=actor, action=CaseworkAuditAction.TASK_COMPLETED, target=task.case, detail={"task": task.pk})
    return task


@transaction.atomic
def note_add(*, actor: Any, case: Case, text: str) -> Note:
    """Add a note to a case (owner or partner)."""
    require_case(actor, case, must_be_open=False)
    if not text.strip():
        raise CaseInputError("Enter the note.", field="text")
    note = Note.objects.create(case=case, text=text.strip(), author=actor)
    event_add(case=case, kind=CaseEventKind.NOTE_ADDED, actor=actor, detail=note.text[:120])
    audit_record(actor=actor, action=CaseworkAuditAction.NOTE_ADDED, target=case, detail={"note": note.pk})
    return note
