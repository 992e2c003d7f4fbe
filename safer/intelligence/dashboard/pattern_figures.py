"""Concentration and time-pattern figures for a dashboard Scope: how concentrated records are in few LSOAs
(top LSOAs, share in the busiest x%, Lorenz curve, Gini), day-of-week by hour from the offence extract (with
the night-time-economy window as a preset filter) and month-of-year seasonality.

The analysis is the pure `hotspots.concentration` and `patterns` packages (docs/hotspots.md); this module reads
the warehouse and shapes rows for the table registry.
"""

from __future__ import annotations

import calendar
import math
from typing import Any

import numpy as np

from safer.intelligence.dashboard.areas import lsoa_names
from safer.intelligence.dashboard.figures import (
    _COLUMN_FOR_KIND,
    Row,
    Scope,
    _crime_source,
    _crime_type_filter,
    data_months,
    map_lsoas,
)
from safer.intelligence.dashboard.hotspot_figures import area_lsoa_codes
from safer.intelligence.hotspots.concentration import concentration_measure
from safer.intelligence.hotspots.errors import HotspotError
from safer.intelligence.patterns.errors import PatternError
from safer.intelligence.patterns.nte import NTE_PRESET, NightWindow, pattern_in_window
from safer.intelligence.patterns.seasonality import pattern_month_of_year
from safer.intelligence.patterns.week_hour import DAYS, pattern_week_hour
from safer.intelligence.warehouse import WarehouseReader

TOP_PERCENTS = (1, 5, 10, 20, 50)
TOP_PLACES = 20
# Time windows a user can choose as a filter of the time-pattern tables ("" = all times).
WINDOWS: dict[str, NightWindow] = {"nte": NTE_PRESET}


def _lsoa_counts(con: WarehouseReader, scope: Scope) -> tuple[list[str], list[int], list[int]]:
    """Every LSOA of the area (those with no records too): names, records and synthetic records."""
    rows = {row["lsoa_code"]: row for row in map_lsoas(con, scope)}
    codes = area_lsoa_codes(con, scope.area)
    names = lsoa_names(con=con)
    labels = [names.get(code) or code for code in codes]
    counts = [int(rows[code]["count"]) if code in rows else 0 for code in codes]
    fake = [int(rows[code]["synthetic_records"]) if code in rows else 0 for code in codes]
    return labels, counts, fake


def _concentration(con: WarehouseReader, scope: Scope) -> tuple[Any, list[int]] | None:
    labels, counts, fake = _lsoa_counts(con, scope)
    try:
        return concentration_measure(counts=counts, labels=labels, top_n=TOP_PLACES, top_percents=TOP_PERCENTS), fake
    except HotspotError:
        return None


def concentration_top(con: WarehouseReader, scope: Scope) -> list[Row]:
    """The LSOAs with the most records, with each one's share and the cumulative share of the area's records."""
    found = _concentration(con, scope)
    if found is None:
        return []
    result, _ = found
    rows = []
    for rank, (label, count, cumulative) in enumerate(result.top, start=1):
        rows.append(
            {
                "rank": rank,
                "lsoa_name": label,
                "count": count,
                "share_pct": round(100.0 * count / result.records, 1),
                "cumulative_pct": round(100.0 * cumulative, 1),
            }
        )
    return rows


