"""Grid references to BNG metres, checked against the Ordnance Survey's published references of landmarks."""

from __future__ import annotations

import pytest

from safer.geography.grid_reference import grid_reference_parse


class TestGridReferenceParse:
    @pytest.mark.parametrize(
        "text", ["", "hello", "SP 1234 567", "SP", "IO 123 456", "ZZ 123 456", "99, 99", "SP 12345678901"]
    )
    def test_not_a_grid_reference(self, text: str) -> None:
        assert grid_reference_parse(text) is None

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # Carfax Tower, Oxford: SP 51308 06174 (OS); Ben Nevis summit: NN 16667 71285 (OS trig point).
            ("SP 51308 06174", (451308, 206174)),
            ("sp5130806174", (451308, 206174)),
            ("SP 513 061", (451300, 206100)),
            ("NN 16667 71285", (216667, 771285)),
            ("TQ 30 80", (530000, 180000)),
            ("451308, 206174", (451308.0, 206174.0)),
            ("451308 206174", (451308.0, 206174.0)),
        ],
    )
    def test_metres(self, text: str, expected: tuple[float, float]) -> None:
        assert grid_reference_parse(text) == expected
