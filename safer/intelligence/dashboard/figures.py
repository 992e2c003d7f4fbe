"""Dashboard figures read from the pre-aggregated `agg_*` warehouse tables: one query per figure, plain rows.

Every function takes the open read-only warehouse connection and a `Scope` (area, period, comparison,
filters); the table registry (tables.py) names them, the web pages and `safer table` print them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from django.core.cache import cache

from safer.intelligence.dashboard.areas import (
    Area,
    area_children,
    area_containing,
    area_force_keys,
    area_population,
    lsoa_names,
)
from safer.intelligence.dashboard.periods import Period, month_add
from safer.intelligence.warehouse import WarehouseReader

Row = dict[str, Any]
T = TypeVar("T")
_COLUMN_FOR_KIND = {"lsoa": "lsoa_code", "district": "lad_code", "county": "county_name", "force": "pfa_name"}


@dataclass(frozen=True)
class Scope:
    """What a dashboard request asks for."""

    area: Area
    period: Period
    compare: Period
    filters: dict[str, str] = field(default_factory=dict)
    by: tuple[str, ...] = ()


def _difference(period_count: int | None, compare_count: int | None) -> tuple[int | None, float | None]:
    if period_count is None or compare_count is None:
        return None, None
    diff = period_count - compare_count
    return diff, (round(100.0 * diff / compare_count, 1) if compare_count else None)


def _rate(count: int | None, population: int | None) -> float | None:
    if count is None or not population:
        return None
    return round(1000.0 * count / population, 2)


# ---- Where the counts come from --------------------------------------------------------------------


def _lsoa_district(area: Area) -> str | None:
    """The district code of an LSOA area (set on the Area when it was found), if known."""
    return area.district_code


def _crime_source(area: Area) -> tuple[str, str, list[Any]]:
    """(FROM, WHERE, params) selecting one area's rows of the crime aggregates."""
    if area.kind == "custom":
        return "agg_crime_custom", "area_id = ?", [int(area.code)]
    if area.kind == "lsoa":
        district = _lsoa_district(area)
        if district:  # the aggregates are sorted by district first: naming it lets DuckDB skip row groups
            return "agg_crime_lsoa", "lad_code = ? AND lsoa_code = ?", [district, area.code]
        return "agg_crime_lsoa", "lsoa_code = ?", [area.code]
    return "agg_crime_lad", f"{_COLUMN_FOR_KIND[area.kind]} = ?", [area.code]


def _record_source(table: str, raw_table: str, area: Area) -> tuple[str, str, list[Any]]:
    """(FROM, WHERE, params) for the offence or ASB aggregates; custom areas read their few raw records."""
    if area.kind == "custom":
        columns = (
            "month, offence_group, serious_violence_group, victim_age_band, victim_sex, suspect_age_band, suspect_sex"
            if raw_table == "offence"
            else "month, asb_category, asb_type"
        )
        sql = (
            f"(SELECT {columns}, t.synthetic, 1 AS n FROM {raw_table} t JOIN custom_area_record r "  # noqa: S608
            f"ON r.record_table = '{raw_table}' AND r.record_id = t.record_id WHERE r.area_id = ?)"
        )
        return sql, "TRUE", [int(area.code)]
    return table, f"{_COLUMN_FOR_KIND[area.kind]} = ?", [area.code]


def _location_filter(area: Area, con: WarehouseReader) -> tuple[str, list[Any]]:
    """WHERE for agg_crime_location / agg_crime_lsoa (which carry lad_code and lsoa_code only)."""
    if area.kind == "lsoa":
        district = _lsoa_district(area)
        if district:
            return "a.lad_code = ? AND a.lsoa_code = ?", [district, area.code]
        return "a.lsoa_code = ?", [area.code]
    if area.kind == "district":
        return "a.lad_code = ?", [area.code]
    if area.kind in ("county", "force"):
        # A literal list (not a subquery) lets DuckDB skip row groups of the lad_code-sorted aggregates.
        codes = [child.code for child in area_children(area, con=con)] or [""]
        return f"a.lad_code IN ({', '.join('?' for _ in codes)})", codes
    return "FALSE", []


def _location_source(area: Area, con: WarehouseReader) -> tuple[str, str, list[Any]]:
    """(FROM, WHERE, params) for one area's rows of the location counts: a county or force reads
    agg_crime_location_force (sorted by force, then month), so it reads its force's months only."""
    where, params = _location_filter(area, con)
    if area.kind not in ("county", "force"):
        return "agg_crime_location", where, params
    keys = area_force_keys(area_children(area, con=con), con=con)
    # Literal lists again: the force keys let DuckDB skip other forces' row groups, the district codes keep
    # exactly the rows agg_crime_location would give.
    return "agg_crime_location_force", f"a.force_key IN ({', '.join('?' for _ in keys)}) AND {where}", [*keys, *params]


