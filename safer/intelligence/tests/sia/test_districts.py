"""The SIA's thematic figures for each district side by side, against values computed independently from the
fixture rows with pandas, and their small-number suppression."""

from __future__ import annotations

import pandas as pd
import pytest

from safer.intelligence.dashboard.areas import area_children, area_containing
from safer.intelligence.dashboard.tables import scope_build
from safer.intelligence.sia.build import SiaOptions, report_build
from safer.intelligence.sia.chapters import ReportContext
from safer.intelligence.sia.districts import district_block
from safer.intelligence.sia.model import Report, Section, TableBlock
from safer.intelligence.sia.sections import THEMES, DistrictView
from safer.intelligence.warehouse import bounded_reader, reader

OXFORDSHIRE = ["Cherwell", "Oxford", "South Oxfordshire", "Vale of White Horse", "West Oxfordshire"]


def _frame(sql: str) -> pd.DataFrame:
    with reader() as con:
        frame = con.execute(sql).df()
    frame["month"] = pd.to_datetime(frame["month"])
    return frame


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def _rows(table: TableBlock) -> dict[str, dict[str, str]]:
    """{area name: {heading: cell}}."""
    return {row[0].split(" (")[0]: dict(zip(table.header[1:], row[1:], strict=True)) for row in table.rows}


def _section(report: Report, title: str) -> Section:
    return next(s for s in report.sections() if s.title == title)


def _table(section: Section, starts: str) -> TableBlock:
    return next(b for b in section.blocks if isinstance(b, TableBlock) and b.title.startswith(starts))


def _in(frame: pd.DataFrame, area: str) -> pd.DataFrame:
    if area == "Oxfordshire":
        return frame[frame["county_name"] == area]
    if area == "Thames Valley":
        return frame[frame["pfa_name"] == area]
    return frame[frame["lad_name"] == area]


@pytest.fixture
def report(dashboard_warehouse) -> Report:
    with bounded_reader(max_rows=200_000, seconds=120) as con:
        scope = scope_build(con, area="Oxfordshire", period="2022")
        return report_build(con=con, options=SiaOptions(scope, charts=False))


class TestDistrictsSideBySide:
    def test_each_theme_has_its_districts_then_the_county_and_the_force(self, report):
        for theme in THEMES:
            section = _section(report, f"{theme.title} by district")
            for block in section.blocks:
                if isinstance(block, TableBlock):
                    assert [r[0] for r in block.rows] == [
                        *(f"{d} (district)" for d in OXFORDSHIRE),
                        "Oxfordshire (county)",
                        "Thames Valley (police force area)",
                    ]

    def test_asb_by_category_matches_pandas(self, report):
        asb = _frame("SELECT * FROM asb_incident")
        asb = asb[asb["month"].dt.year == 2022]
        table = _rows(_table(_section(report, "Anti-social behaviour by district"), "ASB by category"))
        for area in [*OXFORDSHIRE, "Oxfordshire", "Thames Valley"]:
            mine = _in(asb, area)
            for category in ("personal", "nuisance", "environmental"):
                assert _number(table[area][category.capitalize()]) == int((mine["asb_category"] == category).sum())
            assert _number(table[area]["All ASB"]) == len(mine)
        assert _number(table["Oxford"]["All ASB"]) > 0 and table["South Oxfordshire"]["All ASB"] == "0"

    def test_serious_violence_by_group_matches_pandas(self, report):
        offences = _frame("SELECT * FROM offence")
        offences = offences[offences["month"].dt.year == 2022]
        table = _rows(_table(_section(report, "Volume and trend by district"), "Serious violence by group"))
        for area in [*OXFORDSHIRE, "Oxfordshire", "Thames Valley"]:
            mine = _in(offences, area)
            for group in (1, 2):
                assert _number(table[area][f"Group {group}"]) == int((mine["serious_violence_group"] == group).sum())
        # Reading is in the force, not the county.
        assert _number(table["Thames Valley"]["Group 1"]) > _number(table["Oxfordshire"]["Group 1"])

    def test_a_district_report_has_no_district_sections(self, dashboard_warehouse):
        with bounded_reader(max_rows=200_000, seconds=120) as con:
            scope = scope_build(con, area="Oxford", period="2022")
            report = report_build(con=con, options=SiaOptions(scope, charts=False))
        assert not [s for s in report.sections() if s.title.endswith(" by district")]

    def test_a_source_without_data_says_so(self, dashboard_warehouse):
        with bounded_reader(max_rows=200_000, seconds=120) as con:
            scope = scope_build(con, area="Oxfordshire", period="2019")
            report = report_build(con=con, options=SiaOptions(scope, charts=False))
        section = _section(report, "Anti-social behaviour by district")
        assert any("hold no data for 2019" in getattr(b, "text", "") for b in section.blocks)


