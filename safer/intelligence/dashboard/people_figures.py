"""Thematic SIA figures about people from the offence-level extract: knife crime victims and suspects, the
youth focus, repeat victims and suspects ("12 people were involved in 40 offences"), and the local serious
violence definition. Pseudonymous references are only ever counted, never returned. See thematic_figures.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from safer.intelligence.dashboard.areas import area_population
from safer.intelligence.dashboard.figures import Row, Scope, _rate
from safer.intelligence.dashboard.thematic_figures import (
    HATE_SQL,
    NOT_RECORDED,
    area_chain,
    change_by,
    change_row,
    percent_of,
    period_params,
    records_source,
    total_row,
)
from safer.intelligence.warehouse import WarehouseReader

# The SIA's knife crime age bands, and how the extract's bands fall into them when no exact age is given
# (10-17 and 45-54 straddle a boundary, so without an age they are "Not recorded").
KNIFE_AGE_BANDS = ("0-15", "16-17", "18-24", "25-49", "50+", "Not recorded")
_BAND_TO_KNIFE = {"0-9": "0-15", "18-24": "18-24", "25-34": "25-49", "35-44": "25-49", "55-64": "50+", "65+": "50+"}
_UNDER_18_BANDS = ("0-9", "10-17")
VIOLENCE_GROUP = "Violence against the person"
# Flags a local serious violence definition may add (on violence against the person).
LOCAL_FLAGS = ("domestic_abuse", "alcohol", "hate")


def _people_present(party: str) -> str:
    return (
        f"(o.{party}_sex IS NOT NULL OR o.{party}_age_band IS NOT NULL OR o.{party}_age IS NOT NULL "
        f"OR o.{party}_ref IS NOT NULL)"
    )


def knife_age_band_sql(party: str) -> str:
    """SQL: the SIA knife crime age band of a victim or suspect (exact age first, else the recorded band)."""
    whens = " ".join(f"WHEN '{band}' THEN '{knife}'" for band, knife in _BAND_TO_KNIFE.items())
    return (
        f"CASE WHEN o.{party}_age IS NOT NULL THEN CASE WHEN o.{party}_age < 16 THEN '0-15' "
        f"WHEN o.{party}_age < 18 THEN '16-17' WHEN o.{party}_age < 25 THEN '18-24' "
        f"WHEN o.{party}_age < 50 THEN '25-49' ELSE '50+' END "
        f"ELSE CASE o.{party}_age_band {whens} ELSE '{NOT_RECORDED}' END END"
    )


def knife_people(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Victims and suspects of knife or sharp-instrument offences in the period, by sex and by age band."""
    from_sql, where, params = records_source("offence", scope.area)
    result = []
    for party in ("victim", "suspect"):
        rows = con.rows(
            f"""SELECT coalesce(nullif(o.{party}_sex, 'unknown'), '{NOT_RECORDED}') AS sex,
                       {knife_age_band_sql(party)} AS age_band, count(*) AS n,
                       count(*) FILTER (WHERE o.synthetic) AS synthetic
                FROM {from_sql} WHERE {where} AND o.knife_sharp_instrument AND {_people_present(party)}
                  AND o.month BETWEEN ? AND ? GROUP BY ALL""",  # noqa: S608
            [*params, *period_params(scope.period)],
        )
        total = sum(r["n"] for r in rows)
        for breakdown, key, values in (
            ("Sex", "sex", ("female", "male", NOT_RECORDED)),
            ("Age band", "age_band", KNIFE_AGE_BANDS),
        ):
            for value in values:
                mine = [r for r in rows if r[key] == value]
                count = sum(r["n"] for r in mine)
                result.append(
                    {
                        "party": f"{party.capitalize()}s",
                        "breakdown": breakdown,
                        "group": value,
                        "count": count,
                        "share_pct": percent_of(count, total),
                        "synthetic_records": sum(r["synthetic"] for r in mine),
                    }
                )
    return result


