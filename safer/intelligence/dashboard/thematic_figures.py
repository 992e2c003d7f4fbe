"""Thematic SIA figures from the offence-level extract: domestic abuse, hate crime, rape, knife crime, alcohol,
youth, repeat victims and suspects, the local serious-violence definition; and ASB by category.

Read from the record tables (the flags and people columns are not in the aggregates), restricted to the area
and months asked for, one query per figure. The table registry (tables.py) names them. Counts are offences
(one victim and at most one suspect per offence as the extract records them), except where a table counts
distinct people by their pseudonymous reference; references are only ever counted, never returned.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from safer.intelligence.dashboard.areas import Area, area_containing
from safer.intelligence.dashboard.figures import (
    _COLUMN_FOR_KIND,
    Row,
    Scope,
    _change,
    _record_source,
    _sums,
    data_months,
)
from safer.intelligence.dashboard.periods import Period, period_year_earlier
from safer.intelligence.sources.schemas import AGE_BANDS, ASB_CATEGORIES, ETHNICITIES, HATE_STRANDS
from safer.intelligence.warehouse import WarehouseReader

RAPE_CODES = ("19C", "19D", "19E", "19F", "19G", "19H")
NOT_RECORDED = "Not recorded"


def records_source(table: str, area: Area) -> tuple[str, str, list[Any]]:
    """(FROM, WHERE, params) selecting one area's rows of a record table (alias `o`); custom areas by tag."""
    if area.kind == "custom":
        return (
            f"{table} o JOIN custom_area_record r ON r.record_table = '{table}' AND r.record_id = o.record_id",
            "r.area_id = ?",
            [int(area.code)],
        )
    return f"{table} o", f"o.{_COLUMN_FOR_KIND[area.kind]} = ?", [area.code]


def area_chain(con: WarehouseReader, scope: Scope) -> list[Area]:
    return [scope.area, *area_containing(scope.area, con=con)]


def period_params(period: Period) -> list[Any]:
    return [period.start, period.end]


def change_by(
    con: WarehouseReader,
    scope: Scope,
    *,
    table: str,
    area: Area,
    key_sql: str,
    condition: str,
    params: Sequence[Any] = (),
    compare_has_data: bool,
    source: str = "offence",
) -> dict[Any, Row]:
    """{key: period, comparison, difference (like for like, see figures.Comparison), synthetic} for one area."""
    from_sql, where, where_params = records_source(table, area)
    sums, sum_params = _sums(con, scope, source=source)
    inner = (
        f"SELECT {key_sql} AS key, o.month, o.synthetic, 1 AS n FROM {from_sql} "  # noqa: S608
        f"WHERE {where} AND {condition} AND (o.month BETWEEN ? AND ? OR o.month BETWEEN ? AND ?)"
    )
    rows = con.rows(
        f"SELECT key, {sums} FROM ({inner}) GROUP BY key",  # noqa: S608
        [*sum_params, *where_params, *params, *period_params(scope.period), *period_params(scope.compare)],
    )
    result: dict[Any, Row] = {}
    for row in rows:
        result[row["key"]] = change_row(row, compare_has_data)
    return result


def change_row(row: Row | None, compare_has_data: bool) -> Row:
    row = dict(row or {})
    period_count = int(row.get("period_count") or 0)
    compare_count = int(row.get("compare_count") or 0) if compare_has_data else None
    difference, pct = _change({**row, "period_count": period_count}, compare_count)
    base = None if compare_count is None else int(row.get("compare_matched", compare_count) or 0)
    return {
        "_base": base,  # what the difference is a change from (like for like); not a column
        "compare_count": compare_count,
        "period_count": period_count,
        "difference": difference,
        "difference_pct": pct,
        "synthetic_records": int(row.get("synthetic_records") or 0),
    }


def percent_of(part: int | None, whole: int | None) -> float | None:
    return round(100.0 * part / whole, 1) if part is not None and whole else None


