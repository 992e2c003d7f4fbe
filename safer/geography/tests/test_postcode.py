"""Typed postcodes to the form ONS prints them in; anything else is not a postcode."""

from __future__ import annotations

import pytest

from safer.geography.postcode import postcode_parse


class TestPostcodeParse:
    @pytest.mark.parametrize(
        "text", ["", "OX1", "OX1 2A", "Cowley Road", "SP 513 061", "451308, 206174", "OX1 2AUX", "1X1 2AU", "OX 2AU"]
    )
    def test_not_a_full_postcode(self, text: str) -> None:
        assert postcode_parse(text) is None

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("OX1 2AU", "OX1 2AU"),
            ("ox12au", "OX1 2AU"),
            ("  ox1   2au ", "OX1 2AU"),
            ("sw1a1aa", "SW1A 1AA"),
            ("M1 1AE", "M1 1AE"),
            ("zx1 1aa", "ZX1 1AA"),
        ],
    )
    def test_any_case_and_spacing(self, text: str, expected: str) -> None:
        assert postcode_parse(text) == expected
