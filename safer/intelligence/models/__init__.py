"""Intelligence models (Django database); the crime data itself lives in the DuckDB warehouse."""

from safer.intelligence.models.evaluation import Evaluation
from safer.intelligence.models.import_job import ImportJob, ImportJobStatus
from safer.intelligence.models.mapping import ColumnMapping, ColumnMappingKind
from safer.intelligence.models.sia_report import SiaReport, SiaReportStatus

__all__ = [
    "ColumnMapping",
    "ColumnMappingKind",
    "Evaluation",
    "ImportJob",
    "ImportJobStatus",
    "SiaReport",
    "SiaReportStatus",
]
