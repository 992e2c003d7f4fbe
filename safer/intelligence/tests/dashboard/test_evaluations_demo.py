"""The demo evaluation: saved once over the real Oxfordshire sample, computable, labelled as no real intervention."""

from __future__ import annotations

import pytest

from safer.intelligence.demo import policeuk_demo_load
from safer.intelligence.demo.dashboard import dashboard_demo_load
from safer.intelligence.demo.evaluations import DEMO_EVALUATION_NAME, evaluations_demo_load
from safer.intelligence.demo.extracts import DEMO_AREA_NAME, demo_area_geojson
from safer.intelligence.models import Evaluation
from safer.intelligence.services.custom_areas import custom_area_create

pytestmark = pytest.mark.django_db


def test_demo_evaluation_is_saved_once_and_computes(client_for, make_user):
    from safer.accounts.choices import Role

    policeuk_demo_load()
    custom_area_create(actor=None, name=DEMO_AREA_NAME, geojson_text=demo_area_geojson())
    dashboard_demo_load()
    lines = evaluations_demo_load()
    assert "/intelligence/dashboard/evaluations/" in lines[0], lines
    assert "no real intervention" in DEMO_EVALUATION_NAME
    assert "already saved" in evaluations_demo_load()[0]
    evaluation = Evaluation.objects.get()
    response = client_for(make_user(role=Role.ANALYST)).get(f"/intelligence/dashboard/evaluations/{evaluation.pk}/")
    assert response.status_code == 200
    assert "Relative change (rate ratio)" in response.content.decode()
