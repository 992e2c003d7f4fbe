"""Indicator readings: each indicator's live figure, its status under the partnership's rules, and the scorecard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext

from safer.core.services.audit import audit_record
from safer.planning import figures
from safer.planning.choices import IndicatorKind, IndicatorStatus, PlanningAuditAction
from safer.planning.figures import Figure
from safer.planning.models import Indicator, Plan
from safer.planning.phrases import MONTH, SHORT_MONTH, Number, Phrase, When, gettext_noop, number
from safer.planning.selectors import quarter_label
from safer.planning.status import Assessment, Rule, assess


def _write(value: Any) -> str:
    """A phrase's value in the active language: numbers and dates the locale's way, nested phrases translated."""
    if isinstance(value, Number):
        return value.with_unit(
            formats.number_format(value.value, value.decimal_places, use_l10n=True, force_grouping=True)
        )
    if isinstance(value, When):
        style = {MONTH: "F Y", SHORT_MONTH: "M Y"}.get(value.style, "j F Y")
        return formats.date_format(value.value, style, use_l10n=True)
    return localised(value)


def localised(text: Any) -> str:
    """Generated text (a Phrase) in the active language; anything else (data, names) as it is."""
    if isinstance(text, Phrase):
        return text.render(gettext, _write)
    return "" if text is None else str(text)


def is_data(text: Any) -> bool:
    """Whether shown text is data in the words it was written in (not a generated, translatable phrase)."""
    return bool(text) and not isinstance(text, Phrase)


@dataclass(frozen=True)
class Reading:
    """An indicator with its figure and status, ready for a page, a document or the scorecard."""

    indicator: Indicator
    figure: Figure
    assessment: Assessment

    @property
    def reason_text(self) -> str:
        """Why the indicator has its status, in the active language."""
        return localised(self.assessment.reason)

    @property
    def status_label(self) -> str:
        """The status in words ("On track")."""
        return str(IndicatorStatus(self.assessment.status).label)

    @property
    def value_text(self) -> str:
        """The value as shown: "no data" when there is none, never 0."""
        return _number(self.figure.value, self.unit)

    @property
    def previous_text(self) -> str:
        """The comparison value as shown."""
        return _number(self.figure.previous, self.unit)

    @property
    def unit(self) -> str:
        """ "%" for shares, the entered unit, or "" for counts."""
        if self.indicator.kind == IndicatorKind.CASEWORK and self.indicator.casework_figure != "cases_opened":
            return "%"
        return self.indicator.unit

    @property
    def target_text(self) -> str:
        """The target, or a note that the comparison period is the reference."""
        if self.indicator.target is None:
            return gettext("No target: compared with the previous period")
        return _number(self.indicator.target, self.unit)


def _number(value: Decimal | None, unit: str) -> str:
    if value is None:
        return gettext("no data")
    return _write(number(value, unit))


def _quarter(year: int, quarter: int) -> Phrase:
    """'Q2 2024-25' (the words of `quarter_label`), sayable in Welsh."""
    return Phrase(gettext_noop("Q%(quarter)s %(years)s"), quarter=str(quarter), years=f"{year}-{(year + 1) % 100:02d}")


def _entered_figure(indicator: Indicator, today: date) -> Figure:
    values = list(indicator.values.order_by("year", "quarter"))
    if not values:
        return Figure(
            value=None, note=Phrase(gettext_noop("No values entered yet.")), source=_entered_source(indicator)
        )
    latest = values[-1]
    previous = next((v for v in values if (v.year, v.quarter) == (latest.year - 1, latest.quarter)), None)
    return Figure(
        value=latest.value,
        previous=previous.value if previous else None,
        period_label=_quarter(latest.year, latest.quarter),
        compare_label=_quarter(latest.year - 1, latest.quarter),
        series=[(quarter_label(v.year, v.quarter), float(v.value)) for v in values[-8:]],
        source=_entered_source(indicator),
        as_of=Phrase(gettext_noop("entered %(day)s"), day=When(timezone.localdate(latest.entered_at))),
        note=latest.note,
    )


def _entered_source(indicator: Indicator) -> Phrase:
    if indicator.entering_organisation is None:
        return Phrase(gettext_noop("Entered each quarter by an agency"))
    return Phrase(gettext_noop("Entered each quarter by %(agency)s"), agency=indicator.entering_organisation.name)


def indicator_figure(indicator: Indicator, *, today: date) -> Figure:
    """The indicator's live figure from wherever it comes from."""
    if indicator.kind == IndicatorKind.DASHBOARD:
        return figures.dashboard_figure(
            dashboard_source=indicator.dashboard_source,
            area=indicator.area,
            period=indicator.period,
            crime_type=indicator.crime_type,
        )
    if indicator.kind == IndicatorKind.CASEWORK:
        return figures.casework_figure(figure=indicator.casework_figure, period=indicator.period, today=today)
    return _entered_figure(indicator, today)


def indicator_reading(indicator: Indicator, *, today: date) -> Reading:
    """The indicator's figure and its status under its rules."""
    figure = indicator_figure(indicator, today=today)
    rule = Rule(
        direction=indicator.direction,
        target=indicator.target,
        tolerance_pct=indicator.tolerance_pct,
        use_significance=indicator.use_significance,
    )
    assessment = assess(
        rule=rule,
        value=figure.value,
        previous=figure.previous,
        complete=figure.complete,
        is_count=figure.is_count,
        unit="%" if indicator.kind == "casework" and indicator.casework_figure != "cases_opened" else "",
    )
    return Reading(indicator, figure, assessment)


def plan_readings(*, plan: Plan, today: date, public: bool = False) -> list[Reading]:
    """Every indicator of the plan with its reading (public: leaving out internal indicators)."""
    indicators = plan.indicators.select_related("entering_organisation").prefetch_related("values")
    if public:
        indicators = indicators.filter(internal=False)
    return [indicator_reading(indicator, today=today) for indicator in indicators.order_by("name")]


def scorecard_for_user(*, user: Any, plan: Plan, today: date) -> list[Reading]:
    """The board scorecard (the view of it is audited)."""
    audit_record(actor=user, action=PlanningAuditAction.SCORECARD_VIEWED, target=plan)
    return plan_readings(plan=plan, today=today)
