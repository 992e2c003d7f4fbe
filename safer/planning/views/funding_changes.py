"""Changing and removing funding rows: carry-forwards, spend and return rows (each removal confirmed first).

Money changed or removed needs a reason, kept in the audit record with what it was before. Spend is fixed once
its half-year's return is submitted, carry-forwards once the year-end (October to March) return is, and a return's
rows once it is submitted: the services refuse, and the pages say why.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from safer.planning.forms import (
    CarryForwardChangeForm,
    ReasonForm,
    ReturnLineAddForm,
    SpendChangeForm,
)
from safer.planning.models import Allocation, CarryForward, ReturnLine, Spend
from safer.planning.money import pence_from_text, pounds
from safer.planning.selectors import can_record_spend
from safer.planning.services import funding
from safer.planning.views.base import ConfirmRemoveView, FormPageView


def _amount_text(pence: int) -> str:
    return f"{pence / 100:.2f}"


def _half_label(half: int) -> str:
    return "April to September" if half == 1 else "October to March"


class _CarryForwardMixin:
    def _carry(self, pk: int) -> CarryForward:
        return get_object_or_404(CarryForward.objects.select_related("allocation__fund__funder"), pk=pk)

    def context(self, **kwargs: Any) -> dict[str, Any]:
        carry = self._carry(kwargs["pk"])
        allocation = carry.allocation
        return {
            "caption": f"{allocation.line}, {allocation.fund}: {pounds(allocation.amount_pence)}",
            "back": reverse("planning:funding", args=[allocation.fund.funder_id]),
            "removing": f"{pounds(carry.amount_pence)} carried into {carry.to_year}-{(carry.to_year + 1) % 100:02d}: "
            f"{carry.purpose}",
        }


class CarryForwardEditView(_CarryForwardMixin, FormPageView):
    """Change a carry-forward (partnership managers), with the reason."""

    form_class = CarryForwardChangeForm
    capability = "planning.manage"
    title = "Change the carry-forward"
    button = "Save carry-forward"

    def initial(self, **kwargs: Any) -> dict[str, Any]:
        carry = self._carry(kwargs["pk"])
        return {"to_year": carry.to_year, "amount": _amount_text(carry.amount_pence), "purpose": carry.purpose}

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        carry = self._carry(kwargs["pk"])
        data = form.cleaned_data
        funding.carry_forward_update(
            actor=self.request.user,
            carry=carry,
            to_year=data["to_year"],
            amount_pence=pence_from_text(data["amount"]),
            purpose=data["purpose"],
            reason=data["reason"],
        )
        messages.success(self.request, f"Carry-forward changed for {carry.allocation.line}.")
        return redirect("planning:funding", pk=carry.allocation.fund.funder_id)


class CarryForwardDeleteView(_CarryForwardMixin, ConfirmRemoveView):
    """Confirm, then remove a carry-forward (partnership managers), with the reason."""

    form_class = ReasonForm
    capability = "planning.manage"
    title = "Remove this carry-forward?"
    button = "Remove the carry-forward"

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        carry = self._carry(kwargs["pk"])
        funder_id, line = carry.allocation.fund.funder_id, carry.allocation.line
        funding.carry_forward_delete(actor=self.request.user, carry=carry, reason=form.cleaned_data["reason"])
        messages.success(self.request, f"Carry-forward removed from {line}.")
        return redirect("planning:funding", pk=funder_id)


class AllocationDeleteView(ConfirmRemoveView):
    """Confirm, then remove an allocation entered by mistake (partnership managers), with the reason."""

    form_class = ReasonForm
    capability = "planning.manage"
    title = "Remove this allocation?"
    button = "Remove the allocation"

    def _allocation(self, pk: int) -> Allocation:
        return get_object_or_404(Allocation.objects.select_related("fund__funder", "parent"), pk=pk)

    def context(self, **kwargs: Any) -> dict[str, Any]:
        a = self._allocation(kwargs["pk"])
        under = f", a sub-line of {a.parent.line}" if a.parent else ""
        return {
            "caption": str(a.fund),
            "back": reverse("planning:funding", args=[a.fund.funder_id]),
            "removing": f"{a.line}{under}: {'up to ' if a.up_to else ''}{pounds(a.amount_pence)} to {a.recipient}",
        }

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        allocation = self._allocation(kwargs["pk"])
        funder_id, line = allocation.fund.funder_id, allocation.line
        funding.allocation_delete(actor=self.request.user, allocation=allocation, reason=form.cleaned_data["reason"])
        messages.success(self.request, f"Allocation removed: {line}.")
        return redirect("planning:funding", pk=funder_id)


class _SpendMixin:
    request: Any

    def _spend(self, pk: int) -> Spend:
        spend = get_object_or_404(Spend.objects.select_related("allocation__fund__funder"), pk=pk)
        if not can_record_spend(self.request.user, spend.allocation):
            raise PermissionDenied
        return spend

    def context(self, **kwargs: Any) -> dict[str, Any]:
        spend = self._spend(kwargs["pk"])
        return {
            "caption": str(spend.allocation),
            "back": reverse("planning:funding", args=[spend.allocation.fund.funder_id]),
            "removing": f"{_half_label(spend.half)}: {pounds(spend.amount_pence)}"
            + (f" – {spend.outcomes}" if spend.outcomes else ""),
        }


class SpendEditView(_SpendMixin, FormPageView):
    """Change recorded spend (a manager or the recipient agency), with the reason."""

    form_class = SpendChangeForm
    capability = "planning.update"
    title = "Change the spend"
    button = "Save spend"

    def initial(self, **kwargs: Any) -> dict[str, Any]:
        spend = self._spend(kwargs["pk"])
        return {"half": spend.half, "amount": _amount_text(spend.amount_pence), "outcomes": spend.outcomes}

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        spend = self._spend(kwargs["pk"])
        data = form.cleaned_data
        funding.spend_update(
            actor=self.request.user,
            spend=spend,
            half=data["half"],
            amount_pence=pence_from_text(data["amount"]),
            outcomes=data["outcomes"],
            reason=data["reason"],
        )
        messages.success(self.request, f"Spend changed for {spend.allocation.line}.")
        return redirect("planning:funding", pk=spend.allocation.fund.funder_id)


class SpendDeleteView(_SpendMixin, ConfirmRemoveView):
    """Confirm, then remove recorded spend (a manager or the recipient agency), with the reason."""

    form_class = ReasonForm
    capability = "planning.update"
    title = "Remove this spend?"
    button = "Remove the spend"

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        spend = self._spend(kwargs["pk"])
        funder_id, line = spend.allocation.fund.funder_id, spend.allocation.line
        funding.spend_delete(actor=self.request.user, spend=spend, reason=form.cleaned_data["reason"])
        messages.success(self.request, f"Spend removed from {line}.")
        return redirect("planning:funding", pk=funder_id)


class _ReturnLineMixin:
    def _line(self, pk: int) -> ReturnLine:
        return get_object_or_404(ReturnLine.objects.select_related("funding_return__fund__funder", "objective"), pk=pk)

    def context(self, **kwargs: Any) -> dict[str, Any]:
        line = self._line(kwargs["pk"])
        return {
            "caption": str(line.funding_return),
            "back": reverse("planning:return", args=[line.funding_return_id]),
            "removing": f"{line.objective}: {line.joint_priority} (lead agency {line.lead_agency})",
        }


class ReturnLineEditView(_ReturnLineMixin, FormPageView):
    """Change a row of a draft return: objective, joint priority, lead agency, outcome (partnership managers)."""

    form_class = ReturnLineAddForm
    capability = "planning.manage"
    title = "Change the row"
    button = "Save row"

    def form_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        return {"funding_return": self._line(kwargs["pk"]).funding_return}

    def initial(self, **kwargs: Any) -> dict[str, Any]:
        line = self._line(kwargs["pk"])
        fields = ("objective", "joint_priority", "lead_agency", "lead_organisation", "outcome")
        return {name: getattr(line, name) for name in fields}

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        line = self._line(kwargs["pk"])
        funding.return_line_change(actor=self.request.user, line=line, **form.cleaned_data)
        messages.success(self.request, "Return row changed.")
        return redirect("planning:return", pk=line.funding_return_id)


class ReturnLineDeleteView(_ReturnLineMixin, ConfirmRemoveView):
    """Confirm, then remove a row of a draft return (partnership managers)."""

    form_class = forms.Form
    capability = "planning.manage"
    title = "Remove this row from the return?"
    button = "Remove the row"

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        line = self._line(kwargs["pk"])
        return_id = line.funding_return_id
        funding.return_line_delete(actor=self.request.user, line=line)
        messages.success(self.request, "Row removed from the return.")
        return redirect("planning:return", pk=return_id)
