"""Build the SIA report model from the table registry: summary, county, district and force chapters,
thematic sections, the serious violence needs assessment and the appendix (no Django)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from safer.intelligence.dashboard import figures, trend_figures
from safer.intelligence.dashboard.areas import Area, AreaNotFoundError, area_children, area_containing, area_find
from safer.intelligence.dashboard.charts import chart_render, chart_spec
from safer.intelligence.dashboard.figures import Row, Scope
from safer.intelligence.dashboard.suppression import DEFAULT_THRESHOLD
from safer.intelligence.dashboard.tables import SOURCES, TABLES, Request, table_rows
from safer.intelligence.dashboard.trend_figures import INCREASE
from safer.intelligence.imports.progress import Progress, progress_emit
from safer.intelligence.sia.blocks import NO_DATA, Appendix, number_text, table_block
from safer.intelligence.sia.model import Bullets, Chart, Missing, Paragraph, Report, Section, TableBlock
from safer.intelligence.sia.sections import SERIOUS_VIOLENCE, THEMES, ThemeSection
from safer.intelligence.sia.summary import area_findings, change_sentence
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
class _Context:
    con: WarehouseReader
    options: SiaOptions
    appendix: Appendix = field(default_factory=Appendix)

    def scope_for(self, area: Area, **filters: str) -> Scope:
        scope = self.options.scope
        return Scope(area, scope.period, scope.compare, dict(filters))


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")


def _chart(ctx: _Context, kind: str, rows: list[Row], *, title: str, alt: str) -> Chart | None:
    if not ctx.options.charts or not rows:
        return None
    return Chart(title=title, png=chart_render(chart_spec(kind, rows, title=title), fmt="png"), alt=alt)


def _pct(value: float | None) -> str:
    return number_text(value, "pct")


# ---- One area's chapter -----------------------------------------------------------------------------


def _total_table(ctx: _Context, scope: Scope) -> TableBlock:
    """All crime in the area and the areas containing it: the published "Total Crime" layout."""
    table = TABLES["headline"]
    request = Request(ctx.con, scope)
    rows = [r for r in table_rows(table, request) if r["crime_type"] == "All crime"]
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


def _changes(ctx: _Context, scope: Scope) -> tuple[list[Row], int]:
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


def _rates_table(ctx: _Context, scope: Scope) -> TableBlock | None:
    """Rates per 1,000 residents by crime type: the area beside the county and the force."""
    table = TABLES["headline"]
    request = Request(ctx.con, scope)
    rows = table_rows(table, request)
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


def _years_table(ctx: _Context, scope: Scope) -> tuple[TableBlock, list[Row]]:
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


def _comparators(ctx: _Context, scope: Scope, rows: list[Row]) -> Section | None:
    """iQuanta-style: the area's rate per crime type against the mean rate of the comparator areas."""
    codes = ctx.options.comparators
    if not codes:
        return None
    section = Section("Comparison with similar areas", f"{_slug(scope.area.name)}-comparators")
    found, unknown = [], []
    for code in codes:
        try:
            found.append(area_find(code, con=ctx.con))
        except AreaNotFoundError:
            unknown.append(code)
    if unknown:
        section.blocks.append(Missing(f"Not in the warehouse's geography, so left out: {', '.join(unknown)}."))
    found = [a for a in found if a != scope.area]
    if not found:
        section.blocks.append(Missing("No comparator area could be used, so no comparison is given."))
        return section
    counts = figures.crime_change_by_type_for(ctx.con, areas=found, scope=scope)
    populations = [figures.area_population(a, con=ctx.con) for a in found]
    own_population = figures.area_population(scope.area, con=ctx.con)
    body, flagged = [], []
    for row in rows:
        rates = [
            1000.0 * next((r["period_count"] for r in area_rows if r["crime_type"] == row["crime_type"]), 0) / pop
            for area_rows, pop in zip(counts, populations, strict=True)
            if pop
        ]
        if not rates or not own_population:
            continue
        mean = sum(rates) / len(rates)
        own = 1000.0 * row["period_count"] / own_population
        flag = own > mean and row["change"] == INCREASE
        if flag:
            flagged.append(row["crime_type"])
        body.append(
            [
                row["crime_type"],
                number_text(round(own, 2), "rate"),
                number_text(round(mean, 2), "rate"),
                _pct(round(100.0 * (own - mean) / mean, 1) if mean else None),
                "Yes" if row["change"] == INCREASE else "No",
                "Above average and increasing" if flag else "",
            ]
        )
    section.blocks.append(
        Paragraph(
            f"{scope.area.name} against the mean rate per 1,000 residents of {len(found)} comparator areas "
            f"({', '.join(a.name for a in found)}), {scope.period.label}. A crime type is flagged when its rate is "
            "above the comparator average and it increased significantly."
        )
    )
    section.blocks.append(
        TableBlock(
            title=f"{scope.area.name} against comparator areas, {scope.period.label}",
            header=[
                "Crime type",
                "Rate per 1,000",
                "Comparator mean per 1,000",
                "Difference %",
                "Significant increase",
                "Flag",
            ],
            rows=body,
            numeric=[False, True, True, True, False, False],
            source=ctx.appendix.add(TABLES["headline"], Request(ctx.con, scope)),
        )
    )
    section.blocks.append(
        Bullets([f"{t}: above the comparator average and increasing significantly." for t in flagged])
        if flagged
        else Paragraph("No crime type is both above the comparator average and significantly increasing.")
    )
    return section


