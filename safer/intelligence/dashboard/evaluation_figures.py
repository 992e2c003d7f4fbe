"""Figures of a saved intervention evaluation, read from the warehouse and computed by the pure
`safer.intelligence.evaluation` package: before/after counts, difference-in-differences, WDQ, monthly series.

The before period has as many months as the intervention and ends the month before it starts; the after period
is the intervention's months.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import shapely
from pyproj import Transformer

from safer.intelligence.dashboard.periods import Period, month_add, period_range
from safer.intelligence.evaluation.counts import EvaluationCounts, evaluation_count
from safer.intelligence.evaluation.did import DidResult, evaluation_did
from safer.intelligence.evaluation.wdq import WdqResult, evaluation_wdq
from safer.intelligence.warehouse import WarehouseReader

_TO_BNG = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)


class EvaluationAreaMissingError(LookupError):
    """A custom area the evaluation uses has been deleted."""


@dataclass(frozen=True)
class EvaluationFigures:
    """Everything the summary page, PDF and chart show."""

    before: Period
    after: Period
    counts: EvaluationCounts
    did: DidResult
    wdq: WdqResult
    synthetic_records: int


def area_bng(con: WarehouseReader, area_id: int) -> shapely.Geometry:
    """A custom area's polygon in British National Grid metres."""
    row = con.one("SELECT geojson FROM custom_area WHERE area_id = ?", [area_id])
    if row is None:
        raise EvaluationAreaMissingError(f"Custom area {area_id} no longer exists; choose the areas again.")
    geometry = shapely.from_geojson(row[0])
    return shapely.transform(geometry, lambda xy: np.column_stack(_TO_BNG.transform(xy[:, 0], xy[:, 1])))


def evaluation_periods(start: date, end: date) -> tuple[Period, Period]:
    """(before, after): the after period is start..end; the before period is as long and ends just before."""
    after = period_range(start, end)
    before = period_range(month_add(start, -after.months), month_add(start, -1))
    return before, after


def evaluation_figures(
    con: WarehouseReader,
    *,
    target_area_id: int,
    control_area_id: int,
    buffer_metres: int,
    start: date,
    end: date,
    crime_type: str = "",
) -> EvaluationFigures:
    """Count, compare and test; raises the evaluation package's errors when the areas or data do not allow it."""
    target = area_bng(con, target_area_id)
    control = area_bng(con, control_area_id)
    before, after = evaluation_periods(start, end)
    box = shapely.total_bounds([target.buffer(buffer_metres), control])
    lon, lat = _TO_BNG.transform([box[0], box[2]], [box[1], box[3]], direction="INVERSE")
    type_sql, type_params = ("AND crime_type = ?", [crime_type]) if crime_type else ("", [])
    rows = con.arrays(
        f"""SELECT longitude, latitude, month, sum(n) AS n, coalesce(sum(n) FILTER (WHERE synthetic), 0) AS synthetic
            FROM agg_crime_location
            WHERE longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ? AND month BETWEEN ? AND ? {type_sql}
            GROUP BY ALL""",  # noqa: S608
        [min(lon) - 0.01, max(lon) + 0.01, min(lat) - 0.01, max(lat) + 0.01, before.start, after.end, *type_params],
    )
    n = rows["n"].astype(np.int64)
    x, y = _TO_BNG.transform(rows["longitude"], rows["latitude"])
    months = np.array([np.datetime64(m, "M") for m in rows["month"]], dtype="datetime64[M]")
    counts = evaluation_count(
        easting=np.repeat(x, n),
        northing=np.repeat(y, n),
        month=np.repeat(months, n),
        target=target,
        control=control,
        buffer_metres=buffer_metres,
        before=(np.datetime64(before.start, "M"), np.datetime64(before.end, "M")),
        after=(np.datetime64(after.start, "M"), np.datetime64(after.end, "M")),
    )
    did = evaluation_did(
        target_before=counts.before["target"],
        target_after=counts.after["target"],
        control_before=counts.before["control"],
        control_after=counts.after["control"],
    )
    wdq = evaluation_wdq(
        target_before=counts.before["target"],
        target_after=counts.after["target"],
        buffer_before=counts.before["buffer"],
        buffer_after=counts.after["buffer"],
        control_before=counts.before["control"],
        control_after=counts.after["control"],
    )
    # Synthetic records anywhere in the box read: the page says so when the figures may include any.
    return EvaluationFigures(before, after, counts, did, wdq, int(rows["synthetic"].sum()))


def evaluation_monthly_rows(figures: EvaluationFigures) -> list[dict[str, Any]]:
    """Long-form rows (month, area, records, phase) for the monthly chart and its table."""
    rows = []
    for k, month in enumerate(figures.counts.months.tolist()):
        phase = "after" if month >= figures.after.start else "before"
        for area in ("target", "buffer", "control"):
            rows.append({"month": month, "area": area, "records": int(figures.counts.monthly[area][k]), "phase": phase})
    return rows
