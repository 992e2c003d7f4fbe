"""Template tags for planning: money from pence, funding table cells."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from safer.planning.funding_table import FundingRow, FundingTable
from safer.planning.money import pounds as pounds_text
from safer.planning.readings import is_data, localised

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


@register.simple_tag
def said(text: Any) -> SafeString:
    """Shown text in the active language: a generated phrase translated, data as written -- marked lang="en-GB"
    on a Welsh page, since the partnerships and the data sources write in English."""
    shown = localised(text)
    if is_data(text) and (get_language() or "").startswith("cy"):
        return format_html('<span lang="en-GB">{}</span>', shown)
    return format_html("{}", shown)
