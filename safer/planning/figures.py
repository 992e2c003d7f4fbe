"""The one door from planning to other apps' figures: the intelligence dashboard and casework performance.

Everything planning reads from `safer.intelligence` or `safer.casework` goes through this module, so when
those apps move their code only the imports here change. Figures come back as `Figure`: a value, the
comparison value, whether every month had data, a trend series, and where and when the figures come from.
A missing area or month is "no data" (None), never 0.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from safer.intelligence.dashboard import figures as dashboard
from safer.intelligence.dashboard import tables
from safer.intelligence.dashboard.periods import (
    Period,
    PeriodInvalidError,
    month_add,
    period_parse,
    period_range,
    period_year_earlier,
)
from safer.intelligence.warehouse import WarehouseBusyError, bounded_reader
from safer.planning.phrases import MONTH, SHORT_MONTH, Phrase, When, gettext_noop

# police.uk's 14 crime types: an indicator may name one before any data of that type has been imported.
POLICE_UK_CRIME_TYPES = (
    "Anti-social behaviour",
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other crime",
    "Other theft",
    "Possession of weapons",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Theft from the person",
    "Vehicle crime",
    "Violence and sexual offences",
)
_WAREHOUSE_SOURCE = {"crime": "crime", "sv_group_1": "offence", "sv_group_2": "offence", "asb": "asb"}
SERIES_MONTHS = 24


class FigureInputError(ValueError):
    """An indicator's area, period or crime type cannot be read by the dashboard; `field` names which."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Figure:
    """A live figure for an indicator, dated and sourced."""

    value: Decimal | None
    previous: Decimal | None = None
    period_label: str = ""
    compare_label: str = ""
    complete: bool = True
    is_count: bool = False
    series: list[tuple[str, float | None]] = field(default_factory=list)
    source: str = ""
    as_of: str = ""
    note: str = ""


def _no_data(note: str, **kwargs: Any) -> Figure:
    return Figure(value=None, note=note, **kwargs)


def period_label(period: Period) -> str:
    """The dashboard's label of a period ("Mar 2022 to Apr 2022", "12 months to Oct 2022", "FY2022/23", "2022")
    as a Phrase, so the published plan can say it in Welsh."""
    if re.fullmatch(r"\d{4}", period.label):
        return period.label
    if period.label.startswith("FY"):
        return Phrase(
            gettext_noop("FY%(first)s/%(second)s"),
            first=str(period.start.year),
            second=f"{(period.start.year + 1) % 100:02d}",
        )
    end = When(period.end, SHORT_MONTH)
    if period.label.startswith(f"{period.months} months to "):
        return Phrase(gettext_noop("%(count)s months to %(month)s"), count=str(period.months), month=end)
    if period.start == period.end:
        return Phrase(gettext_noop("%(month)s"), month=end)
    return Phrase(gettext_noop("%(start)s to %(end)s"), start=When(period.start, SHORT_MONTH), end=end)


def _scope(con: Any, *, dashboard_source: str, area: str, period: str, crime_type: str) -> Any:
    """The dashboard's own reading of area, period and crime type (its error messages say what to fix)."""
    source = _WAREHOUSE_SOURCE[dashboard_source]
    wanted = crime_type if dashboard_source == "crime" else ""
    try:
        return tables.scope_build(con, area=area, period=period, crime_type=wanted, source=source)
    except tables.DashboardInputError as error:
        known = next((t for t in POLICE_UK_CRIME_TYPES if t.lower() == wanted.strip().lower()), None)
        if error.field != "crime_type" or known is None:
            raise FigureInputError(str(error), field=error.field) from None
    scope = tables.scope_build(con, area=area, period=period, source=source)
    return _with_scope(scope, filters={"crime_type": known})


def dashboard_check(*, dashboard_source: str, area: str, period: str, crime_type: str = "") -> None:
    """Raise FigureInputError when the dashboard cannot read the indicator's area, period or crime type."""
    if dashboard_source not in _WAREHOUSE_SOURCE:
        raise FigureInputError(f'"{dashboard_source}" is not a dashboard figure.', field="dashboard_source")
    try:
        with bounded_reader() as con:
            _scope(con, dashboard_source=dashboard_source, area=area, period=period, crime_type=crime_type)
    except WarehouseBusyError:
        return  # cannot check now; the figure will say "no data" until it can be read


