"""Indicators and the board scorecard (with CSV export), and agencies entering quarterly values."""

from __future__ import annotations

import csv
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from safer.core.typing import AuthedRequest
from safer.planning.forms import IndicatorForm, IndicatorValueForm
from safer.planning.models import Indicator
from safer.planning.readings import scorecard_for_user
from safer.planning.selectors import can_manage, financial_quarter
from safer.planning.services import indicators
from safer.planning.sparkline import sparkline_svg
from safer.planning.views.base import FormPageView, PlanningView


class ScorecardView(PlanningView):
    """The board scorecard: every indicator with its trend, value, comparison, status and source."""

    def get(self, request: AuthedRequest, slug: str) -> HttpResponse:
        plan = self.plan(slug)
        today = timezone.localdate()
        readings = scorecard_for_user(user=request.user, plan=plan, today=today)
        if request.GET.get("format") == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="scorecard-{plan.slug}-{today}.csv"'
            writer = csv.writer(response)
            writer.writerow(
                [
                    "indicator",
                    "period",
                    "value",
                    "comparison period",
                    "comparison",
                    "target",
                    "status",
                    "reason",
                    "trend",
                    "source",
                    "as of",
                ]
            )
            for r in readings:
                trend = "; ".join(f"{label}: {'no data' if v is None else f'{v:g}'}" for label, v in r.figure.series)
                writer.writerow(
                    [
                        r.indicator.name,
                        r.figure.period_label,
                        r.value_text,
                        r.figure.compare_label,
                        r.previous_text,
                        r.target_text,
                        r.status_label,
                        r.assessment.reason,
                        trend,
                        r.figure.source,
                        r.figure.as_of,
                    ]
                )
            return response
        rows = [{"reading": r, "sparkline": mark_safe(sparkline_svg(r.figure.series))} for r in readings]  # noqa: S308
        return render(
            request,
            "planning/scorecard.html",
            {"plan": plan, "rows": rows, "today": today, "manager": can_manage(request.user)},
        )


class IndicatorFormView(FormPageView):
    """Define an indicator over a live figure with its status rules, or change one (partnership managers)."""

    form_class = IndicatorForm
    capability = "planning.manage"
    button = "Save indicator"

    def _existing(self, kwargs: dict[str, Any]) -> Indicator | None:
        if "pk" not in kwargs:
            return None
        return get_object_or_404(Indicator, pk=kwargs["pk"], plan=self.plan(kwargs["slug"]))

    def initial(self, **kwargs: Any) -> dict[str, Any]:
        indicator = self._existing(kwargs)
        if indicator is None:
            return {"tolerance_pct": 5, "use_significance": True, "direction": "lower"}
        return {name: getattr(indicator, name) for name in IndicatorForm.base_fields}

    def context(self, **kwargs: Any) -> dict[str, Any]:
        return {
            "back": reverse("planning:scorecard", args=[kwargs["slug"]]),
            "caption": self.plan(kwargs["slug"]).title,
            "title": "Change the indicator" if "pk" in kwargs else "Add an indicator",
        }

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        plan = self.plan(kwargs["slug"])
        indicator = indicators.indicator_save(
            actor=self.request.user, plan=plan, indicator=self._existing(kwargs), **form.cleaned_data
        )
        messages.success(self.request, f"Indicator saved: {indicator.name}.")
        return redirect("planning:scorecard", slug=plan.slug)


class IndicatorValueView(FormPageView):
    """An agency enters its value for a quarter."""

    form_class = IndicatorValueForm
    capability = "planning.update"
    title = "Enter a quarterly value"
    button = "Save value"

    def _indicator(self, slug: str, pk: int) -> Indicator:
        return get_object_or_404(Indicator, pk=pk, plan=self.plan(slug))

    def initial(self, **kwargs: Any) -> dict[str, Any]:
        year, quarter = financial_quarter(timezone.localdate())
        return {"year": year, "quarter": quarter}

    def context(self, **kwargs: Any) -> dict[str, Any]:
        indicator = self._indicator(kwargs["slug"], kwargs["pk"])
        return {"caption": indicator.name, "back": reverse("planning:scorecard", args=[kwargs["slug"]])}

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        indicator = self._indicator(kwargs["slug"], kwargs["pk"])
        data = form.cleaned_data
        indicators.indicator_value_enter(
            actor=self.request.user,
            indicator=indicator,
            year=data["year"],
            quarter=data["quarter"],
            value=Decimal(data["value"]),
            note=data["note"],
        )
        messages.success(self.request, f"Value saved for {indicator.name}.")
        return redirect("planning:scorecard", slug=kwargs["slug"])
