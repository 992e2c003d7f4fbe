"""Demo data for evaluations: a control area and one saved evaluation of the city-centre demo area.

DEMO ONLY: no intervention really took place in those months; the saved evaluation shows how the page reads.
Idempotent (the area and the evaluation are added once).
"""

from __future__ import annotations

import datetime as dt
import json

DEMO_CONTROL_NAME = "Cowley Road control area (demo)"
# Drawn by hand round Cowley Road between the Plain and Magdalen Road (WGS84 lon, lat), well away from the
# city-centre demo area and its buffer zone.
DEMO_CONTROL_RING = [
    (-1.2370, 51.7490),
    (-1.2290, 51.7455),
    (-1.2215, 51.7430),
    (-1.2230, 51.7410),
    (-1.2310, 51.7435),
    (-1.2385, 51.7470),
    (-1.2370, 51.7490),
]
DEMO_EVALUATION_NAME = "City-centre night-time patrols (demo: no real intervention)"


def _month(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def evaluations_demo_load() -> list[str]:
    """Add the control area and the demo evaluation; lines to print."""
    from safer.intelligence.demo.extracts import DEMO_AREA_NAME
    from safer.intelligence.models import Evaluation
    from safer.intelligence.services.custom_areas import custom_area_create, custom_area_list
    from safer.intelligence.services.evaluations import EvaluationInvalidError, evaluation_create
    from safer.intelligence.warehouse import reader

    if Evaluation.objects.filter(name=DEMO_EVALUATION_NAME).exists():
        return ["Evaluation: the demo evaluation is already saved (/intelligence/dashboard/evaluations/)."]
    areas = {a.name: a.area_id for a in custom_area_list()}
    if DEMO_CONTROL_NAME not in areas:
        geojson = {"type": "Polygon", "coordinates": [[list(p) for p in DEMO_CONTROL_RING]]}
        areas[DEMO_CONTROL_NAME] = custom_area_create(
            actor=None, name=DEMO_CONTROL_NAME, geojson_text=json.dumps(geojson)
        ).area_id
    if DEMO_AREA_NAME not in areas:
        return ["Evaluation: the city-centre demo area is missing, demo evaluation skipped."]
    with reader() as con:
        row = con.execute("SELECT max(month) FROM crime").fetchone()
    if row is None or row[0] is None:
        return ["Evaluation: no crime data, demo evaluation skipped."]
    latest = row[0].year * 12 + row[0].month - 1
    problem = ""
    # police.uk months go missing: the latest three-month window whose before and after periods hold data.
    for end_index in range(latest, latest - 12, -1):
        start, end = _month(end_index - 2), _month(end_index)
        try:
            evaluation = evaluation_create(
                actor=None,
                name=DEMO_EVALUATION_NAME,
                target_area_id=areas[DEMO_AREA_NAME],
                control_area_id=areas[DEMO_CONTROL_NAME],
                buffer_metres=200,
                intervention_start=start,
                intervention_end=end,
            )
            break
        except EvaluationInvalidError as error:
            problem = str(error)
    else:
        return [f"Evaluation: demo evaluation skipped ({problem})."]
    url = f"/intelligence/dashboard/evaluations/{evaluation.pk}/"
    return [f"Evaluation: {evaluation.name}, {url} (sign in as analyst)."]
