"""Indicators: define one over a live figure with its status rules; agencies enter quarterly values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from safer.accounts.models import Organisation, User
from safer.planning import figures
from safer.planning.choices import CaseworkFigure, DashboardSource, Direction, IndicatorKind, PlanningAuditAction
from safer.planning.errors import PlanningInputError, PlanningPermissionError
from safer.planning.models import Indicator, IndicatorValue, Plan
from safer.planning.services._common import audited, quarter_check, require_manager


@transaction.atomic
def indicator_save(
    *,
    actor: User | None,
    plan: Plan,
    name: str,
    kind: str,
    direction: str = Direction.LOWER,
    target: Decimal | None = None,
    tolerance_pct: Decimal = Decimal(5),
    use_significance: bool = True,
    dashboard_source: str = "",
    area: str = "",
    period: str = "",
    crime_type: str = "",
    casework_figure: str = "",
    unit: str = "",
    entering_organisation: Organisation | None = None,
    internal: bool = False,
    indicator: Indicator | None = None,
) -> Indicator:
    """Define (or change) an indicator; the dashboard checks a dashboard figure's area, period and crime type."""
    require_manager(actor)
    if kind not in IndicatorKind.values:
        raise PlanningInputError(f'"{kind}" is not a kind of indicator.', field="kind")
    if direction not in Direction.values:
        raise PlanningInputError(
            f'"{direction}" is not a direction; choose lower or higher is better.', field="direction"
        )
    if tolerance_pct < 0:
        raise PlanningInputError(
            f"The tolerance cannot be negative (you entered {tolerance_pct}).", field="tolerance_pct"
        )
    if kind == IndicatorKind.DASHBOARD:
        if dashboard_source not in DashboardSource.values:
            raise PlanningInputError("Choose which dashboard figure the indicator follows.", field="dashboard_source")
        if not area.strip():
            raise PlanningInputError("Enter the area, for example West Oxfordshire.", field="area")
        try:
            figures.dashboard_check(dashboard_source=dashboard_source, area=area, period=period, crime_type=crime_type)
        except figures.FigureInputError as error:
            raise PlanningInputError(str(error), field=error.field) from None
    elif kind == IndicatorKind.CASEWORK:
        if casework_figure not in CaseworkFigure.values:
            raise PlanningInputError("Choose which casework figure the indicator follows.", field="casework_figure")
        try:
            figures.casework_period_check(period, today=timezone.localdate())
        except figures.FigureInputError as error:
            raise PlanningInputError(str(error), field="period") from None
    elif entering_organisation is None:
        raise PlanningInputError("Choose the agency that enters the values.", field="entering_organisation")
    indicator = indicator or Indicator(plan=plan)
    for field_name, value in {
        "name": name,
        "kind": kind,
        "direction": direction,
        "target": target,
        "tolerance_pct": tolerance_pct,
        "use_significance": use_significance,
        "dashboard_source": dashboard_source if kind == IndicatorKind.DASHBOARD else "",
        "area": area if kind == IndicatorKind.DASHBOARD else "",
        "period": period,
        "crime_type": crime_type if kind == IndicatorKind.DASHBOARD else "",
        "casework_figure": casework_figure if kind == IndicatorKind.CASEWORK else "",
        "unit": unit,
        "entering_organisation": entering_organisation if kind == IndicatorKind.ENTERED else None,
        "internal": internal,
    }.items():
        setattr(indicator, field_name, value)
    indicator.save()
    audited(actor, PlanningAuditAction.INDICATOR_SAVED, indicator)
    return indicator


@transaction.atomic
def indicator_value_enter(
    *, actor: User | None, indicator: Indicator, year: int, quarter: int, value: Decimal, note: str = ""
) -> IndicatorValue:
    """An agency's value for a quarter (entering the same quarter again corrects it; the audit keeps both)."""
    if indicator.kind != IndicatorKind.ENTERED:
        raise PlanningInputError("This indicator's figures are live; they are not entered by hand.", field="value")
    if actor is None or not (
        actor.has_capability("planning.manage")
        or (actor.has_capability("planning.update") and actor.organisation_id == indicator.entering_organisation_id)
    ):
        raise PlanningPermissionError("Only the agency that enters this indicator, or a partnership manager, can.")
    quarter_check(year, quarter)
    quarter_start = date(year + (quarter == 4), (3 * quarter + 1) % 12 or 12, 1)
    if quarter_start > timezone.localdate():
        raise PlanningInputError(
            f"Quarter {quarter} of {year}-{(year + 1) % 100:02d} has not started yet.", field="quarter"
        )
    entry, created = IndicatorValue.objects.update_or_create(
        indicator=indicator,
        year=year,
        quarter=quarter,
        defaults={"value": value, "note": note, "entered_by": actor},
    )
    audited(
        actor,
        PlanningAuditAction.INDICATOR_VALUE_ENTERED,
        indicator,
        year=year,
        quarter=quarter,
        value=str(value),
        corrected=not created,
    )
    return entry
