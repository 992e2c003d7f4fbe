"""Intelligence models (Django database); the crime data itself lives in the DuckDB warehouse."""

from safer.intelligence.models.import_job import ImportJob, ImportJobStatus

__all__ = ["ImportJob", "ImportJobStatus"]
