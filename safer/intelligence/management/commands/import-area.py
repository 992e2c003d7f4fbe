"""`safer import-area NAME FILE.geojson`: add a custom area and tag the records inside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    """Add a custom area (GeoJSON Polygon/MultiPolygon in WGS84) and tag the crime, offence and ASB records in it."""

    help = (
        "Add a custom area from a GeoJSON file (Polygon, MultiPolygon, or a Feature/FeatureCollection of them, "
        "WGS84 longitude/latitude) and tag the police.uk crimes, offences and ASB incidents inside it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help='The area\'s name, e.g. "Oxford night-time economy".')
        parser.add_argument("path", type=Path, help="The GeoJSON file.")

    def handle(self, *args: Any, **options: Any) -> None:
        from safer.intelligence.services.custom_areas import CustomAreaInvalidError, custom_area_create
        from safer.intelligence.warehouse import WarehouseBusyError

        path: Path = options["path"]
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error.__class__.__name__}. Give a UTF-8 GeoJSON file.") from None
        try:
            area = custom_area_create(actor=None, name=options["name"], geojson_text=text)
        except (CustomAreaInvalidError, WarehouseBusyError) as error:
            raise CommandError(f"{path.name}: {error}") from None
        counts = ", ".join(f"{n:,} {table}" for table, n in area.records.items())
        self.stdout.write(
            self.style.SUCCESS(f'Added custom area {area.area_id} "{area.name}": {counts} records inside.')
        )
