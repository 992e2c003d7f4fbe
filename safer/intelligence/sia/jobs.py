"""SIA reports as jobs: record the choices, build and write the files (huey on the web, at once on the CLI),
list them and hand out their files, with an audit event for each."""

from __future__ import annotations

import logging
import secrets
import shutil
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from safer.core.services.audit import audit_record
from safer.intelligence.dashboard.tables import DashboardInputError, scope_build
from safer.intelligence.imports.progress import Progress, ProgressEvent
from safer.intelligence.models import SiaReport, SiaReportStatus
from safer.intelligence.sia.build import SiaInputError, SiaOptions, report_build
from safer.intelligence.sia.render import CONTENT_TYPES, formats_parse, report_files_write
from safer.intelligence.warehouse import WarehouseBusyError, WarehouseReader, bounded_reader

logger = logging.getLogger(__name__)
PROGRESS_EVERY_SECONDS = 0.5
# A whole county report runs many queries: far more rows and time than one web page may use.
REPORT_MAX_ROWS = 200_000
REPORT_QUERY_SECONDS = 120.0


class SiaReportInputError(ValueError):
    """A choice cannot be used (unknown area, bad period or format); `field` names which."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


def sia_reports_dir() -> Path:
    """SAFER_VAR_DIR/sia: one folder of files per report."""
    return Path(settings.VAR_DIR) / "sia"


def comparators_parse(text: str | list[str]) -> list[str]:
    """Area codes from "E07000178, E07000179" (blank entries dropped, order kept)."""
    items = text.replace(";", ",").split(",") if isinstance(text, str) else text
    return list(dict.fromkeys(item.strip() for item in items if item.strip()))


def _options(con: WarehouseReader, report: SiaReport) -> SiaOptions:
    try:
        scope = scope_build(con, area=report.area, period=report.period, compare=report.compare)
    except DashboardInputError as error:
        raise SiaReportInputError(str(error), field=error.field) from None
    return SiaOptions(scope, comparators=list(report.comparators), threshold=report.threshold)


def sia_report_create(
    *,
    actor: Any,
    area: str,
    period: str,
    compare: str = "",
    comparators: str | list[str] = "",
    formats: str | list[str] = "html,pdf,docx",
    queue: bool = True,
) -> SiaReport:
    """Check the choices against the warehouse, record the report, audit it, and queue the job (web)."""
    try:
        chosen = formats_parse(formats)
    except ValueError as error:
        raise SiaReportInputError(str(error), field="formats") from None
    if not (area or "").strip():
        raise SiaReportInputError('Give an area, e.g. "Oxfordshire" or "Oxford".', field="area")
    report = SiaReport(
        area=area.strip(),
        period=(period or "").strip(),
        compare=(compare or "").strip(),
        comparators=comparators_parse(comparators),
        formats=chosen,
        threshold=int(getattr(settings, "SAFER_SUPPRESSION_THRESHOLD", 5)),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    with bounded_reader() as con:
        options = _options(con, report)
    report.area = options.scope.area.text
    report.period_label, report.compare_label = options.scope.period.label, options.scope.compare.label
    report.title = f"Strategic Intelligence Assessment: {options.scope.area.name}, {options.scope.period.label}"
    report.save()
    audit_record(
        actor=actor,
        action="intelligence.sia_queued",
        target=report,
        detail={"area": report.area, "period": report.period_label, "formats": chosen},
    )
    if queue:
        from safer.intelligence.sia.tasks import sia_report_execute

        sia_report_execute(str(report.pk))
        report.refresh_from_db()
    return report


def sia_report_run(report_id: str, *, progress: Progress | None = None) -> SiaReport:
    """Build and write a recorded report now (the huey task and `safer sia` call this)."""
    report = SiaReport.objects.select_related("created_by").get(pk=report_id)
    if report.is_finished:
        return report
    report.status, report.started_at = SiaReportStatus.RUNNING, timezone.now()
    report.save(update_fields=["status", "started_at"])
    last = 0.0

    def record(event: ProgressEvent) -> None:
        nonlocal last
        if progress is not None:
            progress(event)
        now = time.monotonic()
        if now - last < PROGRESS_EVERY_SECONDS and event.done < event.total:
            return
        last = now
        SiaReport.objects.filter(pk=report.pk).update(
            progress_done=event.done, progress_total=event.total, progress_message=event.message[:200]
        )

    folder = sia_reports_dir() / str(report.pk)
    try:
        with bounded_reader(max_rows=REPORT_MAX_ROWS, seconds=REPORT_QUERY_SECONDS) as con:
            built = report_build(con=con, options=_options(con, report), progress=record)
        record(ProgressEvent(report.progress_total, report.progress_total, "Writing the files"))
        written = report_files_write(built, formats=list(report.formats), directory=folder)
    except (SiaInputError, SiaReportInputError, WarehouseBusyError) as error:
        _finish(report, status=SiaReportStatus.FAILED, error=str(error))
        return report
    except Exception:  # the job page must always end; the traceback goes to the log
        reference = secrets.token_hex(4)
        logger.exception("SIA report %s failed (reference %s)", report.pk, reference)
        shutil.rmtree(folder, ignore_errors=True)
        _finish(
            report,
            status=SiaReportStatus.FAILED,
            error=f"The report stopped with an unexpected error (reference {reference}). "
            "Tell your administrator the reference.",
        )
        return report
    report.files = {fmt: path.name for fmt, path in written.items()}
    report.data, report.synthetic, report.title = built.data, built.synthetic, built.title
    _finish(report, status=SiaReportStatus.SUCCEEDED, error="")
    return report


def _finish(report: SiaReport, *, status: str, error: str) -> None:
    report.status, report.error_message, report.finished_at = status, error, timezone.now()
    report.save()
    action = "intelligence.sia_generated" if status == SiaReportStatus.SUCCEEDED else "intelligence.sia_failed"
    detail: dict[str, Any] = {"area": report.area, "period": report.period_label, "formats": list(report.files)}
    if error:
        detail["error"] = error[:300]
    audit_record(actor=report.created_by, action=action, target=report, detail=detail)


def sia_report_list(*, limit: int = 50) -> QuerySet[SiaReport]:
    """The latest reports, newest first (partnership-level figures, small numbers suppressed)."""
    return SiaReport.objects.select_related("created_by")[:limit]


def sia_report_file(*, actor: Any, report: SiaReport, fmt: str) -> tuple[Path, str]:
    """The path and content type of one of a finished report's files; audits the download."""
    name = report.files.get(fmt)
    path = sia_reports_dir() / str(report.pk) / name if name else None
    if path is None or not path.exists():
        raise FileNotFoundError(f"This report has no {fmt} file.")
    audit_record(actor=actor, action="intelligence.sia_downloaded", target=report, detail={"format": fmt})
    return path, CONTENT_TYPES[fmt]


def sia_form_choices() -> tuple[list[str], list[tuple[str, str]]]:
    """Area names for the area box's suggestions, and the districts with crime data as comparator choices."""
    from safer.intelligence.dashboard.areas import area_suggestions

    with bounded_reader() as con:
        if not con.one("SELECT 1 FROM agg_crime_lad LIMIT 1"):
            return [], []
        districts = con.tuples(
            "SELECT DISTINCT a.lad_code, l.lad_name FROM (SELECT DISTINCT lad_code FROM agg_crime_lad) a "
            "JOIN (SELECT DISTINCT lad_code, lad_name FROM lsoa) l ON l.lad_code = a.lad_code ORDER BY 2"
        )
        return area_suggestions(con=con), [(str(code), str(name)) for code, name in districts]
