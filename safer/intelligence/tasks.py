"""huey discovers tasks in this module; the import tasks live with the import framework."""

from safer.intelligence.importing.tasks import import_job_execute

__all__ = ["import_job_execute"]
