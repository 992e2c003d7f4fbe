"""Build the SIA report model from the table registry: summary, county, district and force chapters,
thematic sections, the serious violence needs assessment and the appendix (no Django)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from safer.intelligence.dashboard import figures, trend_figures
from safer.intelligence.dashboard.areas import Area, area_children, area_containing
from safer.intelligence.dashboard.tables import SOURCES, TABLES, Request, table_rows
from safer.intelligence.imports.progress import Progress, progress_emit
from safer.intelligence.sia.blocks import table_block
from safer.intelligence.sia.chapters import ReportContext, SiaInputError, SiaOptions, _months_compared, area_chapter
from safer.intelligence.sia.districts import district_block
from safer.intelligence.sia.model import Bullets, Missing, Paragraph, Report, Section
from safer.intelligence.sia.sections import SERIOUS_VIOLENCE, THEMES, ThemeSection
from safer.intelligence.sia.summary import area_findings, change_sentence
from safer.intelligence.warehouse import WarehouseReader

__all__ = ["SiaInputError", "SiaOptions", "report_build"]


# ---- Thematic sections ------------------------------------------------------------------------------


def theme_section(
    ctx: ReportContext,
    theme: ThemeSection,
    area: Area,
    *,
    definition: str = "",
    districts: list[Area] | None = None,
    containing: list[Area] | None = None,
) -> Section:
    """A thematic section: its intro, then each of its registry tables or the reason it is missing; for an
    area of several districts, then its figures for each district side by side (districts.py)."""
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
    if districts and len(districts) > 1 and theme.by_district:
        areas = [*districts, area, *(containing or [])]
        by_district = Section(f"{theme.title} by district", f"{theme.name}-districts")
        by_district.blocks.append(
            Paragraph(
                f"The figures above for each district of {area.name} side by side, with {area.name} and the "
                "areas containing it below, as the partnership plans set them out."
            )
        )
        for view in theme.by_district:
            by_district.blocks.append(district_block(ctx, view, theme, areas=areas, inner=len(districts) + 1))
        section.children.append(by_district)
    return section


def _serious_violence_findings(ctx: ReportContext, area: Area) -> list[str]:
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
    ctx = ReportContext(con, options)
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
        themes.children.append(theme_section(ctx, theme, area, districts=districts, containing=containing))
        step(theme.title)
    chapters.append(themes)
    serious = Section("Serious violence needs assessment", "serious-violence")
    definition = TABLES["serious_violence"].definition if "serious_violence" in TABLES else ""
    for theme in SERIOUS_VIOLENCE:
        serious.children.append(
            theme_section(
                ctx,
                theme,
                area,
                definition=definition if theme.name == "sv_definition" else "",
                districts=districts,
                containing=containing,
            )
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
