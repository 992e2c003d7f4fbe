"""Indicators: definitions checked by the dashboard, entered values by their agency, readings with statuses."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from safer.planning.errors import PlanningInputError, PlanningPermissionError
from safer.planning.readings import indicator_reading
from safer.planning.services import indicators

pytestmark = pytest.mark.django_db


def _dashboard(manager, plan, **changes):
    values = {
        "name": "Violence",
        "kind": "dashboard",
        "dashboard_source": "crime",
        "area": "West Oxfordshire",
        "period": "2022-03..2022-04",
        "crime_type": "Violence and sexual offences",
    } | changes
    return indicators.indicator_save(actor=manager, plan=plan, **values)


class TestIndicatorSave:
    def test_unknown_area_is_refused_on_the_area_field(self, manager, plan, crime_warehouse):
        with pytest.raises(PlanningInputError) as caught:
            _dashboard(manager, plan, area="Atlantis")
        assert caught.value.field == "area"

    def test_negative_tolerance_is_refused(self, manager, plan, crime_warehouse):
        with pytest.raises(PlanningInputError) as caught:
            _dashboard(manager, plan, tolerance_pct=Decimal(-1))
        assert caught.value.field == "tolerance_pct"

    def test_entered_indicator_needs_its_agency(self, manager, plan):
        with pytest.raises(PlanningInputError) as caught:
            indicators.indicator_save(actor=manager, plan=plan, name="Victims", kind="entered")
        assert caught.value.field == "entering_organisation"

    def test_only_managers_define_indicators(self, board, plan, crime_warehouse):
        with pytest.raises(PlanningPermissionError):
            _dashboard(board, plan)


class TestReadings:
    def test_significant_rise_in_violence_is_off_track(self, manager, plan, crime_warehouse):
        reading = indicator_reading(_dashboard(manager, plan), today=date(2026, 12, 3))
        assert (reading.value_text, reading.previous_text) == ("130", "90")
        assert reading.status_label == "Off track"

    def test_small_rise_in_burglary_is_not_significant(self, manager, plan, crime_warehouse):
        reading = indicator_reading(_dashboard(manager, plan, crime_type="Burglary"), today=date(2026, 12, 3))
        assert (reading.value_text, reading.previous_text) == ("24", "22")
        assert reading.status_label == "At risk" and "not statistically significant" in reading.assessment.reason

    def test_area_without_data_shows_no_data_never_zero(self, manager, plan, crime_warehouse):
        reading = indicator_reading(_dashboard(manager, plan, area="Reading"), today=date(2026, 12, 3))
        assert reading.value_text == "no data" and reading.status_label == "No data"

    def test_entered_values_compare_with_the_same_quarter_a_year_earlier(self, manager, officer, plan):
        indicator = indicators.indicator_save(
            actor=manager,
            plan=plan,
            name="Victims supported",
            kind="entered",
            unit="victims",
            entering_organisation=officer.organisation,
            direction="higher",
            tolerance_pct=Decimal(10),
        )
        for year, value in ((2024, 10), (2025, 8)):
            indicators.indicator_value_enter(
                actor=officer, indicator=indicator, year=year, quarter=2, value=Decimal(value)
            )
        reading = indicator_reading(indicator, today=date(2026, 12, 3))
        assert (reading.value_text, reading.previous_text) == ("8 victims", "10 victims")
        assert reading.status_label == "Off track"  # 20% down, tolerance 10%, not a crime count

    def test_values_are_entered_only_by_their_agency(self, manager, board, officer, plan, council):
        indicator = indicators.indicator_save(
            actor=manager, plan=plan, name="Victims", kind="entered", entering_organisation=council
        )
        with pytest.raises(PlanningPermissionError):
            indicators.indicator_value_enter(actor=officer, indicator=indicator, year=2024, quarter=1, value=Decimal(1))

    def test_casework_share_against_its_target(self, manager, plan):
        indicator = indicators.indicator_save(
            actor=manager,
            plan=plan,
            name="No further ASB",
            kind="casework",
            casework_figure="no_further_asb",
            period="rolling-12",
            direction="higher",
            target=Decimal(65),
        )
        reading = indicator_reading(indicator, today=date(2026, 12, 3))
        assert reading.value_text == "no data" and reading.status_label == "No data"  # no cases at all
        assert reading.target_text == "65%"


class TestCaseworkReading:
    def test_share_closed_within_three_months_against_its_target(self, manager, plan, make_user, council):
        from datetime import datetime, timedelta

        from safer.accounts.choices import Role
        from safer.casework.deadlines import LONDON
        from safer.casework.models import Case
        from safer.casework.tests.conftest import open_case

        worker = make_user(role=Role.CASEWORKER, organisation=council)
        cases = [open_case(worker) for _ in range(3)]
        opened = datetime(2025, 5, 1, 9, tzinfo=LONDON)
        for case, closed_after in zip(cases, (30, 80, 200), strict=True):  # two within 3 months, one not
            Case.objects.filter(pk=case.pk).update(
                opened_at=opened, closed_at=opened + timedelta(days=closed_after), status="closed", outcome="resolved"
            )
        indicator = indicators.indicator_save(
            actor=manager,
            plan=plan,
            name="Closed within 3 months",
            kind="casework",
            casework_figure="closed_within_3",
            period="FY2025/26",
            direction="higher",
            target=Decimal(65),
            tolerance_pct=Decimal(5),
        )
        reading = indicator_reading(indicator, today=date(2026, 12, 3))
        assert reading.value_text == "66.7%" and reading.previous_text == "no data"
        assert reading.status_label == "On track" and reading.assessment.reason == "66.7% meets the target of 65%."
        assert dict(reading.figure.series)["2025-06"] == pytest.approx(66.7)  # the quarter April to June 2025
