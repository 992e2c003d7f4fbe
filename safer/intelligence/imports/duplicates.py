"""What keeps a record from being counted twice, whatever its file is called.

- The same bytes already current in the warehouse under any name -> "already imported as ..." (nothing added).
- The force of a police.uk month comes from its records ("Reported by"), not from the file name; a file whose
  records name several forces is refused, and one whose name disagrees with its records says so.
- A Crime ID held by another import is counted in the quality summary (`crime_ids_in_other_imports`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from safer.intelligence.imports.errors import ImportFileError
from safer.intelligence.imports.staging import quote_ident
from safer.intelligence.sources.forces import force_slug


@dataclass(frozen=True)
class CurrentImport:
    """An import whose rows are in the warehouse now (not replaced by a later one for its force and month)."""

    import_id: int
    source_name: str
    force: str | None
    month: dt.date | None


def imports_current_by_checksum(
    con: duckdb.DuckDBPyConnection, *, kind: str, checksums: Sequence[str]
) -> dict[str, CurrentImport]:
    """For each of `checksums` held by a current import of `kind`, that import."""
    if not checksums:
        return {}
    rows = con.execute(
        """SELECT checksum, import_id, source_name, force, month FROM (
               SELECT checksum, import_id, source_name, force, month,
                      row_number() OVER (PARTITION BY force, month ORDER BY import_id DESC) AS newest
               FROM import_run WHERE kind = ?)
           WHERE newest = 1 AND list_contains(?, checksum)""",
        [kind, list(checksums)],
    ).fetchall()
    return {str(r[0]): CurrentImport(int(r[1]), str(r[2]), r[3], r[4]) for r in rows}


def already_imported_message(name: str, *, source_name: str, import_id: int) -> str:
    """The message for bytes the warehouse holds already, naming the earlier file when its name differs."""
    if source_name == name:
        return f"{name} was already imported (import {import_id}); nothing changed."
    return f"{name} was already imported as {source_name} (import {import_id}); nothing changed."


@dataclass(frozen=True)
class StagedCounts:
    """One staged police.uk file: rows, rejected rows, valid rows without a location, rows per "Reported by"."""

    rows: int
    rejected: int
    without_location: int
    reported_by: dict[str, int]


def staged_counts(con: duckdb.DuckDBPyConnection, *, has_reported_by: bool) -> dict[str, StagedCounts]:
    """Per staged file name (TEMP TABLE _stage), its counts, in one pass."""
    reported = quote_ident("Reported by") if has_reported_by else "NULL::VARCHAR"
    longitude = quote_ident("Longitude")
    rows = con.execute(
        f"""SELECT filename, {reported}, count(*), count(*) FILTER (WHERE _reason IS NOT NULL),
               count(*) FILTER (WHERE _reason IS NULL AND {longitude} IS NULL)
            FROM _stage GROUP BY ALL"""  # noqa: S608 - constant column names
    ).fetchall()
    totals: dict[str, list[int]] = {}
    forces: dict[str, dict[str, int]] = {}
    for filename, force, n, rejected, without_location in rows:
        into = totals.setdefault(filename, [0, 0, 0])
        into[0] += int(n)
        into[1] += int(rejected)
        into[2] += int(without_location)
        if force:
            forces.setdefault(filename, {})[force] = forces.get(filename, {}).get(force, 0) + int(n)
    return {f: StagedCounts(t[0], t[1], t[2], forces.get(f, {})) for f, t in totals.items()}


def records_force(*, name: str, name_force: str, reported_by: dict[str, int]) -> tuple[str, str]:
    """(force slug, note for the result message) from the records; the name's force when no record names one.

    Raises ImportFileError when the records name several forces.
    """
    if not reported_by:
        return name_force, ""
    if len(reported_by) > 1:
        shown = ", ".join(
            f'"{force}" on {n:,} rows' for force, n in sorted(reported_by.items(), key=lambda item: -item[1])[:5]
        )
        raise ImportFileError(
            f'The records of {name} name several forces in "Reported by" ({shown}). A police.uk file holds one '
            "force's records: import each force's own file as police.uk publishes it. Nothing was loaded from it.",
            source_name=name,
        )
    reported = next(iter(reported_by))
    slug = force_slug(reported)
    if slug == name_force:
        return slug, ""
    note = f' The file name says "{name_force}" but its records are reported by {reported}: loaded as {slug}.'
    return slug, note


def crime_ids_elsewhere(con: duckdb.DuckDBPyConnection) -> dict[int, tuple[int, list[int]]]:
    """Per street import of the batch (TEMP TABLE _files): its Crime IDs that other imports hold too, and those."""
    rows = con.execute(
        """SELECT c.import_id, count(DISTINCT c.crime_id), list(DISTINCT o.import_id ORDER BY o.import_id)
           FROM crime c JOIN crime o ON o.crime_id = c.crime_id AND o.import_id <> c.import_id
           WHERE c.import_id IN (SELECT import_id FROM _files) AND c.crime_id IS NOT NULL
           GROUP BY 1"""
    ).fetchall()
    return {int(r[0]): (int(r[1]), [int(i) for i in r[2]]) for r in rows}
