"""The SIA report's numbers against values computed independently from the fixture rows (pandas, scipy)."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from scipy.stats import binomtest

from safer.intelligence.dashboard.significance import change_test
from safer.intelligence.dashboard.tables import scope_build
from safer.intelligence.sia.blocks import Appendix, table_block
from safer.intelligence.sia.build import SiaInputError, SiaOptions, report_build
from safer.intelligence.sia.model import Bullets, Missing, Report, Section, TableBlock
from safer.intelligence.sia.render import report_files_write
from safer.intelligence.warehouse import bounded_reader, reader

MISSING_MONTH = pd.Timestamp("2021-07-01")  # the fixture has no data for July 2021


def _frame(sql: str) -> pd.DataFrame:
    with reader() as con:
        frame = con.execute(sql).df()
    frame["month"] = pd.to_datetime(frame["month"])
    return frame


def _year(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    return frame[frame["month"].dt.year == year]


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def _build(**kwargs) -> Report:
    with bounded_reader(max_rows=200_000, seconds=120) as con:
        scope = scope_build(con, area=kwargs.pop("area", "Oxfordshire"), period=kwargs.pop("period", "2022"))
        return report_build(con=con, options=SiaOptions(scope, charts=kwargs.pop("charts", False), **kwargs))


def _section(report: Report, title: str) -> Section:
    return next(s for s in report.sections() if s.title == title)


def _table(section: Section, starts: str) -> TableBlock:
    return next(b for b in section.blocks if isinstance(b, TableBlock) and b.title.startswith(starts))


@pytest.fixture
def crime(dashboard_warehouse) -> pd.DataFrame:
    return _frame("SELECT * FROM crime")


@pytest.fixture
def report(crime) -> Report:
    return _build(comparators=["E06000038", "E99999999"])


class TestReportNumbers:
    def test_total_crime_table_matches_pandas(self, crime, report):
        table = _table(_section(report, "Oxford"), "Total recorded crime")
        rows = {row[0]: row for row in table.rows}
        p, c = _year(crime, 2022), _year(crime, 2021)
        like = p[p["month"] != MISSING_MONTH + pd.DateOffset(years=1)]  # like for like: July left out of 2022
        for name, column in (("Oxford", "lad_name"), ("Oxfordshire", "county_name"), ("Thames Valley", "pfa_name")):
            compare, period = int((c[column] == name).sum()), int((p[column] == name).sum())
            difference = int((like[column] == name).sum()) - compare
            assert _number(rows[name][1]) == compare
            assert _number(rows[name][2]) == period
            assert _number(rows[name][3]) == difference
            assert rows[name][4] == f"{100 * difference / compare:.1f}%"
        assert any("11 of 12 months" in note for note in table.notes)

    def test_crime_types_and_significance_match_scipy(self, crime, report):
        table = _table(_section(report, "Cherwell"), "Crime by type")
        p, c = _year(crime, 2022), _year(crime, 2021)
        p, c = p[p["lad_name"] == "Cherwell"], c[c["lad_name"] == "Cherwell"]
        like = p[p["month"] != pd.Timestamp("2022-07-01")]
        for row in table.rows:
            kind = row[0]
            mask_p = like if kind == "All crime" else like[like["crime_type"] == kind]
            mask_c = c if kind == "All crime" else c[c["crime_type"] == kind]
            full = p if kind == "All crime" else p[p["crime_type"] == kind]
            after, before = len(mask_p), len(mask_c)
            assert _number(row[1]) == before and _number(row[2]) == len(full)
            assert _number(row[3]) == after - before
            expected = binomtest(after, after + before, 0.5).pvalue
            wanted = "no significant change" if expected >= 0.05 else ("increase" if after > before else "decrease")
            assert row[6] == wanted

    def test_long_term_trend_has_every_year_held(self, crime, report):
        table = _table(_section(report, "Long-term trend"), "Recorded crime by 12-month period: Oxfordshire")
        assert table.header[1:4] == ["2020", "2021", "2022"]
        for row in table.rows:
            column = "county_name" if row[0] == "Oxfordshire" else "pfa_name"
            counts = [int((_year(crime, y)[column] == row[0]).sum()) for y in (2020, 2021, 2022)]
            assert [_number(v) for v in row[1:4]] == counts
            assert _number(row[4]) == counts[2] - counts[1]
        assert any("2021 (11 months)" in note for note in table.notes)

    def test_rates_per_1000_against_county_and_force(self, crime, report):
        table = _table(_section(report, "Oxford"), "Rates per 1,000")
        assert table.header == ["Crime type", "Oxford", "Oxfordshire", "Thames Valley"]
        with reader() as con:
            population = con.execute("SELECT sum(population) FROM lsoa WHERE lad_name = 'Oxford'").fetchone()[0]
        burglary = next(r for r in table.rows if r[0] == "Burglary")
        p = _year(crime, 2022)
        count = int(((p["lad_name"] == "Oxford") & (p["crime_type"] == "Burglary")).sum())
        assert burglary[1] == f"{round(1000 * count / population, 2):,.2f}"

    def test_comparator_mean_and_unknown_codes(self, crime, report):
        section = _section(report, "Comparison with similar areas")
        assert any(isinstance(b, Missing) and "E99999999" in b.text for b in section.blocks)
        table = next(b for b in section.blocks if isinstance(b, TableBlock))
        with reader() as con:
            pops = dict(con.execute("SELECT lad_name, sum(population) FROM lsoa GROUP BY 1").fetchall())
            county = con.execute("SELECT sum(population) FROM lsoa WHERE county_name = 'Oxfordshire'").fetchone()[0]
        p = _year(crime, 2022)
        own = 1000 * int((p["county_name"] == "Oxfordshire").sum()) / county
        reading = 1000 * int((p["lad_name"] == "Reading").sum()) / pops["Reading"]
        total = next(r for r in table.rows if r[0] == "All crime")
        assert total[1] == f"{round(own, 2):,.2f}" and total[2] == f"{round(reading, 2):,.2f}"

    def test_summary_sentences_follow_the_rules(self, crime, report):
        bullets = next(b for b in report.summary.blocks if isinstance(b, Bullets))
        p, c = _year(crime, 2022), _year(crime, 2021)
        like = p[p["month"] != pd.Timestamp("2022-07-01")]
        after = int((like["lad_name"] == "Oxford").sum())
        before = int((c["lad_name"] == "Oxford").sum())
        significant = binomtest(after, after + before, 0.5).pvalue < 0.05
        sentence = next(s for s in bullets.items if s.startswith("Total recorded crime in Oxford:"))
        assert f"{before:,}" in sentence and f"{after:,}" in sentence
        assert ("no significant change" in sentence) is (not significant)
        assert "comparing only the 11 months with data in both periods" in sentence  # unequal coverage said
        assert any("South Oxfordshire: the warehouse holds no police-recorded crime" in s for s in bullets.items)

    def test_person_level_tables_are_suppressed(self, dashboard_warehouse, report):
        offences = _frame("SELECT * FROM offence")
        p = _year(offences, 2022)
        p = p[(p["county_name"] == "Oxfordshire") & p["serious_violence_group"].notna()]
        table = _table(_section(report, "Who"), "Serious violence victims by sex")
        for row in table.rows:
            group_1 = int(((p["victim_sex"] == row[0]) & (p["serious_violence_group"] == 1)).sum())
            if 0 < group_1 < 5:
                assert row[1] == "<5"
            elif row[1] not in ("*",):
                assert _number(row[1]) == group_1


class TestSuppressionInReports:
    def test_small_counts_hidden_and_not_recoverable(self, dashboard_warehouse):
        offences = _frame("SELECT * FROM offence")
        month = offences[(offences["month"] == pd.Timestamp("2022-01-01")) & (offences["lad_name"] == "Oxford")]
        month = month[month["serious_violence_group"].notna()]
        with bounded_reader() as con:
            scope = scope_build(con, area="Oxford", period="2022-01")
            block = table_block("serious_violence_victim_age", con=con, scope=scope, appendix=Appendix(), threshold=5)
        assert isinstance(block, TableBlock)
        header = block.header
        hidden = 0
        for row in block.rows:
            cells = dict(zip(header, row, strict=True))
            band = month[month["victim_age_band"].fillna("unknown") == cells["Age band"]]
            for title, group in (("Group 1", 1), ("Group 2", 2)):
                count = int((band["serious_violence_group"] == group).sum())
                if 0 < count < 5:
                    assert cells[title] == "<5"
                    hidden += 1
                elif cells[title] != "*":
                    assert _number(cells[title]) == count
            if cells["Total"] in ("<5", "*"):
                assert cells["Share %"] == "*"
        assert hidden, "the fixture's single month has small counts"
        # No column with a hidden cell has exactly one (else the column total would give it away).
        for title in ("Group 1", "Group 2", "Total"):
            column = [dict(zip(header, r, strict=True))[title] for r in block.rows]
            assert sum(v in ("<5", "*") for v in column) != 1
        assert any("Small numbers are hidden" in note for note in block.notes)


class TestMissingSections:
    def test_absent_table_says_why(self, dashboard_warehouse):
        with bounded_reader() as con:
            scope = scope_build(con, area="Oxfordshire", period="2022")
            block = table_block("no_such_table", con=con, scope=scope, appendix=Appendix(), threshold=5)
            assert isinstance(block, Missing) and "not in this installation's table registry" in block.text
            rendered = table_block("serious_violence_summary", con=con, scope=scope, appendix=Appendix(), threshold=5)
            assert isinstance(rendered, TableBlock) and rendered.source == 1

    def test_extract_lacking_a_column_says_which(self, dashboard_warehouse, monkeypatch):
        import dataclasses

        import duckdb

        from safer.intelligence.dashboard import tables

        def needs_a_column(request):
            return request.con.rows("SELECT victim_shoe_size FROM offence LIMIT 1")

        base = tables.TABLES["serious_violence_summary"]
        monkeypatch.setitem(
            tables.TABLES, "hate_victims", dataclasses.replace(base, name="hate_victims", function=needs_a_column)
        )
        with bounded_reader() as con:
            with pytest.raises(duckdb.Error):
                con.rows("SELECT victim_shoe_size FROM offence LIMIT 1")
            scope = scope_build(con, area="Oxfordshire", period="2022")
            block = table_block("hate_victims", con=con, scope=scope, appendix=Appendix(), threshold=5)
        assert isinstance(block, Missing) and "lack a column this table needs" in block.text
        assert "victim_shoe_size" in block.text

    def test_period_without_data_says_so(self, dashboard_warehouse):
        report = _build(period="2019")
        overview = _section(report, "Oxfordshire overview")
        assert any(isinstance(b, Missing) and "no police-recorded crime for 2019" in b.text for b in overview.blocks)
        theme = _section(report, "Volume and trend")
        assert any(isinstance(b, Missing) and "hold no data for 2019" in b.text for b in theme.blocks)

    def test_thematic_section_renders_or_says_why_for_each_table(self, report):
        domestic = _section(report, "Domestic abuse")
        tables = [b for b in domestic.blocks if isinstance(b, (TableBlock, Missing))]
        assert tables, "the domestic abuse section has neither tables nor a reason for their absence"
        for block in tables:
            if isinstance(block, Missing):
                reasons = ("no data", "no records", "lack a column")
                assert any(reason in block.text for reason in reasons), block.text

    def test_serious_violence_sections_carry_the_local_definition_and_the_time_pattern(self, report):
        def titled(section_title: str) -> list[str]:
            blocks = _section(report, section_title).blocks
            return [
                b.title if isinstance(b, TableBlock) else b.text for b in blocks if isinstance(b, (TableBlock, Missing))
            ]

        assert any(t.startswith("Serious violence: the local definition") for t in titled("Local definition"))
        assert any(t.startswith("Offences by day of the week and hour") for t in titled("Where and when"))

    def test_empty_warehouse_produces_nothing(self, db):
        with bounded_reader() as con, pytest.raises(Exception) as caught:
            scope = scope_build(con, area="Oxford", period="2022")
            report_build(con=con, options=SiaOptions(scope))
        assert isinstance(caught.value, SiaInputError)


class TestSignificance:
    @pytest.mark.parametrize(("after", "before"), [(1233, 790), (15, 5), (12, 8), (0, 7), (40, 41)])
    def test_matches_scipy(self, after, before):
        test = change_test(period_count=after, compare_count=before)
        reference = binomtest(after, after + before, 0.5)
        assert test is not None and test.p_value == pytest.approx(reference.pvalue, rel=1e-6)
        low, high = reference.proportion_ci(confidence_level=0.95, method="exact")
        assert test.ci_low == pytest.approx(low / (1 - low), rel=1e-6)
        if high < 1:
            assert test.ci_high == pytest.approx(high / (1 - high), rel=1e-6)


class TestRenderers:
    def test_pdf_and_docx_open_with_headings_and_tables(self, dashboard_warehouse, tmp_path):
        from docx import Document
        from pypdf import PdfReader

        report = _build(charts=True)
        files = report_files_write(report, formats=["html", "pdf", "docx"], directory=tmp_path)
        text = "\n".join(page.extract_text() for page in PdfReader(files["pdf"]).pages)
        for heading in ("Executive summary", "Cherwell", "Long-term trend", "Exceptions to the overall trend"):
            assert heading in text
        assert "Difference n" in text and "Appendix: how each figure was computed" in text
        document = Document(io.BytesIO(files["docx"].read_bytes()))
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert (
            "Executive summary" in headings and "Oxford" in headings and "Serious violence needs assessment" in headings
        )
        assert len(document.tables) == len(report.tables())
        first = report.tables()[0]
        assert [c.text for c in document.tables[0].rows[0].cells] == first.header
        assert [c.text for c in document.tables[0].rows[1].cells] == first.rows[0]
        html = files["html"].read_text()
        assert html.count("<table") == len(report.tables()) and "data:image/png;base64," in html
