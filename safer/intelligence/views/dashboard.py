"""Dashboard pages: tables and charts for an area and period, exports, the map and serious violence."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views import View

from safer.core.views import CapabilityRequiredMixin
from safer.intelligence.dashboard import figures, hotspot_figures
from safer.intelligence.dashboard.areas import AreaNotFoundError, area_containing, area_find, area_suggestions
from safer.intelligence.dashboard.charts import chart_render, chart_spec
from safer.intelligence.dashboard.figures import Scope
from safer.intelligence.dashboard.periods import Period, month_label
from safer.intelligence.dashboard.significance import TEST_NAME, change_test
from safer.intelligence.dashboard.tables import (
    TABLES,
    Column,
    DashboardInputError,
    Request,
    Table,
    TableNotFoundError,
    definition_text,
    scope_build,
    table_get,
    table_rows,
)
from safer.intelligence.forms import DashboardFilterForm, MapFilterForm, PatternFilterForm
from safer.intelligence.warehouse import (
    WarehouseBusyError,
    WarehouseQueryTooLargeError,
    WarehouseReader,
    bounded_reader,
)

PAGES = {
    "dashboard": ("headline", "trend", "crime_types", "districts", "asb_by_type", "repeat_locations"),
    "serious-violence": (
        "serious_violence_summary",
        "serious_violence",
        "serious_violence_victim_age",
        "serious_violence_suspect_age",
        "serious_violence_victim_sex",
        "serious_violence_suspect_sex",
        "serious_violence_local",
    ),
    # The SIA's thematic sections and the hospital data of the serious violence needs assessment.
    "themes": (
        "domestic_abuse_years",
        "domestic_abuse_victims",
        "domestic_abuse_repeat",
        "hate_strands",
        "hate_victims",
        "rape_victims_sex",
        "knife_people",
        "alcohol_related",
        "asb_by_category",
        "youth_people",
        "repeat_victims",
        "repeat_suspects",
        "ae_monthly",
        "ae_location_type",
        "ae_weapon",
        "ae_hour",
    ),
    "map": ("map_lsoas", "hotspot_cells", "hotspot_kde", "hotspot_emerging", "hotspot_change"),
    "patterns": (
        "concentration_summary",
        "concentration_curve",
        "concentration_top",
        "repeat_locations",
        "week_hour",
        "seasonality",
    ),
}
FORMS: dict[str, type[DashboardFilterForm]] = {"map": MapFilterForm, "patterns": PatternFilterForm}
# The map's layers of grid cells (in the map data and as GeoJSON downloads) and the table each comes from.
CELL_LAYERS = {
    "hotspots": "hotspot_cells",
    "kde": "hotspot_kde",
    "emerging": "hotspot_emerging",
    "change": "hotspot_change",
}
# The source whose months a page's period choices, coverage notes and "no data" follow.
PAGE_SOURCE = {"serious-violence": "offence", "themes": "offence"}
FOLD_ROWS = 8  # longer tables fold away in GOV.UK details (keyboard-reachable; the exports hold every row)
NEVER_FOLDED = frozenset(("headline", "serious_violence_summary"))  # the page's lead tables stay open
_ORG_SUFFIXES = (" city council", " borough council", " district council", " county council", " council")


@dataclass
class _Resolved:
    form: DashboardFilterForm
    scope: Scope | None
    has_data: bool


def _default_area(con: WarehouseReader, request: HttpRequest) -> str:
    """The user's own council area when its name is an area, else the district with most records."""
    organisation = getattr(request.user, "organisation", None)
    name = str(getattr(organisation, "name", "") or "")
    for suffix in _ORG_SUFFIXES:
        if name.lower().endswith(suffix):
            try:
                return area_find(name[: -len(suffix)], con=con).text
            except AreaNotFoundError:
                break
    return figures.busiest_district(con) or ""


def _resolve(con: WarehouseReader, request: HttpRequest, *, source: str = "crime", page: str = "") -> _Resolved:
    data = request.GET.copy()
    has_data = figures.latest_month(con) is not None
    if has_data and not data.get("area"):
        data["area"] = _default_area(con, request)
    years = [month.year for month in figures.data_months(con, source=source)]
    areas = area_suggestions(con=con) if has_data else []
    form_class = FORMS.get(page, DashboardFilterForm)
    form = form_class(data, crime_types=figures.crime_types(con), years=years, areas=areas)
    if not has_data or not form.is_valid():
        return _Resolved(form, None, has_data)
    try:
        scope = scope_build(
            con,
            area=form.cleaned_data["area"],
            period=form.cleaned_data["period"],
            compare=form.cleaned_data["compare"],
            crime_type=form.cleaned_data["crime_type"],
            source=source,
            cell_size=form.cleaned_data.get("cell_size") or "",
            bandwidth=form.cleaned_data.get("bandwidth") or "",
            window=form.cleaned_data.get("window") or "",
            place=form.cleaned_data.get("place") or "",
        )
    except DashboardInputError as error:
        form.add_error(error.field if error.field in form.fields else None, str(error))
        return _Resolved(form, None, has_data)
    return _Resolved(form, scope, has_data)


