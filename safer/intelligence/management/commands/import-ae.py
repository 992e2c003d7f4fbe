"""`safer import-ae FILE...`: load A&E assault attendance extracts (ISTV minimum dataset, docs/ae-istv.md)."""

from __future__ import annotations

from safer.intelligence.imports.extracts_cli import ExtractImportCommand
from safer.intelligence.sources.schemas import AE_SCHEMA


class Command(ExtractImportCommand):
    """Import A&E assault attendance extracts through the one extracts pipeline."""

    kind = AE_SCHEMA.kind
    help = (
        "Import A&E assault attendance extracts (ISTV / Cardiff Model minimum dataset, CSV, schema in "
        'docs/ae-istv.md). Map other headings with --map "Their heading=column". The same file again changes '
        "nothing; a corrected file with the same name (or --replace IMPORT_ID) replaces the earlier import."
    )
