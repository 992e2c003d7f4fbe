"""`safer table`: the same rows as the page, CSV and JSON, one clear line and exit code on bad input."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from safer.intelligence.dashboard.tables import TABLES, Request, scope_build, table_rows
from safer.intelligence.warehouse import bounded_reader


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("table", *args, stdout=out)
    return out.getvalue()


class TestTableCommand:
    @pytest.mark.parametrize(
        "args,code,message",
        [
            (["headline", "--area", "Oxfrd", "--period", "2022"], 1, 'Did you mean "Oxford"'),
            (["headline", "--area", "Oxford", "--period", "2022-13"], 2, '"2022-13" is not a month'),
            (["nosuch", "--area", "Oxford"], 2, 'There is no table "nosuch"'),
            (["headline"], 2, "Give --area"),
            (["counts", "--area", "Oxford", "--by", "weekday"], 2, 'Cannot break down by "weekday"'),
        ],
    )
    def test_bad_input_is_one_clear_line(self, dashboard_warehouse, args, code, message):
        with pytest.raises(CommandError, match=message) as caught:
            _run(*args)
        assert caught.value.returncode == code
        assert "\n" not in str(caught.value)

    def test_list_names_every_table(self):
        listed = _run("--list")
        assert [line.split()[0] for line in listed.splitlines()] == list(TABLES)

    def test_csv_is_what_the_page_shows(self, dashboard_warehouse):
        text = _run("counts", "--area", "Oxford", "--period", "2021-03..2022-03", "--by", "month,crime_type")
        lines = list(csv.reader(io.StringIO(text)))
        assert lines[0] == ["Month", "Crime type", "Records", "Of which synthetic"]
        with bounded_reader() as con:
            expected = con.tuples(
                """SELECT strftime(month, '%Y-%m'), crime_type, count(*), count(*) FILTER (WHERE synthetic)
                   FROM crime WHERE lad_name = 'Oxford' AND month BETWEEN '2021-03-01' AND '2022-03-01'
                   GROUP BY ALL ORDER BY 1, 2"""
            )
        assert [tuple(line) for line in lines[1:]] == [(m, t, str(n), str(s)) for m, t, n, s in expected]

    def test_json_headline(self, dashboard_warehouse):
        document = json.loads(_run("headline", "--area", "Oxford", "--period", "2022", "--format", "json"))
        assert document["period"] == "2022" and document["compare"] == "2021"
        titles = [c["title"] for c in document["columns"]]
        assert titles[:3] == ["Crime type", "Oxford (district): 2021", "Oxford (district): 2022"]
        assert "Thames Valley (police force area): Per 1,000" in titles
        with bounded_reader() as con:
            rows = table_rows(TABLES["headline"], Request(con, scope_build(con, area="Oxford", period="2022")))
        assert document["rows"] == rows
        assert "police.uk" in document["definition"]["source"]