def _cell(value: Any, kind: str) -> dict[str, Any]:
    if value is None:
        return {"text": "no data" if kind in ("count", "rate", "pct") else "", "numeric": kind != "text"}
    if kind == "count":
        return {"text": f"{value:,}", "numeric": True}
    if kind == "rate":
        return {"text": f"{value:,.2f}", "numeric": True}
    if kind == "coord":
        return {"text": f"{value:.5f}", "numeric": True}
    if kind == "pct":
        return {"text": f"{value:+.1f}%" if isinstance(value, float) else str(value), "numeric": True}
    return {"text": str(value), "numeric": False}


def _query(scope: Scope) -> str:
    params = {"area": scope.area.text, "period": scope.period.text, "compare": scope.compare.text}
    params.update(scope.filters)  # crime type, and the map's and time patterns' settings
    return urlencode(params)


def _headings(columns: tuple[Column, ...], scope: Scope) -> dict[str, Any]:
    """The page's headings: one row, or for a side-by-side table the areas over their columns."""
    titles = [c.heading(scope) for c in columns]
    groups: list[dict[str, Any]] = []
    for column, title in zip(columns, titles, strict=True):
        if column.group and groups and groups[-1]["group"] == column.group:
            groups[-1]["span"] += 1
            groups[-1]["titles"].append(title)
        else:
            groups.append({"group": column.group, "span": 1, "titles": [title]})
    grouped = any(g["group"] for g in groups)
    return {"titles": titles, "groups": groups if grouped else None}


def _body_html(cells: list[list[dict[str, Any]]]) -> str:
    """The table's body rows as HTML (the first cell a row header), built here rather than in a template loop:
    a map's kernel density table alone has about 10,000 cells, which Django's template engine takes most of a
    second to render and this about a hundredth of that. Every text is escaped."""
    out = []
    for row in cells:
        parts = ['<tr class="govuk-table__row">']
        for i, cell in enumerate(row):
            text = escape(cell["text"])
            if i == 0:
                parts.append(f'<th scope="row" class="govuk-table__header">{text}</th>')
                continue
            classes = "govuk-table__cell"
            if cell["numeric"]:
                classes += " safer-numeric"
            if cell.get("starts_group"):
                classes += " safer-group-start"
            parts.append(f'<td class="{classes}">{text}</td>')
        parts.append("</tr>")
        out.append("".join(parts))
    return mark_safe("".join(out))  # noqa: S308 - every cell's text is escaped above


def _table_context(table: Table, request: Request) -> dict[str, Any]:
    rows = table_rows(table, request)
    columns = table.columns_for(request)
    query = _query(request.scope)
    about = definition_text(table, request)
    cells = [[_cell(row[c.key], c.kind) for c in columns] for row in rows]
    if any(c.group for c in columns):  # a rule before each area's first column, so the areas read apart
        starts = {i for i, c in enumerate(columns) if c.group and (i == 0 or columns[i - 1].group != c.group)}
        cells = [[{**cell, "starts_group": i in starts} for i, cell in enumerate(row)] for row in cells]
    return {
        "table": table,
        "folded": len(cells) > FOLD_ROWS and table.name not in NEVER_FOLDED,
        **_headings(columns, request.scope),
        "rows": cells,
        "body": _body_html(cells),
        "synthetic": sum(int(row.get("synthetic_records") or 0) for row in rows),
        "about": about,
        "csv_url": reverse("intelligence:dashboard-export", args=[table.name, "csv"]) + "?" + query,
        "xlsx_url": reverse("intelligence:dashboard-export", args=[table.name, "xlsx"]) + "?" + query,
        "chart_svg": reverse("intelligence:dashboard-chart", args=[table.name, "svg"]) + "?" + query
        if table.chart
        else None,
        "chart_png": reverse("intelligence:dashboard-chart", args=[table.name, "png"]) + "?" + query
        if table.chart
        else None,
    }


