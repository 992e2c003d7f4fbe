"""Web import jobs: an uploaded file waiting for, running in, or finished by the background worker."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models


class ImportJobStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Importing"
    SUCCEEDED = "succeeded", "Finished"
    FAILED = "failed", "Failed"


class ImportJob(models.Model):
    """One upload imported by a huey task; the job page shows its progress and results.

    `runner` is the dotted path of the import service that runs it (e.g. the police.uk reader); `results`
    holds one ImportResult dict per file (see safer/intelligence/imports/runs.py).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=40)
    runner = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=ImportJobStatus.choices, default=ImportJobStatus.QUEUED)
    original_name = models.CharField(max_length=255)
    upload_path = models.CharField(max_length=500)
    options = models.JSONField(default=dict, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    progress_message = models.CharField(max_length=200, blank=True, default="")
    results = models.JSONField(default=list, blank=True)
    error_message = models.TextField(blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="import_jobs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} import of {self.original_name} ({self.status})"

    @property
    def audit_label(self) -> str:
        return f"{self.kind} import of {self.original_name}"[:200]

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportJobStatus.SUCCEEDED, ImportJobStatus.FAILED)

    @property
    def progress_percent(self) -> int:
        if self.status == ImportJobStatus.SUCCEEDED:
            return 100
        if not self.progress_total:
            return 0
        return min(100, int(100 * self.progress_done / self.progress_total))

    @property
    def totals(self) -> dict[str, Any]:
        rows = [r for r in self.results if isinstance(r, dict)]
        return {
            "files": len(rows),
            "rows_loaded": sum(int(r.get("rows_loaded") or 0) for r in rows),
            "rows_rejected": sum(int(r.get("rows_rejected") or 0) for r in rows),
        }