class TestDistrictSuppression:
    def test_small_counts_are_hidden_and_cannot_be_worked_out(self, dashboard_warehouse):
        offences = _frame("SELECT * FROM offence")
        offences = offences[offences["month"] == pd.Timestamp("2022-01-01")]
        view = next(v for t in THEMES for v in t.by_district if v.table == "youth_people")
        theme = next(t for t in THEMES if view in t.by_district)
        with bounded_reader(max_rows=200_000, seconds=120) as con:
            scope = scope_build(con, area="Oxfordshire", period="2022-01")
            districts = area_children(scope.area, con=con)
            areas = [*districts, scope.area, *area_containing(scope.area, con=con)]
            block = district_block(
                ReportContext(con, SiaOptions(scope, charts=False)),
                view,
                theme,
                areas=areas,
                inner=len(districts) + 1,
            )
        assert isinstance(block, TableBlock)
        table = _rows(block)
        hidden = 0
        for area in [*OXFORDSHIRE, "Oxfordshire", "Thames Valley"]:
            mine = _in(offences, area)
            for party in ("victim", "suspect"):
                count = int((mine[f"{party}_age_band"] == "10-17").sum())
                cell = table[area][f"{party.capitalize()}s under 18"]
                if 0 < count < 5:
                    assert cell == "<5"
                    hidden += 1
                elif cell != "*":
                    assert _number(cell) == count
                if cell in ("<5", "*"):
                    assert table[area][f"Of {party}s with an age %"] == "*"
        assert hidden, "one month of the fixture has small counts"
        # Districts and county add up down each column: none has exactly one hidden cell.
        for heading in ("Victims under 18", "Suspects under 18"):
            column = [table[a][heading] for a in [*OXFORDSHIRE, "Oxfordshire"]]
            assert sum(v in ("<5", "*") for v in column) != 1
        assert any("Small numbers are hidden" in note for note in block.notes)

    def test_a_view_of_a_table_not_registered_says_so(self, dashboard_warehouse):
        theme = THEMES[0]
        with bounded_reader() as con:
            scope = scope_build(con, area="Oxfordshire", period="2022")
            block = district_block(
                ReportContext(con, SiaOptions(scope, charts=False)),
                DistrictView("no_such_table", "Nothing"),
                theme,
                areas=[scope.area],
                inner=1,
            )
        assert "not in the table registry" in block.text


class TestDistrictRowTotals:
    def test_a_view_without_its_own_total_shows_one_and_no_line_gives_a_cell_away(
        self, dashboard_warehouse, monkeypatch
    ):
        import dataclasses

        from safer.intelligence.dashboard import tables

        counts = {"Oxford": (3, 20, 0), "Cherwell": (10, 12, 1)}

        def knife(request):
            name = request.scope.area.name
            if name == "Oxfordshire":
                female, male, unknown = (sum(c[i] for c in counts.values()) for i in range(3))
            else:
                female, male, unknown = counts.get(name, (0, 0, 0))
            return [
                {"party": "Victims", "breakdown": "Sex", "group": group, "count": n, "synthetic_records": 0}
                for group, n in (("female", female), ("male", male), ("Not recorded", unknown))
            ]

        base = tables.TABLES["knife_people"]
        monkeypatch.setitem(tables.TABLES, "knife_people", dataclasses.replace(base, function=knife))
        view = next(v for t in THEMES for v in t.by_district if v.title == "Knife crime victims by sex")
        theme = next(t for t in THEMES if view in t.by_district)
        with bounded_reader() as con:
            scope = scope_build(con, area="Oxfordshire", period="2022")
            districts = area_children(scope.area, con=con)
            block = district_block(
                ReportContext(con, SiaOptions(scope, charts=False)),
                view,
                theme,
                areas=[*districts, scope.area],
                inner=len(districts) + 1,
            )
        assert block.header == ["Area", "Female", "Male", "Not recorded", "Total"]
        table = _rows(block)
        assert table["Cherwell"]["Total"] == "23" and table["Oxfordshire"]["Total"] == "46"
        assert table["Oxford"]["Female"] == "<5" and table["Cherwell"]["Not recorded"] == "<5"
        hidden = {(a, h) for a, row in table.items() for h, v in row.items() if v in ("<5", "*")}
        for area, row in table.items():  # each row with its total
            assert sum((area, h) in hidden for h in row) != 1
        for heading in block.header[1:]:  # each column, districts and county
            assert sum((a, heading) in hidden for a in table) != 1
