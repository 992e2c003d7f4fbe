"""The iQuanta-style comparator set: an area's rates against the mean rate of "most similar" areas."""

from __future__ import annotations

from safer.intelligence.dashboard import figures
from safer.intelligence.dashboard.areas import AreaNotFoundError, area_find
from safer.intelligence.dashboard.figures import Row, Scope
from safer.intelligence.dashboard.tables import TABLES, Request
from safer.intelligence.dashboard.trend_figures import INCREASE
from safer.intelligence.sia.blocks import number_text
from safer.intelligence.sia.chapters import ReportContext, _pct, _slug
from safer.intelligence.sia.model import Bullets, Missing, Paragraph, Section, TableBlock


def comparators_section(ctx: ReportContext, scope: Scope, rows: list[Row]) -> Section | None:
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
