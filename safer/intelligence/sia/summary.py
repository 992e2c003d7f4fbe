"""The executive summary's sentences, written by rules from the figures (no language model).

Rules (docs/sia.md): a change is called an increase or a decrease only when the exact conditional test on
the two counts is significant at the 5% level; otherwise "no significant change". When the two periods do not
have data for the same months, the sentence compares only the months with data in both and says so.
"""

from __future__ import annotations

from safer.intelligence.dashboard.figures import Row
from safer.intelligence.dashboard.trend_figures import DECREASE, INCREASE


def percent_text(period_count: int, compare_count: int) -> str:
    """The change as a whole-number percentage of the comparison count ("56%")."""
    return f"{round(100.0 * abs(period_count - compare_count) / compare_count):,}%"


def change_sentence(*, what: str, row: Row, period: str, compare: str, months: int) -> str:
    """ "Sexual offences increased from 790 to 1,233, an increase of 56%" (or "no significant change").

    `months` is how many months the comparison covers when it must leave months out (row["restricted"]).
    """
    before, after = row["compare_tested"], row["period_tested"]
    if before is None or after is None:
        return f"{what}: {row['period_count']:,} in {period}; no data to compare with in {compare}."
    span = "the one month" if months == 1 else f"the {months} months"
    like = f" (comparing only {span} with data in both periods)" if row.get("restricted") else ""
    if row["change"] == INCREASE:
        if not before:
            return f"{what} increased from 0 to {after:,}{like}."
        return f"{what} increased from {before:,} to {after:,}{like}, an increase of {percent_text(after, before)}."
    if row["change"] == DECREASE:
        return f"{what} decreased from {before:,} to {after:,}{like}, a decrease of {percent_text(after, before)}."
    return f"{what}: no significant change, {before:,} in {compare} and {after:,} in {period}{like}."


def area_findings(*, area: str, rows: list[Row], period: str, compare: str, months: int) -> list[str]:
    """All crime first, then every crime type that changed significantly, largest change first."""
    total = next((r for r in rows if r["crime_type"] == "All crime"), None)
    if total is None:
        return []
    if not total["period_count"] and not total["compare_count"]:
        return [f"{area}: the warehouse holds no police-recorded crime for {compare} or {period}."]
    found = [
        change_sentence(
            what=f"Total recorded crime in {area}", row=total, period=period, compare=compare, months=months
        )
    ]
    changed = [r for r in rows if r["crime_type"] != "All crime" and r["change"] in (INCREASE, DECREASE)]
    changed.sort(key=lambda r: (-abs(r["difference"] or 0), r["crime_type"]))
    for row in changed:
        found.append(
            change_sentence(
                what=f"{row['crime_type']} in {area}", row=row, period=period, compare=compare, months=months
            )
        )
    return found
