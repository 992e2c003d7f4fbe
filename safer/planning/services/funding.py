"""Funding: funders and objectives, a year's fund, allocations and sub-lines, carry-forwards, spend, returns."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from safer.accounts.models import Organisation, User
from safer.planning.choices import PlanningAuditAction, ReturnStatus
from safer.planning.errors import PlanningInputError, PlanningPermissionError
from safer.planning.models import (
    Allocation,
    CarryForward,
    Fund,
    Funder,
    FunderObjective,
    FundingReturn,
    ReturnLine,
    Spend,
)
from safer.planning.money import pounds
from safer.planning.selectors import can_record_spend, can_update_return_line
from safer.planning.services._common import audited, require_manager


def _not_negative(pence: int, field: str = "amount") -> None:
    if pence < 0:
        raise PlanningInputError(f"The amount cannot be negative (you entered {pounds(pence)}).", field=field)


@transaction.atomic
def funder_create(*, actor: User | None, name: str, objectives: list[str]) -> Funder:
    """A funder with its numbered strategic objectives (returns report against them)."""
    require_manager(actor)
    if Funder.objects.filter(name=name).exists():
        raise PlanningInputError(f'There is already a funder called "{name}".', field="name")
    funder = Funder.objects.create(name=name)
    for number, text in enumerate(objectives, start=1):
        FunderObjective.objects.create(funder=funder, number=number, text=text)
    audited(actor, PlanningAuditAction.FUNDING_SAVED, funder)
    return funder


@transaction.atomic
def funder_update(*, actor: User | None, funder: Funder, name: str, objectives: list[str]) -> Funder:
    """Rename a funder and change its strategic objectives in order. An objective that a six-monthly return
    reports against may be reworded but not removed (the return would lose its row's objective)."""
    require_manager(actor)
    Funder.objects.select_for_update().get(pk=funder.pk)
    if Funder.objects.filter(name=name).exclude(pk=funder.pk).exists():
        raise PlanningInputError(f'There is already a funder called "{name}".', field="name")
    if not objectives:
        raise PlanningInputError("Enter at least one strategic objective", field="objectives")
    reported = set(ReturnLine.objects.filter(objective__funder=funder).values_list("objective__number", flat=True))
    if reported and len(objectives) < max(reported):
        raise PlanningInputError(
            f"Objective {max(reported)} is reported against in a six-monthly return, so it cannot be removed. "
            f"Keep at least {max(reported)} objectives; you can change their wording.",
            field="objectives",
        )
    funder.name = name
    funder.save()
    current = {o.number: o for o in funder.objectives.all()}
    for number, text in enumerate(objectives, start=1):
        objective = current.get(number)
        if objective is None:
            FunderObjective.objects.create(funder=funder, number=number, text=text)
        elif objective.text != text:
            objective.text = text
            objective.save(update_fields=["text"])
    funder.objectives.filter(number__gt=len(objectives)).delete()
    audited(actor, PlanningAuditAction.FUNDING_SAVED, funder, changed=True, objectives=len(objectives))
    return funder


@transaction.atomic
def fund_create(
    *, actor: User | None, funder: Funder, name: str, year: int, amount_pence: int, notes: str = ""
) -> Fund:
    """A funder's money for one financial year."""
    require_manager(actor)
    _not_negative(amount_pence)
    if Fund.objects.filter(funder=funder, name=name, year=year).exists():
        raise PlanningInputError(f"{name} already has a fund for {year}-{(year + 1) % 100:02d}.", field="year")
    fund = Fund.objects.create(funder=funder, name=name, year=year, amount_pence=amount_pence, notes=notes)
    audited(actor, PlanningAuditAction.FUNDING_SAVED, fund, amount_pence=amount_pence)
    return fund


def fund_allocated_pence(fund: Fund) -> int:
    """The fund's allocated total: its top-level lines (sub-lines sit inside their parent's amount)."""
    return int(fund.allocations.filter(parent__isnull=True).aggregate(total=Sum("amount_pence"))["total"] or 0)


def _allocation_fits(
    *, fund: Fund, parent: Allocation | None, amount_pence: int, changing: Allocation | None = None
) -> None:
    """A line fits in the fund, a sub-line in its line (`changing`: the allocation being changed, not counted)."""
    if parent is not None:
        siblings = parent.sub_lines.exclude(pk=changing.pk) if changing else parent.sub_lines.all()
        used = int(siblings.aggregate(total=Sum("amount_pence"))["total"] or 0)
        if used + amount_pence > parent.amount_pence:
            raise PlanningInputError(
                f"The sub-lines of {parent.line} would come to {pounds(used + amount_pence)}, more than its "
                f"{pounds(parent.amount_pence)}. Reduce the amount or raise the line first.",
                field="amount",
            )
        return
    allocated = fund_allocated_pence(fund) - (changing.amount_pence if changing else 0)
    if allocated + amount_pence > fund.amount_pence:
        raise PlanningInputError(
            f"This would allocate {pounds(allocated + amount_pence)} from {fund}, which has "
            f"{pounds(fund.amount_pence)} ({pounds(fund.amount_pence - allocated)} left).",
            field="amount",
        )


@transaction.atomic
def allocation_add(
    *,
    actor: User | None,
    fund: Fund,
    line: str,
    recipient: str,
    amount_pence: int,
    project: str = "",
    parent: Allocation | None = None,
    recipient_organisation: Organisation | None = None,
    up_to: bool = False,
    notes: str = "",
) -> Allocation:
    """Allocate money from a fund (or a sub-line of an allocation); never more than there is."""
    require_manager(actor)
    _not_negative(amount_pence)
    Fund.objects.select_for_update().get(pk=fund.pk)  # one allocation at a time per fund
    if parent is not None and parent.fund_id != fund.pk:
        raise PlanningInputError("A sub-line must be in the same fund as its line.", field="parent")
    _allocation_fits(fund=fund, parent=parent, amount_pence=amount_pence)
    order = (fund.allocations.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    allocation = Allocation.objects.create(
        fund=fund,
        parent=parent,
        line=line,
        recipient=recipient,
        recipient_organisation=recipient_organisation,
        project=project,
        amount_pence=amount_pence,
        up_to=up_to,
        notes=notes,
        order=order,
    )
    audited(actor, PlanningAuditAction.FUNDING_SAVED, allocation, amount_pence=amount_pence)
    return allocation


@transaction.atomic
def allocation_update(
    *,
    actor: User | None,
    allocation: Allocation,
    line: str,
    recipient: str,
    amount_pence: int,
    project: str = "",
    recipient_organisation: Organisation | None = None,
    up_to: bool = False,
    notes: str = "",
) -> Allocation:
    """Change an allocation (it stays in its fund and under its line); never below what is spent or sub-allocated."""
    require_manager(actor)
    _not_negative(amount_pence)
    fund = Fund.objects.select_for_update().get(pk=allocation.fund_id)
    _allocation_fits(fund=fund, parent=allocation.parent, amount_pence=amount_pence, changing=allocation)
    committed = {
        "its sub-lines": int(allocation.sub_lines.aggregate(total=Sum("amount_pence"))["total"] or 0),
        "spend and carry-forwards": int(allocation.spends.aggregate(total=Sum("amount_pence"))["total"] or 0)
        + int(allocation.carry_forwards.aggregate(total=Sum("amount_pence"))["total"] or 0),
    }
    for what, pence in committed.items():
        if amount_pence < pence:
            raise PlanningInputError(
                f"{allocation.line} already has {pounds(pence)} in {what}; the amount cannot be less.", field="amount"
            )
    allocation.line, allocation.recipient, allocation.project = line, recipient, project
    allocation.amount_pence, allocation.recipient_organisation = amount_pence, recipient_organisation
    allocation.up_to, allocation.notes = up_to, notes
    allocation.save()
    audited(actor, PlanningAuditAction.FUNDING_SAVED, allocation, amount_pence=amount_pence, changed=True)
    return allocation


@transaction.atomic
def allocation_delete(*, actor: User | None, allocation: Allocation, reason: str) -> None:
    """Remove an allocation entered by mistake, with the reason; not while it has sub-lines, spend or
    carry-forwards (they would go with it), nor once a return on its fund has been submitted."""
    require_manager(actor)
    reason = _reason_given(reason)
    fund = Fund.objects.select_for_update().get(pk=allocation.fund_id)
    held = [
        what
        for what, related in (
            ("sub-lines", allocation.sub_lines),
            ("spend", allocation.spends),
            ("carry-forwards", allocation.carry_forwards),
        )
        if related.exists()
    ]
    if held:
        raise PlanningInputError(
            f"{allocation.line} has {' and '.join(held)}; remove or change them first, or change the allocation "
            "instead.",
            field="reason",
        )
    submitted = FundingReturn.objects.filter(fund=fund, status=ReturnStatus.SUBMITTED).first()
    if submitted is not None:
        raise PlanningInputError(
            f"The return for {submitted} has been submitted, so its allocations can no longer be removed; "
            "change the amount instead.",
            field="reason",
        )
    before = {"line": allocation.line, "recipient": allocation.recipient, "amount_pence": allocation.amount_pence}
    allocation.delete()
    audited(actor, PlanningAuditAction.FUNDING_REMOVED, fund, removed="allocation", before=before, reason=reason)


@transaction.atomic
def fund_update(*, actor: User | None, fund: Fund, name: str, year: int, amount_pence: int, notes: str = "") -> Fund:
    """Change a year's fund; never below what is already allocated from it."""
    require_manager(actor)
    _not_negative(amount_pence)
    Fund.objects.select_for_update().get(pk=fund.pk)
    allocated = fund_allocated_pence(fund)
    if amount_pence < allocated:
        raise PlanningInputError(
            f"{pounds(allocated)} is already allocated from this fund; the amount cannot be less. "
            "Reduce the allocations first.",
            field="amount",
        )
    if Fund.objects.filter(funder=fund.funder, name=name, year=year).exclude(pk=fund.pk).exists():
        raise PlanningInputError(f"{name} already has a fund for {year}-{(year + 1) % 100:02d}.", field="year")
    fund.name, fund.year, fund.amount_pence, fund.notes = name, year, amount_pence, notes
    fund.save()
    audited(actor, PlanningAuditAction.FUNDING_SAVED, fund, amount_pence=amount_pence, changed=True)
    return fund


def _half_label(half: int) -> str:
    return "April to September" if half == 1 else "October to March"


def _reason_given(reason: str) -> str:
    """Changing or removing money needs a reason; it is kept in the audit record."""
    if not reason.strip():
        raise PlanningInputError("Give the reason (it is kept in the audit record).", field="reason")
    return reason.strip()


def _return_submitted(fund_id: int, half: int) -> FundingReturn | None:
    return (
        FundingReturn.objects.select_related("fund__funder")
        .filter(fund_id=fund_id, half=half, status=ReturnStatus.SUBMITTED)
        .first()
    )


def _spend_open(allocation: Allocation, half: int) -> None:
    """Spend in a half-year is fixed once that half's return to the funder is submitted."""
    submitted = _return_submitted(allocation.fund_id, half)
    if submitted is not None:
        raise PlanningInputError(
            f"The return for {submitted} has been submitted, so spend in {_half_label(half)} can no longer "
            "be recorded, changed or removed.",
            field="half",
        )


def _carry_forward_open(allocation: Allocation) -> None:
    """A year's carry-forwards are fixed once its October to March return (the year end) is submitted."""
    submitted = _return_submitted(allocation.fund_id, 2)
    if submitted is not None:
        raise PlanningInputError(
            f"The return for {submitted} has been submitted, so the year's carry-forwards can no longer "
            "be added, changed or removed.",
            field="amount",
        )


def _committed_pence(allocation: Allocation, *, spend: Spend | None = None, carry: CarryForward | None = None) -> int:
    """Spend and carry-forwards of an allocation, leaving out the one being changed."""
    spends = allocation.spends.exclude(pk=spend.pk) if spend else allocation.spends.all()
    carries = allocation.carry_forwards.exclude(pk=carry.pk) if carry else allocation.carry_forwards.all()
    return int(spends.aggregate(total=Sum("amount_pence"))["total"] or 0) + int(
        carries.aggregate(total=Sum("amount_pence"))["total"] or 0
    )


def _carry_forward_check(
    allocation: Allocation, *, to_year: int, amount_pence: int, changing: CarryForward | None = None
) -> None:
    _not_negative(amount_pence)
    if amount_pence == 0:
        raise PlanningInputError("Enter the amount carried forward.", field="amount")
    if to_year <= allocation.fund.year:
        raise PlanningInputError("Money can only be carried forward into a later year.", field="to_year")
    if amount_pence > allocation.amount_pence:
        raise PlanningInputError(
            f"{pounds(amount_pence)} is more than the allocation of {pounds(allocation.amount_pence)}.", field="amount"
        )
    committed = _committed_pence(allocation, carry=changing)
    if committed + amount_pence > allocation.amount_pence:
        raise PlanningInputError(
            f"{pounds(committed)} of the allocation of {pounds(allocation.amount_pence)} is already spent or carried "
            f"forward, so at most {pounds(allocation.amount_pence - committed)} can be carried forward.",
            field="amount",
        )


def _carry_forward_facts(carry: CarryForward) -> dict[str, int]:
    return {"amount_pence": carry.amount_pence, "to_year": carry.to_year}


@transaction.atomic
def carry_forward_add(
    *, actor: User | None, allocation: Allocation, to_year: int, amount_pence: int, purpose: str
) -> CarryForward:
    """Carry part of an allocation into a later year (it does not count in that year's fund total)."""
    require_manager(actor)
    allocation = Allocation.objects.select_for_update().select_related("fund").get(pk=allocation.pk)
    _carry_forward_open(allocation)
    _carry_forward_check(allocation, to_year=to_year, amount_pence=amount_pence)
    carry = CarryForward.objects.create(
        allocation=allocation, to_year=to_year, amount_pence=amount_pence, purpose=purpose
    )
    audited(actor, PlanningAuditAction.FUNDING_SAVED, allocation, carried_forward_pence=amount_pence, to_year=to_year)
    return carry


@transaction.atomic
def carry_forward_update(
    *, actor: User | None, carry: CarryForward, to_year: int, amount_pence: int, purpose: str, reason: str
) -> CarryForward:
    """Change a carry-forward, with the reason; the earlier amount and year are kept in the audit record."""
    require_manager(actor)
    reason = _reason_given(reason)
    allocation = Allocation.objects.select_for_update().select_related("fund").get(pk=carry.allocation_id)
    _carry_forward_open(allocation)
    _carry_forward_check(allocation, to_year=to_year, amount_pence=amount_pence, changing=carry)
    before = _carry_forward_facts(carry)
    carry.to_year, carry.amount_pence, carry.purpose = to_year, amount_pence, purpose
    carry.save()
    audited(
        actor,
        PlanningAuditAction.FUNDING_SAVED,
        allocation,
        changed="carry_forward",
        before=before,
        after=_carry_forward_facts(carry),
        reason=reason,
    )
    return carry


@transaction.atomic
def carry_forward_delete(*, actor: User | None, carry: CarryForward, reason: str) -> None:
    """Remove a carry-forward, with the reason; what it was is kept in the audit record."""
    require_manager(actor)
    reason = _reason_given(reason)
    allocation = Allocation.objects.select_for_update().select_related("fund").get(pk=carry.allocation_id)
    _carry_forward_open(allocation)
    before = _carry_forward_facts(carry)
    carry.delete()
    audited(
        actor, PlanningAuditAction.FUNDING_REMOVED, allocation, removed="carry_forward", before=before, reason=reason
    )


def _require_spender(actor: User | None, allocation: Allocation) -> User:
    if actor is None or not can_record_spend(actor, allocation):
        raise PlanningPermissionError("Only the recipient agency or a partnership manager can record this spend.")
    return actor


def _spend_check(allocation: Allocation, *, half: int, amount_pence: int, changing: Spend | None = None) -> None:
    _not_negative(amount_pence)
    if half not in (1, 2):
        raise PlanningInputError("Choose April to September or October to March.", field="half")
    _spend_open(allocation, half)
    committed = _committed_pence(allocation, spend=changing)
    if committed + amount_pence > allocation.amount_pence:
        carried = int(allocation.carry_forwards.aggregate(total=Sum("amount_pence"))["total"] or 0)
        spent = committed - carried
        raise PlanningInputError(
            f"Spend would come to {pounds(spent + amount_pence)}, "
            f"more than the {pounds(allocation.amount_pence - carried)}"
            " allocated for the year.",
            field="amount",
        )


def _spend_facts(spend: Spend) -> dict[str, int]:
    return {"half": spend.half, "amount_pence": spend.amount_pence}


@transaction.atomic
def spend_record(
    *, actor: User | None, allocation: Allocation, half: int, amount_pence: int, outcomes: str = ""
) -> Spend:
    """Spend and outcomes of a project in a half-year (by a manager or the recipient agency)."""
    actor = _require_spender(actor, allocation)
    allocation = Allocation.objects.select_for_update().get(pk=allocation.pk)
    _spend_check(allocation, half=half, amount_pence=amount_pence)
    spend = Spend.objects.create(
        allocation=allocation, half=half, amount_pence=amount_pence, outcomes=outcomes, recorded_by=actor
    )
    audited(actor, PlanningAuditAction.SPEND_RECORDED, allocation, half=half, amount_pence=amount_pence)
    return spend


@transaction.atomic
def spend_update(
    *, actor: User | None, spend: Spend, half: int, amount_pence: int, outcomes: str, reason: str
) -> Spend:
    """Change recorded spend, with the reason (not once its half-year's return is submitted)."""
    allocation = Allocation.objects.select_for_update().get(pk=spend.allocation_id)
    actor = _require_spender(actor, allocation)
    reason = _reason_given(reason)
    _spend_open(allocation, spend.half)
    _spend_check(allocation, half=half, amount_pence=amount_pence, changing=spend)
    before = _spend_facts(spend)
    spend.half, spend.amount_pence, spend.outcomes, spend.recorded_by = half, amount_pence, outcomes, actor
    spend.save()
    audited(
        actor, PlanningAuditAction.SPEND_CHANGED, allocation, before=before, after=_spend_facts(spend), reason=reason
    )
    return spend


@transaction.atomic
def spend_delete(*, actor: User | None, spend: Spend, reason: str) -> None:
    """Remove recorded spend, with the reason (not once its half-year's return is submitted)."""
    allocation = Allocation.objects.select_for_update().get(pk=spend.allocation_id)
    actor = _require_spender(actor, allocation)
    reason = _reason_given(reason)
    _spend_open(allocation, spend.half)
    before = _spend_facts(spend)
    spend.delete()
    audited(actor, PlanningAuditAction.SPEND_REMOVED, allocation, before=before, reason=reason)


@transaction.atomic
def return_create(*, actor: User | None, fund: Fund, half: int) -> FundingReturn:
    """Start the six-monthly return on a fund, one line per funder objective to fill in."""
    require_manager(actor)
    if half not in (1, 2):
        raise PlanningInputError("Choose April to September or October to March.", field="half")
    if FundingReturn.objects.filter(fund=fund, half=half).exists():
        raise PlanningInputError("There is already a return for that half-year.", field="half")
    funding_return = FundingReturn.objects.create(fund=fund, half=half)
    audited(actor, PlanningAuditAction.RETURN_SAVED, funding_return)
    return funding_return


@transaction.atomic
def return_line_add(
    *,
    actor: User | None,
    funding_return: FundingReturn,
    objective: FunderObjective,
    joint_priority: str,
    lead_agency: str,
    lead_organisation: Organisation | None = None,
    outcome: str = "",
) -> ReturnLine:
    """Add a row to a draft return's objectives table."""
    require_manager(actor)
    _return_open(funding_return)
    if objective.funder_id != funding_return.fund.funder_id:
        raise PlanningInputError("That objective is another funder's.", field="objective")
    order = (funding_return.lines.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    line = ReturnLine.objects.create(
        funding_return=funding_return,
        objective=objective,
        joint_priority=joint_priority,
        lead_agency=lead_agency,
        lead_organisation=lead_organisation,
        outcome=outcome,
        order=order,
    )
    audited(actor, PlanningAuditAction.RETURN_SAVED, funding_return, line=joint_priority)
    return line


def _return_open(funding_return: FundingReturn, field: str = "") -> None:
    if funding_return.status == ReturnStatus.SUBMITTED:
        raise PlanningInputError("This return has been submitted; it can no longer be changed.", field=field)


@transaction.atomic
def return_line_change(
    *,
    actor: User | None,
    line: ReturnLine,
    objective: FunderObjective,
    joint_priority: str,
    lead_agency: str,
    lead_organisation: Organisation | None = None,
    outcome: str = "",
) -> ReturnLine:
    """Change a row of a draft return's objectives table (partnership managers, as for adding one)."""
    require_manager(actor)
    funding_return = FundingReturn.objects.select_for_update().select_related("fund").get(pk=line.funding_return_id)
    _return_open(funding_return)
    if objective.funder_id != funding_return.fund.funder_id:
        raise PlanningInputError("That objective is another funder's.", field="objective")
    before = {
        "objective": line.objective.number,
        "joint_priority": line.joint_priority,
        "lead_agency": line.lead_agency,
    }
    line.objective, line.joint_priority, line.lead_agency = objective, joint_priority, lead_agency
    line.lead_organisation, line.outcome = lead_organisation, outcome
    line.save()
    audited(actor, PlanningAuditAction.RETURN_SAVED, funding_return, line=joint_priority, changed=True, before=before)
    return line


@transaction.atomic
def return_line_delete(*, actor: User | None, line: ReturnLine) -> None:
    """Remove a row from a draft return (partnership managers); what it said is kept in the audit record."""
    require_manager(actor)
    funding_return = FundingReturn.objects.select_for_update().get(pk=line.funding_return_id)
    _return_open(funding_return)
    before = {
        "objective": line.objective.number,
        "joint_priority": line.joint_priority,
        "lead_agency": line.lead_agency,
        "outcome": line.outcome,
        "progress": line.progress,
    }
    line.delete()
    audited(actor, PlanningAuditAction.RETURN_ROW_REMOVED, funding_return, before=before)


@transaction.atomic
def return_line_update(*, actor: User | None, line: ReturnLine, outcome: str, progress: str) -> ReturnLine:
    """The lead agency (or a manager) writes the outcome and progress of its row."""
    if actor is None or not can_update_return_line(actor, line):
        raise PlanningPermissionError("Only the lead agency's officers or a partnership manager can update this row.")
    _return_open(line.funding_return, field="progress")
    if not progress.strip():
        raise PlanningInputError("Enter the progress made in the half-year.", field="progress")
    line.outcome, line.progress, line.updated_by = outcome, progress, actor
    line.save(update_fields=["outcome", "progress", "updated_by"])
    audited(actor, PlanningAuditAction.RETURN_SAVED, line.funding_return, line=line.joint_priority)
    return line


@transaction.atomic
def return_submit(*, actor: User | None, funding_return: FundingReturn) -> FundingReturn:
    """Mark the return as sent to the funder; every row needs its progress first."""
    require_manager(actor)
    missing = [line.joint_priority for line in funding_return.lines.all() if not line.progress.strip()]
    if missing:
        raise PlanningInputError(
            f"Progress is missing for: {'; '.join(missing)}. Ask the lead agencies to complete their rows.", field=""
        )
    funding_return.status = ReturnStatus.SUBMITTED
    funding_return.submitted_at = timezone.now()
    funding_return.submitted_by = actor
    funding_return.save(update_fields=["status", "submitted_at", "submitted_by"])
    audited(actor, PlanningAuditAction.RETURN_SUBMITTED, funding_return)
    return funding_return
