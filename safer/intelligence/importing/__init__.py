"""The shared import framework: input files, checks, staging, rejects, atomic month replace, progress, jobs.

police.uk readers live in safer/intelligence/importers/, partner extracts in safer/intelligence/sources/;
both build on these pieces (see each module's docstring). Web jobs: importing/jobs.py and importing/tasks.py.
"""

from safer.intelligence.importing.errors import ImportFileError
from safer.intelligence.importing.files import (
    FileFacts,
    InputFile,
    ZipLimits,
    check_csv_file,
    expand_inputs,
    file_sha256,
)
from safer.intelligence.importing.progress import Progress, ProgressEvent, progress_emit, tqdm_progress
from safer.intelligence.importing.runs import (
    STATUS_ALREADY,
    STATUS_LOADED,
    STATUS_REPLACED,
    ImportResult,
    ImportRun,
    PreviousImport,
    batch_transaction,
    import_checksum_seen,
    import_previous,
    import_previous_many,
    import_run_record,
    import_transaction,
    month_gaps,
    refresh_aggregates,
)
from safer.intelligence.importing.staging import (
    STAGE_LINE,
    quote_ident,
    read_csv_sql,
    rejects_path,
    rejects_write,
    stage_csv,
)

__all__ = [
    "STAGE_LINE",
    "STATUS_ALREADY",
    "STATUS_LOADED",
    "STATUS_REPLACED",
    "FileFacts",
    "ImportFileError",
    "ImportResult",
    "ImportRun",
    "InputFile",
    "PreviousImport",
    "Progress",
    "ProgressEvent",
    "ZipLimits",
    "batch_transaction",
    "check_csv_file",
    "expand_inputs",
    "file_sha256",
    "import_checksum_seen",
    "import_previous",
    "import_previous_many",
    "import_run_record",
    "import_transaction",
    "month_gaps",
    "progress_emit",
    "quote_ident",
    "read_csv_sql",
    "refresh_aggregates",
    "rejects_path",
    "rejects_write",
    "stage_csv",
    "tqdm_progress",
]