def _provenance(con: Any, source: str) -> tuple[str, str]:
    name, kinds = tables.SOURCES[source]
    latest = dashboard.latest_month(con, source=source)
    imported = dashboard.latest_import(con, kinds=kinds)["imported_at"]
    if not latest:
        return name, Phrase(gettext_noop("no data imported"))
    if isinstance(imported, datetime):
        return name, Phrase(
            gettext_noop("data to %(month)s, imported %(day)s"),
            month=When(latest, MONTH),
            day=When(imported.date()),
        )
    return name, Phrase(gettext_noop("data to %(month)s"), month=When(latest, MONTH))


def _with_scope(scope: Any, *, period: Period | None = None, filters: dict[str, str] | None = None) -> Any:
    return dashboard.Scope(
        scope.area,
        period or scope.period,
        scope.compare,
        scope.filters if filters is None else filters,
        scope.by,
    )


def _counts(con: Any, dashboard_source: str, scope: Any, has_compare: bool) -> tuple[int, int, int]:
    """(period count, comparison count, all records of the source in both periods for the area)."""
    if dashboard_source == "crime":
        rows = dashboard.crime_change_by_type(con, area=scope.area, scope=scope)
        everything = dashboard.crime_change_by_type(con, area=scope.area, scope=_with_scope(scope, filters={}))[0]
        chosen = rows[0] if rows else {"period_count": 0, "compare_count": 0}
        if scope.filters.get("crime_type"):
            chosen = next((r for r in rows if r["crime_type"] == scope.filters["crime_type"]), chosen)
        return chosen["period_count"], chosen["compare_count"], everything["period_count"] + everything["compare_count"]
    if dashboard_source.startswith("sv_group_"):
        group = f"Group {dashboard_source[-1]}"
        rows = [
            r
            for r in dashboard.serious_violence_summary(con, scope, compare_has_data=has_compare)
            if r["area"] == scope.area.name and r["area_type"] == scope.area.kind_label
        ]
        chosen = next((r for r in rows if r["group"] == group), {"period_count": 0, "compare_count": 0})
        total = sum((r["period_count"] or 0) + (r["compare_count"] or 0) for r in rows)
        return chosen["period_count"] or 0, chosen["compare_count"] or 0, total
    rows = dashboard.asb_by_type(con, scope, compare_has_data=has_compare)
    period_total = sum(r["period_count"] or 0 for r in rows)
    compare_total = sum(r["compare_count"] or 0 for r in rows)
    return period_total, compare_total, period_total + compare_total


def _series(con: Any, dashboard_source: str, scope: Any) -> list[tuple[str, float | None]]:
    """Monthly values for the 24 months to the period's end (None where a month has no data)."""
    window = period_range(month_add(scope.period.end, -(SERIES_MONTHS - 1)), scope.period.end)
    if dashboard_source == "crime":
        rows = dashboard.crime_trend(con, _with_scope(scope, period=window))
        return [(r["month"], None if r["count"] is None else float(r["count"])) for r in rows]
    if dashboard_source.startswith("sv_group_"):
        key = f"group_{dashboard_source[-1]}"
        rows = dashboard.serious_violence_monthly(con, _with_scope(scope, period=window))
        return [(r["month"], None if r[key] is None else float(r[key])) for r in rows]
    return []  # the dashboard has no monthly ASB incident figure