def area_chapter(ctx: _Context, area: Area, *, title: str, districts: bool = False) -> tuple[Section, list[Row]]:
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
    comparators = _comparators(ctx, scope, rows)
    if comparators:
        section.children.append(comparators)
    return section, rows


# ---- Thematic sections ------------------------------------------------------------------------------


def theme_section(ctx: _Context, theme: ThemeSection, area: Area, *, definition: str = "") -> Section:
    """A thematic section: its intro, then each of its registry tables or the reason it is missing."""
    section = Section(theme.title, theme.name, [Paragraph(theme.intro)])
    if definition:
        section.blocks.append(Paragraph(definition))
    scope = ctx.scope_for(area, **theme.filters)
    for name in theme.tables:
        section.blocks.append(
            table_block(
                name,
                con=ctx.con,
                scope=scope,
                appendix=ctx.appendix,
                threshold=ctx.options.threshold,
                max_rows=theme.max_rows,
            )
        )
    return section


def _serious_violence_findings(ctx: _Context, area: Area) -> list[str]:
    """Group 1 and Group 2 in the area: the same rules as crime; not compared when coverage differs."""
    scope = ctx.scope_for(area)
    request = Request(ctx.con, scope)
    if "serious_violence_summary" not in TABLES or not request.months_with_data("offence", scope.period):
        return []
    if figures.comparison_months(ctx.con, scope, source="offence").restricted:
        return [
            f"Serious violence in {area.name} is not compared between {scope.compare.label} and "
            f"{scope.period.label}: the offence extract does not cover the same months of both."
        ]
    found = []
    for row in table_rows(TABLES["serious_violence_summary"], request):
        if row["area"] != area.name:
            continue
        direction, _ = trend_figures.change_direction(
            period_count=row["period_count"], compare_count=row["compare_count"]
        )
        tested = {
            **row,
            "change": direction,
            "period_tested": row["period_count"],
            "compare_tested": row["compare_count"],
        }
        found.append(
            change_sentence(
                what=f"Serious violence {row['group']} in {area.name}",
                row=tested,
                period=scope.period.label,
                compare=scope.compare.label,
                months=scope.period.months,
            )
        )
    return found


# ---- The whole report -------------------------------------------------------------------------------


def _districts(con: WarehouseReader, area: Area) -> list[Area]:
    if area.kind == "district":
        return [area]
    if area.kind in ("county", "force"):
        return area_children(area, con=con)
    return []


def data_facts(con: WarehouseReader) -> dict[str, Any]:
    """Which data the report was built from: per source, the latest import and the latest month."""
    facts = {}
    for source, (name, kinds) in SOURCES.items():
        latest = figures.latest_import(con, kinds=kinds)
        month = figures.latest_month(con, source=source)
        facts[source] = {
            "name": name,
            "imported_at": latest["imported_at"].isoformat() if latest["imported_at"] else None,
            "imports": int(latest["imports"] or 0),
            "latest_month": month.isoformat() if month else None,
        }
    return facts


