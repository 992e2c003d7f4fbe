"""Intervention evaluations: list and create, one-page summary (HTML and PDF), monthly chart."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View

from safer.core.typing import AuthedRequest
from safer.core.views import CapabilityRequiredMixin
from safer.intelligence.dashboard import figures
from safer.intelligence.dashboard.charts import chart_render, chart_spec
from safer.intelligence.dashboard.evaluation_figures import (
    EvaluationAreaMissingError,
    EvaluationFigures,
    evaluation_figures,
    evaluation_monthly_rows,
)
from safer.intelligence.evaluation.errors import EvaluationError
from safer.intelligence.forms import EvaluationForm
from safer.intelligence.models import Evaluation
from safer.intelligence.services.evaluations import EvaluationInvalidError, evaluation_create
from safer.intelligence.warehouse import WarehouseBusyError, bounded_reader


def _month(text: str) -> date:
    year, month = text.split("-")
    return date(int(year), int(month), 1)


class EvaluationListView(CapabilityRequiredMixin, View):
    """Saved evaluations and the form to add one."""

    capability = "intelligence.view"

    def _form(self, data: Any = None) -> EvaluationForm:
        with bounded_reader() as con:
            areas = [(int(r["area_id"]), str(r["name"])) for r in figures.custom_areas(con)]
            types = figures.crime_types(con)
        return EvaluationForm(data, areas=areas, crime_types=types)

    def _render(self, request: AuthedRequest, form: EvaluationForm, status: int = 200) -> HttpResponse:
        context = {
            "form": form,
            "evaluations": Evaluation.objects.all()[:200],
            "no_areas": len(form.fields["target_area"].choices) < 3,  # type: ignore[attr-defined]
        }
        return render(request, "intelligence/evaluations.html", context, status=status)

    def get(self, request: AuthedRequest) -> HttpResponse:
        return self._render(request, self._form())

    def post(self, request: AuthedRequest) -> HttpResponse:
        form = self._form(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        data = form.cleaned_data
        try:
            evaluation = evaluation_create(
                actor=request.user,
                name=data["name"],
                target_area_id=data["target_area"],
                control_area_id=data["control_area"],
                buffer_metres=data["buffer_metres"],
                intervention_start=_month(data["start"]),
                intervention_end=_month(data["end"]),
                crime_type=data["crime_type"],
            )
        except EvaluationInvalidError as error:
            form.add_error(error.field, str(error))
            return self._render(request, form, status=400)
        except WarehouseBusyError as error:
            form.add_error(None, str(error))
            return self._render(request, form, status=503)
        messages.success(request, f'Saved "{evaluation.name}".')
        return HttpResponseRedirect(reverse("intelligence:evaluation-detail", args=[evaluation.pk]))


def _figures(evaluation: Evaluation) -> tuple[EvaluationFigures | None, str]:
    try:
        with bounded_reader() as con:
            return evaluation_figures(
                con,
                target_area_id=evaluation.target_area_id,
                control_area_id=evaluation.control_area_id,
                buffer_metres=evaluation.buffer_metres,
                start=evaluation.intervention_start,
                end=evaluation.intervention_end,
                crime_type=evaluation.crime_type,
            ), ""
    except (EvaluationError, EvaluationAreaMissingError, WarehouseBusyError) as error:
        return None, str(error)


def _summary_lines(evaluation: Evaluation, result: EvaluationFigures) -> list[tuple[str, str]]:
    did, wdq = result.did, result.wdq
    return [
        ("Target area", f"{evaluation.target_area_name} with a {evaluation.buffer_metres:,} m buffer zone"),
        ("Control area", evaluation.control_area_name),
        ("Crime types", evaluation.crime_type or "All crime types"),
        ("Before", result.before.label),
        ("After (the intervention)", result.after.label),
        (
            "Relative change (rate ratio)",
            f"{did.rate_ratio:.2f} ({did.percent_change:+.1f}%), {did.confidence:.0%} confidence interval "
            f"{did.ci_low:.2f} to {did.ci_high:.2f}",
        ),
        ("Tests", f"Poisson (Wald) p = {did.wald_p:.3g}; exact conditional (Fisher) p = {did.exact_p:.3g}"),
        (
            "Expected in the target had it followed the control",
            f"{did.expected_target_after:,.0f} records; observed {result.counts.after['target']:,} "
            f"({did.difference:+,.0f})",
        ),
        ("Weighted Displacement Quotient", "not applicable" if wdq.wdq is None else f"{wdq.wdq:.2f}"),
        ("Reading", wdq.reading),
        ("Total net effect (target and buffer)", f"{wdq.total_net_effect:+,.0f} records prevented"),
    ]


class EvaluationDetailView(CapabilityRequiredMixin, View):
    """The one-page summary of an evaluation: counts, difference-in-differences, WDQ and the monthly chart."""

    capability = "intelligence.view"

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        evaluation = get_object_or_404(Evaluation, pk=pk)
        result, problem = _figures(evaluation)
        context: dict[str, Any] = {"evaluation": evaluation, "result": result, "problem": problem}
        if result is not None:
            context["lines"] = _summary_lines(evaluation, result)
            context["areas"] = [
                (area, result.counts.before[area], result.counts.after[area])
                for area in ("target", "buffer", "control")
            ]
        return render(request, "intelligence/evaluation_detail.html", context, status=200 if result else 409)


def _chart(evaluation: Evaluation, result: EvaluationFigures, fmt: str) -> bytes:
    title = f"{evaluation.name}: monthly records"
    if result.synthetic_records:
        title += " (includes SYNTHETIC records)"
    rows = [{**r, "month": r["month"].strftime("%Y-%m")} for r in evaluation_monthly_rows(result)]
    return chart_render(chart_spec("evaluation", rows, title=title), fmt=fmt)


class EvaluationChartView(CapabilityRequiredMixin, View):
    """The monthly series of target, buffer and control with the intervention marked (SVG or PNG)."""

    capability = "intelligence.view"

    def get(self, request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
        if fmt not in ("svg", "png"):
            raise Http404("svg or png")
        evaluation = get_object_or_404(Evaluation, pk=pk)
        result, problem = _figures(evaluation)
        if result is None:
            return HttpResponse(problem, status=409, content_type="text/plain")
        content_type = "image/svg+xml" if fmt == "svg" else "image/png"
        return HttpResponse(_chart(evaluation, result, fmt), content_type=content_type)


class EvaluationPdfView(CapabilityRequiredMixin, View):
    """The one-page summary as PDF (fpdf2), with the chart."""

    capability = "intelligence.view"

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        import io

        from fpdf import FPDF

        evaluation = get_object_or_404(Evaluation, pk=pk)
        result, problem = _figures(evaluation)
        if result is None:
            return HttpResponse(problem, status=409, content_type="text/plain")
        pdf = FPDF(format="A4")
        pdf.set_auto_page_break(auto=False)
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 16)
        pdf.multi_cell(0, 8, _latin1(f"Intervention evaluation: {evaluation.name}"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=9)
        for label, value in _summary_lines(evaluation, result):
            pdf.set_font("Helvetica", "B", 9)
            pdf.cell(70, 5, _latin1(label))
            pdf.set_font("Helvetica", size=9)
            pdf.multi_cell(0, 5, _latin1(value), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.set_font("Helvetica", "B", 9)
        for heading in ("Area", "Before", "After"):
            pdf.cell(40, 5, heading, border=1)
        pdf.ln()
        pdf.set_font("Helvetica", size=9)
        for area in ("target", "buffer", "control"):
            for value in (area, f"{result.counts.before[area]:,}", f"{result.counts.after[area]:,}"):
                pdf.cell(40, 5, value, border=1)
            pdf.ln()
        pdf.image(io.BytesIO(_chart(evaluation, result, "png")), x=10, y=pdf.get_y() + 3, w=190)
        pdf.set_y(-25)
        pdf.set_font("Helvetica", size=7)
        notes = (
            "Method: rate ratio from Poisson regression (difference-in-differences) and Bowers and Johnson's "
            "Weighted Displacement Quotient; see docs/hotspots.md. Contains public sector information "
            "licensed under the Open Government Licence v3.0."
        )
        if result.synthetic_records:
            notes = "Includes SYNTHETIC (generated) records. " + notes
        pdf.multi_cell(0, 3.5, _latin1(notes), new_x="LMARGIN", new_y="NEXT")
        response = HttpResponse(bytes(pdf.output()), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="evaluation-{evaluation.pk}.pdf"'
        return response


def _latin1(text: str) -> str:
    """fpdf2's core fonts are Latin-1; replace anything else rather than fail."""
    return text.encode("latin-1", "replace").decode("latin-1")
