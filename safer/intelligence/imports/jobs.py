"""Web import jobs: save an upload, record an ImportJob, queue the huey task that runs the import.

    job = import_job_create(actor=request.user, upload=form.cleaned_data["file"], kind="policeuk",
                            runner=PIPELINE_RUNNER, options={"dataset": "policeuk"})
    return redirect("intelligence:import-job", job.pk)

The runner takes (*, paths, progress, actor, **options) and returns a list of ImportResult: the one import
service's runner (pipeline.py), which audits the import as the job's user. The job page shows status, progress
and the results whatever the dataset.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import secrets
import shutil
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.module_loading import import_string

from safer.core.services.audit import audit_record
from safer.intelligence.imports.errors import ImportFileError
from safer.intelligence.imports.progress import ProgressEvent
from safer.intelligence.models import ImportJob, ImportJobStatus

logger = logging.getLogger(__name__)

PIPELINE_RUNNER = "safer.intelligence.imports.pipeline.dataset_import_runner"
# Jobs queued before the one pipeline named their dataset's service; they run through the pipeline too.
_LEGACY_RUNNERS = {
    "safer.intelligence.imports.policeuk.import_policeuk": "policeuk",
    "safer.intelligence.imports.extracts.extracts_import_runner": "",  # the dataset is the job's "kind" option
}
MAX_UPLOAD_BYTES = 1024**3
# How long an upload nobody is using may stay (an abandoned mapping step, or a job that died with its worker).
UPLOAD_KEEP = dt.timedelta(hours=24)
PROGRESS_EVERY_SECONDS = 0.5


def uploads_dir() -> Path:
    """SAFER_VAR_DIR/uploads: where uploaded files wait for their import."""
    return Path(settings.VAR_DIR) / "uploads"


def upload_safe_name(name: str) -> str:
    """The upload's base name with anything but letters, digits, dot, dash and underscore replaced."""
    base = Path(name.replace("\\", "/")).name or "upload"
    return re.sub(r"[^A-Za-z0-9._-]", "_", base)[:200]


def import_job_create(
    *, actor: Any, upload: UploadedFile, kind: str, runner: str, options: dict[str, Any] | None = None
) -> ImportJob:
    """Save the upload under SAFER_VAR_DIR/uploads/, record the job, queue it, and audit it."""
    import_string(runner)  # fail now, not in the worker, if the runner does not exist
    original = upload_safe_name(upload.name or "upload")
    folder = uploads_dir() / secrets.token_hex(8)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / original
    with open(target, "wb") as sink:
        for chunk in upload.chunks():
            sink.write(chunk)
    job = ImportJob.objects.create(
        kind=kind,
        runner=runner,
        original_name=original,
        upload_path=str(target),
        options=options or {},
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action="intelligence.import_queued",
        target=job,
        detail={"kind": kind, "file": original, "bytes": target.stat().st_size},
    )
    from safer.intelligence.imports.tasks import import_job_execute

    import_job_execute(str(job.pk))
    job.refresh_from_db()
    return job


def import_job_run(job_id: str) -> ImportJob:
    """Run a queued job now (the huey task calls this): progress into the job, then results or the error."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.is_finished:
        return job
    job.status = ImportJobStatus.RUNNING
    job.started_at = timezone.now()
    job.save(update_fields=["status", "started_at"])
    last = 0.0

    def progress(event: ProgressEvent) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last < PROGRESS_EVERY_SECONDS and event.done < event.total:
            return
        last = now
        ImportJob.objects.filter(pk=job.pk).update(
            progress_done=event.done, progress_total=event.total, progress_message=event.message[:200]
        )

    runner_path, options = job.runner, dict(job.options)
    if runner_path in _LEGACY_RUNNERS:
        legacy_kind = options.pop("kind", "")
        options.setdefault("dataset", _LEGACY_RUNNERS[runner_path] or legacy_kind)
        runner_path = PIPELINE_RUNNER
    try:
        runner = import_string(runner_path)
        results = runner(paths=[Path(job.upload_path)], progress=progress, actor=job.created_by, **options)
    except ImportFileError as error:
        _finish(job, status=ImportJobStatus.FAILED, error=str(error))
    except Exception as error:  # the job page must always end; the traceback goes to the log
        reference = secrets.token_hex(4)
        logger.exception("Import job %s failed (reference %s)", job.pk, reference)
        message = str(error) if error.__class__.__name__ == "WarehouseBusyError" else ""
        _finish(
            job,
            status=ImportJobStatus.FAILED,
            error=message
            or f"The import stopped with an unexpected error (reference {reference}). Nothing of the "
            "failing file was loaded. Tell your administrator the reference.",
        )
    else:
        job.results = [r.to_dict() for r in results]
        job.progress_done = job.progress_total = max(len(results), job.progress_total)
        _finish(job, status=ImportJobStatus.SUCCEEDED, error="")
    finally:
        # The uploaded file (partner extracts hold personal data) is not kept once its import has run.
        _upload_folder_remove(Path(job.upload_path).parent)
    return job


def _upload_folder_remove(folder: Path) -> bool:
    """Delete one upload folder, only if it is directly inside the uploads folder (or its pending/)."""
    root = uploads_dir().resolve()
    try:
        resolved = folder.resolve()
    except OSError:
        return False
    if resolved.parent not in (root, root / "pending") or resolved in (root, root / "pending"):
        return False
    shutil.rmtree(resolved, ignore_errors=True)
    return not resolved.exists()


def uploads_purge(*, older_than: dt.timedelta = UPLOAD_KEEP) -> int:
    """Delete abandoned uploads: mapping steps never finished and files whose job is over or gone.

    An upload waiting at the column-mapping step lives in uploads/pending/<token>/; a queued job's upload in
    uploads/<token>/ until its import has run. Anything older than `older_than` that no queued or running job
    still needs is deleted (the hourly job below calls this). Returns how many folders went.
    """
    root = uploads_dir()
    if not root.exists():
        return 0
    cutoff = time.time() - older_than.total_seconds()
    waiting = {
        str(Path(path).parent.resolve())
        for path in ImportJob.objects.filter(status__in=[ImportJobStatus.QUEUED, ImportJobStatus.RUNNING]).values_list(
            "upload_path", flat=True
        )
    }
    candidates = [p for p in root.iterdir() if p.is_dir() and p.name != "pending"]
    if (root / "pending").is_dir():
        candidates += [p for p in (root / "pending").iterdir() if p.is_dir()]
    removed = 0
    for folder in candidates:
        if str(folder.resolve()) in waiting or folder.stat().st_mtime > cutoff:
            continue
        removed += _upload_folder_remove(folder)
    if removed:
        logger.info("Deleted %d abandoned upload folder(s)", removed)
    return removed


def _finish(job: ImportJob, *, status: str, error: str) -> None:
    job.status = status
    job.error_message = error
    job.finished_at = timezone.now()
    job.save()
    action = "intelligence.import_finished" if status == ImportJobStatus.SUCCEEDED else "intelligence.import_failed"
    detail: dict[str, Any] = {"kind": job.kind, "file": job.original_name, **job.totals}
    if error:
        detail["error"] = error[:300]
    detail["import_ids"] = [r.get("import_id") for r in job.results if isinstance(r, dict)]
    audit_record(actor=job.created_by, action=action, target=job, detail=detail)
