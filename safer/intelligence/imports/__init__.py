"""Every import into the warehouse: the shared pipeline and the datasets it loads.

- The pipeline: input files and checks (files.py), staging and rejects (staging.py), runs, history and
  the atomic month replace (runs.py, history.py, session.py), progress (progress.py), web jobs (jobs.py,
  tasks.py), errors (errors.py).
- The datasets: police.uk street, outcomes and stop and search (policeuk.py, download in fetch.py); the
  partner extracts (extracts.py, command line in extracts_cli.py, saved column mappings in mappings.py,
  the SYNTHETIC generator in synth.py). Their declarations without Django (schemas, validation SQL, offence
  codes) are in safer/intelligence/sources/.
"""

from safer.intelligence.imports.errors import ImportFileError
from safer.intelligence.imports.files import (
    FileFacts,
    InputFile,
    ZipLimits,
    check_csv_file,
    expand_inputs,
    file_sha256,
)
from safer.intelligence.imports.progress import Progress, ProgressEvent, progress_emit, tqdm_progress
from safer.intelligence.imports.runs import (
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
from safer.intelligence.imports.staging import (
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
