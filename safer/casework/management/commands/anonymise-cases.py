"""`safer anonymise-cases`: anonymise closed cases past the retention period (the nightly job does the same)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from safer.casework.services.retention import case_anonymise, cases_due_for_anonymisation


class Command(BaseCommand):
    """Anonymise cases closed longer ago than SAFER_CASE_RETENTION_YEARS (or --years)."""

    help = "Anonymise closed cases past the retention period (default: SAFER_CASE_RETENTION_YEARS, 6 years)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--years", type=int, default=None, help="Retention period in years (overrides the setting)."
        )
        parser.add_argument("--dry-run", action="store_true", help="List the cases due without changing them.")

    def handle(self, *args: Any, **options: Any) -> None:
        years = options["years"] if options["years"] is not None else settings.SAFER_CASE_RETENTION_YEARS
        if years < 1:
            raise CommandError(f"--years must be 1 or more (got {years}).")
        due = cases_due_for_anonymisation(years=years)
        if options["dry_run"]:
            for case in due:
                self.stdout.write(f"{case.reference} closed {case.closed_at:%Y-%m-%d}")
            self.stdout.write(f"{len(due)} case(s) due for anonymisation (retention {years} years); nothing changed.")
            return
        for case in tqdm(due, desc="Anonymising cases", unit="case", disable=not due):
            case_anonymise(actor=None, case=case)
        self.stdout.write(f"Anonymised {len(due)} case(s) closed more than {years} years ago.")
