"""`safer import-policeuk PATH...`: load police.uk street, outcomes and stop-and-search files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safer.intelligence.imports import ImportFileError, tqdm_progress
from safer.intelligence.imports.runs import STATUS_ALREADY
from safer.intelligence.warehouse import WarehouseBusyError


class Command(BaseCommand):
    """Import monthly police.uk files, folders of monthly folders, or police.uk archive zips."""

    help = (
        "Import police.uk monthly CSV files (street, outcomes, stop-and-search; .csv or .csv.gz), folders of "
        "monthly folders as police.uk hands them out, or archive zips. Re-importing the same file changes "
        "nothing; a different file for a month replaces that month."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="Files, folders or zip archives.")
        parser.add_argument(
            "--reimport", action="store_true", help="Load files again even when the same bytes were imported."
        )
        parser.add_argument("--no-progress", action="store_true", help="Do not draw the progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        from safer.intelligence.imports.pipeline import STARTED_BY_COMMAND_LINE, dataset_import

        progress, close = (None, None) if options["no_progress"] else tqdm_progress("Importing police.uk files")
        try:
            results = dataset_import(
                dataset="policeuk",
                paths=options["paths"],
                actor=None,
                started_by=STARTED_BY_COMMAND_LINE,
                progress=progress,
                options={"reimport": options["reimport"]},
                command="import-policeuk",
            )
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        except WarehouseBusyError as error:
            raise CommandError(str(error)) from None
        finally:
            if close is not None:
                close()
        loaded = sum(r.rows_loaded for r in results)
        rejected = sum(r.rows_rejected for r in results)
        for result in results:
            line = result.message
            if result.status != STATUS_ALREADY and result.rejects_path:
                line += f" Rejected rows: {result.rejects_path}"
            self.stdout.write(line)
        already = sum(1 for r in results if r.status == STATUS_ALREADY)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(results)} files: {loaded:,} rows loaded, {rejected:,} rejected, {already} already imported."
            )
        )
