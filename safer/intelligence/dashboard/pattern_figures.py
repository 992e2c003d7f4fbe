"""Concentration and time-pattern figures for a dashboard Scope: how concentrated records are in few places
(LSOAs, grid cells or police.uk street locations: top places, share in the busiest x%, Lorenz curve, Gini),
day-of-week by hour from the offence extract and month-of-year seasonality, each with the night-time-economy
window as a preset filter (then counted from the offence extract, which has times; police.uk has months only).

The analysis is the pure `hotspots.concentration` and `patterns` packages (docs/hotspots.md); this module reads
the warehouse and shapes rows for the table registry.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass

import numpy as np

from safer.intelligence.dashboard.areas import lsoa_names
from safer.intelligence.dashboard.figures import (
    Row,
    Scope,
    _crime_source,
    _crime_type_filter,
    _location_filter,
    data_months,
    map_lsoas,
)
from safer.intelligence.dashboard.hotspot_figures import (
    area_grid,
    area_lsoa_codes,
    area_points,
    offence_source,
    time_window,
    window_offences,
)
from safer.intelligence.hotspots.concentration import ConcentrationResult, concentration_measure
from safer.intelligence.hotspots.errors import HotspotError
from safer.intelligence.patterns.errors import PatternError
from safer.intelligence.patterns.nte import PRESETS, NightWindow, pattern_in_window
from safer.intelligence.patterns.seasonality import pattern_month_of_year
from safer.intelligence.patterns.week_hour import DAYS, pattern_week_hour
from safer.intelligence.warehouse import WarehouseReader

TOP_PERCENTS = (1, 5, 10, 20, 50)
TOP_PLACES = 20
# Time windows a user can choose as a filter of the time-pattern tables ("" = all times).
WINDOWS: dict[str, NightWindow] = PRESETS
# Units of place for the concentration tables ("" = LSOAs): name -> (plural label, singular label).
PLACES: dict[str, tuple[str, str]] = {
    "lsoa": ("LSOAs", "LSOA"),
    "cell": ("grid cells", "grid cell"),
    "location": ("street locations", "street location"),
}


def place_unit(scope: Scope) -> str:
    """The unit of place of the concentration tables: lsoa (the default), cell or location."""
    return scope.filters.get("place") or "lsoa"


@dataclass(frozen=True)
class PlaceCounts:
    """Every place of the area (those with no records too): labels, records and synthetic records; or, when
    they cannot be counted, the reason."""

    labels: list[str]
    counts: list[int]
    synthetic: list[int]
    reason: str = ""


def _lsoa_counts(con: WarehouseReader, scope: Scope) -> PlaceCounts:
    """Every LSOA of the area: police.uk's records, or with a time window the offence extract's inside it."""
    codes = area_lsoa_codes(con, scope.area)
    names = lsoa_names(con=con)
    if time_window(scope) is not None:
        found = {r[0]: (int(r[1]), int(r[2])) for r in window_offences(con, scope, "o.lsoa_code")}
    else:
        found = {
            row["lsoa_code"]: (int(row["count"] or 0), int(row["synthetic_records"] or 0))
            for row in map_lsoas(con, scope)
        }
    return PlaceCounts(
        labels=[names.get(code) or code for code in codes],
        counts=[found.get(code, (0, 0))[0] for code in codes],
        synthetic=[found.get(code, (0, 0))[1] for code in codes],
    )


def _cell_counts(con: WarehouseReader, scope: Scope) -> PlaceCounts:
    """Every cell of the map's grid whose centre is inside the area (same grid and cell size as the map)."""
    layout = area_grid(con, scope)
    if layout is None:
        return PlaceCounts([], [], [], "Grid cells are not drawn for a custom area; count by LSOA instead.")
    points = area_points(con, scope)
    counts = layout.frame.binned(easting=points.x, northing=points.y).counts.ravel()
    fake = layout.frame.binned(easting=points.x[points.synthetic], northing=points.y[points.synthetic]).counts.ravel()
    inside = np.flatnonzero(layout.inside.ravel())
    x, y = layout.frame.centres()
    size = layout.frame.cell_size
    return PlaceCounts(
        labels=[f"{size:,.0f} m cell centred E {x[i]:,.0f} N {y[i]:,.0f}" for i in inside.tolist()],
        counts=[int(counts[i]) for i in inside.tolist()],
        synthetic=[int(fake[i]) for i in inside.tolist()],
    )


