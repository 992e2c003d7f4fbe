"""`safer case-review-table --year 2024 --format csv`: the annual ASB case review figures (no personal data)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from safer.casework.case_review.table import COLUMNS, case_review_table, case_review_table_csv


class Command(BaseCommand):
    """Print the year's published figures: applications, threshold not met, reviews, reviews with recommendations."""

    help = "The annual ASB case review figures for publication, overall and by agency (csv, json or a text table)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--year", type=int, default=None, help="Calendar year of the applications (default: this year)."
        )
        parser.add_argument("--format", choices=["csv", "json", "text"], default="text", help="Output format.")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"] or timezone.localdate().year
        if not 2014 <= year <= timezone.localdate().year:
            raise CommandError(f"--year must be between 2014 (the Act) and this year (got {year}).", returncode=2)
        rows = case_review_table(year=year)
        if options["format"] == "csv":
            self.stdout.write(case_review_table_csv(rows), ending="")
        elif options["format"] == "json":
            self.stdout.write(json.dumps([asdict(r) for r in rows], indent=2))
        else:
            cells = [[("–" if v is None else str(v)) for v in asdict(row).values()] for row in rows]
            widths = [max([len(c)] + [len(line[i]) for line in cells]) for i, c in enumerate(COLUMNS)]
            self.stdout.write("  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths, strict=True)))
            for values in cells:
                self.stdout.write("  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)))
