"""Ordnance Survey grid references ("SP 51308 06174") and plain easting/northing pairs, to BNG metres.

The letters name a 100 km square of the British National Grid (the first letter a 500 km square, the second a
100 km square inside it, "I" not used); the digits are the easting and northing inside it, 1 to 5 digits each,
so "SP 513 061" is the south-west corner of a 100 m square. No Django here.
"""

from __future__ import annotations

import re

_LETTERS = re.compile(r"^([A-HJ-Z]{2})\s*(\d+)\s*(\d*)$")
_PAIR = re.compile(r"^(\d{3,6}(?:\.\d+)?)\s*[,\s/]\s*(\d{3,7}(?:\.\d+)?)$")
GRID_EXTENT = (700_000, 1_300_000)  # the grid's eastings and northings run from 0 to these


def grid_reference_parse(text: str) -> tuple[float, float] | None:
    """(easting, northing) in metres for a grid reference or an "easting, northing" pair; None if it is neither."""
    value = " ".join(text.upper().split())
    if found := _PAIR.match(value):
        easting, northing = float(found[1]), float(found[2])
    elif found := _LETTERS.match(value):
        digits = found[2] + found[3]
        if len(digits) % 2 or not 2 <= len(digits) <= 10:
            return None
        half = len(digits) // 2
        scale = 10 ** (5 - half)
        square = _square(found[1])
        if square is None:
            return None
        easting = square[0] + int(digits[:half]) * scale
        northing = square[1] + int(digits[half:]) * scale
    else:
        return None
    if not (0 <= easting < GRID_EXTENT[0] and 0 <= northing < GRID_EXTENT[1]):
        return None
    return easting, northing


def _square(letters: str) -> tuple[int, int] | None:
    """The south-west corner of a two-letter 100 km square, or None outside the grid."""
    first, second = (ord(c) - ord("A") for c in letters)
    first -= first > 7  # no "I"
    second -= second > 7
    east = ((first - 2) % 5) * 5 + second % 5
    north = (19 - (first // 5) * 5) - second // 5
    if not (0 <= east < 7 and 0 <= north < 13):
        return None
    return east * 100_000, north * 100_000
