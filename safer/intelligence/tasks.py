"""huey discovers tasks in this module; the import and report tasks live with their packages."""

from safer.intelligence.imports.tasks import import_job_execute, uploads_purge_task
from safer.intelligence.sia.tasks import sia_report_execute

__all__ = ["import_job_execute", "sia_report_execute", "uploads_purge_task"]
