"""`safer import-da FILE...`: load domestic abuse incident extracts for MATAC (docs/extract-schemas.md)."""

from __future__ import annotations

from safer.intelligence.imports.extracts_cli import ExtractImportCommand
from safer.safeguarding.incidents import DA_KIND


class Command(ExtractImportCommand):
    """Import domestic abuse incident extracts through the one extracts pipeline."""

    kind = DA_KIND
    help = (
        "Import domestic abuse incident extracts (CSV, schema in docs/extract-schemas.md) for MATAC. Map other "
        'headings with --map "Their heading=column". The same file again changes nothing; a corrected file with '
        "the same name (or --replace IMPORT_ID) replaces the earlier import atomically."
    )