def youth_people(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Victims and suspects under 18 in the period by Home Office offence group, with their share of those
    whose age (or an age band wholly under or over 18) is recorded."""
    from_sql, where, params = records_source("offence", scope.area)
    bands = ", ".join(f"'{b}'" for b in _UNDER_18_BANDS)

    def under(party: str) -> str:
        return f"coalesce(o.{party}_age < 18, o.{party}_age_band IN ({bands}), FALSE)"

    def known(party: str) -> str:
        return f"(o.{party}_age IS NOT NULL OR coalesce(o.{party}_age_band, 'unknown') <> 'unknown')"

    rows = con.rows(
        f"""SELECT coalesce(o.offence_group, '{NOT_RECORDED}') AS offence_group,
                   count(*) FILTER (WHERE {under("victim")}) AS victims_under_18,
                   count(*) FILTER (WHERE {known("victim")}) AS victims_known,
                   count(*) FILTER (WHERE {under("suspect")}) AS suspects_under_18,
                   count(*) FILTER (WHERE {known("suspect")}) AS suspects_known,
                   count(*) FILTER (WHERE o.synthetic AND ({under("victim")} OR {under("suspect")})) AS synthetic
            FROM {from_sql} WHERE {where} AND o.month BETWEEN ? AND ? GROUP BY 1 ORDER BY 1""",  # noqa: S608
        [*params, *period_params(scope.period)],
    )
    total = {
        k: sum(r[k] for r in rows)
        for k in ("victims_under_18", "victims_known", "suspects_under_18", "suspects_known", "synthetic")
    }
    result = []
    for row in [{"offence_group": "All offences", **total}, *rows]:
        result.append(
            {
                "offence_group": row["offence_group"],
                "victims_under_18": row["victims_under_18"],
                "victims_under_18_pct": percent_of(row["victims_under_18"], row["victims_known"]),
                "suspects_under_18": row["suspects_under_18"],
                "suspects_under_18_pct": percent_of(row["suspects_under_18"], row["suspects_known"]),
                "synthetic_records": row["synthetic"],
            }
        )
    return result


# ---- Repeat victims and suspects --------------------------------------------------------------------

REPEAT_BUCKETS = ("1", "2", "3", "4 or more")


def repeat_people(con: WarehouseReader, scope: Scope, *, party: str) -> list[Row]:
    """People (distinct victim_ref or suspect_ref) by number of offences in the period: 1, 2, 3, 4 or more."""
    if party not in ("victim", "suspect"):
        raise ValueError(f"party must be victim or suspect, not {party!r}")
    from_sql, where, params = records_source("offence", scope.area)
    rows = con.rows(
        f"""WITH people AS (SELECT o.{party}_ref AS ref, count(*) AS n, count(*) FILTER (WHERE o.synthetic) AS s
                FROM {from_sql} WHERE {where} AND o.{party}_ref IS NOT NULL AND o.month BETWEEN ? AND ? GROUP BY 1)
            SELECT CASE WHEN n >= 4 THEN '4 or more' ELSE n::VARCHAR END AS bucket, count(*) AS people,
                   sum(n) AS offences, sum(s) AS synthetic FROM people GROUP BY 1""",  # noqa: S608
        [*params, *period_params(scope.period)],
    )
    by_bucket = {r["bucket"]: r for r in rows}
    people = sum(int(r["people"]) for r in rows)
    offences = sum(int(r["offences"]) for r in rows)
    noun = "victims" if party == "victim" else "suspects"
    if not people:
        summary = f"No offence in the area and period has a {party}_ref, so repeat {noun} cannot be counted."
    else:
        summary = f"{people:,} {noun} were involved in {offences:,} offences."
    result = [
        {
            "offences_per_person": "All",
            "people": people,
            "people_pct": 100.0 if people else None,
            "offences": offences,
            "offences_pct": 100.0 if offences else None,
            "summary": summary,
            "synthetic_records": sum(int(r["synthetic"]) for r in rows),
        }
    ]
    for bucket in REPEAT_BUCKETS:
        row = by_bucket.get(bucket, {"people": 0, "offences": 0, "synthetic": 0})
        result.append(
            {
                "offences_per_person": bucket,
                "people": int(row["people"]),
                "people_pct": percent_of(int(row["people"]), people),
                "offences": int(row["offences"]),
                "offences_pct": percent_of(int(row["offences"]), offences),
                "summary": "",
                "synthetic_records": int(row["synthetic"]),
            }
        )
    return result


# ---- The local serious violence definition ----------------------------------------------------------


def local_violence_condition(codes: Sequence[str], flags: Sequence[str]) -> tuple[str, list[Any]]:
    """SQL (and params) for the offences a partnership adds to Group 1 and 2: the listed Home Office codes, and
    violence against the person carrying one of the listed flags (domestic_abuse, alcohol, hate)."""
    parts, params = [], []
    if codes:
        parts.append(f"o.offence_code IN ({', '.join('?' for _ in codes)})")
        params += [c.strip().upper() for c in codes]
    flag_sql = {"domestic_abuse": "o.domestic_abuse", "alcohol": "o.alcohol", "hate": HATE_SQL}
    chosen = [flag_sql[f] for f in flags if f in flag_sql]
    if chosen:
        parts.append(f"(o.offence_group = '{VIOLENCE_GROUP}' AND ({' OR '.join(chosen)}))")
    if not parts:
        return "FALSE", []
    return f"o.serious_violence_group IS NULL AND ({' OR '.join(parts)})", params


def serious_violence_local(
    con: WarehouseReader,
    scope: Scope,
    *,
    codes: Sequence[str],
    flags: Sequence[str],
    compare_has_data: bool = True,
) -> list[Row]:
    """Group 1, Group 2, the local additions and the local definition's total, with change and rates."""
    local, local_params = local_violence_condition(codes, flags)
    described = ", ".join([*(c.upper() for c in codes), *(f"{f} violence" for f in flags)]) or "none configured"
    result = []
    for area in area_chain(con, scope):
        key = (
            "CASE WHEN o.serious_violence_group IS NOT NULL THEN 'Group ' || o.serious_violence_group ELSE 'Local' END"
        )
        counts = change_by(
            con,
            scope,
            table="offence",
            area=area,
            key_sql=key,
            condition=f"(o.serious_violence_group IS NOT NULL OR {local})",
            params=local_params,
            compare_has_data=compare_has_data,
        )
        population = area_population(area, con=con)
        parts = []
        for group, label in (
            ("Group 1", "Group 1"),
            ("Group 2", "Group 2"),
            ("Local", f"Local additions ({described})"),
        ):
            parts.append({"group": label, **counts.get(group, change_row(None, compare_has_data))})
        total = total_row({"group": "Local definition (all of the above)"}, parts)
        for row in [*parts, total]:
            result.append(
                {
                    **row,
                    "area": area.name,
                    "area_type": area.kind_label,
                    "population": population,
                    "compare_rate": _rate(row["compare_count"], population),
                    "period_rate": _rate(row["period_count"], population),
                }
            )
    return result
