"""Intervention evaluations: saving (checks first), the summary page, PDF and chart, against counts by hand."""

from __future__ import annotations

import json
import math
from datetime import date

import pytest
from shapely.geometry import box, mapping

from safer.accounts.choices import Role
from safer.core.models import AuditEvent
from safer.intelligence.models import Evaluation
from safer.intelligence.services.custom_areas import custom_area_create
from safer.intelligence.services.evaluations import EvaluationInvalidError, evaluation_create
from safer.intelligence.warehouse import reader

pytestmark = pytest.mark.django_db

# The dashboard fixture puts records at longitude -1.25 and latitudes 51.75 + 0.01 i + 0.001 j (i = LSOA).
TARGET_BOX = (-1.26, 51.749, -1.24, 51.7535)  # LSOA 0's three locations
CONTROL_BOX = (-1.26, 51.779, -1.24, 51.7835)  # LSOA 3's, about 2.8 km north
BUFFER_REACH_BOX = (-1.2745, 51.7445, -1.2255, 51.7625)  # the target plus 1,000 m (holds LSOA 1's locations)


@pytest.fixture
def areas(dashboard_warehouse):
    target = custom_area_create(actor=None, name="Target", geojson_text=json.dumps(mapping(box(*TARGET_BOX))))
    control = custom_area_create(actor=None, name="Control", geojson_text=json.dumps(mapping(box(*CONTROL_BOX))))
    overlapping = custom_area_create(
        actor=None, name="Next door", geojson_text=json.dumps(mapping(box(-1.26, 51.754, -1.24, 51.757)))
    )
    return target.area_id, control.area_id, overlapping.area_id


def _count(lat_box, start, end, exclude=None):
    with reader() as con:
        sql = (
            "SELECT count(*) FROM crime WHERE latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ? "
            "AND month BETWEEN ? AND ?"
        )
        params = [lat_box[1], lat_box[3], lat_box[0], lat_box[2], start, end]
        if exclude:
            sql += " AND NOT (latitude BETWEEN ? AND ?)"
            params += [exclude[1], exclude[3]]
        return con.execute(sql, params).fetchone()[0]


def _create(areas, **changes):
    target, control, _ = areas
    arguments = dict(
        actor=None,
        name="Lighting",
        target_area_id=target,
        control_area_id=control,
        buffer_metres=1000,
        intervention_start=date(2022, 1, 1),
        intervention_end=date(2022, 6, 1),
    )
    arguments.update(changes)
    return evaluation_create(**arguments)


class TestEvaluationCreate:
    def test_control_overlapping_the_buffer_is_refused(self, areas):
        with pytest.raises(EvaluationInvalidError, match="overlaps the 1000 m buffer"):
            _create(areas, control_area_id=areas[2])

    def test_same_area_is_refused(self, areas):
        with pytest.raises(EvaluationInvalidError, match="different from the target") as caught:
            _create(areas, control_area_id=areas[0])
        assert caught.value.field == "control_area"

    def test_period_without_data_is_refused(self, areas):
        with pytest.raises(EvaluationInvalidError, match="no records"):
            _create(areas, intervention_start=date(2024, 1, 1), intervention_end=date(2024, 3, 1))

    def test_saves_and_audits(self, areas):
        evaluation = _create(areas)
        assert Evaluation.objects.get().target_area_name == "Target"
        assert AuditEvent.objects.filter(action="evaluation.create", target_id=str(evaluation.pk)).exists()


class TestEvaluationPages:
    @pytest.fixture
    def analyst_client(self, make_user, client_for):
        return client_for(make_user(role=Role.ANALYST))

    def test_summary_figures_match_counts_by_hand(self, areas, analyst_client):
        evaluation = _create(areas)
        html = analyst_client.get(f"/intelligence/dashboard/evaluations/{evaluation.pk}/").content.decode()
        tb = _count(TARGET_BOX, date(2021, 7, 1), date(2021, 12, 1))
        ta = _count(TARGET_BOX, date(2022, 1, 1), date(2022, 6, 1))
        cb = _count(CONTROL_BOX, date(2021, 7, 1), date(2021, 12, 1))
        ca = _count(CONTROL_BOX, date(2022, 1, 1), date(2022, 6, 1))
        ratio = (ta / tb) / (ca / cb)
        assert f"{ratio:.2f} ({100 * (ratio - 1):+.1f}%)" in html
        se = math.sqrt(1 / ta + 1 / tb + 1 / ca + 1 / cb)
        assert f"{ratio * math.exp(-1.959964 * se):.2f} to {ratio * math.exp(1.959964 * se):.2f}" in html
        buffer_before = _count(BUFFER_REACH_BOX, date(2021, 7, 1), date(2021, 12, 1), exclude=TARGET_BOX)
        assert f">{buffer_before}<" in html.replace(" ", "")
        assert "Weighted Displacement Quotient" in html

    def test_list_create_pdf_and_chart(self, areas, analyst_client):
        target, control, _ = areas
        response = analyst_client.post(
            "/intelligence/dashboard/evaluations/",
            {
                "name": "Lighting",
                "target_area": target,
                "control_area": control,
                "buffer_metres": 1000,
                "start": "2022-01",
                "end": "2022-06",
                "crime_type": "",
            },
        )
        assert response.status_code == 302
        pk = Evaluation.objects.get().pk
        assert "Lighting" in analyst_client.get("/intelligence/dashboard/evaluations/").content.decode()
        pdf = analyst_client.get(f"/intelligence/dashboard/evaluations/{pk}/summary.pdf")
        assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
        svg = analyst_client.get(f"/intelligence/dashboard/evaluations/{pk}/chart.svg").content.decode()
        assert "<svg" in svg and "Intervention starts" in svg

    def test_form_errors_rerender_with_400(self, areas, analyst_client):
        response = analyst_client.post(
            "/intelligence/dashboard/evaluations/",
            {
                "name": "",
                "target_area": areas[0],
                "control_area": areas[2],
                "buffer_metres": 1000,
                "start": "2022-13",
                "end": "2022-06",
            },
        )
        html = response.content.decode()
        assert response.status_code == 400
        assert "govuk-error-summary" in html and "Enter a name" in html and "for example 2022-01" in html