def _period_where(scope: Scope, *, compare: bool = True) -> tuple[str, list[Any]]:
    if not compare:
        return "month BETWEEN ? AND ?", [scope.period.start, scope.period.end]
    return "(month BETWEEN ? AND ? OR month BETWEEN ? AND ?)", [
        scope.period.start,
        scope.period.end,
        scope.compare.start,
        scope.compare.end,
    ]


@dataclass(frozen=True)
class Comparison:
    """Which months a change between the period and its comparison is computed over.

    The two periods are paired month by month (the first month of one with the first of the other...).
    When every pair has data on both sides, or on neither, the change compares the periods' totals. When
    some month has data on one side only (a month missing from police.uk, an extract that starts later),
    comparing totals would compare unlike periods, so the change is computed over the months that have
    data in both (`restricted`), and the tables say so.
    """

    period_months: tuple[date, ...]
    compare_months: tuple[date, ...]
    restricted: bool
    months_in_period: int

    def note(self) -> str | None:
        """What a table says under its change columns when the change leaves months out, else None."""
        if not self.restricted:
            return None
        if not self.period_months:
            return "No month has data in both periods, so no change is given."
        return (
            f"Difference and Difference % compare only the {len(self.period_months)} of "
            f"{self.months_in_period} months with data in both periods "
            f"({_month_span(self.period_months)} against {_month_span(self.compare_months)}); "
            "the counts are for every month with data."
        )


def _month_span(months: tuple[date, ...]) -> str:
    """'Mar 2021 to Dec 2021' style, with the months left out implied by the count beside it."""
    return months[0].strftime("%b %Y") if len(months) == 1 else f"{months[0]:%b %Y} to {months[-1]:%b %Y}"


def comparison_months(con: WarehouseReader, scope: Scope, *, source: str) -> Comparison:
    """The months a change is computed over for this scope and source (see `Comparison`)."""
    key = ("comparison", source, scope.period, scope.compare)
    if key in con.memo:
        found: Comparison = con.memo[key]
        return found
    present = set(data_months(con, source=source))
    period, compare = scope.period.month_list(), scope.compare.month_list()
    pairs = list(zip(period, compare, strict=False))
    leftover = period[len(pairs) :] + compare[len(pairs) :]
    restricted = any((p in present) != (c in present) for p, c in pairs) or any(m in present for m in leftover)
    both = [(p, c) for p, c in pairs if p in present and c in present]
    comparison = Comparison(
        period_months=tuple(p for p, _ in both),
        compare_months=tuple(c for _, c in both),
        restricted=restricted,
        months_in_period=len(period),
    )
    con.memo[key] = comparison
    return comparison


def _sums(con: WarehouseReader, scope: Scope, *, source: str) -> tuple[str, list[Any]]:
    """Select list: period count, comparison count, synthetic records in either; when the change must leave
    months out (see `Comparison`), also the counts over the months with data in both."""
    sql = (
        "sum(n) FILTER (WHERE month BETWEEN ? AND ?) AS period_count, "
        "sum(n) FILTER (WHERE month BETWEEN ? AND ?) AS compare_count, "
        "coalesce(sum(n) FILTER (WHERE synthetic), 0) AS synthetic_records"
    )
    params: list[Any] = [scope.period.start, scope.period.end, scope.compare.start, scope.compare.end]
    comparison = comparison_months(con, scope, source=source)
    if comparison.restricted:
        sql += (
            ", coalesce(sum(n) FILTER (WHERE list_contains(?::DATE[], month)), 0) AS period_matched"
            ", coalesce(sum(n) FILTER (WHERE list_contains(?::DATE[], month)), 0) AS compare_matched"
        )
        params += [list(comparison.period_months), list(comparison.compare_months)]
    return sql, params


def _change(row: Row, compare_count: int | None) -> tuple[int | None, float | None]:
    """Difference and % for a row: over the months with data in both periods when the row carries those
    counts (`_sums` adds them only when months must be left out), else over the totals."""
    if compare_count is None:
        return None, None
    if "period_matched" in row:
        return _difference(int(row["period_matched"] or 0), int(row["compare_matched"] or 0))
    return _difference(row["period_count"], compare_count)


def _crime_type_filter(scope: Scope) -> tuple[str, list[Any]]:
    crime_type = scope.filters.get("crime_type")
    return ("AND crime_type = ?", [crime_type]) if crime_type else ("", [])


