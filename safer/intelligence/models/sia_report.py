"""Strategic Intelligence Assessment reports: who asked for which report, its progress, and its files."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class SiaReportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Writing the report"
    SUCCEEDED = "succeeded", "Finished"
    FAILED = "failed", "Failed"


class SiaReport(models.Model):
    """One SIA run (web job or `safer sia`): the choices, the data it was built from, and its files."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    status = models.CharField(max_length=20, choices=SiaReportStatus.choices, default=SiaReportStatus.QUEUED)
    area = models.CharField(max_length=200)
    period = models.CharField(max_length=40)
    compare = models.CharField(max_length=40, blank=True, default="")
    comparators = models.JSONField(default=list, blank=True)
    formats = models.JSONField(default=list)
    threshold = models.PositiveSmallIntegerField(default=5)
    title = models.CharField(max_length=300, blank=True, default="")
    period_label = models.CharField(max_length=60, blank=True, default="")
    compare_label = models.CharField(max_length=60, blank=True, default="")
    # Which data: per source the latest import time, import count and latest month (see sia/build.py).
    data = models.JSONField(default=dict, blank=True)
    files = models.JSONField(default=dict, blank=True)  # format -> file name under SAFER_VAR_DIR/sia/<id>/
    synthetic = models.BooleanField(default=False)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    progress_message = models.CharField(max_length=200, blank=True, default="")
    error_message = models.TextField(blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="sia_reports"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "running", "succeeded", "failed"]),
                name="sia_report_status_valid",
            )
        ]

    def __str__(self) -> str:
        return self.audit_label

    @property
    def audit_label(self) -> str:
        return f"SIA {self.area} {self.period}"[:200]

    @property
    def is_finished(self) -> bool:
        return self.status in (SiaReportStatus.SUCCEEDED, SiaReportStatus.FAILED)

    @property
    def progress_percent(self) -> int:
        if self.status == SiaReportStatus.SUCCEEDED:
            return 100
        if not self.progress_total:
            return 0
        return min(100, int(100 * self.progress_done / self.progress_total))