def _headline_panel(request: Request) -> dict[str, Any] | None:
    """What a manager asks first: all crime and its change (tested), rates against county and force, movers."""
    rows = [r for r in table_rows(TABLES["headline"], request) if r["crime_type"] == "All crime"]
    if not rows or rows[0]["area_period_count"] is None:
        return None
    area = {key: rows[0][f"area_{key}"] for key, _ in _PANEL_CELLS}
    test = None
    if area["compare_count"] is not None and area["difference"] == area["period_count"] - area["compare_count"]:
        test = change_test(period_count=area["period_count"], compare_count=area["compare_count"])
    types = [r for r in table_rows(TABLES["crime_types"], request) if r["difference"] is not None]
    types = [r for r in types if r["crime_type"] != "All crime" and r["difference"]]
    return {
        "area": {key: _cell(area[key], kind) for key, kind in _PANEL_CELLS},
        "test": test,
        "test_name": TEST_NAME,
        "tested": area["compare_count"] is not None,
        "rates": [
            {"name": place.name, "type": place.kind_label, "rate": _cell(rows[0][f"{prefix}_period_rate"], "rate")}
            for prefix, place in request.areas
        ],
        "rises": sorted((r for r in types if r["difference"] > 0), key=lambda r: -r["difference"])[:3],
        "falls": sorted((r for r in types if r["difference"] < 0), key=lambda r: r["difference"])[:3],
    }


_PANEL_CELLS = (
    ("period_count", "count"),
    ("compare_count", "count"),
    ("difference", "count"),
    ("difference_pct", "pct"),
)


def _missing(period: Period, months: list[date]) -> dict[str, Any]:
    """One period's months with no data, worded for the notice ("1 of 12 months ... has no data: ...")."""
    return {
        "period": period,
        "months": [month_label(m) for m in months],
        "verb": "has" if len(months) == 1 else "have",
        "all": len(months) == period.months,
    }


def _cell_size_text(con: WarehouseReader, scope: Scope) -> str:
    """How big the map's grid cells are and who chose it, for the sentence under the map."""
    grid = hotspot_figures.area_grid(con, scope)
    if grid is None:
        return "not drawn for a custom area"
    chosen = "as set" if scope.filters.get("cell_size") else "chosen automatically, about 50 on the shorter side"
    return f"{grid.frame.cell_size:,.0f} m squares ({chosen})"


def _render_page(request: HttpRequest, page: str, template: str, title: str) -> HttpResponse:
    try:
        with bounded_reader() as con:
            source = PAGE_SOURCE.get(page, "crime")
            resolved = _resolve(con, request, source=source, page=page)
            context: dict[str, Any] = {"form": resolved.form, "has_data": resolved.has_data, "page_title": title}
            context["no_source_data"] = not figures.data_months(con, source=source)
            if resolved.scope is not None:
                dashboard_request = Request(con, resolved.scope)
                context["scope"] = resolved.scope
                context["query"] = _query(resolved.scope)
                context["panel"] = _headline_panel(dashboard_request) if page == "dashboard" else None
                context["tables"] = [_table_context(TABLES[name], dashboard_request) for name in PAGES[page]]
                context["synthetic"] = any(t["synthetic"] for t in context["tables"])
                scope = resolved.scope
                context["coverage"] = {
                    "period": dashboard_request.months_with_data(source, scope.period),
                    "compare": dashboard_request.months_with_data(source, scope.compare),
                }
                context["partial_areas"] = figures.district_coverage(
                    con, areas=[scope.area, *area_containing(scope.area, con=con)], source=source
                )
                context["missing"] = [
                    _missing(period, dashboard_request.missing_months(source, period))
                    for period in (scope.period, scope.compare)
                ]
                context["coverage_gap"] = any(m["months"] for m in context["missing"])
                if page == "map":
                    context["cell_size_text"] = _cell_size_text(con, scope)
                context["period_empty"] = context["coverage"]["period"] == 0
    except WarehouseBusyError as error:
        return render(request, "intelligence/dashboard_busy.html", {"message": str(error)}, status=503)
    except WarehouseQueryTooLargeError as error:
        return render(request, "intelligence/dashboard_too_large.html", {"message": str(error)}, status=400)
    context["page"] = page
    context["map_tile_url"] = settings.SAFER_MAP_TILE_URL if settings.SAFER_MAP_TILE_URL != "none" else ""
    context["map_tile_attribution"] = settings.SAFER_MAP_TILE_ATTRIBUTION
    partial = request.headers.get("HX-Request") == "true" and request.headers.get("HX-Target") == "dashboard-results"
    status = 400 if resolved.form.errors and not partial else 200
    return render(request, "intelligence/dashboard_partial.html" if partial else template, context, status=status)


