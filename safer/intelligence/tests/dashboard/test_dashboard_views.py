"""Dashboard pages: permission, empty state, full page, HTMX partial, exports, charts and map data."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from safer.accounts.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst_client(make_user, client_for):
    return client_for(make_user(role=Role.ANALYST))


class TestDashboardView:
    def test_needs_the_intelligence_view_capability(self, client):
        response = client.get("/intelligence/dashboard/")
        assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]

    def test_empty_warehouse_shows_a_friendly_empty_state(self, analyst_client):
        response = analyst_client.get("/intelligence/dashboard/")
        assert response.status_code == 200
        assert "No crime data yet" in response.content.decode()

    def test_full_page_with_tables_definitions_and_synthetic_marking(self, analyst_client, dashboard_warehouse):
        response = analyst_client.get("/intelligence/dashboard/?area=Oxford&period=2022")
        html = response.content.decode()
        assert response.status_code == 200
        assert "<h1" in html and "Oxfordshire" in html and "Thames Valley" in html
        assert html.count("Definition: what was counted") == 6
        assert "SYNTHETIC" in html
        assert 'hx-get="/intelligence/dashboard/"' in html and 'hx-push-url="true"' in html
        assert "/intelligence/dashboard/table/headline.xlsx?area=Oxford&amp;period=2022" in html

    def test_partly_imported_county_and_force_are_flagged(self, analyst_client, dashboard_warehouse):
        # The fixture holds records for Oxford, Cherwell and Reading only.
        import duckdb
        from django.conf import settings

        con = duckdb.connect(str(settings.SAFER_WAREHOUSE_PATH), read_only=True)
        try:
            oxon = con.execute("SELECT count(*) FROM district WHERE county_name = 'Oxfordshire'").fetchone()[0]
            force = con.execute("SELECT count(*) FROM district WHERE pfa_name = 'Thames Valley'").fetchone()[0]
        finally:
            con.close()
        html = analyst_client.get("/intelligence/dashboard/?area=Oxford&period=2022").content.decode()
        assert f"Crime records cover 2 of the {oxon} districts of Oxfordshire" in html
        assert f"Crime records cover 3 of the {force} districts of Thames Valley" in html
        assert "South Oxfordshire" in html.split("districts of Oxfordshire")[1].split("</div>")[0]
        sv = analyst_client.get("/intelligence/dashboard/serious-violence/?area=Oxford&period=2022").content.decode()
        assert f"Offence records cover 2 of the {oxon} districts of Oxfordshire" in sv

    def test_htmx_request_gets_only_the_results(self, analyst_client, dashboard_warehouse):
        response = analyst_client.get(
            "/intelligence/dashboard/?area=Oxford&period=2022&crime_type=Burglary",
            headers={"HX-Request": "true", "HX-Target": "dashboard-results"},
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "<html" not in html and 'id="dashboard-results"' not in html
        assert '<div id="dashboard-filter" hx-swap-oob="true">' in html  # the form, swapped out of band
        assert "Burglary only" in html

    def test_bad_area_rerenders_with_error_summary_and_400(self, analyst_client, dashboard_warehouse):
        response = analyst_client.get("/intelligence/dashboard/?area=Oxfrd&period=2022")
        html = response.content.decode()
        assert response.status_code == 400
        assert "govuk-error-summary" in html and "Did you mean" in html

    def test_errors_show_beside_the_field_as_well_as_in_the_summary(self, analyst_client, dashboard_warehouse):
        for headers in ({}, {"HX-Request": "true", "HX-Target": "dashboard-results"}):
            html = analyst_client.get(
                "/intelligence/dashboard/?area=Oxford&period=20x2", headers=headers
            ).content.decode()
            summary = html.split("govuk-error-summary__list")[1].split("</ul>")[0]
            assert "20x2&quot; is not a period" in summary and 'href="#id_period"' in summary
            beside = html.split('id="id_period-error"')[1].split("</p>")[0]
            assert "20x2&quot; is not a period" in beside

    def test_serious_violence_and_map_pages(self, analyst_client, dashboard_warehouse):
        assert (
            "Serious violence by month"
            in analyst_client.get("/intelligence/dashboard/serious-violence/?area=Oxford&period=2022").content.decode()
        )
        html = analyst_client.get("/intelligence/dashboard/map/?area=Oxford&period=2022").content.decode()
        assert 'id="dashboard-map"' in html and "drawn with their real boundaries" in html


class TestHeadlineTable:
    def test_crime_types_are_rows_and_the_areas_stand_side_by_side(self, analyst_client, dashboard_warehouse):
        html = analyst_client.get("/intelligence/dashboard/?area=Oxford&period=2022").content.decode()
        table = html.split('id="table-headline"')[1].split("</table>")[0]
        head = table.split("<thead")[1].split("</thead>")[0]
        groups = [g.split(">", 1)[1].split("<")[0] for g in head.split('scope="colgroup"')[1:]]
        assert groups == ["Oxford (district)", "Oxfordshire (county)", "Thames Valley (police force area)"]
        assert table.count('<colgroup span="5">') == 3
        body = table.split("<tbody")[1]
        row_names = [r.split(">", 1)[1].split("<")[0] for r in body.split('<th scope="row"')[1:]]
        from safer.intelligence.tests.dashboard.conftest import CRIME_TYPES

        assert row_names == ["All crime", *sorted(CRIME_TYPES)]  # one row per crime type, not per area
        # The CSV export has the same rows and columns, each heading naming its area.
        export = analyst_client.get("/intelligence/dashboard/table/headline.csv?area=Oxford&period=2022")
        lines = list(csv.reader(io.StringIO(export.content.decode())))
        assert [line[0] for line in lines[1:]] == row_names
        assert lines[0][1:3] == ["Oxford (district): 2021", "Oxford (district): 2022"]
        assert len(lines[0]) == 1 + 3 * 5 + 1

    def test_serious_violence_summary_side_by_side(self, analyst_client, dashboard_warehouse):
        html = analyst_client.get("/intelligence/dashboard/serious-violence/?area=Oxford&period=2022").content.decode()
        table = html.split('id="table-serious_violence_summary"')[1].split("</table>")[0]
        assert (
            'scope="colgroup" colspan="5" class="govuk-table__header safer-group-start">Oxfordshire (county)' in table
        )
        assert table.count('<th scope="row"') == 2  # Group 1 and Group 2


class TestExports:
    def test_csv_matches_the_table(self, analyst_client, dashboard_warehouse):
        response = analyst_client.get("/intelligence/dashboard/table/districts.csv?area=Oxford&period=2022")
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        lines = list(csv.reader(io.StringIO(response.content.decode())))
        assert lines[0][:4] == ["District", "Code", "2021", "2022"]
        assert "attachment" in response["Content-Disposition"]

    def test_xlsx_has_definition_and_rows(self, analyst_client, dashboard_warehouse):
        response = analyst_client.get("/intelligence/dashboard/table/headline.xlsx?area=Oxford&period=2022")
        sheet = load_workbook(io.BytesIO(response.content)).active
        values = [row for row in sheet.iter_rows(values_only=True)]
        assert values[0][0] == "Headline: all crime and each crime type"
        assert any("SYNTHETIC" in str(row[0]) for row in values[:6])
        header = values.index(tuple(v for v in values[7]))
        assert values[header][0] == "Crime type" and values[header + 1][0] == "All crime"

    @pytest.mark.parametrize(
        "fmt,content_type,magic", [("svg", "image/svg+xml", b"<svg"), ("png", "image/png", b"\x89PNG")]
    )
    def test_chart_images(self, analyst_client, dashboard_warehouse, fmt, content_type, magic):
        response = analyst_client.get(f"/intelligence/dashboard/chart/trend.{fmt}?area=Oxford&period=2022")
        assert response.status_code == 200 and response["Content-Type"] == content_type
        assert response.content[:10].lstrip().startswith(magic)

    def test_unknown_table_is_404(self, analyst_client, dashboard_warehouse):
        assert analyst_client.get("/intelligence/dashboard/table/nosuch.csv?area=Oxford").status_code == 404

    def test_map_data(self, analyst_client, dashboard_warehouse):
        from safer.intelligence.warehouse import writer

        polygon = (
            '{"type": "Polygon", "coordinates": [[[-1.26, 51.75], [-1.24, 51.75], [-1.25, 51.76], [-1.26, 51.75]]]}'
        )
        with writer() as con:
            con.execute("INSERT INTO custom_area VALUES (9, 'City centre', ?, NULL)", [polygon])
        data = analyst_client.get("/intelligence/dashboard/map/data.json?area=Oxford&period=2022").json()
        assert data["area"] == "Oxford" and data["lsoas"] and data["points"]
        assert {"latitude", "longitude", "count", "rate"} <= set(data["lsoas"][0])
        assert data["custom_areas"] == [{"name": "City centre", "geojson": json.loads(polygon)}]
        assert sum(p["count"] for p in data["points"]) == sum(r["count"] for r in data["lsoas"])
        bad = analyst_client.get("/intelligence/dashboard/map/data.json?area=Nowhere")
        assert bad.status_code == 400 and bad.json()["fields"]["area"]


class TestMissingMonths:
    def test_notice_counts_the_months_without_data_and_names_them(self, analyst_client, dashboard_warehouse):
        # The fixture has every month of 2020-2022 except July 2021.
        html = analyst_client.get("/intelligence/dashboard/?area=Oxford&period=2021").content.decode()
        assert "1 of 12 months in 2021 has no data: Jul 2021." in html
        assert "Some months have no data" not in html

    def test_a_period_wholly_without_data_says_no_data_not_zero(self, analyst_client, dashboard_warehouse):
        html = analyst_client.get("/intelligence/dashboard/?area=Oxford&period=2024").content.decode()
        assert "There is no data for 2024" in html
        assert "12 of 12 months in 2024 have no data" in html
        headline = html.split('id="table-headline"')[1].split("</table>")[0]
        cells = headline.split(">All crime<")[1].split("</tr>")[0].split("<td")[1:]
        assert len(cells) == 3 * 5 + 1  # Oxford, Oxfordshire, Thames Valley side by side, then synthetic
        for area in range(3):  # each area's count, difference, % and rate for 2024
            period_cells = [cells[5 * area + i].split(">", 1)[1].split("<")[0] for i in (1, 2, 3, 4)]
            assert period_cells == ["no data"] * 4


class TestPeriodChoices:
    def test_common_periods_are_offered_from_the_years_with_data(self, analyst_client, dashboard_warehouse):
        html = analyst_client.get("/intelligence/dashboard/?area=Oxford").content.decode()
        select = html.split('name="period_choice"')[1].split("</select>")[0]
        assert '<option value="" selected>Last 12 months</option>' in select
        for value, text in (("2022", "Calendar year 2022"), ("FY2020/21", "Financial year 2020/21")):
            assert f'<option value="{value}">{text}</option>' in select
        assert "2023" not in select  # no data in 2023, so not offered

    def test_a_chosen_period_is_used(self, analyst_client, dashboard_warehouse):
        html = analyst_client.get("/intelligence/dashboard/?area=Oxford&period_choice=FY2021/22").content.decode()
        assert "FY2021/22 compared with FY2020/21" in html

    def test_the_old_syntax_still_works_and_shows_as_the_choice(self, analyst_client, dashboard_warehouse):
        html = analyst_client.get("/intelligence/dashboard/?area=Oxford&period=2022").content.decode()
        assert '<option value="2022" selected>Calendar year 2022</option>' in html
        assert 'name="period" class="govuk-input"' in html  # the custom box is left empty
        custom = analyst_client.get("/intelligence/dashboard/?area=Oxford&period=2021-03..2022-02").content.decode()
        assert "Mar 2021 to Feb 2022 compared with Mar 2020 to Feb 2021" in custom
        assert 'name="period" value="2021-03..2022-02"' in custom


class TestCompareChoices:
    def test_the_same_months_a_year_earlier_is_the_default_choice(self, analyst_client, dashboard_warehouse):
        html = analyst_client.get("/intelligence/dashboard/?area=Oxford&period=2022-01..2022-03").content.decode()
        select = html.split('name="compare_choice"')[1].split("</select>")[0]
        assert '<option value="" selected>A year earlier</option>' in select
        assert '<option value="previous">The months before</option>' in select
        assert "Jan 2022 to Mar 2022 compared with Jan 2021 to Mar 2021" in html

    def test_the_previous_months_can_be_chosen_without_javascript(self, analyst_client, dashboard_warehouse):
        url = "/intelligence/dashboard/?area=Oxford&period=2022-01..2022-03&compare_choice=previous"
        html = analyst_client.get(url).content.decode()
        assert "Jan 2022 to Mar 2022 compared with Oct 2021 to Dec 2021" in html
        assert '<option value="previous" selected>' in html
        # typed (or linked) as text it shows as the choice too
        typed = analyst_client.get(url.replace("compare_choice=previous", "compare=previous")).content.decode()
        assert "compared with Oct 2021 to Dec 2021" in typed and '<option value="previous" selected>' in typed

    def test_custom_months_override_the_choice_and_the_old_syntax_still_works(
        self, analyst_client, dashboard_warehouse
    ):
        url = "/intelligence/dashboard/?area=Oxford&period=2022&compare_choice=previous&compare=2020"
        html = analyst_client.get(url).content.decode()
        assert "2022 compared with 2020" in html and 'name="compare" value="2020"' in html

    def test_a_bad_comparison_shows_beside_the_field_and_in_the_summary(self, analyst_client, dashboard_warehouse):
        for headers in ({}, {"HX-Request": "true", "HX-Target": "dashboard-results"}):
            response = analyst_client.get(
                "/intelligence/dashboard/?area=Oxford&period=2022&compare=last+time", headers=headers
            )
            html = response.content.decode()
            assert response.status_code == (200 if headers else 400)
            summary = html.split("govuk-error-summary__list")[1].split("</ul>")[0]
            assert "last time&quot; is not a period" in summary and 'href="#id_compare"' in summary
            beside = html.split('id="id_compare-error"')[1].split("</p>")[0]
            assert "Comparison period" in beside and "last time&quot; is not a period" in beside
        # a choice that is not offered is read as typed months, so its error is the one beside the box
        bad_choice = analyst_client.get("/intelligence/dashboard/?area=Oxford&compare_choice=sometime")
        beside = bad_choice.content.decode().split('id="id_compare-error"')[1].split("</p>")[0]
        assert bad_choice.status_code == 400 and "sometime&quot; is not a period" in beside

    def test_a_linked_year_no_longer_offered_is_read_as_typed(self, analyst_client, dashboard_warehouse):
        response = analyst_client.get("/intelligence/dashboard/?area=Oxford&period_choice=2024")
        html = response.content.decode()
        assert response.status_code == 200 and "Select a valid choice" not in html
        assert "There is no data for 2024" in html and 'name="period" value="2024"' in html


class TestHeadlinePanel:
    def test_panel_leads_with_all_crime_its_tested_change_rates_and_movers(self, analyst_client, dashboard_warehouse):
        from safer.intelligence.dashboard.significance import change_test

        html = analyst_client.get("/intelligence/dashboard/?area=Oxford&period=2022&compare=2020").content.decode()
        assert html.index("At a glance") < html.index('id="table-headline"')
        headline = html.split('id="table-headline"')[1].split(">All crime<")[1].split("</tr>")[0]
        cells = [c.split(">", 1)[1].split("<")[0] for c in headline.split("<td")[1:]]  # Oxford's come first
        period, compare = int(cells[1].replace(",", "")), int(cells[0].replace(",", ""))
        panel = html.split("At a glance")[1].split("How the change is tested")[0]
        assert f">{period:,}<" in panel
        test = change_test(period_count=period, compare_count=compare)
        assert test is not None and f"p = {test.p_value:.3f}" in panel
        assert ("Unlikely to be chance" in panel) == test.significant
        assert "Oxfordshire" in panel and "Thames Valley" in panel  # rates against county and force
        movers = panel.split('data-testid="panel-movers"')[1].split("</ul>")[0]
        assert ": up " in movers or ": down " in movers
        # 2021 lacks July, so 2022 against 2021 compares fewer months: the panel says it did not test that.
        gappy = analyst_client.get("/intelligence/dashboard/?area=Oxford&period=2022").content.decode()
        assert "Not tested: the periods' months with data differ" in gappy.replace("&#x27;", "'")

    def test_long_tables_fold_away_but_stay_in_the_page(self, analyst_client, dashboard_warehouse):
        html = analyst_client.get("/intelligence/dashboard/?area=Oxford&period=2022").content.decode()
        folded = html.split('data-testid="folded-table"')
        assert len(folded) > 1 and "<table" in folded[1].split("</details>")[0]


class TestAreaSuggestions:
    def test_the_area_box_suggests_districts_counties_and_forces(self, analyst_client, dashboard_warehouse):
        html = analyst_client.get("/intelligence/dashboard/?area=Oxford&period=2022").content.decode()
        area_input = html.split('name="area"')[1].split(">")[0]
        assert 'list="area-suggestions"' in area_input
        datalist = html.split('<datalist id="area-suggestions">')[1].split("</datalist>")[0]
        for name in ("Oxford", "Oxfordshire", "Thames Valley", "Reading"):
            assert f'<option value="{name}">' in datalist
