"""Planning test fixtures: people in each planning role, a small plan, and a small real-shaped warehouse."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from safer.accounts.choices import AgencyKind, Role
from safer.planning.models import Plan
from safer.planning.services import plans
from safer.testing.warehouse import crime_insert

# Real LSOAs of West Oxfordshire (E07000181) and Oxford, from the shipped geography lookup.
WEST_OXON = "West Oxfordshire"


@pytest.fixture
def council(make_organisation: Any) -> Any:
    return make_organisation(name="Test District Council", kind=AgencyKind.COUNCIL)


@pytest.fixture
def police(make_organisation: Any) -> Any:
    return make_organisation(name="Test Police", kind=AgencyKind.POLICE)


@pytest.fixture
def manager(make_user: Any, council: Any) -> Any:
    return make_user(role=Role.PARTNERSHIP_MANAGER, organisation=council, with_device=False)


@pytest.fixture
def board(make_user: Any, council: Any) -> Any:
    return make_user(role=Role.BOARD_MEMBER, organisation=council, with_device=False)


@pytest.fixture
def officer(make_user: Any, police: Any) -> Any:
    return make_user(role=Role.AGENCY_OFFICER, organisation=police, with_device=False)


@pytest.fixture
def plan(manager: Any) -> Plan:
    return plans.plan_create(
        actor=manager,
        partnership="Test Community Safety Partnership",
        title="Test rolling plan 2024 to 2027",
        slug="test-plan",
        area_name=WEST_OXON,
        starts_on=date(2024, 1, 1),
        ends_on=date(2027, 3, 31),
        introduction="A plan for tests.",
    )


@pytest.fixture
def priority(manager: Any, plan: Plan) -> Any:
    return plans.priority_save(actor=manager, plan=plan, title="Anti-Social Behaviour", current_position="4 a day.")


@pytest.fixture
def police_action(manager: Any, priority: Any, police: Any) -> Any:
    return plans.action_save(
        actor=manager,
        priority=priority,
        what="Youth ASB",
        how="Problem solving where youth ASB presents.",
        who="Thames Valley Police",
        why="Lasting change in the place.",
        youth_focused="yes",
        lead_organisation=police,
        starts_on=date(2024, 1, 1),
        due_on=date(2026, 3, 31),
    )


# Violence in West Oxfordshire: 40 + 50 in Mar-Apr 2021, 60 + 70 in Mar-Apr 2022 (90 -> 130, p < 0.01);
# burglary 10 + 12 -> 11 + 13 (22 -> 24); May 2022 has data but May 2021 does not.
CRIME_COUNTS = {
    (WEST_OXON, date(2021, 3, 1), "Violence and sexual offences"): 40,
    (WEST_OXON, date(2021, 4, 1), "Violence and sexual offences"): 50,
    (WEST_OXON, date(2022, 3, 1), "Violence and sexual offences"): 60,
    (WEST_OXON, date(2022, 4, 1), "Violence and sexual offences"): 70,
    (WEST_OXON, date(2022, 5, 1), "Violence and sexual offences"): 65,
    (WEST_OXON, date(2021, 3, 1), "Burglary"): 10,
    (WEST_OXON, date(2021, 4, 1), "Burglary"): 12,
    (WEST_OXON, date(2022, 3, 1), "Burglary"): 11,
    (WEST_OXON, date(2022, 4, 1), "Burglary"): 13,
    ("Oxford", date(2021, 3, 1), "Burglary"): 30,
    ("Oxford", date(2022, 3, 1), "Burglary"): 25,
}


@pytest.fixture(scope="session")
def _warehouse_templates(tmp_path_factory: Any) -> dict[str, Path]:
    """Two warehouse files built once per run (loading the geography takes seconds): empty, and with CRIME_COUNTS."""
    from django.test import override_settings

    from safer.intelligence.dashboard.aggregates import aggregates_refresh
    from safer.intelligence.warehouse import writer

    folder = tmp_path_factory.mktemp("planning-warehouses")
    paths = {"empty": folder / "empty.duckdb", "crime": folder / "crime.duckdb"}
    with override_settings(SAFER_WAREHOUSE_PATH=paths["empty"]), writer():
        pass
    with override_settings(SAFER_WAREHOUSE_PATH=paths["crime"]), writer() as con:
        crime_insert(con, CRIME_COUNTS)
        aggregates_refresh(con=con)
    return paths


@pytest.fixture
def empty_warehouse(settings: Any, _warehouse_templates: dict[str, Path]) -> None:
    """This test's warehouse: the geography and no records (shared, read-only: planning never writes to it)."""
    settings.SAFER_WAREHOUSE_PATH = _warehouse_templates["empty"]


@pytest.fixture
def crime_warehouse(settings: Any, _warehouse_templates: dict[str, Path]) -> dict[tuple[str, date, str], int]:
    """This test's warehouse: CRIME_COUNTS in real LSOAs, aggregates built (shared, read-only)."""
    settings.SAFER_WAREHOUSE_PATH = _warehouse_templates["crime"]
    return CRIME_COUNTS