class DashboardView(CapabilityRequiredMixin, View):
    """The partnership crime dashboard for an area and period (HTMX updates the results in place)."""

    capability = "intelligence.view"

    def get(self, request: HttpRequest) -> HttpResponse:
        return _render_page(request, "dashboard", "intelligence/dashboard.html", "Crime dashboard")


class DashboardSeriousViolenceView(CapabilityRequiredMixin, View):
    """The serious violence dashboard: Group 1 and Group 2 by month, rolling, rates, ages and sex."""

    capability = "intelligence.view"

    def get(self, request: HttpRequest) -> HttpResponse:
        return _render_page(
            request, "serious-violence", "intelligence/dashboard_serious_violence.html", "Serious violence"
        )


class DashboardPatternsView(CapabilityRequiredMixin, View):
    """Concentration (top LSOAs, share in the busiest places, Lorenz curve, Gini) and time patterns (day and
    hour heat map with the night-time economy filter, seasonality)."""

    capability = "intelligence.view"

    def get(self, request: HttpRequest) -> HttpResponse:
        return _render_page(
            request, "patterns", "intelligence/dashboard_patterns.html", "Concentration and time patterns"
        )


class DashboardThemesView(CapabilityRequiredMixin, View):
    """The SIA's thematic tables: domestic abuse, hate, rape, knife, alcohol, ASB, youth, repeat people, A&E."""

    capability = "intelligence.view"

    def get(self, request: HttpRequest) -> HttpResponse:
        return _render_page(request, "themes", "intelligence/dashboard_serious_violence.html", "Themes")


class DashboardMapView(CapabilityRequiredMixin, View):
    """The map: clustered records, LSOA circles by count or rate, custom areas."""

    capability = "intelligence.view"

    def get(self, request: HttpRequest) -> HttpResponse:
        return _render_page(request, "map", "intelligence/dashboard_map.html", "Crime map")


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _request_or_400(request: HttpRequest, name: str) -> tuple[Table, Any]:
    try:
        table = table_get(name)
    except TableNotFoundError:
        raise Http404(f"No table {name}") from None
    return table, None


def _layer_geojson(table: Table, request: Request) -> dict[str, Any]:
    """A grid layer's table as GeoJSON cells; with no cells, `reason` says why (e.g. too few cells for Gi*)."""
    rows = table_rows(table, request)
    reason = (table.empty_reason(request) if table.empty_reason and not rows else "") or ""
    return hotspot_figures.hotspot_cells_geojson(rows, reason)


class DashboardMapDataView(CapabilityRequiredMixin, View):
    """The map's data as JSON: LSOA centroids with counts and rates, map points, custom areas."""

    capability = "intelligence.view"

    def get(self, request: HttpRequest) -> HttpResponse:
        with bounded_reader() as con:
            resolved = _resolve(con, request, page="map")
            if resolved.scope is None:
                errors = {field: [str(e) for e in errs] for field, errs in resolved.form.errors.items()}
                return JsonResponse(
                    {"message": "Check the area and period.", "code": "invalid", "fields": errors}, status=400
                )
            dashboard_request = Request(con, resolved.scope)
            document = {
                "area": resolved.scope.area.name,
                "period": resolved.scope.period.label,
                "lsoas": table_rows(TABLES["map_lsoas"], dashboard_request),
                "lsoa_shapes": hotspot_figures.map_lsoa_shapes(con, resolved.scope),
                "districts": hotspot_figures.map_district_outlines(con, resolved.scope),
                # The other grid layers are fetched as GeoJSON when the user switches them on.
                "hotspots": _layer_geojson(TABLES["hotspot_cells"], dashboard_request),
                "points": table_rows(TABLES["map_points"], dashboard_request),
                "custom_areas": [
                    {"name": row["name"], "geojson": json.loads(row["geojson"])} for row in figures.custom_areas(con)
                ],
            }
        return JsonResponse(document, json_dumps_params={"default": _plain})


