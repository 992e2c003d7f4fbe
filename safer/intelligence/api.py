"""The intelligence API: the dashboard's tables under /api/intelligence/tables/ (django-ninja).

The same registry the pages, exports and `safer table` read (dashboard/tables.py), for signed-in users whose
role has `intelligence.view`; errors in the API's one shape {message, code, fields}.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema

from safer.core.api_errors import ErrorOut
from safer.intelligence.dashboard.tables import (
    TABLES,
    DashboardInputError,
    Request,
    TableNotFoundError,
    definition_text,
    scope_build,
    table_get,
    table_rows,
)
from safer.intelligence.warehouse import WarehouseBusyError, WarehouseQueryTooLargeError, bounded_reader

router = Router(tags=["Intelligence"])
Value = str | int | float | None


class ColumnOut(Schema):
    """One column of a table: `kind` is text, count, pct, rate or coord."""

    key: str
    title: str
    kind: str


class TableOut(Schema):
    """A dashboard table: its name, what it counts and its columns."""

    name: str
    title: str
    source: str
    definition: str
    columns: list[ColumnOut]


class TableRowsOut(Schema):
    """One table's rows for an area and period (a value of null means no data, not zero)."""

    name: str
    title: str
    area: str
    area_type: str
    period: str
    compare: str
    definition: str
    comparison_note: str | None
    period_months_with_data: int
    compare_months_with_data: int
    empty_reason: str | None = Field(None, description="Why there are no rows, when the analysis can say")
    window_note: str | None = Field(None, description="What the chosen time window does to this table")
    columns: list[ColumnOut]
    rows: list[dict[str, Value]]


def _require_view(request: HttpRequest) -> None:
    if not request.user.has_capability("intelligence.view"):  # type: ignore[union-attr]
        raise PermissionDenied


def _plain(value: Any) -> Value:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _error(request: HttpRequest, *, status: int, message: str, code: str, field: str = "") -> HttpResponse:
    from safer.api import error_response

    return error_response(
        request, status=status, message=message, code=code, fields={field: [message]} if field else {}
    )


@router.get("/tables/", response=list[TableOut], summary="The dashboard tables")
def tables_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Every table the dashboard, exports and `safer table` can show, with its columns."""
    _require_view(request)
    return [
        {
            "name": t.name,
            "title": t.title,
            "source": t.source,
            "definition": t.definition,
            "columns": [{"key": c.key, "title": c.title, "kind": c.kind} for c in t.column_templates()],
        }
        for t in TABLES.values()
    ]


@router.get(
    "/tables/{name}",
    response={200: TableRowsOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 503: ErrorOut},
    summary="One table's rows",
)
def table_detail(
    request: HttpRequest,
    name: str,
    area: str,
    period: str = "",
    compare: str = "",
    crime_type: str = "",
    by: str = "",
    cell_size: str = "",
    bandwidth: str = "",
    window: str = "",
    place: str = "",
) -> Any:
    """A table's rows for an area ("Oxford", "county:Oxfordshire") and period ("2022", "FY2021/22", ...); map
    tables take a grid `cell_size` and kernel `bandwidth` in metres, map and pattern tables a time `window` ("nte"),
    concentration a unit of `place` (lsoa, cell, location)."""
    _require_view(request)
    try:
        table = table_get(name)
    except TableNotFoundError as error:
        return _error(request, status=404, message=str(error), code="not_found")
    try:
        with bounded_reader() as con:
            scope = scope_build(
                con,
                area=area,
                period=period,
                compare=compare,
                crime_type=crime_type,
                by=by,
                source=table.source,
                cell_size=cell_size,
                bandwidth=bandwidth,
                window=window,
                place=place,
            )
            dashboard_request = Request(con, scope)
            rows = table_rows(table, dashboard_request)
            about = definition_text(table, dashboard_request)
            columns = table.columns_for(dashboard_request)
            titles = table.column_titles(dashboard_request)
    except DashboardInputError as error:
        return _error(request, status=400, message=str(error), code="invalid", field=error.field)
    except WarehouseBusyError as error:
        return _error(request, status=503, message=str(error), code="busy")
    except WarehouseQueryTooLargeError as error:
        return _error(request, status=400, message=str(error), code="too_large")
    return {
        "name": table.name,
        "title": table.title,
        "area": scope.area.name,
        "area_type": scope.area.kind_label,
        "period": scope.period.label,
        "compare": scope.compare.label,
        "definition": about["definition"],
        "comparison_note": about["comparison_note"],
        "period_months_with_data": about["period_months_with_data"],
        "compare_months_with_data": about["compare_months_with_data"],
        "empty_reason": about["empty_reason"],
        "window_note": about["window_note"],
        "columns": [{"key": c.key, "title": t, "kind": c.kind} for c, t in zip(columns, titles, strict=True)],
        "rows": [{key: _plain(value) for key, value in row.items()} for row in rows],
    }
