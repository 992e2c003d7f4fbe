"""`safer import-postcodes FILE...`: load the ONS Postcode Directory or NSPL (docs/postcodes.md)."""

from __future__ import annotations

from safer.intelligence.imports.extracts_cli import ExtractImportCommand
from safer.intelligence.sources.schemas import POSTCODE_SCHEMA


class Command(ExtractImportCommand):
    """Import an ONS postcode lookup through the one import pipeline, then place A&E attendances by postcode."""

    kind = POSTCODE_SCHEMA.kind
    help = (
        "Import the ONS Postcode Directory (ONSPD) or National Statistics Postcode Lookup (NSPL) CSV as ONS "
        "publishes it (pcds, lsoa11/lsoa21, oslaua/laua, lat/long or oseast1m/osnrth1m, doterm; docs/postcodes.md), "
        "whole or its split files; then A&E attendances that gave only a postcode are placed. A postcode in a "
        "later file replaces the same postcode from an earlier one."
    )
