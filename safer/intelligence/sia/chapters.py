"""One area's chapter of the SIA: totals, crime types with change, rates, long-term trend, largest changes,
exceptions to the overall trend and the comparator set (no Django)."""

from __future__ import annotations

from dataclasses import dataclass, field

from safer.intelligence.dashboard import figures, trend_figures
from safer.intelligence.dashboard.areas import Area
from safer.intelligence.dashboard.charts import chart_render, chart_spec
from safer.intelligence.dashboard.figures import Row, Scope
from safer.intelligence.dashboard.suppression import DEFAULT_THRESHOLD
from safer.intelligence.dashboard.tables import TABLES, Request, table_rows
from safer.intelligence.sia.blocks import NO_DATA, Appendix, number_text, table_block
from safer.intelligence.sia.model import Bullets, Chart, Missing, Paragraph, Section, TableBlock
from safer.intelligence.sia.summary import change_sentence
from safer.intelligence.warehouse import WarehouseReader


def _months_compared(con: WarehouseReader, scope: Scope) -> int:
    """How many months a restricted comparison covers (the months with data in both periods)."""
    return len(figures.comparison_months(con, scope, source="crime").period_months)


class SiaInputError(ValueError):
    """Nothing can be produced: the area is unknown or the warehouse holds no crime data at all."""


@dataclass
class SiaOptions:
    """What the report is asked for (the CLI's and the web form's choices)."""

    scope: Scope
    comparators: list[str] = field(default_factory=list)
    threshold: int = DEFAULT_THRESHOLD
    charts: bool = True


@dataclass
class ReportContext:
    con: WarehouseReader
    options: SiaOptions
    appendix: Appendix = field(default_factory=Appendix)

    def scope_for(self, area: Area, **filters: str) -> Scope:
        scope = self.options.scope
        return Scope(area, scope.period, scope.compare, dict(filters))


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")


def _chart(ctx: ReportContext, kind: str, rows: list[Row], *, title: str, alt: str) -> Chart | None:
    if not ctx.options.charts or not rows:
        return None
    return Chart(title=title, png=chart_render(chart_spec(kind, rows, title=title), fmt="png"), alt=alt)


def _pct(value: float | None) -> str:
    return number_text(value, "pct")


# ---- One area's chapter -----------------------------------------------------------------------------


def _total_table(ctx: ReportContext, scope: Scope) -> TableBlock:
    """All crime in the area and the areas containing it: the published "Total Crime" layout."""
    table = TABLES["headline"]
    request = Request(ctx.con, scope)
    # The headline's figures one row per area (the registry table sets the areas side by side).
    rows = [r for r in table.function(request) if r["crime_type"] == "All crime"]
    number = ctx.appendix.add(table, request)
    notes = [note] if (note := figures.comparison_months(ctx.con, scope, source="crime").note()) else []
    return TableBlock(
        title=f"Total recorded crime, {scope.period.label} compared to {scope.compare.label}",
        header=["Area", scope.compare.label, scope.period.label, "Difference n", "Difference %"],
        rows=[
            [
                r["area"],
                number_text(r["compare_count"]),
                number_text(r["period_count"]),
                number_text(r["difference"]),
                _pct(r["difference_pct"]),
            ]
            for r in rows
        ],
        numeric=[False, True, True, True, True],
        notes=notes,
        source=number,
    )


def _changes(ctx: ReportContext, scope: Scope) -> tuple[list[Row], int]:
    """crime_changes rows (with the counts the test compared) and their appendix entry."""
    request = Request(ctx.con, scope)
    rows = trend_figures.crime_changes(ctx.con, scope, compare_has_data=request.compare_has_data("crime"))
    return rows, ctx.appendix.add(TABLES["crime_changes"], request)


def _types_table(rows: list[Row], scope: Scope, number: int) -> TableBlock:
    return TableBlock(
        title=f"Crime by type, {scope.period.label} compared to {scope.compare.label}: {scope.area.name}",
        header=[
            "Crime type",
            scope.compare.label,
            scope.period.label,
            "Difference n",
            "Difference %",
            "Rate ratio (95% CI)",
            "Change",
        ],
        rows=[
            [
                r["crime_type"],
                number_text(r["compare_count"]),
                number_text(r["period_count"]),
                number_text(r["difference"]),
                _pct(r["difference_pct"]),
                r["rate_ratio_ci"] or NO_DATA,
                r["change"] or NO_DATA,
            ]
            for r in rows
        ],
        numeric=[False, True, True, True, True, False, False],
        notes=[
            'Change: "increase" or "decrease" only where the exact conditional test on the two counts is '
            'significant at the 5% level, otherwise "no significant change". The rate ratio is the period\'s '
            "count over the comparison's (like for like) with its exact 95% confidence interval."
        ],
        source=number,
    )


def _rates_table(ctx: ReportContext, scope: Scope) -> TableBlock | None:
    """Rates per 1,000 residents by crime type: the area beside the county and the force."""
    table = TABLES["headline"]
    request = Request(ctx.con, scope)
    rows = table.function(request)  # one row per crime type and area
    areas = list(dict.fromkeys(r["area"] for r in rows))
    if len(areas) < 2:
        return None
    rate = {(r["crime_type"], r["area"]): r["period_rate"] for r in rows}
    types = list(dict.fromkeys(r["crime_type"] for r in rows))
    return TableBlock(
        title=f"Rates per 1,000 residents, {scope.period.label}: {scope.area.name} against {', '.join(areas[1:])}",
        header=["Crime type", *areas],
        rows=[[t, *(number_text(rate.get((t, a)), "rate") for a in areas)] for t in types],
        numeric=[False, *(True for _ in areas)],
        notes=["Residents: Census 2011 population of the LSOAs in each area."],
        source=ctx.appendix.add(table, request),
    )


