"""`safer sia --area Oxfordshire --period FY2021/22`: write the Strategic Intelligence Assessment."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safer.intelligence.imports import tqdm_progress
from safer.intelligence.models import SiaReportStatus
from safer.intelligence.sia.jobs import SiaReportInputError, sia_report_create, sia_report_run, sia_reports_dir
from safer.intelligence.warehouse import WarehouseBusyError

# Syntax errors are usage errors (2); an area or data that is not there is a domain error (1).
_USAGE_FIELDS = ("period", "compare", "formats")


class Command(BaseCommand):
    help = "Write the Strategic Intelligence Assessment (HTML, PDF, Word) for a county or district."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--area", required=True, help='county or district, e.g. "Oxfordshire" or "Oxford"')
        parser.add_argument(
            "--period", required=True, help='"2021", "FY2021/22" or any 12 months, e.g. "2021-04..2022-03"'
        )
        parser.add_argument("--compare", default="", help="comparison period (default: the 12 months before)")
        parser.add_argument("--comparators", default="", help="comparator area codes, e.g. E07000178,E07000179")
        parser.add_argument("--formats", default="html,pdf,docx", help="any of html,pdf,docx (default: all)")
        parser.add_argument("--output", default=".", help="folder to write the files into (default: here)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = sia_report_create(
                actor=None,
                area=options["area"],
                period=options["period"],
                compare=options["compare"],
                comparators=options["comparators"],
                formats=options["formats"],
                queue=False,
            )
        except SiaReportInputError as error:
            raise CommandError(str(error), returncode=2 if error.field in _USAGE_FIELDS else 1) from None
        except WarehouseBusyError as error:
            raise CommandError(str(error), returncode=1) from None
        progress, close = (None, None) if options["no_progress"] else tqdm_progress("Writing the SIA", unit="step")
        try:
            report = sia_report_run(str(report.pk), progress=progress)
        finally:
            if close:
                close()
        if report.status != SiaReportStatus.SUCCEEDED:
            raise CommandError(report.error_message, returncode=1)
        output = Path(options["output"])
        output.mkdir(parents=True, exist_ok=True)
        for name in report.files.values():
            target = output / name
            shutil.copyfile(sia_reports_dir() / str(report.pk) / name, target)
            self.stdout.write(str(target))
