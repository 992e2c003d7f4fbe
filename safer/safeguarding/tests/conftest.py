"""Fixtures for safeguarding tests: a MATAC area with a police force and a council taking part, and its people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from safer.accounts.choices import AgencyKind, Role
from safer.safeguarding.models import MatacArea
from safer.testing.accounts import make_organisation, make_user


@dataclass
class World:
    """An area, the organisations taking part and one outsider, and a user per role."""

    area: MatacArea
    police: Any
    council: Any
    outsider_org: Any
    analyst: Any
    coordinator: Any
    member: Any
    member_not_in_meeting: Any
    dhr: Any
    dhr_other_org: Any
    outsider_coordinator: Any
    caseworker: Any


@pytest.fixture
def world(db: None) -> World:
    police = make_organisation("Test Police", AgencyKind.POLICE)
    council = make_organisation("Test Council", AgencyKind.COUNCIL)
    outsider = make_organisation("Elsewhere Council", AgencyKind.COUNCIL)
    area = MatacArea.objects.create(name="Testshire", district_codes=["E07000178"])
    area.organisations.set([police, council])
    w = World(
        area=area,
        police=police,
        council=council,
        outsider_org=outsider,
        analyst=make_user(Role.MATAC_ANALYST, police),
        coordinator=make_user(Role.MATAC_COORDINATOR, police),
        member=make_user(Role.MATAC_MEMBER, council),
        member_not_in_meeting=make_user(Role.MATAC_MEMBER, council),
        dhr=make_user(Role.DHR_COORDINATOR, council),
        dhr_other_org=make_user(Role.DHR_COORDINATOR, outsider),
        outsider_coordinator=make_user(Role.MATAC_COORDINATOR, outsider),
        caseworker=make_user(Role.CASEWORKER, council),
    )
    area.members.set([w.coordinator, w.member, w.analyst])
    return w


def referral_kwargs(**overrides: Any) -> dict[str, Any]:
    """A valid partner referral's fields."""
    data: dict[str, Any] = {
        "perpetrator_ref": "P-1",
        "latest_incident_on": date(2026, 10, 1),
        "incidents": 2,
        "crime": True,
        "offence_code": "8N",
        "victim_count": 1,
        "risk_level": "high",
        "evidence": "Two assaults reported to the housing officer.",
    }
    return data | overrides
