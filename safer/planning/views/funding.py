"""Funding pages: the distribution table, adding allocations, spend, and the six-monthly return."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from safer.core.typing import AuthedRequest
from safer.planning.choices import ReturnStatus
from safer.planning.forms import (
    AllocationForm,
    CarryForwardForm,
    FunderForm,
    FundForm,
    ReturnForm,
    ReturnLineAddForm,
    ReturnLineForm,
    SpendForm,
)
from safer.planning.funding_table import funding_table
from safer.planning.models import Allocation, Fund, Funder, FundingReturn, ReturnLine
from safer.planning.money import pence_from_text, pounds
from safer.planning.selectors import can_manage, can_record_spend, can_update_return_line
from safer.planning.services import funding
from safer.planning.views.base import FormPageView, PlanningView


class FundingTableView(PlanningView):
    """A funder's fund by line and year, with totals, carry-forwards and notes."""

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        funder = get_object_or_404(Funder, pk=pk)
        names = list(Fund.objects.filter(funder=funder).order_by("name").values_list("name", flat=True).distinct())
        tables = [funding_table(user=request.user, funder=funder, fund_name=name) for name in names]
        funds = Fund.objects.filter(funder=funder).order_by("name", "year")
        allocations = (
            Allocation.objects.filter(fund__funder=funder)
            .select_related("fund")
            .prefetch_related("spends")
            .order_by("-fund__year", "order")
        )
        returns = list(FundingReturn.objects.filter(fund__funder=funder).select_related("fund").order_by("-fund__year"))
        submitted = {(r.fund_id, r.half) for r in returns if r.status == ReturnStatus.SUBMITTED}
        rows = [
            {
                "allocation": a,
                "can_spend": can_record_spend(request.user, a),
                "spends": [{"spend": s, "open": (a.fund_id, s.half) not in submitted} for s in a.spends.all()],
            }
            for a in allocations
        ]
        return render(
            request,
            "planning/funding.html",
            {
                "funder": funder,
                "tables": tables,
                "funds": funds,
                "rows": rows,
                "returns": returns,
                "closed_years": sorted({fund_id for fund_id, half in submitted if half == 2}),
                "closed_funds": sorted({fund_id for fund_id, _half in submitted}),
                "manager": can_manage(request.user),
            },
        )


class AllocationAddView(FormPageView):
    """Allocate money from a fund (partnership managers); never more than the fund, never negative."""

    form_class = AllocationForm
    capability = "planning.manage"
    title = "Allocate funding"
    button = "Save allocation"

    def _fund(self, pk: int) -> Fund:
        return get_object_or_404(Fund.objects.select_related("funder"), pk=pk)

    def form_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        return {"fund": self._fund(kwargs["pk"])}

    def context(self, **kwargs: Any) -> dict[str, Any]:
        fund = self._fund(kwargs["pk"])
        allocated = funding.fund_allocated_pence(fund)
        return {
            "caption": str(fund),
            "intro": f"{pounds(fund.amount_pence - allocated)} of {pounds(fund.amount_pence)} is not yet allocated.",
            "back": reverse("planning:funding", args=[fund.funder_id]),
        }

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        fund = self._fund(kwargs["pk"])
        data = form.cleaned_data
        funding.allocation_add(
            actor=self.request.user,
            fund=fund,
            line=data["line"],
            recipient=data["recipient"],
            project=data["project"],
            amount_pence=pence_from_text(data["amount"]),
            parent=data["parent"],
            recipient_organisation=data["recipient_organisation"],
            up_to=data["up_to"],
            notes=data["notes"],
        )
        messages.success(self.request, f"Allocation saved to {fund}.")
        return redirect("planning:funding", pk=fund.funder_id)


class ReturnView(PlanningView):
    """The six-monthly return: the funder's objectives table with each row's outcome and progress."""

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        funding_return = get_object_or_404(FundingReturn.objects.select_related("fund__funder"), pk=pk)
        lines = [
            {"line": line, "can_update": can_update_return_line(request.user, line)}
            for line in funding_return.lines.select_related("objective", "lead_organisation")
        ]
        return render(
            request,
            "planning/return.html",
            {"return": funding_return, "lines": lines, "manager": can_manage(request.user)},
        )

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        funding_return = get_object_or_404(FundingReturn, pk=pk)
        if not can_manage(request.user):
            raise PermissionDenied
        from safer.planning.errors import PlanningInputError

        try:
            funding.return_submit(actor=request.user, funding_return=funding_return)
        except PlanningInputError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "The return is marked as submitted.")
        return redirect("planning:return", pk=pk)