def report_build(*, con: WarehouseReader, options: SiaOptions, progress: Progress | None = None) -> Report:
    """The SIA for the chosen area and period; raises SiaInputError only when nothing can be produced."""
    scope = options.scope
    if not figures.data_months(con, source="crime"):
        raise SiaInputError(
            "The warehouse holds no police-recorded crime yet, so no report can be produced. "
            "Import police.uk data first."
        )
    ctx = _Context(con, options)
    area = scope.area
    districts = _districts(con, area)
    containing = area_containing(area, con=con)
    steps = 2 + len(districts) + len(containing) + len(THEMES) + 1
    done = 0

    def step(message: str) -> None:
        nonlocal done
        done += 1
        progress_emit(progress, done, steps, message)

    progress_emit(progress, 0, steps, "Starting")
    chapters: list[Section] = []
    findings: list[str] = []
    coverage = figures.district_coverage(con, areas=[area])
    overview, overview_rows = area_chapter(ctx, area, title=f"{area.name} overview", districts=area.kind != "district")
    for gap in coverage:
        overview.blocks.insert(
            0,
            Missing(
                f"Only {gap['with_data']} of the {gap['total']} districts of {gap['name']} have police-recorded "
                f"crime in the warehouse; missing: {', '.join(gap['missing'])}. Their chapters say so, and "
                f"{gap['name']}'s counts leave them out while its rates use its whole population."
            ),
        )
    chapters.append(overview)
    months = _months_compared(con, scope)
    labels: dict[str, Any] = {"period": scope.period.label, "compare": scope.compare.label, "months": months}
    findings += area_findings(area=area.name, rows=overview_rows, **labels)
    step(f"{area.name} overview")
    district_chapters = []
    if area.kind != "district":
        for district in districts:
            chapter, rows = area_chapter(ctx, district, title=district.name)
            district_chapters.append(chapter)
            findings += area_findings(area=district.name, rows=rows, **labels)
            step(district.name)
    chapters += district_chapters
    for outer in containing:
        chapter, _ = area_chapter(ctx, outer, title=f"{outer.kind_label.capitalize()} context: {outer.name}")
        chapters.append(chapter)
        step(outer.name)
    themes = Section("Thematic sections", "themes")
    for theme in THEMES:
        themes.children.append(theme_section(ctx, theme, area))
        step(theme.title)
    chapters.append(themes)
    serious = Section("Serious violence needs assessment", "serious-violence")
    definition = TABLES["serious_violence"].definition if "serious_violence" in TABLES else ""
    for theme in SERIOUS_VIOLENCE:
        serious.children.append(
            theme_section(ctx, theme, area, definition=definition if theme.name == "sv_definition" else "")
        )
    chapters.append(serious)
    findings += _serious_violence_findings(ctx, area)
    step("Serious violence")
    summary = Section(
        "Executive summary",
        "summary",
        [
            Paragraph(
                f"Police-recorded crime in {area.name} ({area.kind_label}) in {scope.period.label} against "
                f"{scope.compare.label}. Changes are called increases or decreases only where the exact "
                "conditional test on the two counts is significant at the 5% level."
            ),
            Bullets(findings or ["No findings: the warehouse holds no records for this area and period."]),
        ],
    )
    flags = [
        f"{c.title}: {item}"
        for c in district_chapters + [overview]
        for child in c.children
        if child.anchor.endswith("-comparators")
        for block in child.blocks
        if isinstance(block, Bullets)
        for item in block.items
    ]
    if flags:
        summary.blocks.append(Paragraph("Above the comparator average and increasing significantly:"))
        summary.blocks.append(Bullets(flags))
    step("Summary")
    report = Report(
        title=f"Strategic Intelligence Assessment: {area.name}, {scope.period.label}",
        area=area.name,
        period=scope.period.label,
        compare=scope.compare.label,
        created_at=datetime.now(tz=UTC),
        comparators=list(options.comparators),
        summary=summary,
        chapters=chapters,
        appendix=ctx.appendix.entries,
        data=data_facts(con),
    )
    report.synthetic = any(t.synthetic for t in report.tables()) or any(
        "SYNTHETIC" in note for t in report.tables() for note in t.notes
    )
    return report