def dashboard_figure(*, dashboard_source: str, area: str, period: str, crime_type: str = "") -> Figure:
    """A dashboard count for an area and period against the same months a year earlier."""
    source = _WAREHOUSE_SOURCE.get(dashboard_source)
    if source is None:
        return _no_data(Phrase(gettext_noop('"%(source)s" is not a dashboard figure.'), source=dashboard_source))
    try:
        with bounded_reader() as con:
            name, as_of = _provenance(con, source)
            try:
                scope = _scope(con, dashboard_source=dashboard_source, area=area, period=period, crime_type=crime_type)
            except FigureInputError as error:
                return _no_data(str(error), source=name, as_of=as_of)
            months = set(dashboard.data_months(con, source=source))
            in_period = sum(m in months for m in scope.period.month_list())
            in_compare = sum(m in months for m in scope.compare.month_list())
            labels = {"period_label": period_label(scope.period), "compare_label": period_label(scope.compare)}
            if not in_period:
                missing = Phrase(gettext_noop("No data for %(period)s."), period=labels["period_label"])
                return _no_data(missing, source=name, as_of=as_of, **labels)
            current, previous, everything = _counts(con, dashboard_source, scope, bool(in_compare))
            if not everything:
                missing = Phrase(gettext_noop("No records for %(area)s in the data."), area=scope.area.name)
                return _no_data(missing, source=name, as_of=as_of, **labels)
            # A comparison is made only between whole periods; a target can still be judged without one.
            complete = in_period == scope.period.months
            comparable = in_compare == scope.compare.months
            note: str = (
                ""
                if complete and comparable
                else Phrase(
                    gettext_noop(
                        "%(in_period)s of %(months)s months of %(period)s and %(in_compare)s of %(compare_months)s "
                        "months of %(compare)s have data."
                    ),
                    in_period=str(in_period),
                    months=str(scope.period.months),
                    period=labels["period_label"],
                    in_compare=str(in_compare),
                    compare_months=str(scope.compare.months),
                    compare=labels["compare_label"],
                )
            )
            return Figure(
                value=Decimal(current),
                previous=Decimal(previous) if comparable else None,
                complete=complete,
                is_count=True,
                series=_series(con, dashboard_source, scope),
                source=f"{name}; {scope.area.name} ({scope.area.kind_label})",
                as_of=as_of,
                note=note,
                **labels,
            )
    except WarehouseBusyError:
        return _no_data(Phrase(gettext_noop("The crime data is being updated; try again in a minute.")))


# ---- Casework performance ---------------------------------------------------------------------------


def _casework_value(figure: str, start: date, end: date, *, as_of: date) -> Decimal | None:
    from safer.casework.selectors.performance import (
        PerformanceFilter,
        cases_closed_within,
        cases_opened_count,
        perpetrators_no_further_asb,
    )

    filters = PerformanceFilter(start=start, end=end)
    if figure == "cases_opened":
        return Decimal(cases_opened_count(filters))
    if figure == "no_further_asb":
        share = perpetrators_no_further_asb(filters, as_of=as_of).share
        return None if share is None else (Decimal(str(share)) * 100).quantize(Decimal("0.1"))
    within = cases_closed_within(filters)
    if not within.opened:
        return None
    closed = within.within_3_months if figure == "closed_within_3" else within.within_6_months
    return (Decimal(closed) * 100 / within.opened).quantize(Decimal("0.1"))


def _last_day(month: date) -> date:
    return date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])


def casework_period_check(period: str, *, today: date) -> Period:
    """The casework figure's period, read with the dashboard's period words; FigureInputError if unreadable."""
    try:
        return period_parse(period or "rolling-12", latest_month=month_add(date(today.year, today.month, 1), -1))
    except PeriodInvalidError as error:
        raise FigureInputError(str(error), field="period") from None


def casework_figure(*, figure: str, period: str, today: date) -> Figure:
    """A casework performance figure for the period, against the same months a year earlier."""
    try:
        chosen = casework_period_check(period, today=today)
    except FigureInputError as error:
        return _no_data(str(error))
    compare = period_year_earlier(chosen)
    value = _casework_value(figure, chosen.start, _last_day(chosen.end), as_of=today)
    previous = _casework_value(figure, compare.start, _last_day(compare.end), as_of=today)
    series = []
    for back in range(7, -1, -1):  # the eight quarters to the period's end
        end = month_add(chosen.end, -3 * back)
        start = month_add(end, -2)
        point = _casework_value(figure, start, _last_day(end), as_of=today)
        series.append((f"{end:%Y-%m}", None if point is None else float(point)))
    return Figure(
        value=value,
        previous=previous,
        period_label=period_label(chosen),
        compare_label=period_label(compare),
        complete=_last_day(chosen.end) < today,
        is_count=figure == "cases_opened",
        series=series,
        source=Phrase(gettext_noop("Casework records of every partner organisation (casework performance)")),
        as_of=Phrase(gettext_noop("calculated %(day)s"), day=When(today)),
        note="" if value is not None else Phrase(gettext_noop("No cases in the period to measure.")),
    )
