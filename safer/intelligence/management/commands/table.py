"""`safer table NAME --area AREA --period PERIOD ...`: print a dashboard table as CSV or JSON."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

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
from safer.intelligence.warehouse import WarehouseQueryTooLargeError, bounded_reader


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


class Command(BaseCommand):
    help = "Print a dashboard table (the same numbers the dashboard shows) as CSV or JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", nargs="?", help="table name (see --list)")
        parser.add_argument("--list", action="store_true", help="list the tables and what they show")
        parser.add_argument("--area", default="", help='district, county, force, LSOA or custom area, e.g. "Oxford"')
        parser.add_argument(
            "--period", default="rolling-12", help='"2021", "FY2021/22", "rolling-12" or "2021-03..2022-03"'
        )
        parser.add_argument(
            "--compare",
            default="",
            help="comparison: 'previous' (the months just before, as many) or any period (default: a year earlier)",
        )
        parser.add_argument("--by", default="", help="for `counts`: any of month,crime_type,area")
        parser.add_argument("--crime-type", default="", help='only this police.uk crime type, e.g. "Burglary"')
        parser.add_argument("--cell-size", default="", help="map tables: grid cell size in metres (default: automatic)")
        parser.add_argument("--bandwidth", default="", help="hotspot_kde: kernel bandwidth in metres (default: rule)")
        parser.add_argument(
            "--window",
            default="",
            help="time patterns, concentration, map tables: nte = Friday and Saturday 19:00-03:00",
        )
        parser.add_argument("--place", default="", help="concentration tables: lsoa (default), cell or location")
        parser.add_argument("--format", choices=("csv", "json"), default="csv")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            width = max(len(name) for name in TABLES)
            for name, table in TABLES.items():
                self.stdout.write(f"{name.ljust(width)}  {table.title}")
            return
        if not options["name"]:
            raise CommandError(
                "Name a table, e.g. `safer table headline --area Oxford`, or list them with --list.", returncode=2
            )
        try:
            table = table_get(options["name"])
        except TableNotFoundError as error:
            raise CommandError(str(error), returncode=2) from None
        if not options["area"]:
            raise CommandError('Give --area, e.g. --area "Oxford" or --area "county:Oxfordshire".', returncode=2)
        with bounded_reader() as con:
            try:
                scope = scope_build(
                    con,
                    area=options["area"],
                    period=options["period"],
                    compare=options["compare"],
                    crime_type=options["crime_type"],
                    by=options["by"],
                    cell_size=options["cell_size"],
                    bandwidth=options["bandwidth"],
                    window=options["window"],
                    place=options["place"],
                )
            except DashboardInputError as error:
                # Bad syntax is a usage error (2); a well-formed name that matches nothing is a domain error (1).
                code = 1 if error.field in ("area", "crime_type") else 2
                raise CommandError(str(error), returncode=code) from None
            request = Request(con, scope)
            try:
                rows = table_rows(table, request)
            except WarehouseQueryTooLargeError as error:
                raise CommandError(str(error), returncode=1) from None
            columns = table.columns_for(request)
            titles = table.column_titles(request)
            about = definition_text(table, request)
        if options["format"] == "json":
            document = {
                "table": table.name,
                "title": table.title,
                "area": {"name": scope.area.name, "type": scope.area.kind_label, "code": scope.area.code},
                "period": scope.period.label,
                "compare": scope.compare.label,
                "filters": scope.filters,
                "columns": [{"key": c.key, "title": t} for c, t in zip(columns, titles, strict=True)],
                "rows": [{k: _plain(v) for k, v in row.items()} for row in rows],
                "definition": {k: _plain(v) for k, v in about.items()},
            }
            self.stdout.write(json.dumps(document, indent=2))
            return
        if about.get("comparison_note"):
            self.stderr.write(f"Note: {about['comparison_note']}")
        if about.get("window_note"):
            self.stderr.write(f"Note: {about['window_note']}")
        if not rows and about.get("empty_reason"):
            self.stderr.write(f"No rows: {about['empty_reason']}")
        out = csv.writer(self.stdout, lineterminator="\n")
        out.writerow(titles)
        for row in rows:
            out.writerow(["" if v is None else _plain(v) for v in row.values()])