class ReturnLineView(FormPageView):
    """The lead agency writes its row's outcome and progress."""

    form_class = ReturnLineForm
    capability = "planning.update"
    title = "Update the return"
    button = "Save"

    def _line(self, pk: int) -> ReturnLine:
        line = get_object_or_404(ReturnLine.objects.select_related("funding_return__fund", "objective"), pk=pk)
        if not can_update_return_line(self.request.user, line):
            raise PermissionDenied
        return line

    def initial(self, **kwargs: Any) -> dict[str, Any]:
        line = self._line(kwargs["pk"])
        return {"outcome": line.outcome, "progress": line.progress}

    def context(self, **kwargs: Any) -> dict[str, Any]:
        line = self._line(kwargs["pk"])
        return {
            "caption": f"{line.objective}: {line.joint_priority}",
            "back": reverse("planning:return", args=[line.funding_return_id]),
        }

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        line = self._line(kwargs["pk"])
        funding.return_line_update(
            actor=self.request.user,
            line=line,
            outcome=form.cleaned_data["outcome"],
            progress=form.cleaned_data["progress"],
        )
        messages.success(self.request, "Return row saved.")
        return redirect("planning:return", pk=line.funding_return_id)


class SpendView(FormPageView):
    """Spend and outcomes of a project in a half-year (a manager or the recipient agency)."""

    form_class = SpendForm
    capability = "planning.update"
    title = "Record spend and outcomes"
    button = "Save spend"

    def _allocation(self, pk: int) -> Allocation:
        return get_object_or_404(Allocation.objects.select_related("fund__funder"), pk=pk)

    def context(self, **kwargs: Any) -> dict[str, Any]:
        allocation = self._allocation(kwargs["pk"])
        return {"caption": str(allocation), "back": reverse("planning:funding", args=[allocation.fund.funder_id])}

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        allocation = self._allocation(kwargs["pk"])
        data = form.cleaned_data
        funding.spend_record(
            actor=self.request.user,
            allocation=allocation,
            half=data["half"],
            amount_pence=pence_from_text(data["amount"]),
            outcomes=data["outcomes"],
        )
        messages.success(self.request, f"Spend recorded for {allocation.line}.")
        return redirect("planning:funding", pk=allocation.fund.funder_id)


class FunderCreateView(FormPageView):
    """Record a funder and its strategic objectives (partnership managers)."""

    form_class = FunderForm
    capability = "planning.manage"
    title = "Add a funder"
    button = "Save funder"

    def context(self, **kwargs: Any) -> dict[str, Any]:
        return {"back": reverse("planning:home")}

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        data = form.cleaned_data
        funder = funding.funder_create(actor=self.request.user, name=data["name"], objectives=data["objectives"])
        messages.success(self.request, f"Funder added: {funder.name}.")
        return redirect("planning:funding", pk=funder.pk)


class FunderEditView(FormPageView):
    """Rename a funder or change its strategic objectives (partnership managers)."""

    form_class = FunderForm
    capability = "planning.manage"
    title = "Change the funder"
    button = "Save funder"

    def _funder(self, pk: int) -> Funder:
        return get_object_or_404(Funder, pk=pk)

    def initial(self, **kwargs: Any) -> dict[str, Any]:
        funder = self._funder(kwargs["pk"])
        return {"name": funder.name, "objectives": "\n".join(o.text for o in funder.objectives.all())}

    def context(self, **kwargs: Any) -> dict[str, Any]:
        return {"back": reverse("planning:funding", args=[kwargs["pk"]])}

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        data = form.cleaned_data
        funder = funding.funder_update(
            actor=self.request.user, funder=self._funder(kwargs["pk"]), name=data["name"], objectives=data["objectives"]
        )
        messages.success(self.request, f"Funder saved: {funder.name}.")
        return redirect("planning:funding", pk=funder.pk)


class FundCreateView(FormPageView):
    """Record a funder's money for one financial year (partnership managers)."""

    form_class = FundForm
    capability = "planning.manage"
    title = "Add a year's fund"
    button = "Save fund"

    def _funder(self, pk: int) -> Funder:
        return get_object_or_404(Funder, pk=pk)

    def context(self, **kwargs: Any) -> dict[str, Any]:
        return {"caption": self._funder(kwargs["pk"]).name, "back": reverse("planning:funding", args=[kwargs["pk"]])}

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        data = form.cleaned_data
        fund = funding.fund_create(
            actor=self.request.user,
            funder=self._funder(kwargs["pk"]),
            name=data["name"],
            year=data["year"],
            amount_pence=pence_from_text(data["amount"]),
            notes=data["notes"],
        )
        messages.success(self.request, f"Fund saved: {fund}.")
        return redirect("planning:funding", pk=kwargs["pk"])


class CarryForwardView(FormPageView):
    """Carry part of an allocation into a later year (partnership managers)."""

    form_class = CarryForwardForm
    capability = "planning.manage"
    title = "Carry funding forward"
    button = "Save carry-forward"

    def _allocation(self, pk: int) -> Allocation:
        return get_object_or_404(Allocation.objects.select_related("fund__funder"), pk=pk)

    def context(self, **kwargs: Any) -> dict[str, Any]:
        allocation = self._allocation(kwargs["pk"])
        return {
            "caption": f"{allocation.line}, {allocation.fund}: {pounds(allocation.amount_pence)}",
            "back": reverse("planning:funding", args=[allocation.fund.funder_id]),
        }

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        allocation = self._allocation(kwargs["pk"])
        data = form.cleaned_data
        funding.carry_forward_add(
            actor=self.request.user,
            allocation=allocation,
            to_year=data["to_year"],
            amount_pence=pence_from_text(data["amount"]),
            purpose=data["purpose"],
        )
        messages.success(self.request, f"Carry-forward saved for {allocation.line}.")
        return redirect("planning:funding", pk=allocation.fund.funder_id)


