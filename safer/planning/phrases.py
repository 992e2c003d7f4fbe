"""Generated sentences that can be said again in another language (no Django).

A `Phrase` is a str -- its English text, so pages, documents and exports that want English use it as it is --
that also keeps its message id (with %(name)s placeholders) and its values: numbers and dates stay numbers and
dates until shown, so each language writes them its own way. `safer.planning.readings.localised` says a phrase
in the active language. Message ids are marked with `gettext_noop` so `makemessages` collects them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any


def gettext_noop(message: str) -> str:
    """Mark a message id for the catalogue (translated when shown, not here)."""
    return message


@dataclass(frozen=True)
class Number:
    """A number in a sentence: `places` fixed, or None for whole numbers or one decimal place when not whole."""

    value: Decimal
    unit: str = ""  # "%" is written against the number; any other unit after a space
    places: int | None = None

    @property
    def decimal_places(self) -> int:
        """How many decimal places it is written with."""
        if self.places is not None:
            return self.places
        return 0 if self.value == self.value.to_integral_value() else 1

    def with_unit(self, digits: str) -> str:
        """The written number with its unit."""
        if not self.unit:
            return digits
        return f"{digits}{self.unit}" if self.unit == "%" else f"{digits} {self.unit}"


DAY, MONTH, SHORT_MONTH = "day", "month", "short_month"


@dataclass(frozen=True)
class When:
    """A date in a sentence: a day ("3 December 2026"), a month ("May 2022") or a short month ("May 2022")."""

    value: date
    style: str = DAY


def number(value: Decimal | float | int, unit: str = "", places: int | None = None) -> Number:
    """A Number from any numeric value."""
    return Number(Decimal(str(value)), unit, places)


def english_value(value: Any) -> str:
    """A value written the English way."""
    if isinstance(value, Number):
        return value.with_unit(f"{value.value:,.{value.decimal_places}f}")
    if isinstance(value, When):
        if value.style == SHORT_MONTH:
            return f"{value.value:%b %Y}"
        return f"{value.value:%B %Y}" if value.style == MONTH else f"{value.value.day} {value.value:%B %Y}"
    return str(value)


class Phrase(str):
    """A generated sentence: its English text, and the message id and values to say it in another language."""

    msgid: str
    values: dict[str, Any]

    def __new__(cls, msgid: str, **values: Any) -> Phrase:
        text = msgid % {name: english_value(v) for name, v in values.items()} if values else msgid
        phrase = super().__new__(cls, text)
        phrase.msgid, phrase.values = msgid, values
        return phrase

    def render(self, translate: Callable[[str], str], write: Callable[[Any], str]) -> str:
        """The phrase through `translate` (message ids) and `write` (values, including nested phrases)."""
        if not self.values:
            return translate(self.msgid)
        return translate(self.msgid) % {name: write(v) for name, v in self.values.items()}
