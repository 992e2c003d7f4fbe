"""Turn registry tables into report blocks: formatting, suppression, "what is missing" and the appendix."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import duckdb

from safer.intelligence.dashboard import figures
from safer.intelligence.dashboard.figures import Row, Scope
from safer.intelligence.dashboard.suppression import rows_suppress
from safer.intelligence.dashboard.tables import SOURCES, TABLES, Request, Table, definition_text, table_rows
from safer.intelligence.sia.model import AppendixEntry, Missing, TableBlock

NO_DATA = "no data"
# Columns a report leaves out of its tables: the synthetic count is said in a note instead (SYNTHETIC label).
HIDDEN = ("synthetic_records",)


def number_text(value: Any, kind: str = "count") -> str:
    """A cell as the published tables print it: 1,234 / 56.1% / 12.34 / "no data"."""
    if value is None:
        return NO_DATA
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if kind == "count" and isinstance(value, int | float):
        return f"{int(value):,}"
    if kind == "pct":
        return f"{value:,.1f}%"
    if kind == "rate":
        return f"{value:,.2f}" if isinstance(value, float) else f"{value:,}"
    return str(value)


@dataclass
class Appendix:
    """Collects one appendix entry per table, area, period and filters the report shows."""

    entries: list[AppendixEntry] = field(default_factory=list)
    _seen: dict[tuple[str, str, str, str], int] = field(default_factory=dict)

    def add(self, table: Table, request: Request, *, areas: str = "") -> int:
        """The entry number for this table over this request (added once); `areas` names every area a
        districts-side-by-side table computed it for, in one entry (the source and definition are the same)."""
        scope = request.scope
        filters = ", ".join(f"{k.replace('_', ' ')} = {v}" for k, v in scope.filters.items()) or "none"
        key = (table.name, areas or scope.area.name, scope.period.text, filters)
        if key in self._seen:
            return self._seen[key]
        about = definition_text(table, request)
        imported = about["imported_at"]
        latest = about["latest_month"]
        months = about["period_months_with_data"]
        number = len(self.entries) + 1
        self.entries.append(
            AppendixEntry(
                number=number,
                table=table.name,
                title=table.title,
                area=areas or f"{scope.area.name} ({scope.area.kind_label})",
                period=scope.period.label,
                compare=scope.compare.label,
                source=about["source"],
                definition=table.definition + (f" {about['comparison_note']}" if about["comparison_note"] else ""),
                filters=filters,
                latest_import=f"{imported:%d %B %Y %H:%M} UTC" if imported else "no import recorded",
                latest_month=f"{latest:%B %Y}" if latest else NO_DATA,
                months_with_data=f"{months} of {scope.period.months}",
            )
        )
        self._seen[key] = number
        return number


def suppress_for(table: Table, rows: list[Row], *, threshold: int) -> tuple[list[Row], str | None]:
    """Rows with small numbers hidden when the table is built from person-level data (see suppression.py)."""
    if not table.person_level:
        return rows, None
    counts = [c.key for c in table.columns if c.kind == "count" and c.key not in ("population", "difference", *HIDDEN)]
    totals = [k for k in counts if k == "total"]
    derived = [c.key for c in table.columns if c.kind in ("pct", "rate") or c.key in ("difference", *HIDDEN)]
    result = rows_suppress(
        rows,
        count_keys=[k for k in counts if k not in totals],
        total_keys=totals,
        derived_keys=derived,
        threshold=threshold,
    )
    return result.rows, result.note


def report_rows(table: Table, request: Request) -> list[Row]:
    """table_rows, run once per table, area, periods and filters within one report (the reader's memo):
    a table shown for the area and again in the districts-side-by-side views is computed once."""
    scope = request.scope
    filters = tuple(sorted(scope.filters.items()))
    key = ("sia_rows", table.name, scope.area.kind, scope.area.code, scope.period.text, scope.compare.text, filters)
    memo = getattr(request.con, "memo", None)
    if memo is None:
        return table_rows(table, request)
    if key not in memo:
        memo[key] = table_rows(table, request)
    rows: list[Row] = memo[key]
    return rows


def _missing_column(error: Exception) -> str:
    text = str(error).splitlines()[0] if str(error) else error.__class__.__name__
    return text[:200]


def table_block(
    name: str,
    *,
    con: Any,
    scope: Scope,
    appendix: Appendix,
    threshold: int,
    max_rows: int = 0,
) -> TableBlock | Missing:
    """The registry table `name` over `scope` as a report table, or the reason it cannot be given."""
    table = TABLES.get(name)
    if table is None:
        return Missing(
            f'The table "{name}" is not in this installation\'s table registry, so this figure cannot be given. '
            "It is built from the offence-level extract's thematic columns; once the table is registered it "
            "appears here with no other change."
        )
    request = Request(con, scope)
    source_name = SOURCES[table.source][0]
    if not request.months_with_data(table.source, scope.period):
        return Missing(
            f"{table.title}: the {source_name} hold no data for {scope.period.label}, so this table cannot be "
            "given. Import that data (Data imports) and run the report again."
        )
    try:
        rows = report_rows(table, request)
    except (duckdb.Error, KeyError) as error:
        return Missing(
            f"{table.title}: the {source_name} lack a column this table needs ({_missing_column(error)}). "
            "Map that column when importing the extract (docs/extract-schemas.md) and run the report again."
        )
    if not rows:
        return Missing(f"{table.title}: no records in {scope.area.name} in {scope.period.label}.")
    number = appendix.add(table, request)
    rows, note = suppress_for(table, rows, threshold=threshold)
    columns = [c for c in table.columns_for(request) if c.key not in HIDDEN]
    titles = [c.export_heading(scope) for c in columns]
    shown = rows[:max_rows] if max_rows else rows
    notes = []
    if max_rows and len(rows) > max_rows:
        notes.append(f"The first {max_rows} of {len(rows)} rows.")
    comparison = figures.comparison_months(con, scope, source=table.source).note() if table.compares else None
    if comparison:
        notes.append(comparison)
    if note:
        notes.append(note)
    synthetic = sum(
        int(r.get("synthetic_records") or 0) for r in rows if not isinstance(r.get("synthetic_records"), str)
    )
    if synthetic:
        notes.append(
            f"SYNTHETIC: {synthetic:,} of the records counted here are synthetic (made up for demos and tests)."
        )
    return TableBlock(
        title=f"{table.title}: {scope.area.name}, {scope.period.label}",
        header=titles,
        rows=[[number_text(row.get(c.key), c.kind) for c in columns] for row in shown],
        numeric=[c.kind in ("count", "pct", "rate") for c in columns],
        notes=notes,
        source=number,
        synthetic=bool(synthetic),
    )