# ---- Coverage and provenance ------------------------------------------------------------------------


_FACTS_CACHE: dict[tuple[Any, ...], dict[str, Any]] = {}
_AGG_TABLES = {"crime": "agg_crime_lad", "offence": "agg_offence", "asb": "agg_asb", "ae": "ae_attendance"}


def _warehouse_key(con: WarehouseReader) -> tuple[Any, ...]:
    """What identifies the warehouse's contents: its location and the aggregates' signatures and imports (read
    once per request, in the request's memo)."""
    if "warehouse_key" not in con.memo:
        row = con.one(
            "SELECT current_setting('temp_directory'), (SELECT string_agg(source || signature, '|' ORDER BY source) "
            "FROM agg_info), (SELECT count(*) FROM import_run), (SELECT max(import_id) FROM import_run)"
        )
        con.memo["warehouse_key"] = tuple(row or ())
    return con.memo["warehouse_key"]  # type: ignore[no-any-return]


def warehouse_version(con: WarehouseReader) -> str:
    """A short text that changes whenever data is imported or the aggregates are rebuilt (for cache keys of
    figures computed from the warehouse)."""
    return hashlib.sha256(repr(_warehouse_key(con)).encode()).hexdigest()[:20]


# How long a figure computed from the warehouse is kept in Django's cache (its key holds the warehouse version,
# so new data is never answered from the cache; the time only bounds the memory it holds).
FIGURE_CACHE_SECONDS = 600


def scope_key(scope: Scope, *, compare: bool = False, filters: tuple[str, ...] | None = None) -> tuple[Any, ...]:
    """What a figure of the scope depends on, as plain values for a cache key: the area, the period (and the
    comparison period with `compare`) and the filters (those named in `filters`, else every one)."""
    chosen = sorted((k, v) for k, v in scope.filters.items() if filters is None or k in filters)
    periods: tuple[date, ...] = (scope.period.start, scope.period.end)
    if compare:
        periods += (scope.compare.start, scope.compare.end)
    return (scope.area.kind, scope.area.code, *periods, tuple(chosen))