class DashboardMapGeoJsonView(CapabilityRequiredMixin, View):
    """Download one map layer as GeoJSON (WGS84): LSOAs with records and rate, or a layer of grid cells (Gi*
    hotspots, kernel density, emerging hot spots, change between the periods)."""

    capability = "intelligence.view"

    def get(self, request: HttpRequest, layer: str) -> HttpResponse:
        if layer != "lsoas" and layer not in CELL_LAYERS:
            raise Http404("Layers: lsoas, " + ", ".join(CELL_LAYERS))
        with bounded_reader() as con:
            resolved = _resolve(con, request, page="map")
            if resolved.scope is None:
                return HttpResponse("Check the area and period: " + resolved.form.errors.as_text(), status=400)
            if layer == "lsoas":
                document = hotspot_figures.map_lsoa_shapes(con, resolved.scope)
            else:
                document = _layer_geojson(TABLES[CELL_LAYERS[layer]], Request(con, resolved.scope))
        scope = resolved.scope
        document["licence"] = "Contains public sector information licensed under the Open Government Licence v3.0."
        filename = "".join(ch for ch in f"{layer}-{scope.area.name}-{scope.period.text}" if ch.isalnum() or ch in "-_")
        response = HttpResponse(json.dumps(document, default=_plain), content_type="application/geo+json")
        response["Content-Disposition"] = f'attachment; filename="{filename}.geojson"'
        return response


class DashboardExportView(CapabilityRequiredMixin, View):
    """Download one table as CSV or XLSX (the same rows the page shows, with its definition in XLSX)."""

    capability = "intelligence.view"

    def get(self, request: HttpRequest, name: str, fmt: str) -> HttpResponse:
        table, _ = _request_or_400(request, name)
        with bounded_reader() as con:
            resolved = _resolve(con, request, page=table.page)
            if resolved.scope is None:
                return HttpResponse("Check the area and period: " + resolved.form.errors.as_text(), status=400)
            dashboard_request = Request(con, resolved.scope)
            rows = table_rows(table, dashboard_request)
            titles = table.column_titles(dashboard_request)
            about = definition_text(table, dashboard_request)
        scope = resolved.scope
        filename = f"{table.name}-{scope.area.name}-{scope.period.text}".replace(" ", "-").replace("/", "-")
        filename = "".join(ch for ch in filename if ch.isalnum() or ch in "-_.")
        if fmt == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(titles)
            for row in rows:
                writer.writerow(["" if v is None else _plain(v) for v in row.values()])
            response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        elif fmt == "xlsx":
            response = HttpResponse(
                _xlsx(table, titles, rows, scope, about),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        else:
            raise Http404("Export as csv or xlsx")
        response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
        return response


def _xlsx(table: Table, titles: list[str], rows: list[dict[str, Any]], scope: Scope, about: dict[str, Any]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table.name[:31]
    synthetic = sum(int(r.get("synthetic_records") or 0) for r in rows)
    notes = [
        [table.title],
        [f"{scope.area.name} ({scope.area.kind_label}), {scope.period.label} compared with {scope.compare.label}"],
        [f"Definition: {about['definition']}"],
        [f"Source: {about['source']}; latest import {_plain(about['imported_at']) or 'none'}"],
        [f"Includes {synthetic:,} SYNTHETIC (generated) records" if synthetic else "No synthetic records"],
        ["Contains public sector information licensed under the Open Government Licence v3.0."],
        [],
    ]
    for line in notes:
        sheet.append(line)
    sheet.append(titles)
    for cell in sheet[len(notes) + 1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_plain(v) for v in row.values()])
    if about.get("comparison_note"):  # under the table, so the heading row stays where readers expect it
        sheet.append([])
        sheet.append([f"Note: {about['comparison_note']}"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class DashboardChartView(CapabilityRequiredMixin, View):
    """One table's chart as SVG or PNG, rendered on the server (vl-convert)."""

    capability = "intelligence.view"

    def get(self, request: HttpRequest, name: str, fmt: str) -> HttpResponse:
        table, _ = _request_or_400(request, name)
        if table.chart is None or fmt not in ("svg", "png"):
            raise Http404("This table has no chart, or the format is not svg or png")
        with bounded_reader() as con:
            resolved = _resolve(con, request, page=table.page)
            if resolved.scope is None:
                return HttpResponse("Check the area and period: " + resolved.form.errors.as_text(), status=400)
            rows = table_rows(table, Request(con, resolved.scope))
        scope = resolved.scope
        title = f"{table.title}: {scope.area.name}, {scope.period.label}"
        if any(int(r.get("synthetic_records") or 0) for r in rows):
            title += " (includes SYNTHETIC records)"
        body = chart_render(chart_spec(table.chart, rows, title=title), fmt=fmt)
        response = HttpResponse(body, content_type="image/svg+xml" if fmt == "svg" else "image/png")
        if request.GET.get("download"):
            response["Content-Disposition"] = f'attachment; filename="{table.name}.{fmt}"'
        return response
