"""Intelligence models (Django database); the crime data itself lives in the DuckDB warehouse."""

from safer.intelligence.models.evaluation import Evaluation
from safer.intelligence.models.import_job import ImportJob, ImportJobStatus
from safer.intelligence.models.mapping import ColumnMapping, ColumnMappingKind

__all__ = ["ColumnMapping", "ColumnMappingKind", "Evaluation", "ImportJob", "ImportJobStatus"]
