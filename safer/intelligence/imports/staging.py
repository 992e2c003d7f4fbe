"""Reading a checked CSV into a DuckDB temp table, and writing rejected rows to a rejects CSV.

Rows keep their original text (every column VARCHAR) so validation, geography and coordinates happen in
set-based SQL over the whole file, and a rejected row can be written out exactly as received.
No Django here except `rejects_path`, which reads the var folder from settings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from safer.intelligence.imports.errors import ImportFileError

# The line number of a row of `_stage` in its file (the header is line 1): rowid follows the file order, and
# inside a transaction a new table's row ids start at a large offset, hence the min().
STAGE_LINE = "(rowid - (SELECT min(rowid) FROM _stage) + 2)"


def quote_ident(name: str) -> str:
    """A DuckDB identifier in double quotes (for CSV column names such as "LSOA code")."""
    return '"' + name.replace('"', '""') + '"'


def read_csv_sql(columns: Sequence[str], *, path_param: str = "?", filename: bool = False) -> str:
    """read_csv(?) with a fixed dialect (comma, double quotes, header) and every column VARCHAR.

    The one parameter is the path (`path_param="$path"` to name it). `columns` must be the file's header in
    order (checked by check_csv_file), never free user text. `filename=True` adds a `filename` column (useful
    when the parameter is a list of paths).
    """
    spec = ", ".join("'" + c.replace("'", "''") + "': 'VARCHAR'" for c in columns)
    return (
        f"read_csv({path_param}, columns={{{spec}}}, header=true, auto_detect=false, delim=',', quote='\"', "
        "escape='\"', strict_mode=true, null_padding=false, encoding='utf-8'"
        + (", filename=true)" if filename else ")")
    )


def stage_csv(
    con: duckdb.DuckDBPyConnection,
    *,
    path: Path,
    name: str,
    columns: Sequence[str],
    table: str = "_stage",
    extra_columns: str = "",
    params: dict[str, Any] | None = None,
) -> int:
    """CREATE OR REPLACE TEMP TABLE `table` from the file (columns as in its header); returns the row count.

    `extra_columns` (e.g. ", CASE ... END AS _reason") are computed in the same pass over the file, with
    `params` as named parameters ($month). A row with the wrong number of fields or bytes that are not UTF-8
    raises ImportFileError with the line. `STAGE_LINE` gives each row's line number in queries over the table.
    """
    values: dict[str, Any] = {**(params or {}), "_path": str(path)}
    source = read_csv_sql(columns, path_param="$_path")
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT *{extra_columns} FROM {source}", values)  # noqa: S608
    except (duckdb.InvalidInputException, duckdb.ConversionException, duckdb.IOException) as error:
        raise csv_error(error, name=name, expected=len(columns)) from None
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
    return int(row[0]) if row else 0


def csv_error(error: Exception, *, name: str, expected: int) -> ImportFileError:
    """Turn DuckDB's CSV reader error into one line naming the file and line."""
    text = str(error)
    match = re.search(r"CSV Error on Line: (\d+)", text)
    line = int(match.group(1)) if match else None
    where = f" (line {line})" if line else ""
    fields = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", text)
    if fields:
        return ImportFileError(
            f"Line {line} of {name} has {fields.group(2)} fields, expected {expected}: the file is truncated or "
            "damaged, or a value holds an unquoted comma. Nothing was imported.",
            source_name=name,
            line=line,
        )
    if "unicode" in text.lower() or "utf-8" in text.lower():
        return ImportFileError(
            f"{name} is not UTF-8 encoded{where} (perhaps Latin-1 or Windows-1252). Save it as CSV UTF-8 and "
            "import it again.",
            source_name=name,
            line=line,
        )
    if "gzip" in text.lower() or "compress" in text.lower():
        return ImportFileError(f"{name} is damaged (gzip error). Download it again.", source_name=name)
    first = text.splitlines()[0] if text else "unknown error"
    if "Invalid Input Error: " in first:
        first = first.split("Invalid Input Error: ", 1)[1]
    return ImportFileError(
        f"{name} could not be read as CSV{where}: {first[:160]}. Nothing was imported.", source_name=name, line=line
    )


def rejects_path(import_id: int) -> Path:
    """Where an import's rejected rows are written: SAFER_VAR_DIR/rejects/{import_id}.csv."""
    from django.conf import settings

    return Path(settings.VAR_DIR) / "rejects" / f"{int(import_id)}.csv"


def rejects_write(
    con: duckdb.DuckDBPyConnection, *, select_sql: str, params: Sequence[Any] | dict[str, Any] = (), import_id: int
) -> int:
    """Write rejected rows (select_sql returns line, reason, then the original columns) to rejects_path.

    Returns how many rows were rejected; with none, no file is left behind.
    """
    path = rejects_path(import_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    con.execute(f"CREATE OR REPLACE TEMP TABLE _rejects AS {select_sql}", params)
    row = con.execute("SELECT count(*) FROM _rejects").fetchone()
    count = int(row[0]) if row else 0
    if count:
        partial = path.with_suffix(".csv.part")
        con.execute(f"COPY (SELECT * FROM _rejects ORDER BY 1) TO '{_sql_path(partial)}' (HEADER, DELIMITER ',')")  # noqa: S608
        partial.replace(path)
    else:
        path.unlink(missing_ok=True)
    con.execute("DROP TABLE IF EXISTS _rejects")
    return count


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
