"""Import history and atomic replacement: every import is one transaction that ends with its import_run row.

    previous = import_previous(con, kind="policeuk_street", force="thames-valley", month=date(2022, 3, 1))
    if previous and previous.checksum == checksum and not reimport: -> already imported, nothing changes
    with import_transaction(con, kind=..., source_name=..., checksum=..., force=..., month=...,
                            replaced_import_id=previous.import_id if previous else None) as run:
        con.execute("DELETE FROM crime WHERE force = ? AND month = ?", ...)
        con.execute("INSERT INTO crime SELECT ...", ...)
        run.rows_loaded = ...; run.rows_rejected = ...; run.quality = {...}

Readers see the old month or the new one, never a mix: DuckDB commits the DELETE, the INSERT and the
import_run row together, and a process killed before COMMIT leaves nothing behind. No Django here.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

import duckdb

logger = logging.getLogger(__name__)

STATUS_LOADED = "loaded"
STATUS_REPLACED = "replaced"
STATUS_ALREADY = "already imported"


@dataclass
class ImportResult:
    """What happened to one file."""

    source_name: str
    kind: str
    status: str
    import_id: int | None = None
    force: str | None = None
    month: str | None = None  # YYYY-MM
    rows_loaded: int = 0
    rows_rejected: int = 0
    rejects_path: str | None = None
    quality: dict[str, Any] = field(default_factory=dict)
    duration_seconds: float = 0.0
    message: str = ""
    replaced_import_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form, stored on web jobs."""
        return asdict(self)


@dataclass(frozen=True)
class PreviousImport:
    import_id: int
    checksum: str


def import_previous(
    con: duckdb.DuckDBPyConnection, *, kind: str, force: str | None = None, month: dt.date | None = None
) -> PreviousImport | None:
    """The latest import of this kind for the force and month (None matches NULL), or None."""
    row = con.execute(
        """SELECT import_id, checksum FROM import_run
           WHERE kind = ? AND force IS NOT DISTINCT FROM ? AND month IS NOT DISTINCT FROM ?
           ORDER BY import_id DESC LIMIT 1""",
        [kind, force, month],
    ).fetchone()
    return PreviousImport(int(row[0]), str(row[1])) if row else None


def import_previous_many(
    con: duckdb.DuckDBPyConnection, *, kind: str, keys: Sequence[tuple[str, dt.date]]
) -> dict[tuple[str, dt.date], PreviousImport]:
    """import_previous for many (force, month) pairs (neither NULL) in one query; pairs never imported are absent."""
    if not keys:
        return {}
    rows = con.execute(
        """SELECT force, month, arg_max(import_id, import_id), arg_max(checksum, import_id) FROM import_run
           WHERE kind = ? AND list_contains(?, struct_pack(f := force, m := month)) GROUP BY ALL""",
        [kind, [{"f": force, "m": month} for force, month in keys]],
    ).fetchall()
    return {(r[0], r[1]): PreviousImport(int(r[2]), str(r[3])) for r in rows}


def import_checksum_seen(con: duckdb.DuckDBPyConnection, *, kind: str, checksum: str) -> int | None:
    """The import_id of an earlier import of exactly these bytes for this kind, if any."""
    row = con.execute(
        "SELECT max(import_id) FROM import_run WHERE kind = ? AND checksum = ?", [kind, checksum]
    ).fetchone()
    return int(row[0]) if row and row[0] is not None else None


@dataclass
class ImportRun:
    """The import in progress inside import_transaction; set the counts and quality before the block ends."""

    import_id: int
    kind: str
    source_name: str
    checksum: str
    force: str | None
    month: dt.date | None
    synthetic: bool
    replaced_import_id: int | None
    started_at: dt.datetime
    started: float
    rows_loaded: int = 0
    rows_rejected: int = 0
    quality: dict[str, Any] = field(default_factory=dict)
    duration_seconds: float = 0.0


