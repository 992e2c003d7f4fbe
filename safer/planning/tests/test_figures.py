"""The adapter's dashboard figures: counts equal the rows inserted; no data is None, never 0."""

from __future__ import annotations

from decimal import Decimal

import pytest

from safer.planning.figures import FigureInputError, dashboard_check, dashboard_figure

pytestmark = pytest.mark.django_db


class TestDashboardCheck:
    def test_unknown_area_names_the_field(self, crime_warehouse):
        with pytest.raises(FigureInputError) as caught:
            dashboard_check(dashboard_source="crime", area="Atlantis", period="2022")
        assert caught.value.field == "area"

    def test_bad_period_names_the_field(self, crime_warehouse):
        with pytest.raises(FigureInputError) as caught:
            dashboard_check(dashboard_source="crime", area="West Oxfordshire", period="sometime")
        assert caught.value.field == "period"

    def test_a_police_uk_crime_type_is_accepted_before_its_data_is_imported(self, empty_warehouse):
        dashboard_check(dashboard_source="crime", area="West Oxfordshire", period="2022", crime_type="Robbery")

    def test_an_unknown_crime_type_is_refused(self, crime_warehouse):
        with pytest.raises(FigureInputError) as caught:
            dashboard_check(dashboard_source="crime", area="West Oxfordshire", period="2022", crime_type="Piracy")
        assert caught.value.field == "crime_type"


class TestDashboardFigure:
    def test_counts_equal_the_records_and_the_comparison_is_a_year_earlier(self, crime_warehouse):
        figure = dashboard_figure(
            dashboard_source="crime",
            area="West Oxfordshire",
            period="2022-03..2022-04",
            crime_type="Violence and sexual offences",
        )
        assert figure.value == Decimal(130) and figure.previous == Decimal(90)
        assert figure.complete and figure.is_count
        assert figure.compare_label == "Mar 2021 to Apr 2021"
        assert "police.uk" in figure.source and "West Oxfordshire" in figure.source

    def test_all_crime_adds_every_type(self, crime_warehouse):
        figure = dashboard_figure(dashboard_source="crime", area="West Oxfordshire", period="2022-03..2022-04")
        assert figure.value == Decimal(130 + 24)

    def test_series_has_gaps_for_months_without_data(self, crime_warehouse):
        figure = dashboard_figure(
            dashboard_source="crime", area="West Oxfordshire", period="2022-03..2022-04", crime_type="Burglary"
        )
        series = dict(figure.series)
        assert series["2022-03"] == 11.0 and series["2021-04"] == 12.0
        assert series["2021-06"] is None  # not in the data: a gap, not 0

    def test_area_with_no_records_is_no_data(self, crime_warehouse):
        figure = dashboard_figure(dashboard_source="crime", area="Reading", period="2022-03..2022-04")
        assert figure.value is None
        assert "No records for Reading" in figure.note

    def test_period_with_no_data_is_no_data(self, crime_warehouse):
        figure = dashboard_figure(dashboard_source="crime", area="West Oxfordshire", period="2019")
        assert figure.value is None

    def test_comparison_months_missing_means_no_comparison(self, crime_warehouse):
        figure = dashboard_figure(dashboard_source="crime", area="West Oxfordshire", period="2022-03..2022-05")
        assert figure.value == Decimal(130 + 24 + 65) and figure.complete
        assert figure.previous is None  # two of three months are not a year-earlier comparison
        assert "3 of 3 months" in figure.note and "2 of 3 months" in figure.note

    def test_period_months_missing_makes_it_incomplete(self, crime_warehouse):
        figure = dashboard_figure(dashboard_source="crime", area="West Oxfordshire", period="2022-04..2022-06")
        assert figure.value is not None and not figure.complete

    def test_empty_warehouse_is_no_data(self, empty_warehouse):
        figure = dashboard_figure(dashboard_source="crime", area="West Oxfordshire", period="2022")
        assert figure.value is None
