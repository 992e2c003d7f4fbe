"""Thematic figures for each district side by side (sections.DistrictView), from the same registry tables.

The published Oxfordshire SIA and partnership plans give each thematic table with one row per area (the
district, the county, Thames Valley). For a county report this builds such a table per view: one row per
district, then the county, then the areas containing it, each row taken from the registry table computed
for that area (no second set of queries). Person-level tables are suppressed as every report table is:
the district and county rows together (their columns add up), the containing areas each on their own.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import duckdb

from safer.intelligence.dashboard import figures
from safer.intelligence.dashboard.figures import Row
from safer.intelligence.dashboard.suppression import rows_suppress
from safer.intelligence.dashboard.tables import SOURCES, TABLES, Request, Table
from safer.intelligence.sia.blocks import number_text, report_rows
from safer.intelligence.sia.chapters import ReportContext
from safer.intelligence.sia.model import Missing, TableBlock
from safer.intelligence.sia.sections import DistrictView, ThemeSection

AREA = "area_label"
TOTAL = "_row_total"
_DERIVED_KINDS = ("pct", "rate")


def _area_rows(view: DistrictView, rows: list[Row], area_name: str) -> list[Row]:
    """The rows of one area's table this view reads: matching `where`, and the area's own in area-row tables."""
    kept = [r for r in rows if all(str(r.get(k)) == v for k, v in view.where)]
    if kept and "area" in kept[0]:
        kept = [r for r in kept if r["area"] == area_name]
    return kept


def _wide_row(view: DistrictView, rows: list[Row], keys: list[str]) -> Row:
    """One area's row of the side-by-side table: pivoted by `key`, or the chosen columns of its one row."""
    if view.key:
        out: Row = {k: None for k in keys}
        for row in rows:
            value = str(row.get(view.key))
            if value not in out:
                keys.append(value)
            out[value] = row.get(view.value)
    else:
        out = {c: (rows[0].get(c) if rows else None) for c in view.columns}
    out["synthetic_records"] = max((int(r.get("synthetic_records") or 0) for r in rows), default=0)
    return out


def _kinds(view: DistrictView, table: Table, keys: list[str], request: Request) -> dict[str, tuple[str, str]]:
    """Per output column: (heading, kind)."""
    columns = {c.key: c for c in table.columns_for(request)}
    if view.key:
        kind = columns[view.value].kind if view.value in columns else "count"
        return {k: (k[:1].upper() + k[1:], kind) for k in keys}
    return {c: (columns[c].export_heading(request.scope), columns[c].kind) for c in view.columns}


def _suppress(rows: list[Row], kinds: dict[str, tuple[str, str]], view: DistrictView, *, threshold: int) -> Any:
    counts = [k for k, (_h, kind) in kinds.items() if kind == "count" and k not in (view.total, "difference")]
    derived = [k for k, (_h, kind) in kinds.items() if kind in _DERIVED_KINDS or k == "difference"]
    return rows_suppress(
        rows,
        count_keys=counts,
        total_keys=[view.total] if view.total in kinds else [],
        derived_keys=derived,
        threshold=threshold,
    )


def district_block(
    ctx: ReportContext, view: DistrictView, theme: ThemeSection, *, areas: list[Any], inner: int
) -> TableBlock | Missing:
    """The view over `areas` (districts and the report's area first, `inner` of them; containing areas after)."""
    table = TABLES.get(view.table)
    if table is None:
        return Missing(f'{view.title} by district: the table "{view.table}" is not in the table registry.')
    first = Request(ctx.con, ctx.scope_for(areas[0], **theme.filters))
    period = first.scope.period
    if not first.months_with_data(table.source, period):
        return Missing(
            f"{view.title} by district: the {SOURCES[table.source][0]} hold no data for {period.label}, so this "
            "table cannot be given."
        )
    keys: list[str] = []
    wide: list[Row] = []
    for area in areas:
        request = Request(ctx.con, ctx.scope_for(area, **theme.filters))
        try:
            rows = report_rows(table, request)
        except (duckdb.Error, KeyError) as error:
            reason = str(error).splitlines()[0][:200] if str(error) else error.__class__.__name__
            return Missing(f"{view.title} by district: the {SOURCES[table.source][0]} lack a column ({reason}).")
        wide.append(
            {AREA: f"{area.name} ({area.kind_label})", **_wide_row(view, _area_rows(view, rows, area.name), keys)}
        )
    for row in wide:  # pivot columns first seen in a later area
        for key in keys:
            row.setdefault(key, None)
    if view.total in keys:  # the total last, as the published tables put it
        keys.append(keys.pop(keys.index(view.total)))
    kinds = _kinds(view, table, keys, first)
    if view.key and not view.total and all(kind == "count" for _h, kind in kinds.values()):
        # Without a total of its own, a row's sum is still known from another view of the same people (victims
        # by sex and by age band): shown, and suppressed as a total, so no single hidden cell can be recovered.
        for row in wide:
            values = [row.get(k) for k in keys]
            row[TOTAL] = None if any(v is None for v in values) else sum(values)
        kinds[TOTAL] = ("Total", "count")
        view = replace(view, total=TOTAL)
    note = None
    if table.person_level:
        results = [_suppress(wide[:inner], kinds, view, threshold=ctx.options.threshold)]
        results += [_suppress([row], kinds, view, threshold=ctx.options.threshold) for row in wide[inner:]]
        wide = [row for result in results for row in result.rows]
        note = next((r.note for r in results if r.note), None)
    names = ", ".join(f"{a.name} ({a.kind_label})" for a in areas)
    entry = ctx.appendix.add(table, first, areas=f"each of {names}, computed for that area alone")
    notes: list[str] = []
    compared = table.compares and bool({"compare_count", "difference", "difference_pct"} & set(kinds))
    comparison = figures.comparison_months(ctx.con, first.scope, source=table.source).note() if compared else None
    if comparison:
        notes.append(comparison)
    if note:
        notes.append(note)
    synthetic = max((int(r["synthetic_records"]) for r in wide if isinstance(r["synthetic_records"], int)), default=0)
    if synthetic:
        notes.append(
            f"SYNTHETIC: {synthetic:,} or more of the records counted here are synthetic (made up for demos and tests)."
        )
    order = list(kinds)
    return TableBlock(
        title=f"{view.title}: each district, {period.label}",
        header=["Area", *(kinds[k][0] for k in order)],
        rows=[[row[AREA], *(number_text(row.get(k), kinds[k][1]) for k in order)] for row in wide],
        numeric=[False, *(kinds[k][1] in ("count", "pct", "rate") for k in order)],
        notes=notes,
        source=entry,
        synthetic=bool(synthetic),
    )
