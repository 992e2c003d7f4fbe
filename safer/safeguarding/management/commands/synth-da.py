"""`safer synth-da --incidents 5000 --seed 22 --from 2023-12-01 --to 2026-11-30 --district E07000178 --out DIR`."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safer.safeguarding.synth import da_synth


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date; use YYYY-MM-DD.") from None


class Command(BaseCommand):
    """Write a SYNTHETIC domestic abuse incident extract (never real people)."""

    help = (
        "Write a clearly-labelled SYNTHETIC domestic abuse incident extract in the documented schema: a heavy-tailed "
        "mix of one-off and serial perpetrators (round assumptions, not published statistics). Same seed, same file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--incidents", type=int, default=5000, help="How many incidents (default 5000).")
        parser.add_argument("--seed", type=int, default=22, help="Random seed (same seed, same file).")
        parser.add_argument("--from", dest="start", required=True, help="First day, YYYY-MM-DD.")
        parser.add_argument("--to", dest="end", required=True, help="Last day, YYYY-MM-DD.")
        parser.add_argument("--district", default="", help="Local authority district code whose LSOAs to use.")
        parser.add_argument("--out", type=Path, required=True, help="Folder to write the CSV file into.")

    def handle(self, *args: Any, **options: Any) -> None:
        start, end = _day(options["start"]), _day(options["end"])
        lsoas: list[str] = []
        if options["district"]:
            lookup = Path(__file__).resolve().parents[3] / "geography" / "data" / "lsoa2011.csv.gz"
            with gzip.open(lookup, "rt", encoding="utf-8") as handle:
                lsoas = [line.split(",", 1)[0] for line in handle if f",{options['district']}," in line]
            if not lsoas:
                raise CommandError(f"No LSOAs for district {options['district']!r}; give a code such as E07000178.")
        try:
            frame = da_synth(
                incidents=options["incidents"], seed=options["seed"], start=start, end=end, lsoa_codes=lsoas
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        out: Path = options["out"]
        out.mkdir(parents=True, exist_ok=True)
        path = out / f"SYNTHETIC-da-incidents-{start:%Y%m%d}-to-{end:%Y%m%d}.csv"
        frame.to_csv(path, index=False)
        self.stdout.write(f"{path}: {len(frame):,} SYNTHETIC domestic abuse incidents")