def warehouse_cached(con: WarehouseReader, parameters: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """`compute()`, kept per request (the reader's memo) and in Django's cache under the warehouse version and
    `parameters` (a tuple of plain values naming the figure and everything it depends on), so requests that ask
    for the same figure of the same data (a page and its map data, downloads, the API) compute it once."""
    memo_key = ("warehouse_cached", parameters)
    if memo_key in con.memo:
        return con.memo[memo_key]  # type: ignore[no-any-return]
    digest = hashlib.sha256(repr((warehouse_version(con), parameters)).encode()).hexdigest()
    cache_key = f"intelligence:figure:{digest}"
    found = cache.get(cache_key, _MISSING)
    if found is _MISSING:
        found = compute()
        cache.set(cache_key, found, FIGURE_CACHE_SECONDS)
    con.memo[memo_key] = found
    return found  # type: ignore[no-any-return]


_MISSING = object()


def _facts(con: WarehouseReader) -> dict[str, Any]:
    """Per-warehouse facts that change only when data is imported (cached on the aggregates' signature; the
    signature is read once per request, in the request's memo)."""
    if "facts" in con.memo:
        return dict(con.memo["facts"])
    key = _warehouse_key(con)
    facts = _FACTS_CACHE.get(key)
    if facts is None:
        facts = {"months": {}, "imports": {}}
        for source, table in _AGG_TABLES.items():
            facts["months"][source] = [
                r[0]
                for r in con.tuples(f"SELECT DISTINCT month FROM {table} ORDER BY 1")  # noqa: S608
            ]
        facts["crime_types"] = [
            str(r[0]) for r in con.tuples("SELECT DISTINCT crime_type FROM agg_crime_lad ORDER BY 1")
        ]
        if len(_FACTS_CACHE) > 8:
            _FACTS_CACHE.clear()
        _FACTS_CACHE[key] = facts
    con.memo["facts"] = facts
    return facts


def district_coverage(con: WarehouseReader, *, areas: list[Area], source: str = "crime") -> list[Row]:
    """Counties and forces among `areas` whose districts only partly have records of `source` (a partial import).

    Their counts leave out the districts with no records while their rates use the whole population, so the
    page must say so. Returns one row per such area: name, kind_label, with_data, total, missing (names).
    """
    memo = con.memo
    key = ("districts_with_data", source)
    if key not in memo:
        table = _AGG_TABLES[source]  # a fixed table name, never user input
        memo[key] = {
            str(r[0])
            for r in con.tuples(f"SELECT DISTINCT lad_code FROM {table} WHERE lad_code IS NOT NULL")  # noqa: S608
        }
    with_data: set[str] = memo[key]
    found: list[Row] = []
    for area in areas:
        if area.kind not in ("county", "force"):
            continue
        districts = area_children(area, con=con)
        covered = [d for d in districts if d.code in with_data]
        if covered and len(covered) < len(districts):
            found.append(
                {
                    "name": area.name,
                    "kind_label": area.kind_label,
                    "with_data": len(covered),
                    "total": len(districts),
                    "missing": [d.name for d in districts if d.code not in with_data],
                }
            )
    return found


def data_months(con: WarehouseReader, *, source: str) -> list[date]:
    """Months present in a source's aggregates (crime, offence or asb), oldest first."""
    return list(_facts(con)["months"][source])


def latest_month(con: WarehouseReader, *, source: str = "crime") -> date | None:
    """The latest month with data in a source."""
    months = _facts(con)["months"][source]
    return months[-1] if months else None


def latest_import(con: WarehouseReader, *, kinds: tuple[str, ...]) -> Row:
    """When data of these import kinds was last loaded (the "date of extract" on definitions)."""
    imports = _facts(con)["imports"]
    if kinds not in imports:
        # epoch seconds, not TIMESTAMPTZ: fetching time zones needs pytz, which DuckDB does not bring.
        row = con.rows(
            "SELECT epoch(max(started_at)) AS imported_at, count(*) AS imports FROM import_run "
            "WHERE kind IN (SELECT unnest(?))",
            [list(kinds)],
        )[0]
        if row["imported_at"] is not None:
            row["imported_at"] = datetime.fromtimestamp(float(row["imported_at"]), tz=UTC)
        imports[kinds] = row
    return dict(imports[kinds])


def busiest_district(con: WarehouseReader) -> str | None:
    """The code of the district with the most crime records (the dashboard's default area)."""
    row = con.one("SELECT lad_code FROM agg_crime_lad GROUP BY lad_code ORDER BY sum(n) DESC LIMIT 1")
    return str(row[0]) if row and row[0] else None


def crime_types(con: WarehouseReader) -> list[str]:
    """Crime types present in the data, for the filter."""
    return list(_facts(con)["crime_types"])


# ---- Crime tables -----------------------------------------------------------------------------------


def crime_change_by_type(con: WarehouseReader, *, area: Area, scope: Scope) -> list[Row]:
    """One area's counts by crime type for the period and comparison, with an "All crime" row first."""
    return crime_change_by_type_for(con, areas=[area], scope=scope)[0]


def crime_change_by_type_for(con: WarehouseReader, *, areas: list[Area], scope: Scope) -> list[list[Row]]:
    """Counts by crime type for several areas in one query, each list with an "All crime" row first."""
    memo = con.memo
    key = ("change", tuple(areas), scope.period, scope.compare, tuple(sorted(scope.filters.items())))
    if key in memo:
        return [[dict(r) for r in rows] for rows in memo[key]]
    sums, sum_params = _sums(con, scope, source="crime")
    months, month_params = _period_where(scope)
    type_sql, type_params = _crime_type_filter(scope)
    parts, params = [], []
    for index, area in enumerate(areas):
        source, where, where_params = _crime_source(area)
        parts.append(
            f"SELECT {index} AS area_index, crime_type, {sums} FROM {source} "  # noqa: S608
            f"WHERE {where} AND {months} {type_sql} GROUP BY crime_type"
        )
        params += [*sum_params, *where_params, *month_params, *type_params]
    every = con.rows(" UNION ALL ".join(parts) + " ORDER BY area_index, crime_type", params)
    result: list[list[Row]] = [[] for _ in areas]
    for row in every:
        result[row.pop("area_index")].append(row)
    filtered = bool(scope.filters.get("crime_type"))
    for rows in result:
        for row in rows:
            row["period_count"] = row["period_count"] or 0
            row["compare_count"] = row["compare_count"] or 0
        if not filtered:
            total: Row = {"crime_type": "All crime", "period_count": 0, "compare_count": 0, "synthetic_records": 0}
            summed = ["period_count", "compare_count", "synthetic_records"]
            if rows and "period_matched" in rows[0]:
                summed += ["period_matched", "compare_matched"]
                total.update(period_matched=0, compare_matched=0)
            for row in rows:
                for column in summed:
                    total[column] += row[column] or 0
            rows.insert(0, total)
    memo[key] = result
    return [[dict(r) for r in rows] for rows in result]


def headline(con: WarehouseReader, scope: Scope, *, compare_has_data: bool = True) -> list[Row]:
    """The published headline figures: each crime type in the area and in each area containing it (one row
    per crime type and area, every area given every crime type), period vs comparison, rates."""
    chain = [scope.area, *area_containing(scope.area, con=con)]
    per_area = crime_change_by_type_for(con, areas=chain, scope=scope)
    names = sorted({row["crime_type"] for rows in per_area for row in rows}, key=lambda n: (n != "All crime", n))
    result = []
    for area, area_rows in zip(chain, per_area, strict=True):
        population = area_population(area, con=con)
        found = {row["crime_type"]: row for row in area_rows}
        for name in names:
            # a crime type recorded in the county but not in the district is 0 there, not missing
            row = found.get(name) or {"crime_type": name, "period_count": 0, "compare_count": 0, "synthetic_records": 0}
            compare_count = row["compare_count"] if compare_has_data else None
            diff, pct = _change(row, compare_count)
            result.append(
                {
                    "crime_type": name,
                    "area": area.name,
                    "area_type": area.kind_label,
                    "compare_count": compare_count,
                    "period_count": row["period_count"],
                    "difference": diff,
                    "difference_pct": pct,
                    "population": population,
                    "compare_rate": _rate(compare_count, population),
                    "period_rate": _rate(row["period_count"], population),
                    "synthetic_records": row["synthetic_records"],
                }
            )
    return sorted(result, key=lambda row: names.index(row["crime_type"]))


def crime_type_breakdown(con: WarehouseReader, scope: Scope, *, compare_has_data: bool = True) -> list[Row]:
    """The area's crime types with change and share of all crime."""
    chain = [scope.area, *area_containing(scope.area, con=con)]  # the headline's query, so memoised
    rows = crime_change_by_type_for(con, areas=chain, scope=scope)[0]
    total = sum(row["period_count"] for row in rows if row["crime_type"] != "All crime") or 0
    result = []
    for row in rows:
        compare_count = row["compare_count"] if compare_has_data else None
        diff, pct = _change(row, compare_count)
        result.append(
            {
                "crime_type": row["crime_type"],
                "compare_count": compare_count,
                "period_count": row["period_count"],
                "difference": diff,
                "difference_pct": pct,
                "share_pct": round(100.0 * row["period_count"] / total, 1) if total else None,
                "synthetic_records": row["synthetic_records"],
            }
        )
    return result


def crime_counts(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Counts for the period, broken down by any of month, crime_type and area (the next level down)."""
    by = [b for b in scope.by if b in ("month", "crime_type", "area")]
    area = scope.area
    if "area" in by and area.kind in ("force", "county"):
        source, where, params = _crime_source(area)
        area_col, name_sql = "lad_code", "(SELECT any_value(lad_name) FROM lsoa l WHERE l.lad_code = a.lad_code)"
    elif "area" in by and area.kind == "district":
        source, (where, params) = "agg_crime_lsoa", _location_filter(area, con)
        area_col, name_sql = "lsoa_code", "(SELECT any_value(lsoa_name) FROM lsoa l WHERE l.lsoa_code = a.lsoa_code)"
    else:
        source, where, params = _crime_source(area)
        area_col, name_sql = "", ""
    months, month_params = _period_where(scope, compare=False)
    type_sql, type_params = _crime_type_filter(scope)
    keys = []
    if "month" in by:
        keys.append("strftime(month, '%Y-%m') AS month")
    if "crime_type" in by:
        keys.append("crime_type")
    if area_col:
        keys.append(f"{area_col} AS area_code")
    select_keys = ", ".join(keys)
    inner = (
        f"SELECT {select_keys + ', ' if keys else ''}sum(n) AS count, "  # noqa: S608
        f"coalesce(sum(n) FILTER (WHERE synthetic), 0) AS synthetic_records FROM {source} a "
        f"WHERE {where} AND {months} {type_sql} {'GROUP BY ALL' if keys else ''}"
    )
    if area_col:
        inner = inner.replace(f"{area_col} AS area_code", f"{area_col} AS area_code, {name_sql} AS area_name")
    order = ", ".join(str(i + 1) for i in range(len(keys))) or "1"
    rows = con.rows(f"{inner} ORDER BY {order}", [*params, *month_params, *type_params])
    if not keys and rows and rows[0]["count"] is None:
        rows[0]["count"] = 0
    if area_col:
        for row in rows:  # put the name next to the code
            row["area_name"] = row.pop("area_name")
    return rows


def _monthly(
    con: WarehouseReader, scope: Scope, *, source: str, where: str, params: list[Any], value_sql: str
) -> list[Row]:
    """Monthly values for the period and the 11 months before (for the rolling 12)."""
    start = month_add(scope.period.start, -11)
    return con.rows(
        f"SELECT month, {value_sql} FROM {source} WHERE {where} AND month BETWEEN ? AND ? GROUP BY month",  # noqa: S608
        [*params, start, scope.period.end],
    )


def _rolling(months: list[date], values: dict[date, int], present: set[date], month: date) -> int | None:
    window = [month_add(month, -i) for i in range(12)]
    if not all(m in present for m in window):
        return None
    return sum(values.get(m, 0) for m in window)


def crime_trend(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Monthly counts with the 12-month rolling total and its monthly average (None where a month is missing)."""
    source, where, params = _crime_source(scope.area)
    type_sql, type_params = _crime_type_filter(scope)
    rows = _monthly(
        con,
        scope,
        source=source,
        where=f"{where} {type_sql}",
        params=[*params, *type_params],
        value_sql="sum(n) AS count, coalesce(sum(n) FILTER (WHERE synthetic), 0) AS synthetic_records",
    )
    values = {row["month"]: int(row["count"]) for row in rows}
    synthetic = {row["month"]: int(row["synthetic_records"]) for row in rows}
    present = set(data_months(con, source="crime"))
    result = []
    for month in scope.period.month_list():
        rolling = _rolling(scope.period.month_list(), values, present, month)
        result.append(
            {
                "month": f"{month:%Y-%m}",
                "count": values.get(month, 0) if month in present else None,
                "rolling_12": rolling,
                "rolling_12_mean": round(rolling / 12, 1) if rolling is not None else None,
                "synthetic_records": synthetic.get(month, 0),
            }
        )
    return result


def district_comparison(con: WarehouseReader, scope: Scope, *, compare_has_data: bool = True) -> list[Row]:
    """The districts of the county (or force) around the area, side by side, counts and per 1,000."""
    area = scope.area
    chain = [area, *area_containing(area, con=con)]
    container = next((a for a in chain if a.kind in ("county", "force")), None)
    if container is None:
        return []
    column = _COLUMN_FOR_KIND[container.kind]
    sums, sum_params = _sums(con, scope, source="crime")
    months, month_params = _period_where(scope)
    type_sql, type_params = _crime_type_filter(scope)
    counts = {
        row["lad_code"]: row
        for row in con.rows(
            f"SELECT lad_code, {sums} FROM agg_crime_lad WHERE {column} = ? AND {months} {type_sql} "  # noqa: S608
            "GROUP BY lad_code",
            [*sum_params, container.code, *month_params, *type_params],
        )
    }
    rows = [
        {
            "district": district.name,
            "lad_code": district.code,
            "population": area_population(district, con=con),
            **counts.get(district.code, {"period_count": None, "compare_count": None, "synthetic_records": 0}),
        }
        for district in area_children(container, con=con)
    ]
    result = []
    for row in rows:
        period_count = row["period_count"] or 0
        compare_count = (row["compare_count"] or 0) if compare_has_data else None
        diff, pct = _change({**row, "period_count": period_count}, compare_count)
        population = int(row["population"]) if row["population"] is not None else None
        result.append(
            {
                "district": row["district"],
                "lad_code": row["lad_code"],
                "compare_count": compare_count,
                "period_count": period_count,
                "difference": diff,
                "difference_pct": pct,
                "population": population,
                "compare_rate": _rate(compare_count, population),
                "period_rate": _rate(period_count, population),
                "synthetic_records": row["synthetic_records"],
            }
        )
    return result


def repeat_locations(con: WarehouseReader, scope: Scope, *, limit: int = 20) -> list[Row]:
    """The locations (police.uk's anonymised map points) with the most records in the period."""
    source, where, params = _location_source(scope.area, con)
    months, month_params = _period_where(scope, compare=False)
    type_sql, type_params = _crime_type_filter(scope)
    rows = con.rows(
        f"""SELECT location, a.lsoa_code, sum(n) AS count,
                   coalesce(sum(n) FILTER (WHERE synthetic), 0) AS synthetic_records,
                   round(any_value(latitude), 5) AS latitude, round(any_value(longitude), 5) AS longitude
            FROM {source} a
            WHERE {where} AND {months} {type_sql}
            GROUP BY location, a.lsoa_code
            ORDER BY count DESC, location, a.lsoa_code LIMIT ?""",  # noqa: S608
        [*params, *month_params, *type_params, limit],
    )
    names = lsoa_names(con=con)
    return [
        {"rank": rank, **row, "lsoa_name": names.get(row["lsoa_code"] or "", row["lsoa_code"])}
        for rank, row in enumerate(rows, start=1)
    ]


def map_lsoas(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Counts and rates per LSOA with the LSOA's centroid (mean record coordinates), for the map (computed once
    per warehouse version, area, period and crime type; the rows are shared, read-only)."""
    parameters = ("map_lsoas", *scope_key(scope, filters=("crime_type",)))
    return warehouse_cached(con, parameters, lambda: _map_lsoas(con, scope))


def _map_lsoas(con: WarehouseReader, scope: Scope) -> list[Row]:
    where, params = _location_filter(scope.area, con)
    months, month_params = _period_where(scope, compare=False)
    type_sql, type_params = _crime_type_filter(scope)
    rows = con.rows(
        f"""SELECT a.lsoa_code, any_value(l.lsoa_name) AS lsoa_name, sum(n) AS count,
                   any_value(l.population) AS population,
                   round(any_value(c.latitude), 5) AS latitude, round(any_value(c.longitude), 5) AS longitude,
                   coalesce(sum(n) FILTER (WHERE synthetic), 0) AS synthetic_records
            FROM agg_crime_lsoa a LEFT JOIN lsoa l ON l.lsoa_code = a.lsoa_code
            LEFT JOIN agg_lsoa_centroid c ON c.lsoa_code = a.lsoa_code
            WHERE {where} AND {months} {type_sql} GROUP BY a.lsoa_code ORDER BY a.lsoa_code""",  # noqa: S608
        [*params, *month_params, *type_params],
    )
    for row in rows:
        row["rate"] = _rate(row["count"], row["population"])
    return rows


def map_points(con: WarehouseReader, scope: Scope, *, limit: int = 20_000) -> list[Row]:
    """Records grouped on police.uk's anonymised map points, busiest first (for clustered markers)."""
    source, where, params = _location_source(scope.area, con)
    months, month_params = _period_where(scope, compare=False)
    type_sql, type_params = _crime_type_filter(scope)
    return con.rows(
        f"""SELECT round(latitude, 5) AS latitude, round(longitude, 5) AS longitude, any_value(location) AS location,
                   sum(n) AS count, coalesce(sum(n) FILTER (WHERE synthetic), 0) AS synthetic_records
            FROM {source} a WHERE {where} AND {months} {type_sql}
            GROUP BY latitude, longitude ORDER BY count DESC LIMIT ?""",  # noqa: S608
        [*params, *month_params, *type_params, limit],
    )


def custom_areas(con: WarehouseReader) -> list[Row]:
    """Every user-drawn area with its GeoJSON, for the map."""
    return con.rows("SELECT area_id, name, geojson FROM custom_area ORDER BY name", [])


# ---- ASB and serious violence -----------------------------------------------------------------------


def asb_by_type(con: WarehouseReader, scope: Scope, *, compare_has_data: bool = True) -> list[Row]:
    """Partner ASB incidents by category and type, period vs comparison."""
    source, where, params = _record_source("agg_asb", "asb_incident", scope.area)
    sums, sum_params = _sums(con, scope, source="asb")
    months, month_params = _period_where(scope)
    rows = con.rows(
        f"SELECT asb_category, coalesce(asb_type, '(not given)') AS asb_type, {sums} FROM {source} "  # noqa: S608
        f"WHERE {where} AND {months} GROUP BY ALL ORDER BY 1, 2",
        [*sum_params, *params, *month_params],
    )
    for row in rows:
        row["period_count"] = row["period_count"] or 0
        row["compare_count"] = (row["compare_count"] or 0) if compare_has_data else None
        row["difference"], row["difference_pct"] = _change(row, row["compare_count"])
        row.pop("period_matched", None), row.pop("compare_matched", None)
        row["synthetic_records"] = row.pop("synthetic_records")
    return rows


def serious_violence_monthly(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Group 1 and Group 2 serious violence by month, rolling 12-month totals and rolling rates per 1,000."""
    source, where, params = _record_source("agg_offence", "offence", scope.area)
    rows = _monthly(
        con,
        scope,
        source=source,
        where=where,
        params=params,
        value_sql="coalesce(sum(n) FILTER (WHERE serious_violence_group = 1), 0) AS g1, "
        "coalesce(sum(n) FILTER (WHERE serious_violence_group = 2), 0) AS g2, "
        "coalesce(sum(n) FILTER (WHERE synthetic AND serious_violence_group IS NOT NULL), 0) AS synthetic_records",
    )
    population = area_population(scope.area, con=con)
    g1 = {row["month"]: int(row["g1"]) for row in rows}
    g2 = {row["month"]: int(row["g2"]) for row in rows}
    synthetic = {row["month"]: int(row["synthetic_records"]) for row in rows}
    present = set(data_months(con, source="offence"))
    months = scope.period.month_list()
    result = []
    for month in months:
        roll1 = _rolling(months, g1, present, month)
        roll2 = _rolling(months, g2, present, month)
        result.append(
            {
                "month": f"{month:%Y-%m}",
                "group_1": g1.get(month, 0) if month in present else None,
                "group_2": g2.get(month, 0) if month in present else None,
                "group_1_rolling_12": roll1,
                "group_2_rolling_12": roll2,
                "group_1_rate_rolling_12": _rate(roll1, population),
                "group_2_rate_rolling_12": _rate(roll2, population),
                "synthetic_records": synthetic.get(month, 0),
            }
        )
    return result


def serious_violence_summary(con: WarehouseReader, scope: Scope, *, compare_has_data: bool = True) -> list[Row]:
    """Group 1 and Group 2 for the area and the areas containing it: period vs comparison, per 1,000."""
    result = []
    sums, sum_params = _sums(con, scope, source="offence")
    months, month_params = _period_where(scope)
    for area in [scope.area, *area_containing(scope.area, con=con)]:
        source, where, params = _record_source("agg_offence", "offence", area)
        population = area_population(area, con=con)
        counts = {
            row["serious_violence_group"]: row
            for row in con.rows(
                f"SELECT serious_violence_group, {sums} FROM {source} WHERE {where} AND {months} "  # noqa: S608
                "AND serious_violence_group IS NOT NULL GROUP BY 1",
                [*sum_params, *params, *month_params],
            )
        }
        for group in (1, 2):
            row = counts.get(group, {})
            period_count = row.get("period_count") or 0
            compare_count = (row.get("compare_count") or 0) if compare_has_data else None
            diff, pct = _change({**row, "period_count": period_count}, compare_count)
            result.append(
                {
                    "group": f"Group {group}",
                    "area": area.name,
                    "area_type": area.kind_label,
                    "compare_count": compare_count,
                    "period_count": period_count,
                    "difference": diff,
                    "difference_pct": pct,
                    "population": population,
                    "compare_rate": _rate(compare_count, population),
                    "period_rate": _rate(period_count, population),
                    "synthetic_records": row.get("synthetic_records") or 0,
                }
            )
    return sorted(result, key=lambda r: r["group"])


def youth_group(age_band: str | None) -> str:
    """Youth focus of the Serious Violence Duty: "Under 18", "18-24", "25 and over" or "Unknown"."""
    if not age_band or age_band.strip().lower() in ("unknown", ""):
        return "Unknown"
    numbers = [int(n) for n in re.findall(r"\d+", age_band)]
    if "under" in age_band.lower() or (numbers and max(numbers) < 18):
        return "Under 18"
    if numbers and min(numbers) >= 18 and max(numbers) <= 24:
        return "18-24"
    return "25 and over"


def serious_violence_people(con: WarehouseReader, scope: Scope, *, party: str, by: str) -> list[Row]:
    """Serious violence in the period by victim or suspect age band or sex, Group 1 and Group 2."""
    if party not in ("victim", "suspect") or by not in ("age_band", "sex"):
        raise ValueError(f"party must be victim or suspect and by age_band or sex, not {party!r}/{by!r}")
    source, where, params = _record_source("agg_offence", "offence", scope.area)
    months, month_params = _period_where(scope, compare=False)
    column = f"{party}_{by}"
    rows = con.rows(
        f"""SELECT coalesce({column}, 'unknown') AS value,
                   coalesce(sum(n) FILTER (WHERE serious_violence_group = 1), 0) AS group_1,
                   coalesce(sum(n) FILTER (WHERE serious_violence_group = 2), 0) AS group_2,
                   coalesce(sum(n) FILTER (WHERE synthetic), 0) AS synthetic_records
            FROM {source} WHERE {where} AND {months} AND serious_violence_group IS NOT NULL
            GROUP BY 1 ORDER BY 1""",  # noqa: S608
        [*params, *month_params],
    )
    total = sum(r["group_1"] + r["group_2"] for r in rows)
    result = []
    for row in rows:
        both = row["group_1"] + row["group_2"]
        entry: Row = {"party": party, by: row["value"]}
        if by == "age_band":
            entry["youth_group"] = youth_group(row["value"])
        entry.update(
            {
                "group_1": row["group_1"],
                "group_2": row["group_2"],
                "total": both,
                "share_pct": round(100.0 * both / total, 1) if total else None,
                "synthetic_records": row["synthetic_records"],
            }
        )
        result.append(entry)
    return result
