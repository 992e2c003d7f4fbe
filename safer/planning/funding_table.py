"""The funding distribution table: one row per line (and sub-line), one column per year, totals in pence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Sum

from safer.planning.errors import PlanningPermissionError
from safer.planning.models import Allocation, CarryForward, Fund, Funder


@dataclass
class FundingRow:
    """A line of the table: its amount per year (None where the line had no allocation that year)."""

    line: str
    level: int
    amounts: dict[int, int | None] = field(default_factory=dict)
    up_to: dict[int, bool] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class FundingTable:
    """A funder's fund over several years."""

    funder: Funder
    fund_name: str
    years: list[int]
    rows: list[FundingRow]
    totals: dict[int, int]
    available: dict[int, int]
    carry_forwards: list[CarryForward]

    def year_label(self, year: int) -> str:
        """'2016-17'."""
        return f"{year}-{(year + 1) % 100:02d}"


def funding_table(*, user: Any, funder: Funder, fund_name: str) -> FundingTable:
    """The distribution of a funder's fund by line and year; totals add the top-level lines only."""
    if not user.has_capability("planning.view"):
        raise PlanningPermissionError("You do not have access to the partnership's funding.")
    funds = list(Fund.objects.filter(funder=funder, name=fund_name).order_by("year"))
    years = [fund.year for fund in funds]
    rows: dict[tuple[str, str], FundingRow] = {}
    order: list[tuple[str, str]] = []
    allocations = Allocation.objects.filter(fund__in=funds).select_related("fund", "parent").order_by("order", "id")
    for allocation in allocations:
        parent_line = allocation.parent.line if allocation.parent else ""
        key = (parent_line, allocation.line)
        if key not in rows:
            rows[key] = FundingRow(line=allocation.line, level=1 if allocation.parent else 0)
            order.append(key)
        row = rows[key]
        row.amounts[allocation.fund.year] = (row.amounts.get(allocation.fund.year) or 0) + allocation.amount_pence
        row.up_to[allocation.fund.year] = allocation.up_to
        if allocation.notes and allocation.notes not in row.notes:
            row.notes.append(allocation.notes)
    # Sub-lines print under their line, in the order the lines first appear.
    ordered: list[FundingRow] = []
    for key in order:
        if key[0] == "":
            ordered.append(rows[key])
            ordered += [rows[k] for k in order if k[0] == key[1]]
    totals = {
        fund.year: int(fund.allocations.filter(parent__isnull=True).aggregate(t=Sum("amount_pence"))["t"] or 0)
        for fund in funds
    }
    for row in ordered:
        for year in years:
            row.amounts.setdefault(year, None)
    carry = list(CarryForward.objects.filter(allocation__fund__in=funds).select_related("allocation__fund"))
    return FundingTable(
        funder=funder,
        fund_name=fund_name,
        years=years,
        rows=ordered,
        totals=totals,
        available={fund.year: fund.amount_pence for fund in funds},
        carry_forwards=carry,
    )
