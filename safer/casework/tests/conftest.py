"""Casework test fixtures: three partner organisations, their staff, and helpers to make incidents and cases."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone

from safer.accounts.choices import AgencyKind, Role
from safer.casework.choices import AsbCategory
from safer.casework.services import case_open, incident_record, person_create


@pytest.fixture
def world(make_organisation: Any, make_user: Any) -> SimpleNamespace:
    """Council (owner), police (partner), housing (not shared) and a user of every role."""
    council = make_organisation(name="Test Council", kind=AgencyKind.COUNCIL)
    police = make_organisation(name="Test Police", kind=AgencyKind.POLICE)
    housing = make_organisation(name="Test Housing", kind=AgencyKind.HOUSING)
    return SimpleNamespace(
        council=council,
        police=police,
        housing=housing,
        caseworker=make_user(role=Role.CASEWORKER, organisation=council, username="cw"),
        manager=make_user(role=Role.CASE_MANAGER, organisation=council, username="cm"),
        police_worker=make_user(role=Role.CASEWORKER, organisation=police, username="pc"),
        housing_worker=make_user(role=Role.CASEWORKER, organisation=housing, username="hw"),
        housing_manager=make_user(role=Role.CASE_MANAGER, organisation=housing, username="hm"),
        analyst=make_user(role=Role.ANALYST, organisation=council, username="an", with_device=False),
        partnership=make_user(role=Role.PARTNERSHIP_MANAGER, organisation=council, username="pm", with_device=False),
        admin=make_user(role=Role.ADMINISTRATOR, organisation=council, username="ad"),
    )


def record_incident(actor: Any, **overrides: Any) -> Any:
    """An incident with sensible defaults."""
    values: dict[str, Any] = {
        "occurred_at": timezone.now() - timedelta(days=2),
        "location_text": "Outside 1 Example Street",
        "asb_category": AsbCategory.NUISANCE,
        "asb_type": "Noise",
        "description": "Loud music late at night (fictional test data).",
    }
    values.update(overrides)
    return incident_record(actor=actor, **values)


def open_case(actor: Any, **overrides: Any) -> Any:
    """A case opened from a fresh incident."""
    incident = overrides.pop("incident", None) or record_incident(actor)
    return case_open(actor=actor, incidents=[incident], summary="Noise nuisance (test)", **overrides)


def new_person(actor: Any, first_name: str = "Test", last_name: str = "Person", **extra: Any) -> Any:
    """A fictional person."""
    return person_create(actor=actor, first_name=first_name, last_name=last_name, **extra)
