"""SIA report pages: the choices form and the list of reports, one report's job page, its files."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View

from safer.core.typing import AuthedRequest
from safer.core.views import CapabilityRequiredMixin
from safer.intelligence.forms import SiaReportForm
from safer.intelligence.models import SiaReport
from safer.intelligence.sia.jobs import (
    SiaReportInputError,
    sia_form_choices,
    sia_report_create,
    sia_report_file,
    sia_report_list,
)
from safer.intelligence.warehouse import WarehouseBusyError

_FIELDS = {"area": "area", "period": "period", "compare": "compare", "formats": "formats"}


class SiaReportListView(CapabilityRequiredMixin, View):
    """The form to write an SIA, and the reports written so far."""

    capability = "intelligence.report"

    def _form(self, data: object = None) -> SiaReportForm:
        try:
            areas, districts = sia_form_choices()
        except WarehouseBusyError:
            areas, districts = [], []
        return SiaReportForm(data, areas=areas, districts=districts)

    def _render(self, request: AuthedRequest, form: SiaReportForm, status: int = 200) -> HttpResponse:
        context = {"form": form, "reports": sia_report_list()}
        return render(request, "intelligence/sia_reports.html", context, status=status)

    def get(self, request: AuthedRequest) -> HttpResponse:
        return self._render(request, self._form())

    def post(self, request: AuthedRequest) -> HttpResponse:
        form = self._form(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        try:
            report = sia_report_create(
                actor=request.user,
                area=form.cleaned_data["area"],
                period=form.cleaned_data["period"],
                compare=form.cleaned_data["compare"],
                comparators=form.comparator_list(),
                formats=form.cleaned_data["formats"],
            )
        except SiaReportInputError as error:
            form.add_error(_FIELDS.get(error.field, "area"), str(error))
            return self._render(request, form, status=400)
        except WarehouseBusyError as error:
            form.add_error(None, str(error))
            return self._render(request, form, status=400)
        return HttpResponseRedirect(reverse("intelligence:sia-report", args=[report.pk]))


class SiaReportDetailView(CapabilityRequiredMixin, View):
    """One report: progress while it is written (polled), then its files and the data it was built from."""

    capability = "intelligence.report"
    template_name = "intelligence/sia_report.html"

    def get(self, request: AuthedRequest, pk: str) -> HttpResponse:
        report = get_object_or_404(SiaReport.objects.select_related("created_by"), pk=pk)
        return render(request, self.template_name, {"report": report})


class SiaReportStatusView(SiaReportDetailView):
    """The status panel alone, for HTMX polling every 2 seconds until the report is finished."""

    template_name = "intelligence/sia_report_status.html"


class SiaReportFileView(CapabilityRequiredMixin, View):
    """One of a report's files: the HTML shown in the browser, PDF and Word downloaded."""

    capability = "intelligence.report"

    def get(self, request: AuthedRequest, pk: str, fmt: str) -> FileResponse:
        report = get_object_or_404(SiaReport, pk=pk)
        try:
            path, content_type = sia_report_file(actor=request.user, report=report, fmt=fmt)
        except (FileNotFoundError, KeyError):
            raise Http404("This report has no file in that format") from None
        response = FileResponse(
            open(path, "rb"),  # noqa: SIM115 - FileResponse closes it
            as_attachment=fmt != "html",
            filename=path.name,
            content_type=content_type,
        )
        if fmt == "html":  # a self-contained document: its own inline styles and images, nothing else
            response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        return response
