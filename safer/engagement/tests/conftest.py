"""Engagement test fixtures: two partnerships, their staff by role, Oxford streets in the warehouse, a consultation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone

from safer.accounts.choices import AgencyKind, Role
from safer.engagement.tests.warehouse_rows import oxford_streets


@pytest.fixture
def world(make_organisation: Any, make_user: Any) -> SimpleNamespace:
    """Oxford partnership (council) with a manager, analyst, case manager and reporting-centre worker; another one."""
    oxford = make_organisation(name="Oxford Test Council", kind=AgencyKind.COUNCIL)
    other = make_organisation(name="Other Test Council", kind=AgencyKind.COUNCIL)
    return SimpleNamespace(
        oxford=oxford,
        other=other,
        manager=make_user(role=Role.PARTNERSHIP_MANAGER, organisation=oxford, username="pm", with_device=False),
        analyst=make_user(role=Role.ANALYST, organisation=oxford, username="an", with_device=False),
        hate_manager=make_user(role=Role.CASE_MANAGER, organisation=oxford, username="cm"),
        centre=make_user(role=Role.CASEWORKER, organisation=oxford, username="cw"),
        other_manager=make_user(role=Role.PARTNERSHIP_MANAGER, organisation=other, username="opm", with_device=False),
        other_hate_manager=make_user(role=Role.CASE_MANAGER, organisation=other, username="ocm"),
    )


@pytest.fixture
def streets() -> None:
    """Oxford streets in the test warehouse."""
    oxford_streets()


# SYNTHETIC (invented "ZX" postcodes, not ONS data): its README lists each postcode and what it tests.
POSTCODE_LOOKUP = (
    Path(__file__)
    .resolve()
    .parents[2]
    .joinpath("intelligence/tests/imports/extracts/data/SYNTHETIC-postcode-lookup-nspl-layout.csv")
)


@pytest.fixture
def postcode_lookup() -> None:
    """The SYNTHETIC ONS postcode lookup in the test warehouse, imported as `safer import-postcodes` would.

    ZX1 1AA is in Oxford (51.75425, -1.25086), ZX1 1AB in Cherwell, ZX2 2AA terminated, ZX9 9ZZ without a point.
    """
    from safer.intelligence.imports.postcodes import postcodes_import

    postcodes_import(path=POSTCODE_LOOKUP, actor_label="test")


@pytest.fixture
def open_consultation(world: SimpleNamespace, streets: None) -> Any:
    """A published consultation over Oxford, open today."""
    from safer.engagement.services.consultations import consultation_create, consultation_publish

    today = timezone.localdate()
    consultation = consultation_create(
        actor=world.manager,
        title="Where do you feel unsafe in Oxford?",
        area_kind="district",
        area_name="Oxford",
        opens_on=today - dt.timedelta(days=7),
        closes_on=today + dt.timedelta(days=30),
        privacy_notice="We keep your answers for two years.",
    )
    return consultation_publish(actor=world.manager, consultation=consultation)
