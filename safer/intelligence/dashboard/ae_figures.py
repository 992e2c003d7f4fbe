"""A&E assault attendances (ISTV extract) beside police-recorded violence: by month, type of place, means of
assault and hour of day (docs/ae-istv.md). Police violence is the offence-level extract's Home Office offence
group "Violence against the person" in the same area; hours are UK local time.
"""

from __future__ import annotations

from typing import Any

from safer.intelligence.dashboard.figures import Row, Scope, data_months
from safer.intelligence.dashboard.thematic_figures import (
    NOT_RECORDED,
    change_by,
    change_row,
    percent_of,
    period_params,
    records_source,
    total_row,
)
from safer.intelligence.sources.schemas import ASSAULT_MEANS, LOCATION_TYPES
from safer.intelligence.warehouse import WarehouseReader

VIOLENCE = "o.offence_group = 'Violence against the person'"
KNIFE_MEANS = "knife or sharp object"


def _counts(
    con: WarehouseReader, scope: Scope, *, table: str, key_sql: str, condition: str = "TRUE"
) -> dict[Any, tuple[int, int]]:
    """{key: (records, synthetic records)} in the period for one record table in the area."""
    from_sql, where, params = records_source(table, scope.area)
    rows = con.tuples(
        f"SELECT {key_sql}, count(*), count(*) FILTER (WHERE o.synthetic) FROM {from_sql} "  # noqa: S608
        f"WHERE {where} AND {condition} AND o.month BETWEEN ? AND ? GROUP BY 1",
        [*params, *period_params(scope.period)],
    )
    return {r[0]: (int(r[1]), int(r[2])) for r in rows}


def _has_data(con: WarehouseReader, scope: Scope, source: str) -> bool:
    """True when some month of the period has data in the source (else its figures are "no data", not 0)."""
    present = set(data_months(con, source=source))
    return any(month in present for month in scope.period.month_list())


def ae_monthly(con: WarehouseReader, scope: Scope) -> list[Row]:
    """A&E assault attendances and police-recorded violence against the person, month by month."""
    ae = _counts(con, scope, table="ae_attendance", key_sql="o.month")
    police = _counts(con, scope, table="offence", key_sql="o.month", condition=VIOLENCE)
    ae_months, police_months = set(data_months(con, source="ae")), set(data_months(con, source="offence"))
    result = []
    for month in scope.period.month_list():
        attendances = ae.get(month, (0, 0))
        violence = police.get(month, (0, 0))
        result.append(
            {
                "month": f"{month:%Y-%m}",
                "ae_attendances": attendances[0] if month in ae_months else None,
                "police_violence": violence[0] if month in police_months else None,
                "synthetic_records": attendances[1] + violence[1],
            }
        )
    return result


def ae_location_type(con: WarehouseReader, scope: Scope, *, compare_has_data: bool = True) -> list[Row]:
    """A&E assault attendances by type of place, period against comparison, with each type's share."""
    counts = change_by(
        con,
        scope,
        table="ae_attendance",
        area=scope.area,
        key_sql="coalesce(o.location_type, 'not known')",
        condition="TRUE",
        compare_has_data=compare_has_data,
        source="ae",
    )
    parts = [{"location_type": t, **counts.get(t, change_row(None, compare_has_data))} for t in LOCATION_TYPES]
    total = total_row({"location_type": "All attendances"}, parts)
    return [{**row, "share_pct": percent_of(row["period_count"], total["period_count"])} for row in [total, *parts]]


def ae_weapon(con: WarehouseReader, scope: Scope) -> list[Row]:
    """A&E assault attendances by primary means of assault; beside "knife or sharp object", police-recorded
    violence against the person flagged knife or sharp instrument."""
    ae = _counts(con, scope, table="ae_attendance", key_sql="coalesce(o.assault_means, 'not known')")
    knife = _counts(con, scope, table="offence", key_sql="TRUE", condition=f"{VIOLENCE} AND o.knife_sharp_instrument")
    has_ae = _has_data(con, scope, "ae")
    total = sum(n for n, _ in ae.values()) if has_ae else None
    has_police = _has_data(con, scope, "offence")
    result = [
        {
            "assault_means": "All attendances",
            "ae_attendances": total,
            "share_pct": 100.0 if total else None,
            "police_knife_violence": None,
            "synthetic_records": sum(s for _, s in ae.values()),
        }
    ]
    for means in ASSAULT_MEANS:
        count, synthetic = ae.get(means, (0, 0))
        police = knife.get(True, (0, 0)) if means == KNIFE_MEANS and has_police else None
        result.append(
            {
                "assault_means": means,
                "ae_attendances": count if has_ae else None,
                "share_pct": percent_of(count, total),
                "police_knife_violence": police[0] if police else None,
                "synthetic_records": synthetic + (police[1] if police else 0),
            }
        )
    return result


def ae_hour(con: WarehouseReader, scope: Scope) -> list[Row]:
    """A&E assault attendances by hour of the assault beside police violence against the person by hour."""
    ae = _counts(con, scope, table="ae_attendance", key_sql="hour(timezone('Europe/London', o.incident_at))")
    police = _counts(
        con, scope, table="offence", key_sql="hour(timezone('Europe/London', o.occurred_at))", condition=VIOLENCE
    )
    has_ae, has_police = _has_data(con, scope, "ae"), _has_data(con, scope, "offence")
    result = []
    for hour in [*range(24), None]:
        attendances, violence = ae.get(hour, (0, 0)), police.get(hour, (0, 0))
        result.append(
            {
                "hour": f"{hour:02d}:00-{hour:02d}:59" if hour is not None else NOT_RECORDED,
                "ae_attendances": attendances[0] if has_ae else None,
                "police_violence": violence[0] if has_police else None,
                "synthetic_records": attendances[1] + violence[1],
            }
        )
    return result