def _location_counts(con: WarehouseReader, scope: Scope) -> PlaceCounts:
    """Every police.uk street location (anonymised map point) of the area: the points with a record in any
    month of the data, with the period's records (crime type as the scope)."""
    if time_window(scope) is not None:
        return PlaceCounts(
            [],
            [],
            [],
            "Street locations come from police.uk, which gives months only, so the night-time economy window "
            "cannot apply to them; count by LSOA or grid cell (from the offence extract's times) instead.",
        )
    where, params = _location_filter(scope.area, con)
    type_sql, type_params = _crime_type_filter(scope)
    rows = con.tuples(
        f"""SELECT location, lsoa_code, longitude, latitude,
                   coalesce(sum(n) FILTER (WHERE month BETWEEN ? AND ? {type_sql}), 0),
                   coalesce(sum(n) FILTER (WHERE month BETWEEN ? AND ? AND synthetic {type_sql}), 0)
            FROM agg_crime_location a WHERE {where} AND longitude IS NOT NULL
            GROUP BY location, lsoa_code, longitude, latitude
            ORDER BY lsoa_code, location, longitude, latitude""",  # noqa: S608
        [
            scope.period.start,
            scope.period.end,
            *type_params,
            scope.period.start,
            scope.period.end,
            *type_params,
            *params,
        ],
    )
    names = lsoa_names(con=con)
    return PlaceCounts(
        labels=[f"{r[0] or 'Unnamed point'} ({names.get(r[1] or '', r[1] or 'no LSOA')})" for r in rows],
        counts=[int(r[4]) for r in rows],
        synthetic=[int(r[5]) for r in rows],
    )


_PLACE_COUNTS = {"lsoa": _lsoa_counts, "cell": _cell_counts, "location": _location_counts}


@dataclass(frozen=True)
class _Concentration:
    result: ConcentrationResult | None
    synthetic: int
    reason: str


def _concentration(con: WarehouseReader, scope: Scope) -> _Concentration:
    key = ("concentration", place_unit(scope), scope.filters.get("window"))
    found = con.memo.get(key)
    if isinstance(found, _Concentration):
        return found
    places = _PLACE_COUNTS[place_unit(scope)](con, scope)
    if places.reason:
        found = _Concentration(None, 0, places.reason)
    else:
        try:
            result = concentration_measure(
                counts=places.counts, labels=places.labels, top_n=TOP_PLACES, top_percents=TOP_PERCENTS
            )
            found = _Concentration(result, sum(places.synthetic), "")
        except HotspotError as error:
            found = _Concentration(None, 0, str(error))
    con.memo[key] = found
    return found


def concentration_reason(con: WarehouseReader, scope: Scope) -> str:
    """Why the concentration tables have no rows ("" when they have)."""
    return _concentration(con, scope).reason


def concentration_top(con: WarehouseReader, scope: Scope) -> list[Row]:
    """The places with the most records, with each one's share and the cumulative share of the area's records."""
    result = _concentration(con, scope).result
    if result is None:
        return []
    return [
        {
            "rank": rank,
            "place": label,
            "count": count,
            "share_pct": round(100.0 * count / result.records, 1),
            "cumulative_pct": round(100.0 * cumulative, 1),
        }
        for rank, (label, count, cumulative) in enumerate(result.top, start=1)
    ]


def concentration_summary(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Share of the area's records in the busiest 1, 5, 10, 20 and 50% of its places, and the Gini coefficient."""
    found = _concentration(con, scope)
    result = found.result
    if result is None:
        return []
    plural = PLACES[place_unit(scope)][0]
    rows = []
    for percent, share in result.shares.items():
        places = max(1, math.ceil(result.places * percent / 100))  # as concentration_measure counts them
        rows.append(
            {
                "measure": f"Busiest {percent:g}% of {plural}",
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
            "synthetic_records": found.synthetic,
        }
    )
    return rows


def concentration_curve(con: WarehouseReader, scope: Scope) -> list[Row]:
    """The concentration (Lorenz) curve: cumulative % of records against cumulative % of places, busiest first."""
    result = _concentration(con, scope).result
    if result is None:
        return []
    return [
        {"places_pct": round(100.0 * float(p), 2), "records_pct": round(100.0 * float(r), 2)}
        for p, r in zip(result.lorenz_places, result.lorenz_records, strict=True)
    ]


def week_hour(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Offences by day of the week and hour of the day (local time, Europe/London) from the offence extract;
    with the night-time-economy filter, only offences inside that window."""
    source, where, params = offence_source(scope.area, scope.period)
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
    months observed, mean per month and the seasonal index (1.00 = an average month). With a time window (the
    night-time economy) the offence extract's records inside it, over the extract's months."""
    if time_window(scope) is not None:
        found = {r[0]: int(r[1]) for r in window_offences(con, scope, "o.month")}
        present = set(data_months(con, source="offence"))
    else:
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
