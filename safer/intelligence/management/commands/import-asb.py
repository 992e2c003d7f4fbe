"""`safer import-asb FILE...`: load ASB incident extracts (docs/extract-schemas.md)."""

from __future__ import annotations

from safer.intelligence.imports.extracts_cli import ExtractImportCommand


class Command(ExtractImportCommand):
    """Import ASB incident extracts."""

    kind = "asb"
    help = (
        "Import ASB incident extracts (CSV, schema in docs/extract-schemas.md). Map other headings with "
        '--map "Their heading=column". The same file again changes nothing; a corrected file with the same '
        "name (or --replace IMPORT_ID) replaces the earlier import atomically."
    )