def _years_table(ctx: ReportContext, scope: Scope) -> tuple[TableBlock, list[Row]]:
    """The long-term trend in the published layout: area rows, year columns, difference n and %."""
    table = TABLES["crime_years"]
    request = Request(ctx.con, scope)
    rows = table_rows(table, request)
    years = list(dict.fromkeys(r["year"] for r in rows))
    areas = list(dict.fromkeys(r["area"] for r in rows))
    count = {(r["area"], r["year"]): r["records"] for r in rows}
    months = {r["year"]: r["months_with_data"] for r in rows}
    body = []
    for area in areas:
        last, before = count.get((area, years[-1])), count.get((area, years[-2])) if len(years) > 1 else None
        diff = None if last is None or before is None else last - before
        pct = round(100.0 * diff / before, 1) if diff is not None and before else None
        body.append([area, *(number_text(count.get((area, y))) for y in years), number_text(diff), _pct(pct)])
    partial = [f"{y} ({months[y]} months)" for y in years if months[y] and months[y] < 12]
    notes = [f"Periods with months missing from the data: {', '.join(partial)}."] if partial else []
    block = TableBlock(
        title=f"Recorded crime by 12-month period: {scope.area.name}",
        header=["Area", *years, "Difference n", "Difference %"],
        rows=body,
        numeric=[False, *(True for _ in years), True, True],
        notes=notes,
        source=ctx.appendix.add(table, request),
    )
    return block, [r for r in rows if r["area"] == scope.area.name and r["records"] is not None]


def _biggest(rows: list[Row], scope: Scope) -> list[str]:
    """The three largest increases and decreases by number (significant or not, said which)."""
    types = [r for r in rows if r["crime_type"] != "All crime" and r["difference"] is not None]
    lines = []
    for label, chosen in (
        ("increase", sorted((r for r in types if r["difference"] > 0), key=lambda r: -r["difference"])[:3]),
        ("decrease", sorted((r for r in types if r["difference"] < 0), key=lambda r: r["difference"])[:3]),
    ):
        for r in chosen:
            tested = "significant" if r["change"] != "no significant change" else "not significant"
            pct = f", {abs(r['difference_pct']):.1f}%" if r["difference_pct"] is not None else ""
            lines.append(f"Largest {label}s: {r['crime_type']}, {r['difference']:+,}{pct} ({tested}).")
    return lines or [f"No crime type changed between {scope.compare.label} and {scope.period.label}."]


def _exceptions(rows: list[Row]) -> list[str]:
    overall = next((r["change"] for r in rows if r["crime_type"] == "All crime"), None)
    found = [
        f"{r['crime_type']}: {r['change']} ({r['compare_tested']:,} to {r['period_tested']:,}) while all crime "
        f"shows {overall if overall != 'no significant change' else 'no significant change'}."
        for r in rows
        if r["exception"]
    ]
    return found or ["No crime type changed significantly against the overall trend."]


def area_chapter(ctx: ReportContext, area: Area, *, title: str, districts: bool = False) -> tuple[Section, list[Row]]:
    """One area's chapter: totals, types with change, rates, long-term trend, largest changes, exceptions."""
    scope = ctx.scope_for(area)
    section = Section(title, _slug(title))
    request = Request(ctx.con, scope)
    if not request.months_with_data("crime", scope.period):
        section.blocks.append(
            Missing(f"The warehouse holds no police-recorded crime for {scope.period.label}, so this chapter is empty.")
        )
        return section, []
    rows, number = _changes(ctx, scope)
    if rows and rows[0]["period_count"] == 0 and rows[0]["compare_count"] in (0, None):
        section.blocks.append(
            Missing(f"No records in {area.name} in {scope.period.label} or {scope.compare.label}: no data for it.")
        )
        return section, rows
    total = next(r for r in rows if r["crime_type"] == "All crime")
    section.blocks.append(
        Paragraph(
            change_sentence(
                what=f"Total recorded crime in {area.name}",
                row=total,
                period=scope.period.label,
                compare=scope.compare.label,
                months=_months_compared(ctx.con, scope),
            )
        )
    )
    section.blocks.append(_total_table(ctx, scope))
    section.blocks.append(_types_table(rows, scope, number))
    chart = _chart(
        ctx,
        "crime_types",
        rows,
        title=f"Records by crime type, {area.name}, {scope.period.label}",
        alt=f"Bar chart of records by crime type in {area.name}; the numbers are in the table above.",
    )
    if chart:
        section.blocks.append(chart)
    rates = _rates_table(ctx, scope)
    if rates:
        section.blocks.append(rates)
    if districts:
        block = table_block(
            "districts", con=ctx.con, scope=scope, appendix=ctx.appendix, threshold=ctx.options.threshold
        )
        section.blocks.append(block)
    trend = Section("Long-term trend", f"{_slug(title)}-trend")
    years, series = _years_table(ctx, scope)
    trend.blocks.append(years)
    chart = _chart(
        ctx,
        "years",
        series,
        title=f"Records by 12-month period, {area.name}",
        alt=f"Bar chart of records in each 12-month period in {area.name}; the numbers are in the table above.",
    )
    if chart:
        trend.blocks.append(chart)
    section.children.append(trend)
    section.children.append(
        Section("Largest increases and decreases", f"{_slug(title)}-largest", [Bullets(_biggest(rows, scope))])
    )
    section.children.append(
        Section("Exceptions to the overall trend", f"{_slug(title)}-exceptions", [Bullets(_exceptions(rows))])
    )
    from safer.intelligence.sia.comparators import comparators_section  # it builds on this module's helpers

    comparators = comparators_section(ctx, scope, rows)
    if comparators:
        section.children.append(comparators)
    return section, rows