# ---- Domestic abuse ---------------------------------------------------------------------------------


def years_back(period: Period, count: int = 4) -> list[Period]:
    """The `count` periods before `period`, each 12 months earlier than the next, oldest first."""
    periods = [period]
    for _ in range(count):
        periods.insert(0, period_year_earlier(periods[0]))
    return periods[:-1]


def domestic_abuse_years(con: WarehouseReader, scope: Scope) -> list[Row]:
    """DA-flagged offences in five 12-month periods ending with the chosen one, for the area and its containers."""
    periods = [*years_back(scope.period), scope.period]
    present = set(data_months(con, source="offence"))
    covered = [any(m in present for m in p.month_list()) for p in periods]
    result = []
    for area in area_chain(con, scope):
        from_sql, where, params = records_source("offence", area)
        counts = ", ".join(f"count(*) FILTER (WHERE o.month BETWEEN ? AND ?) AS c{i}" for i in range(len(periods)))
        row = con.one(
            f"SELECT {counts}, count(*) FILTER (WHERE o.synthetic) FROM {from_sql} "  # noqa: S608
            f"WHERE {where} AND o.domestic_abuse AND o.month BETWEEN ? AND ?",
            [*(d for p in periods for d in period_params(p)), *params, periods[0].start, periods[-1].end],
        )
        values = [int(row[i]) if row and covered[i] else None for i in range(len(periods))]
        difference = values[-1] - values[-2] if values[-1] is not None and values[-2] is not None else None
        result.append(
            {
                "area": area.name,
                "area_type": area.kind_label,
                **{f"year_{len(periods) - 1 - i}": values[i] for i in range(len(periods) - 1)},
                "period_count": values[-1],
                "difference": difference,
                "difference_pct": percent_of(difference, values[-2]),
                "synthetic_records": int(row[-1]) if row else 0,
            }
        )
    return result


