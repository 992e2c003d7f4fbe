"""Template tags for planning: money from pence, funding table cells."""

from __future__ import annotations

from django import template

from safer.planning.funding_table import FundingRow, FundingTable
from safer.planning.money import pounds as pounds_text

register = template.Library()


@register.simple_tag(name="pounds")
def pounds_tag(pence: int | None) -> str:
    """£1,234 from pence."""
    return pounds_text(pence)


@register.simple_tag
def amount_cell(row: FundingRow, year: int) -> str:
    """A line's amount in a year: "n/a" where it had none, "up to" where the amount is a ceiling."""
    amount = row.amounts.get(year)
    if amount is None:
        return "n/a"
    return ("up to " if row.up_to.get(year) else "") + pounds_text(amount)


@register.simple_tag
def total_cell(table: FundingTable, year: int) -> str:
    """The year's total of the top-level lines."""
    return pounds_text(table.totals.get(year, 0))
