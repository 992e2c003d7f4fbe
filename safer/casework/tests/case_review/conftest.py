"""Case review fixtures: the casework world (council coordinates), and helpers to submit and decide applications."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from safer.casework.case_review.services import ApplicationInput, ReportInput, application_submit


def application_input(**overrides: Any) -> ApplicationInput:
    """A complete application (fictional)."""
    values: dict[str, Any] = {
        "applying_as": "self",
        "applicant_name": "Sam Example",
        "contact_by": "email",
        "email": "sam@example.org",
        "postcode": "OX4 9ZZ",
        "problem_description": "Loud music every night (fictional test).",
        "problem_location": "Example Road",
        "outcome_wanted": "For it to stop.",
        "reports": [ReportInput(reported_on=timezone.localdate() - timedelta(days=10), agency="Council")],
    }
    values.update(overrides)
    return ApplicationInput(**values)


@pytest.fixture(autouse=True)
def _rate_limits_start_afresh() -> None:
    """Each test applies from a clean slate: the per-address limit counts in the process-wide cache."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def submit(world: Any) -> Any:
    """submit(**overrides) -> a submitted application (the council is the coordinating organisation)."""

    def _submit(**overrides: Any) -> Any:
        return application_submit(data=application_input(**overrides))

    return _submit


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)
