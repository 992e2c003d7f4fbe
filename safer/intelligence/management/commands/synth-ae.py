"""`safer synth-ae --from-policeuk --months 2021-03..2022-03 --seed 42 --out DIR`: a synthetic A&E extract."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    """Write a SYNTHETIC A&E assault attendance extract (ISTV) that follows the police.uk violence loaded."""

    help = (
        "Write a clearly-labelled synthetic A&E assault attendance extract (ISTV minimum dataset, "
        "docs/ae-istv.md) whose attendances follow the police.uk violence records in the warehouse (month, "
        "LSOA and map point), with assumed times, means of assault and location types. Deterministic with --seed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--from-policeuk", action="store_true", required=True, help="Follow the police.uk street data."
        )
        parser.add_argument("--force", default=None, help="police.uk force slug (default: the only one loaded).")
        parser.add_argument("--months", default=None, help="YYYY-MM..YYYY-MM (default: every month loaded).")
        parser.add_argument("--seed", type=int, default=42, help="Random seed (same seed, same file).")
        parser.add_argument("--out", type=Path, required=True, help="Folder to write the CSV file into.")

    def handle(self, *args: Any, **options: Any) -> None:
        from safer.intelligence.imports.synth import (
            SynthSourceError,
            month_range_parse,
            policeuk_records_read,
            synth_ae_from_policeuk,
            synth_postcode_lookup_write,
        )

        try:
            months = month_range_parse(options["months"]) if options["months"] else None
            path, rows = synth_ae_from_policeuk(
                force=options["force"], months=months, seed=options["seed"], out_dir=options["out"]
            )
            force, _records = policeuk_records_read(force=options["force"], months=months)
        except SynthSourceError as error:
            raise CommandError(str(error)) from None
        lookup, postcodes = synth_postcode_lookup_write(force=force, out_dir=options["out"])
        self.stdout.write(f"{path}: {rows:,} synthetic A&E assault attendances")
        self.stdout.write(f"{lookup}: {postcodes:,} invented postcodes, one per LSOA (SYNTHETIC, not ONS data)")
        self.stdout.write(
            self.style.SUCCESS(
                "SYNTHETIC A&E extract and postcode lookup written. Import them with safer import-ae and "
                "safer import-postcodes (in either order)."
            )
        )