class ReturnCreateView(FormPageView):
    """Start the six-monthly return on a fund (partnership managers)."""

    form_class = ReturnForm
    capability = "planning.manage"
    title = "Start a six-monthly return"
    button = "Start the return"

    def _fund(self, pk: int) -> Fund:
        return get_object_or_404(Fund.objects.select_related("funder"), pk=pk)

    def context(self, **kwargs: Any) -> dict[str, Any]:
        fund = self._fund(kwargs["pk"])
        return {"caption": str(fund), "back": reverse("planning:funding", args=[fund.funder_id])}

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        funding_return = funding.return_create(
            actor=self.request.user, fund=self._fund(kwargs["pk"]), half=form.cleaned_data["half"]
        )
        messages.success(self.request, "Return started. Add a row for each joint priority.")
        return redirect("planning:return", pk=funding_return.pk)


class ReturnLineAddView(FormPageView):
    """Add a row to a return's objectives table (partnership managers)."""

    form_class = ReturnLineAddForm
    capability = "planning.manage"
    title = "Add a row to the return"
    button = "Save row"

    def _return(self, pk: int) -> FundingReturn:
        return get_object_or_404(FundingReturn.objects.select_related("fund__funder"), pk=pk)

    def form_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        return {"funding_return": self._return(kwargs["pk"])}

    def context(self, **kwargs: Any) -> dict[str, Any]:
        return {"caption": str(self._return(kwargs["pk"])), "back": reverse("planning:return", args=[kwargs["pk"]])}

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        funding.return_line_add(actor=self.request.user, funding_return=self._return(kwargs["pk"]), **form.cleaned_data)
        messages.success(self.request, "Row added to the return.")
        return redirect("planning:return", pk=kwargs["pk"])


class FundEditView(FormPageView):
    """Change a year's fund (partnership managers); never below what is allocated from it."""

    form_class = FundForm
    capability = "planning.manage"
    title = "Change the fund"
    button = "Save fund"

    def _fund(self, pk: int) -> Fund:
        return get_object_or_404(Fund.objects.select_related("funder"), pk=pk)

    def initial(self, **kwargs: Any) -> dict[str, Any]:
        fund = self._fund(kwargs["pk"])
        return {"name": fund.name, "year": fund.year, "amount": f"{fund.amount_pence / 100:.2f}", "notes": fund.notes}

    def context(self, **kwargs: Any) -> dict[str, Any]:
        fund = self._fund(kwargs["pk"])
        return {"caption": fund.funder.name, "back": reverse("planning:funding", args=[fund.funder_id])}

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        data = form.cleaned_data
        fund = funding.fund_update(
            actor=self.request.user,
            fund=self._fund(kwargs["pk"]),
            name=data["name"],
            year=data["year"],
            amount_pence=pence_from_text(data["amount"]),
            notes=data["notes"],
        )
        messages.success(self.request, f"Fund saved: {fund}.")
        return redirect("planning:funding", pk=fund.funder_id)


class AllocationEditView(FormPageView):
    """Change an allocation (partnership managers); it stays under its line, never below its spend."""

    form_class = AllocationForm
    capability = "planning.manage"
    title = "Change the allocation"
    button = "Save allocation"

    def _allocation(self, pk: int) -> Allocation:
        return get_object_or_404(Allocation.objects.select_related("fund__funder", "parent"), pk=pk)

    def form_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        return {"fund": self._allocation(kwargs["pk"]).fund, "editing": True}

    def initial(self, **kwargs: Any) -> dict[str, Any]:
        a = self._allocation(kwargs["pk"])
        fields = ("line", "recipient", "project", "recipient_organisation", "up_to", "notes")
        return {name: getattr(a, name) for name in fields} | {"amount": f"{a.amount_pence / 100:.2f}"}

    def context(self, **kwargs: Any) -> dict[str, Any]:
        a = self._allocation(kwargs["pk"])
        caption = f"{a.fund}, sub-line of {a.parent.line}" if a.parent else str(a.fund)
        return {"caption": caption, "back": reverse("planning:funding", args=[a.fund.funder_id])}

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        data = form.cleaned_data
        allocation = funding.allocation_update(
            actor=self.request.user,
            allocation=self._allocation(kwargs["pk"]),
            line=data["line"],
            recipient=data["recipient"],
            project=data["project"],
            amount_pence=pence_from_text(data["amount"]),
            recipient_organisation=data["recipient_organisation"],
            up_to=data["up_to"],
            notes=data["notes"],
        )
        messages.success(self.request, f"Allocation saved: {allocation.line}.")
        return redirect("planning:funding", pk=allocation.fund.funder_id)
