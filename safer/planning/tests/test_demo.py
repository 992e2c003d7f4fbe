"""The demo: a West Oxfordshire-style plan, indicators, progress, the published funding, a return (loads once)."""

from __future__ import annotations

import pytest

from safer.accounts.demo import demo_load as accounts_demo_load
from safer.planning.demo import SLUG, demo_load
from safer.planning.models import Fund, FundingReturn, Plan
from safer.planning.services.funding import fund_allocated_pence

pytestmark = pytest.mark.django_db


def test_demo_loads_once_with_everything_reachable(empty_warehouse):
    accounts_demo_load()
    lines = demo_load()
    assert any("SYNTHETIC" in line for line in lines)
    plan = Plan.objects.get(slug=SLUG)
    assert plan.published and plan.priorities.count() == 8
    assert plan.versions.count() == 1 and plan.indicators.count() == 7
    assert {fund.year: fund_allocated_pence(fund) // 100 for fund in Fund.objects.all()} == {
        2014: 789_316,
        2015: 786_680,
        2016: 778_813,
    }
    assert FundingReturn.objects.get().lines.count() == 6
    assert demo_load()[-1].strip() == "Demo plan already loaded."
