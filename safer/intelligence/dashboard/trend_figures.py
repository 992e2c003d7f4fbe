"""Long-term and change figures for the SIA: crime by 12-month period over every year held, and each crime
type's change with its significance test and whether it runs against the overall trend (no Django)."""

from __future__ import annotations

from safer.intelligence.dashboard.areas import area_containing, area_population
from safer.intelligence.dashboard.figures import (
    Row,
    Scope,
    _crime_source,
    _crime_type_filter,
    _rate,
    crime_change_by_type_for,
    data_months,
)
from safer.intelligence.dashboard.periods import Period, period_year_earlier
from safer.intelligence.dashboard.significance import ChangeTest, change_test
from safer.intelligence.warehouse import WarehouseReader

INCREASE, DECREASE, NO_CHANGE = "increase", "decrease", "no significant change"


def year_periods(con: WarehouseReader, scope: Scope, *, source: str = "crime") -> list[Period]:
    """The chosen period and each 12-month period before it that has any data, oldest first."""
    months = data_months(con, source=source)
    if not months:
        return [scope.period]
    found = [scope.period]
    while True:
        earlier = period_year_earlier(found[-1])
        if earlier.end < months[0]:
            break
        found.append(earlier)
    return list(reversed(found))


def crime_years(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Records in the area and the areas containing it for every 12-month period the warehouse holds."""
    periods = year_periods(con, scope)
    present = set(data_months(con, source="crime"))
    type_sql, type_params = _crime_type_filter(scope)
    result = []
    for area in [scope.area, *area_containing(scope.area, con=con)]:
        source, where, params = _crime_source(area)
        counts = {
            row[0]: int(row[1])
            for row in con.tuples(
                f"SELECT month, sum(n) FROM {source} WHERE {where} AND month BETWEEN ? AND ? {type_sql} "  # noqa: S608
                "GROUP BY month",
                [*params, periods[0].start, periods[-1].end, *type_params],
            )
        }
        population = area_population(area, con=con)
        for period in periods:
            with_data = [m for m in period.month_list() if m in present]
            count = sum(counts.get(m, 0) for m in with_data) if with_data else None
            result.append(
                {
                    "area": area.name,
                    "area_type": area.kind_label,
                    "year": period.label,
                    "records": count,
                    "months_with_data": len(with_data),
                    "population": population,
                    "rate_per_1000": _rate(count, population),
                }
            )
    return result


def ratio_text(test: ChangeTest | None) -> str | None:
    """ "1.56 (1.43 to 1.71)": the rate ratio and its exact 95% confidence interval, or None."""
    if test is None or test.rate_ratio is None:
        return None
    high = "no upper bound" if test.ci_high is None else f"{test.ci_high:.2f}"
    return f"{test.rate_ratio:.2f} ({test.ci_low:.2f} to {high})"


def change_direction(*, period_count: int | None, compare_count: int | None) -> tuple[str | None, ChangeTest | None]:
    """("increase" | "decrease" | "no significant change", the test) by the exact test; (None, None) if no data."""
    if period_count is None or compare_count is None:
        return None, None
    test = change_test(period_count=period_count, compare_count=compare_count)
    if test is None or not test.significant:
        return NO_CHANGE, test
    return (INCREASE if period_count > compare_count else DECREASE), test


def crime_changes(con: WarehouseReader, scope: Scope, *, compare_has_data: bool = True) -> list[Row]:
    """Each crime type's change, its exact-test p-value, and whether it is an exception to the overall trend.

    The test compares like for like: over the months with data in both periods when some month has data on
    one side only (see figures.Comparison). A crime type is an exception when its change is significant and
    not in the direction of all crime's (including when all crime shows no significant change).
    """
    chain = [scope.area, *area_containing(scope.area, con=con)]  # the headline's query, so memoised
    rows = crime_change_by_type_for(con, areas=chain, scope=scope)[0]
    result = []
    for row in rows:
        matched = "period_matched" in row
        period_count = int(row["period_matched"] if matched else row["period_count"])
        compare_count = int(row["compare_matched"] if matched else row["compare_count"]) if compare_has_data else None
        direction, test = change_direction(period_count=period_count, compare_count=compare_count)
        difference = None if compare_count is None else period_count - compare_count
        result.append(
            {
                "crime_type": row["crime_type"],
                "compare_count": row["compare_count"] if compare_has_data else None,
                "period_count": row["period_count"],
                "difference": difference,
                "difference_pct": round(100.0 * difference / compare_count, 1)
                if difference is not None and compare_count
                else None,
                "p_value": None if test is None else round(test.p_value, 4),
                "rate_ratio_ci": ratio_text(test),
                "change": direction,
                "exception": False,
                # the counts the test compared (like for like), for sentences that quote them
                "period_tested": period_count,
                "compare_tested": compare_count,
                "restricted": matched,
                "synthetic_records": row["synthetic_records"],
            }
        )
    overall = next((r["change"] for r in result if r["crime_type"] == "All crime"), None)
    for row in result:
        row["exception"] = (
            row["crime_type"] != "All crime" and row["change"] in (INCREASE, DECREASE) and row["change"] != overall
        )
    return result
