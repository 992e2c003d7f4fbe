"""`safer synth --from-policeuk --months 2021-03..2022-03 --seed 42 --out DIR`: synthetic partner extracts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    """Write SYNTHETIC offence-level and ASB extracts that follow the police.uk data in the warehouse."""

    help = (
        "Write clearly-labelled synthetic offence-level and ASB extracts whose counts by police.uk category, "
        "month and LSOA equal the police.uk street data in the warehouse, with each force's Home Office "
        "2017/18 offence-code mix. Deterministic with --seed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--from-policeuk", action="store_true", required=True, help="Follow the police.uk street data."
        )
        parser.add_argument("--force", default=None, help="police.uk force slug (default: the only one loaded).")
        parser.add_argument("--months", default=None, help="YYYY-MM..YYYY-MM (default: every month loaded).")
        parser.add_argument("--seed", type=int, default=42, help="Random seed (same seed, same files).")
        parser.add_argument("--out", type=Path, required=True, help="Folder to write the two CSV files into.")

    def handle(self, *args: Any, **options: Any) -> None:
        from safer.intelligence.imports.synth import SynthSourceError, month_range_parse, synth_from_policeuk
        from safer.intelligence.sources.synth import SynthInputError

        try:
            months = month_range_parse(options["months"]) if options["months"] else None
            out = synth_from_policeuk(
                force=options["force"], months=months, seed=options["seed"], out_dir=options["out"]
            )
        except (SynthSourceError, SynthInputError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{out.offences_path}: {out.offences:,} synthetic offences")
        self.stdout.write(f"{out.asb_path}: {out.asb_incidents:,} synthetic ASB incidents")
        self.stdout.write(
            self.style.SUCCESS(
                f"SYNTHETIC extracts for {out.force}, {out.first_month} to {out.last_month}. "
                "Import them with safer import-offences and safer import-asb."
            )
        )
