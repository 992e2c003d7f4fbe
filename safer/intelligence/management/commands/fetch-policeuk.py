"""`safer fetch-policeuk --force thames-valley --from 2021-01 --to 2022-12`: download, then import."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from safer.intelligence.imports import ImportFileError, tqdm_progress
from safer.intelligence.imports.fetch import KIND_SUFFIXES, FetchOfflineError, month_range, policeuk_fetch
from safer.intelligence.warehouse import WarehouseBusyError


class Command(BaseCommand):
    """Download one force's monthly police.uk files (resumable, retried), then import them."""

    help = (
        "Download police.uk monthly files for one force from SAFER_POLICEUK_BASE_URL (layout "
        "{base}/YYYY-MM/YYYY-MM-FORCE-street.csv), resuming partial downloads, then import them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", required=True, help="police.uk force name, e.g. thames-valley.")
        parser.add_argument("--from", dest="start", required=True, help="First month, YYYY-MM.")
        parser.add_argument("--to", dest="end", required=True, help="Last month, YYYY-MM.")
        parser.add_argument("--base-url", default=None, help="Overrides SAFER_POLICEUK_BASE_URL.")
        parser.add_argument("--dest", type=Path, default=None, help="Download folder (default var/policeuk).")
        parser.add_argument(
            "--kinds",
            default="street",
            help=f"Comma-separated file kinds: {', '.join(KIND_SUFFIXES)} (default street).",
        )
        parser.add_argument("--retries", type=int, default=5, help="Retries per file (default 5).")
        parser.add_argument("--backoff", type=float, default=1.0, help="First retry delay in seconds (doubles).")
        parser.add_argument("--no-import", action="store_true", help="Download only.")
        parser.add_argument("--no-progress", action="store_true", help="Do not draw progress bars.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            months = month_range(options["start"], options["end"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        base_url = options["base_url"] or settings.SAFER_POLICEUK_BASE_URL
        dest = options["dest"] or Path(settings.VAR_DIR) / "policeuk"
        kinds = tuple(k.strip() for k in options["kinds"].split(",") if k.strip())
        bar = None
        if not options["no_progress"]:
            from tqdm import tqdm

            bar = tqdm(desc="Downloading", unit="B", unit_scale=True, file=sys.stderr, dynamic_ncols=True)
        try:
            report = policeuk_fetch(
                force=options["force"],
                months=months,
                base_url=base_url,
                dest=dest,
                kinds=kinds,
                retries=options["retries"],
                backoff_seconds=options["backoff"],
                on_bytes=bar.update if bar is not None else None,
                on_file=(lambda name: bar.set_postfix_str(name, refresh=False)) if bar is not None else None,
            )
        except (ValueError, FetchOfflineError, ImportFileError) as error:
            raise CommandError(str(error)) from None
        finally:
            if bar is not None:
                bar.close()
        self.stdout.write(
            f"Downloaded {len(report.downloaded)} files, {len(report.skipped)} already present, into {dest}."
        )
        if report.missing:
            self.stdout.write(f"Not on the server (months missing): {', '.join(report.missing)}")
        if options["no_import"] or not report.files:
            return
        from safer.intelligence.imports.pipeline import STARTED_BY_COMMAND_LINE, dataset_import

        progress, close = (None, None) if options["no_progress"] else tqdm_progress("Importing")
        try:
            results = dataset_import(
                dataset="policeuk",
                paths=report.files,
                actor=None,
                started_by=STARTED_BY_COMMAND_LINE,
                progress=progress,
                command="fetch-policeuk",
            )
        except (ImportFileError, WarehouseBusyError) as error:
            raise CommandError(str(error)) from None
        finally:
            if close is not None:
                close()
        for result in results:
            self.stdout.write(result.message)
        loaded = sum(r.rows_loaded for r in results)
        self.stdout.write(self.style.SUCCESS(f"{len(results)} files imported: {loaded:,} rows loaded."))
