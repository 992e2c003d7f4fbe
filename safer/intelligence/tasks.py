"""huey discovers tasks in this module; the import tasks live with the import framework."""

from safer.intelligence.imports.tasks import import_job_execute, uploads_purge_task

__all__ = ["import_job_execute", "uploads_purge_task"]