@contextmanager
def import_transaction(
    con: duckdb.DuckDBPyConnection,
    *,
    kind: str,
    source_name: str,
    checksum: str,
    force: str | None = None,
    month: dt.date | None = None,
    synthetic: bool = False,
    replaced_import_id: int | None = None,
    own_transaction: bool = True,
) -> Iterator[ImportRun]:
    """BEGIN; yield the run (import_id allocated); on success insert the import_run row and COMMIT.

    Any exception in the block rolls everything back and is re-raised. With `own_transaction=False` the
    caller has already begun a transaction spanning several files (see `batch_transaction`) and commits it.
    """
    if own_transaction:
        con.execute("BEGIN TRANSACTION")
    try:
        row = con.execute("SELECT nextval('import_id_seq')").fetchone()
        assert row is not None
        run = ImportRun(
            import_id=int(row[0]),
            kind=kind,
            source_name=source_name,
            checksum=checksum,
            force=force,
            month=month,
            synthetic=synthetic,
            replaced_import_id=replaced_import_id,
            started_at=dt.datetime.now(dt.UTC),
            started=time.perf_counter(),
        )
        yield run
        run.duration_seconds = time.perf_counter() - run.started
        import_run_record(
            con,
            import_id=run.import_id,
            kind=kind,
            source_name=source_name,
            checksum=checksum,
            force=force,
            month=month,
            rows_loaded=run.rows_loaded,
            rows_rejected=run.rows_rejected,
            started_at=run.started_at,
            duration_seconds=run.duration_seconds,
            synthetic=synthetic,
            quality=run.quality,
            replaced_import_id=replaced_import_id,
        )
        if own_transaction:
            con.execute("COMMIT")
    except BaseException:
        if own_transaction:
            try:
                con.execute("ROLLBACK")
            except duckdb.Error:
                pass
        raise


def import_run_record(
    con: duckdb.DuckDBPyConnection,
    *,
    import_id: int,
    kind: str,
    source_name: str,
    checksum: str,
    force: str | None,
    month: dt.date | None,
    rows_loaded: int,
    rows_rejected: int,
    started_at: dt.datetime,
    duration_seconds: float,
    synthetic: bool,
    quality: dict[str, Any],
    replaced_import_id: int | None,
) -> None:
    """Insert one import_run row (inside the transaction that loaded the rows)."""
    con.execute(
        """INSERT INTO import_run (import_id, kind, source_name, checksum, force, month, rows_loaded,
               rows_rejected, started_at, duration_seconds, synthetic, quality, replaced_import_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            import_id,
            kind,
            source_name,
            checksum,
            force,
            month,
            rows_loaded,
            rows_rejected,
            started_at,
            duration_seconds,
            synthetic,
            json.dumps(quality, default=str),
            replaced_import_id,
        ],
    )


@contextmanager
def batch_transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """One transaction around several files' import_transaction(own_transaction=False) blocks.

    Several whole months commit together (fewer, larger commits: much faster); a failure or a kill rolls
    back every file of the batch, so each month is still old or new, never a mix.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass
        raise


def refresh_aggregates(con: duckdb.DuckDBPyConnection, months: Sequence[dt.date] | None = None) -> None:
    """Rebuild the dashboard's pre-aggregated tables after a commit (when the dashboard module exists)."""
    try:
        from safer.intelligence.dashboard.aggregates import aggregates_refresh
    except ImportError:
        return
    try:
        aggregates_refresh(con=con, months=list(months) if months is not None else None)
    except duckdb.Error:
        # The import itself is committed; stale dashboard aggregates are rebuilt by the next refresh.
        logger.exception("Refreshing the dashboard aggregates after an import failed")


def month_gaps(months: Sequence[dt.date]) -> list[str]:
    """YYYY-MM of every month missing between the first and last of `months`."""
    present = sorted({(m.year, m.month) for m in months})
    if not present:
        return []
    have = set(present)
    gaps: list[str] = []
    year, month = present[0]
    while (year, month) <= present[-1]:
        if (year, month) not in have:
            gaps.append(f"{year:04d}-{month:02d}")
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return gaps
