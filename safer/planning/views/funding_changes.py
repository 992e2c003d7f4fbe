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


class FundingRowView(FormPageView):
    """The change or remove page of one funding row: the row named in the URL, what the page says about it, and
    `apply` (the service), after which the page goes back to where the row is listed with `apply`'s message.

    A kind of row says how to find it (`row`), where it is listed (`back`) and how to describe it (`describe`);
    its change page names the form fields shown filled in (`shown`), its remove page uses ConfirmRemoveView too.
    """

    shown: tuple[str, ...] = ()

    def row(self, pk: int) -> Any:
        """The row named in the URL (404 when there is none; 403 when the user may not change it)."""
        raise NotImplementedError

    def back(self, row: Any) -> str:
        """Where the row is listed: the page cancel goes to, and the one shown after the change."""
        raise NotImplementedError

    def describe(self, row: Any) -> dict[str, str]:
        """The page's caption and, for a removal, what will be removed in words."""
        raise NotImplementedError

    def apply(self, row: Any, data: dict[str, Any]) -> str:
        """Change or remove the row through its service; the message to show after."""
        raise NotImplementedError

    def context(self, **kwargs: Any) -> dict[str, Any]:
        row = self.row(kwargs["pk"])
        return {**self.describe(row), "back": self.back(row)}

    def initial(self, **kwargs: Any) -> dict[str, Any]:
        row = self.row(kwargs["pk"])
        return {name: _amount_text(row.amount_pence) if name == "amount" else getattr(row, name) for name in self.shown}

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        row = self.row(kwargs["pk"])
        back = self.back(row)  # before `apply`: a removed row no longer leads back
        messages.success(self.request, self.apply(row, form.cleaned_data))
        return redirect(back)


def _in_pence(data: dict[str, Any]) -> dict[str, Any]:
    """The form's data for a service: the amount typed in pounds as `amount_pence`."""
    values = dict(data)
    values["amount_pence"] = pence_from_text(values.pop("amount"))
    return values


class _CarryForwardRow(FundingRowView):
    capability = "planning.manage"

    def row(self, pk: int) -> CarryForward:
        return get_object_or_404(CarryForward.objects.select_related("allocation__fund__funder"), pk=pk)

    def back(self, row: CarryForward) -> str:
        return reverse("planning:funding", args=[row.allocation.fund.funder_id])

    def describe(self, row: CarryForward) -> dict[str, str]:
        allocation = row.allocation
        return {
            "caption": f"{allocation.line}, {allocation.fund}: {pounds(allocation.amount_pence)}",
            "removing": f"{pounds(row.amount_pence)} carried into {row.to_year}-{(row.to_year + 1) % 100:02d}: "
            f"{row.purpose}",
        }


class CarryForwardEditView(_CarryForwardRow):
    """Change a carry-forward (partnership managers), with the reason."""

    form_class = CarryForwardChangeForm
    title = "Change the carry-forward"
    button = "Save carry-forward"
    shown = ("to_year", "amount", "purpose")

    def apply(self, row: CarryForward, data: dict[str, Any]) -> str:
        funding.carry_forward_update(actor=self.request.user, carry=row, **_in_pence(data))
        return f"Carry-forward changed for {row.allocation.line}."


class CarryForwardDeleteView(_CarryForwardRow, ConfirmRemoveView):
    """Confirm, then remove a carry-forward (partnership managers), with the reason."""

    form_class = ReasonForm
    title = "Remove this carry-forward?"
    button = "Remove the carry-forward"

    def apply(self, row: CarryForward, data: dict[str, Any]) -> str:
        funding.carry_forward_delete(actor=self.request.user, carry=row, reason=data["reason"])
        return f"Carry-forward removed from {row.allocation.line}."


