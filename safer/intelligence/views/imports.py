"""Imports pages: history and upload, one import's quality summary and rejects, web job progress."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View

from safer.core.services.audit import audit_record
from safer.core.typing import AuthedRequest
from safer.core.views import CapabilityRequiredMixin
from safer.intelligence.forms import PoliceUkUploadForm
from safer.intelligence.imports.history import import_run_get, import_run_list, quality_rows
from safer.intelligence.imports.jobs import PIPELINE_RUNNER, import_job_create
from safer.intelligence.imports.staging import rejects_path
from safer.intelligence.models import ImportJob
from safer.intelligence.warehouse import WarehouseBusyError


class ImportListView(CapabilityRequiredMixin, View):
    """Import history (newest first) and the police.uk upload form."""

    capability = "intelligence.import"

    def _render(self, request: AuthedRequest, form: PoliceUkUploadForm, status: int = 200) -> HttpResponse:
        busy = ""
        try:
            runs = import_run_list()
        except WarehouseBusyError as error:
            runs, busy = [], str(error)
        jobs = ImportJob.objects.select_related("created_by")[:10]
        context = {"form": form, "runs": runs, "jobs": jobs, "busy": busy}
        return render(request, "intelligence/imports.html", context, status=status)

    def get(self, request: AuthedRequest) -> HttpResponse:
        return self._render(request, PoliceUkUploadForm())

    def post(self, request: AuthedRequest) -> HttpResponse:
        form = PoliceUkUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, form, status=400)
        job = import_job_create(
            actor=request.user,
            upload=form.cleaned_data["file"],
            kind="policeuk",
            runner=PIPELINE_RUNNER,
            options={"dataset": "policeuk"},
        )
        return HttpResponseRedirect(reverse("intelligence:import-job", args=[job.pk]))


class ImportJobDetailView(CapabilityRequiredMixin, View):
    """One web import: status, progress (polled), then results."""

    capability = "intelligence.import"
    template_name = "intelligence/import_job.html"

    def get(self, request: AuthedRequest, pk: str) -> HttpResponse:
        job = get_object_or_404(ImportJob.objects.select_related("created_by"), pk=pk)
        results = [
            {**r, "quality_rows": quality_rows(r.get("quality") or {})} for r in job.results if isinstance(r, dict)
        ]
        return render(request, self.template_name, {"job": job, "results": results})


class ImportJobProgressView(ImportJobDetailView):
    """The job's status panel alone, for HTMX polling every 2 seconds until it finishes."""

    template_name = "intelligence/import_job_status.html"


class ImportDetailView(CapabilityRequiredMixin, View):
    """One import's record and data-quality summary."""

    capability = "intelligence.import"

    def get(self, request: AuthedRequest, import_id: int) -> HttpResponse:
        run = import_run_get(import_id)
        if run is None:
            raise Http404("No such import")
        has_rejects = bool(run["rows_rejected"]) and rejects_path(import_id).exists()
        context = {"run": run, "has_rejects": has_rejects, "quality": quality_rows(run["quality"])}
        return render(request, "intelligence/import_detail.html", context)


class ImportRejectsView(CapabilityRequiredMixin, View):
    """Download an import's rejected rows (line, reason, original fields) as CSV."""

    capability = "intelligence.import"

    def get(self, request: AuthedRequest, import_id: int) -> FileResponse:
        path = rejects_path(import_id)
        if not path.exists():
            raise Http404("This import rejected no rows, or its rejects file has been removed")
        audit_record(
            actor=request.user,
            action="intelligence.rejects_downloaded",
            target_type="warehouse.import_run",
            target_id=import_id,
            target_label=f"rejected rows of import {import_id}",
        )
        return FileResponse(
            open(path, "rb"),  # noqa: SIM115 - FileResponse closes it
            as_attachment=True,
            filename=f"import-{import_id}-rejects.csv",
            content_type="text/csv",
        )
