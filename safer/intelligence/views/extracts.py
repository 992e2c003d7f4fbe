"""Partner extract pages: upload an offence or ASB extract, map its headings, then watch the import job."""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from safer.core.typing import AuthedRequest
from safer.core.views import CapabilityRequiredMixin
from safer.intelligence.forms import ExtractMappingForm, ExtractUploadForm
from safer.intelligence.imports import ImportFileError
from safer.intelligence.imports.extracts import file_headings, file_samples
from safer.intelligence.imports.jobs import PIPELINE_RUNNER, import_job_create, upload_safe_name, uploads_dir
from safer.intelligence.imports.mappings import ColumnMappingInvalidError, column_mapping_save
from safer.intelligence.models import ColumnMapping
from safer.intelligence.sources.mapping import mapping_from_form, mapping_resolve, mapping_suggest
from safer.intelligence.sources.schemas import SCHEMAS, structural_problems

SESSION_KEY = "extract_uploads"


def _pending_dir(token: str) -> Path:
    return uploads_dir() / "pending" / token


def _job_create(request: AuthedRequest, pending: dict[str, Any], mapping: dict[str, str]) -> HttpResponse:
    path = Path(pending["path"])
    with path.open("rb") as handle:
        upload = UploadedFile(file=handle, name=pending["name"], content_type="text/csv", size=path.stat().st_size)
        job = import_job_create(
            actor=request.user,
            upload=upload,
            kind=pending["kind"],
            runner=PIPELINE_RUNNER,
            options={"dataset": pending["kind"], "mapping": mapping, "original_name": pending["name"]},
        )
    shutil.rmtree(path.parent, ignore_errors=True)
    request.session.get(SESSION_KEY, {}).pop(pending["token"], None)
    request.session.modified = True
    return HttpResponseRedirect(reverse("intelligence:import-job", args=[job.pk]))


class ExtractUploadView(CapabilityRequiredMixin, View):
    """Upload an offence-level or ASB extract; files needing a column mapping go to the mapping step."""

    capability = "intelligence.import"

    def _render(self, request: AuthedRequest, form: ExtractUploadForm, status: int = 200) -> HttpResponse:
        context = {
            "form": form,
            "schemas": list(SCHEMAS.values()),
            "mappings": ColumnMapping.objects.order_by("kind", "name"),
        }
        return render(request, "intelligence/extracts.html", context, status=status)

    def get(self, request: AuthedRequest) -> HttpResponse:
        return self._render(request, ExtractUploadForm())

    def post(self, request: AuthedRequest) -> HttpResponse:
        form = ExtractUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, form, status=400)
        kind = form.cleaned_data["kind"]
        upload = form.cleaned_data["file"]
        token = secrets.token_hex(12)
        folder = _pending_dir(token)
        folder.mkdir(parents=True, exist_ok=True)
        name = upload_safe_name(upload.name or "upload.csv")
        path = folder / name
        with path.open("wb") as sink:
            for chunk in upload.chunks():
                sink.write(chunk)
        schema = SCHEMAS[kind]
        try:
            headings = file_headings(path, name=name, hint="")
        except ImportFileError as error:
            shutil.rmtree(folder, ignore_errors=True)
            form.add_error("file", str(error).strip())
            return self._render(request, form, status=400)
        saved = form.cleaned_data.get("mapping_object")
        pending = {"token": token, "kind": kind, "path": str(path), "name": name, "headings": headings}
        pending["mapping"] = dict(saved.mapping) if saved else {}
        request.session.setdefault(SESSION_KEY, {})[token] = pending
        request.session.modified = True
        try:
            resolved = mapping_resolve(schema, headings, pending["mapping"])
        except ValueError:
            resolved = {}
        if not pending["mapping"] and resolved and not structural_problems(schema, list(resolved)):
            return _job_create(request, pending, {})  # headings are already the schema's: no mapping step
        return HttpResponseRedirect(reverse("intelligence:extract-mapping", args=[token]))


class ExtractMappingView(CapabilityRequiredMixin, View):
    """Choose, for each schema column, which of the file's headings holds it; then start the import."""

    capability = "intelligence.import"

    def _pending(self, request: AuthedRequest, token: str) -> dict[str, Any] | None:
        pending = request.session.get(SESSION_KEY, {}).get(token)
        if pending is None or not Path(pending["path"]).exists():
            return None
        return dict(pending)

    def _render(
        self, request: AuthedRequest, pending: dict[str, Any], form: ExtractMappingForm, status: int = 200
    ) -> HttpResponse:
        context = {"form": form, "pending": pending, "schema": SCHEMAS[pending["kind"]]}
        return render(request, "intelligence/extract_mapping.html", context, status=status)

    def _form(self, pending: dict[str, Any], data: Any = None) -> ExtractMappingForm:
        schema = SCHEMAS[pending["kind"]]
        headings = pending["headings"]
        initial = mapping_suggest(schema, headings)
        try:
            initial.update(mapping_resolve(schema, headings, pending.get("mapping") or {}))
        except ValueError:
            pass
        samples = file_samples(Path(pending["path"]))
        return ExtractMappingForm(data, schema=schema, headings=headings, initial_choice=initial, samples=samples)

    def get(self, request: AuthedRequest, token: str) -> HttpResponse:
        pending = self._pending(request, token)
        if pending is None:
            return HttpResponseRedirect(reverse("intelligence:extracts"))
        return self._render(request, pending, self._form(pending))

    def post(self, request: AuthedRequest, token: str) -> HttpResponse:
        pending = self._pending(request, token)
        if pending is None:
            return HttpResponseRedirect(reverse("intelligence:extracts"))
        form = self._form(pending, request.POST)
        if not form.is_valid():
            return self._render(request, pending, form, status=400)
        mapping = mapping_from_form(form.cleaned_data["chosen"])
        if form.cleaned_data.get("save_as"):
            try:
                column_mapping_save(
                    actor=request.user, name=form.cleaned_data["save_as"], kind=pending["kind"], mapping=mapping
                )
            except ColumnMappingInvalidError as error:
                form.add_error("save_as", str(error))
                return self._render(request, pending, form, status=400)
        return _job_create(request, pending, mapping)