class AllocationDeleteView(FundingRowView, ConfirmRemoveView):
    """Confirm, then remove an allocation entered by mistake (partnership managers), with the reason."""

    form_class = ReasonForm
    capability = "planning.manage"
    title = "Remove this allocation?"
    button = "Remove the allocation"

    def row(self, pk: int) -> Allocation:
        return get_object_or_404(Allocation.objects.select_related("fund__funder", "parent"), pk=pk)

    def back(self, row: Allocation) -> str:
        return reverse("planning:funding", args=[row.fund.funder_id])

    def describe(self, row: Allocation) -> dict[str, str]:
        under = f", a sub-line of {row.parent.line}" if row.parent else ""
        return {
            "caption": str(row.fund),
            "removing": f"{row.line}{under}: {'up to ' if row.up_to else ''}{pounds(row.amount_pence)} to "
            f"{row.recipient}",
        }

    def apply(self, row: Allocation, data: dict[str, Any]) -> str:
        funding.allocation_delete(actor=self.request.user, allocation=row, reason=data["reason"])
        return f"Allocation removed: {row.line}."


class _SpendRow(FundingRowView):
    capability = "planning.update"

    def row(self, pk: int) -> Spend:
        spend = get_object_or_404(Spend.objects.select_related("allocation__fund__funder"), pk=pk)
        if not can_record_spend(self.request.user, spend.allocation):
            raise PermissionDenied
        return spend

    def back(self, row: Spend) -> str:
        return reverse("planning:funding", args=[row.allocation.fund.funder_id])

    def describe(self, row: Spend) -> dict[str, str]:
        return {
            "caption": str(row.allocation),
            "removing": f"{_half_label(row.half)}: {pounds(row.amount_pence)}"
            + (f" – {row.outcomes}" if row.outcomes else ""),
        }


class SpendEditView(_SpendRow):
    """Change recorded spend (a manager or the recipient agency), with the reason."""

    form_class = SpendChangeForm
    title = "Change the spend"
    button = "Save spend"
    shown = ("half", "amount", "outcomes")

    def apply(self, row: Spend, data: dict[str, Any]) -> str:
        funding.spend_update(actor=self.request.user, spend=row, **_in_pence(data))
        return f"Spend changed for {row.allocation.line}."


class SpendDeleteView(_SpendRow, ConfirmRemoveView):
    """Confirm, then remove recorded spend (a manager or the recipient agency), with the reason."""

    form_class = ReasonForm
    title = "Remove this spend?"
    button = "Remove the spend"

    def apply(self, row: Spend, data: dict[str, Any]) -> str:
        funding.spend_delete(actor=self.request.user, spend=row, reason=data["reason"])
        return f"Spend removed from {row.allocation.line}."


class _ReturnLineRow(FundingRowView):
    capability = "planning.manage"

    def row(self, pk: int) -> ReturnLine:
        return get_object_or_404(ReturnLine.objects.select_related("funding_return__fund__funder", "objective"), pk=pk)

    def back(self, row: ReturnLine) -> str:
        return reverse("planning:return", args=[row.funding_return_id])

    def describe(self, row: ReturnLine) -> dict[str, str]:
        return {
            "caption": str(row.funding_return),
            "removing": f"{row.objective}: {row.joint_priority} (lead agency {row.lead_agency})",
        }


class ReturnLineEditView(_ReturnLineRow):
    """Change a row of a draft return: objective, joint priority, lead agency, outcome (partnership managers)."""

    form_class = ReturnLineAddForm
    title = "Change the row"
    button = "Save row"
    shown = ("objective", "joint_priority", "lead_agency", "lead_organisation", "outcome")

    def form_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        return {"funding_return": self.row(kwargs["pk"]).funding_return}

    def apply(self, row: ReturnLine, data: dict[str, Any]) -> str:
        funding.return_line_change(actor=self.request.user, line=row, **data)
        return "Return row changed."


class ReturnLineDeleteView(_ReturnLineRow, ConfirmRemoveView):
    """Confirm, then remove a row of a draft return (partnership managers)."""

    form_class = forms.Form
    title = "Remove this row from the return?"
    button = "Remove the row"

    def apply(self, row: ReturnLine, data: dict[str, Any]) -> str:
        funding.return_line_delete(actor=self.request.user, line=row)
        return "Row removed from the return."