def concentration_summary(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Share of the area's records in the busiest 1, 5, 10, 20 and 50% of its LSOAs, and the Gini coefficient."""
    found = _concentration(con, scope)
    if found is None:
        return []
    result, fake = found
    rows = []
    for percent, share in result.shares.items():
        places = max(1, math.ceil(result.places * percent / 100))  # as concentration_measure counts them
        rows.append(
            {
                "measure": f"Busiest {percent:g}% of LSOAs",
                "places": places,
                "records": round(share * result.records),
                "value": round(100.0 * share, 1),
                "unit": "% of records",
                "synthetic_records": None,
            }
        )
    rows.append(
        {
            "measure": "Gini coefficient",
            "places": result.places,
            "records": result.records,
            "value": round(result.gini, 3),
            "unit": "0 = even, 1 = all in one place",
            "synthetic_records": sum(fake),
        }
    )
    return rows


def concentration_curve(con: WarehouseReader, scope: Scope) -> list[Row]:
    """The concentration (Lorenz) curve: cumulative % of records against cumulative % of LSOAs, busiest first."""
    found = _concentration(con, scope)
    if found is None:
        return []
    result, _ = found
    return [
        {"places_pct": round(100.0 * float(p), 2), "records_pct": round(100.0 * float(r), 2)}
        for p, r in zip(result.lorenz_places, result.lorenz_records, strict=True)
    ]


def _offence_where(scope: Scope) -> tuple[str, str, list[Any]]:
    """(FROM, WHERE, params) of the offence records of the scope's area and period."""
    area = scope.area
    params: list[Any] = [scope.period.start, scope.period.end]
    if area.kind == "custom":
        source = (
            "offence o JOIN custom_area_record r ON r.record_table = 'offence' AND r.record_id = o.record_id "
            "AND r.area_id = ?"
        )
        return source, "o.month BETWEEN ? AND ?", [int(area.code), *params]
    return "offence o", f"o.{_COLUMN_FOR_KIND[area.kind]} = ? AND o.month BETWEEN ? AND ?", [area.code, *params]


def week_hour(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Offences by day of the week and hour of the day (local time, Europe/London) from the offence extract;
    with the night-time-economy filter, only offences inside that window."""
    source, where, params = _offence_where(scope)
    rows = con.tuples(
        f"""SELECT date_trunc('hour', timezone('Europe/London', o.occurred_at)) AS hour, count(*),
                   count(*) FILTER (WHERE o.synthetic)
            FROM {source} WHERE {where} AND o.occurred_at IS NOT NULL GROUP BY 1""",  # noqa: S608
        params,
    )
    if not rows:
        return []
    hours = np.array([r[0] for r in rows], dtype="datetime64[m]")
    n = np.array([r[1] for r in rows], dtype=np.int64)
    fake = np.array([r[2] for r in rows], dtype=np.int64)
    window = WINDOWS.get(scope.filters.get("window", ""))
    if window is not None:
        keep = pattern_in_window(times=hours, window=window)
        hours, n, fake = hours[keep], n[keep], fake[keep]
    try:
        table = pattern_week_hour(times=np.repeat(hours, n))
    except PatternError:
        return []
    synthetic = pattern_week_hour(times=np.repeat(hours, fake)) if fake.sum() else np.zeros((7, 24), dtype=np.int64)
    return [
        {
            "day": day,
            **{f"h{hour:02d}": int(table[d, hour]) for hour in range(24)},
            "total": int(table[d].sum()),
            "synthetic_records": int(synthetic[d].sum()),
        }
        for d, day in enumerate(DAYS)
    ]


def seasonality(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Records per calendar month over the period's months with data (police.uk gaps are not zeros): total,
    months observed, mean per month and the seasonal index (1.00 = an average month)."""
    source, where, params = _crime_source(scope.area)
    type_sql, type_params = _crime_type_filter(scope)
    found = dict(
        con.tuples(
            f"SELECT month, sum(n) FROM {source} WHERE {where} {type_sql} AND month BETWEEN ? AND ? GROUP BY month",  # noqa: S608
            [*params, *type_params, scope.period.start, scope.period.end],
        )
    )
    present = set(data_months(con, source="crime"))
    months = [m for m in scope.period.month_list() if m in present]
    if not months or not any(found.values()):
        return []
    result = pattern_month_of_year(
        months=np.array(months, dtype="datetime64[M]"), counts=[int(found.get(m, 0)) for m in months]
    )
    return [
        {
            "month_name": calendar.month_name[k + 1],
            "total": int(result.total[k]),
            "months_observed": int(result.months_observed[k]),
            "mean": None if np.isnan(result.mean[k]) else round(float(result.mean[k]), 1),
            "index": None if np.isnan(result.index[k]) else round(float(result.index[k]), 2),
        }
        for k in range(12)
    ]