def domestic_abuse_victims(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Victims of DA-flagged offences in the period by age band (rows) and sex (columns)."""
    from_sql, where, params = records_source("offence", scope.area)
    rows = con.tuples(
        f"""SELECT coalesce(nullif(o.victim_age_band, 'unknown'), '{NOT_RECORDED}'),
                   coalesce(nullif(o.victim_sex, 'unknown'), '{NOT_RECORDED}'), count(*),
                   count(*) FILTER (WHERE o.synthetic)
            FROM {from_sql} WHERE {where} AND o.domestic_abuse AND o.month BETWEEN ? AND ?
            GROUP BY 1, 2""",  # noqa: S608
        [*params, *period_params(scope.period)],
    )
    bands = [b for b in AGE_BANDS if b != "unknown"] + [NOT_RECORDED]
    table = {band: {"female": 0, "male": 0, NOT_RECORDED: 0, "synthetic": 0} for band in bands}
    for band, sex, n, synthetic in rows:
        table[band][sex] += int(n)
        table[band]["synthetic"] += int(synthetic)
    total = sum(int(r[2]) for r in rows)
    result = []
    for band in [*bands, "All"]:
        cells = (
            table[band]
            if band != "All"
            else {k: sum(t[k] for t in table.values()) for k in ("female", "male", NOT_RECORDED, "synthetic")}
        )
        count = cells["female"] + cells["male"] + cells[NOT_RECORDED]
        result.append(
            {
                "age_band": band,
                "female": cells["female"],
                "male": cells["male"],
                "sex_not_recorded": cells[NOT_RECORDED],
                "total": count,
                "share_pct": percent_of(count, total),
                "synthetic_records": cells["synthetic"],
            }
        )
    return result


def domestic_abuse_repeat(con: WarehouseReader, scope: Scope) -> list[Row]:
    """DA victims (distinct victim_ref) in the period and the share victimised 2+ and 3+ times."""
    result = []
    for area in area_chain(con, scope):
        from_sql, where, params = records_source("offence", area)
        row = con.one(
            f"""WITH da AS (SELECT o.victim_ref, o.synthetic FROM {from_sql}
                    WHERE {where} AND o.domestic_abuse AND o.month BETWEEN ? AND ?),
                 people AS (SELECT victim_ref, count(*) AS n FROM da WHERE victim_ref IS NOT NULL GROUP BY 1)
                SELECT (SELECT count(*) FROM da), (SELECT count(*) FROM da WHERE victim_ref IS NOT NULL),
                       (SELECT count(*) FROM people), (SELECT count(*) FROM people WHERE n >= 2),
                       (SELECT count(*) FROM people WHERE n >= 3), (SELECT count(*) FROM da WHERE synthetic)""",  # noqa: S608
            [*params, *period_params(scope.period)],
        )
        offences, with_ref, victims, two, three, synthetic = (int(v or 0) for v in (row or (0,) * 6))
        known = with_ref > 0
        note = ""
        if offences and not known:
            note = "The offence extract gives no victim_ref for these offences, so repeat victims cannot be counted."
        elif with_ref < offences:
            note = f"{offences - with_ref:,} of {offences:,} offences have no victim_ref and are left out."
        result.append(
            {
                "area": area.name,
                "area_type": area.kind_label,
                "da_offences": offences,
                "offences_with_ref": with_ref,
                "victims": victims if known else None,
                "victims_2_plus": two if known else None,
                "victims_2_plus_pct": percent_of(two, victims) if known else None,
                "victims_3_plus": three if known else None,
                "victims_3_plus_pct": percent_of(three, victims) if known else None,
                "note": note,
                "synthetic_records": synthetic,
            }
        )
    return result


# ---- Hate crime, rape, knife crime, alcohol ---------------------------------------------------------

HATE_SQL = "o.hate_strand IS NOT NULL AND o.hate_strand <> 'none'"
_STRANDS = [s for s in HATE_STRANDS if s != "none"]


def hate_strands(con: WarehouseReader, scope: Scope, *, compare_has_data: bool = True) -> list[Row]:
    """Hate crime by strand with change; an offence with several strands counts once in each, once in All."""
    by_strand = change_by(
        con,
        scope,
        table="offence",
        area=scope.area,
        key_sql="unnest(string_split(o.hate_strand, ';'))",
        condition=HATE_SQL,
        compare_has_data=compare_has_data,
    )
    every = change_by(
        con,
        scope,
        table="offence",
        area=scope.area,
        key_sql="'All hate crime'",
        condition=HATE_SQL,
        compare_has_data=compare_has_data,
    )
    rows = [{"strand": "All hate crime", **every.get("All hate crime", change_row(None, compare_has_data))}]
    rows += [{"strand": s, **by_strand.get(s, change_row(None, compare_has_data))} for s in _STRANDS]
    return rows


def hate_victims(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Hate crime victims in the period by strand, with victim sex and ethnicity (columns)."""
    from_sql, where, params = records_source("offence", scope.area)
    rows = con.rows(
        f"""SELECT strand, sex, ethnicity, count(*) AS n, count(*) FILTER (WHERE synthetic) AS synthetic
            FROM (SELECT unnest(string_split(o.hate_strand, ';')) AS strand,
                         coalesce(nullif(o.victim_sex, 'unknown'), 'not recorded') AS sex,
                         coalesce(o.victim_ethnicity, 'not stated') AS ethnicity, o.synthetic
                  FROM {from_sql} WHERE {where} AND {HATE_SQL} AND o.month BETWEEN ? AND ?)
            GROUP BY ALL""",  # noqa: S608
        [*params, *period_params(scope.period)],
    )
    result = []
    for strand in _STRANDS:
        mine = [r for r in rows if r["strand"] == strand]
        entry: Row = {"strand": strand}
        for sex in ("female", "male", "not recorded"):
            entry[f"sex_{sex.replace(' ', '_')}"] = sum(r["n"] for r in mine if r["sex"] == sex)
        for ethnicity in ETHNICITIES:
            entry[f"ethnicity_{ethnicity.replace(' ', '_')}"] = sum(r["n"] for r in mine if r["ethnicity"] == ethnicity)
        entry["total"] = sum(r["n"] for r in mine)
        entry["synthetic_records"] = sum(r["synthetic"] for r in mine)
        result.append(entry)
    return result


def rape_victims_sex(con: WarehouseReader, scope: Scope, *, compare_has_data: bool = True) -> list[Row]:
    """Rape offences (Home Office codes 19C-19H) by victim sex, period against comparison."""
    codes = ", ".join(f"'{c}'" for c in RAPE_CODES)
    by_sex = change_by(
        con,
        scope,
        table="offence",
        area=scope.area,
        key_sql=f"coalesce(nullif(o.victim_sex, 'unknown'), '{NOT_RECORDED}')",
        condition=f"o.offence_code IN ({codes})",
        compare_has_data=compare_has_data,
    )
    rows = [{"victim_sex": s, **by_sex.get(s, change_row(None, compare_has_data))} for s in ("female", "male")]
    rows.append({"victim_sex": NOT_RECORDED, **by_sex.get(NOT_RECORDED, change_row(None, compare_has_data))})
    return [total_row({"victim_sex": "All"}, rows), *rows]


def total_row(total: Row, parts: list[Row]) -> Row:
    """A total row over parts: counts summed; the difference is the sum of the parts' like-for-like differences,
    as a percentage of the sum of their bases."""
    for column in ("compare_count", "period_count", "synthetic_records", "_base"):
        values = [p.get(column) for p in parts]
        total[column] = None if any(v is None for v in values) else sum(values)
    differences = [p["difference"] for p in parts]
    if any(d is None for d in differences):
        total["difference"], total["difference_pct"] = None, None
    else:
        total["difference"] = sum(differences)
        total["difference_pct"] = percent_of(total["difference"], total["_base"])
    return total


def alcohol_related(con: WarehouseReader, scope: Scope, *, compare_has_data: bool = True) -> list[Row]:
    """Alcohol-flagged offences, period against comparison, and their share of all offences in the period."""
    result = []
    for area in area_chain(con, scope):
        flagged = change_by(
            con,
            scope,
            table="offence",
            area=area,
            key_sql="o.alcohol",
            condition="TRUE",
            compare_has_data=compare_has_data,
        )
        every = sum(r["period_count"] for r in flagged.values())
        row = flagged.get(True, change_row(None, compare_has_data))
        result.append(
            {
                "area": area.name,
                "area_type": area.kind_label,
                **row,
                "share_pct": percent_of(row["period_count"], every),
            }
        )
    return result


# ---- ASB ----------------------------------------------------------------------------------------------


def asb_by_category(con: WarehouseReader, scope: Scope, *, compare_has_data: bool = True) -> list[Row]:
    """Partner ASB incidents by category (personal, nuisance, environmental) with change and share."""
    source, where, params = _record_source("agg_asb", "asb_incident", scope.area)
    sums, sum_params = _sums(con, scope, source="asb")
    rows = {
        r["asb_category"]: r
        for r in con.rows(
            f"SELECT asb_category, {sums} FROM {source} WHERE {where} "  # noqa: S608
            "AND (month BETWEEN ? AND ? OR month BETWEEN ? AND ?) GROUP BY 1",
            [*sum_params, *params, *period_params(scope.period), *period_params(scope.compare)],
        )
    }
    parts = [{"asb_category": c, **change_row(rows.get(c), compare_has_data)} for c in ASB_CATEGORIES]
    total = total_row({"asb_category": "All ASB"}, parts)
    every = total["period_count"]
    return [{**row, "share_pct": percent_of(row["period_count"], every)} for row in [total, *parts]]
