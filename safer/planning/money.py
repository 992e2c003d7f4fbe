"""Money as whole pence: read what people type ("£1,234.50") and show it back (no floats anywhere)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from safer.planning.errors import PlanningInputError

_AMOUNT = re.compile(r"^-?\d+(\.\d{1,2})?$")


def pence_from_text(text: str, *, field: str = "amount") -> int:
    """Pence from an amount in pounds as typed; a clear error for anything else, including negatives."""
    cleaned = (text or "").strip().replace(",", "").replace("£", "").replace(" ", "")
    if not cleaned:
        raise PlanningInputError("Enter an amount in pounds, for example 47969 or 1250.50", field=field)
    if not _AMOUNT.match(cleaned):
        raise PlanningInputError(
            f'"{text}" is not an amount in pounds. Enter numbers only, for example 47969 or 1250.50', field=field
        )
    try:
        pounds = Decimal(cleaned)
    except InvalidOperation:
        raise PlanningInputError(f'"{text}" is not an amount in pounds.', field=field) from None
    if pounds < 0:
        raise PlanningInputError(f"The amount cannot be negative (you entered {text}).", field=field)
    return int(pounds * 100)


def pounds(pence: int | None) -> str:
    """£1,234 for whole pounds, £1,234.50 otherwise; an empty string for None."""
    if pence is None:
        return ""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}£{whole:,}" + (f".{part:02d}" if part else "")
