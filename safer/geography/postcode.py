"""UK postcodes as people type them ("ox1 2au", "OX12AU") to the one form ONS prints them in ("OX1 2AU").

The pattern is the one the extract imports check postcodes with (intelligence/sources/validation.py), so a
postcode a resident types is valid exactly when an imported one would be. No Django here.
"""

from __future__ import annotations

import re

# UK postcode (upper case, one space or none before the inward code), in DuckDB's (RE2) and Python's syntax.
POSTCODE_SQL_PATTERN = "[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}"
POSTCODE_PACKED_SQL_PATTERN = "[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}"
_PACKED = re.compile(POSTCODE_PACKED_SQL_PATTERN)


def postcode_parse(text: str) -> str | None:
    """The full postcode in `text` as ONS prints it ("OX1 2AU"), any case and spacing; None when it is not one."""
    packed = "".join(text.split()).upper()
    if not _PACKED.fullmatch(packed):
        return None
    return f"{packed[:-3]} {packed[-3:]}"
