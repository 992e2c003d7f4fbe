"""Custom areas: GeoJSON validation errors, and tagging checked against an independent point-in-polygon."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from safer.core.models import AuditEvent
from safer.intelligence.imports.extracts import offences_import
from safer.intelligence.services.custom_areas import (
    CustomAreaInvalidError,
    custom_area_create,
    custom_area_delete,
    custom_area_geometry,
    custom_area_list,
)
from safer.intelligence.tests.imports.extracts.helpers import offence_rows

pytestmark = pytest.mark.django_db

# An irregular (concave) polygon round central Oxford: lon, lat.
RING = [(-1.2620, 51.7500), (-1.2520, 51.7495), (-1.2530, 51.7560), (-1.2570, 51.7520), (-1.2610, 51.7570)]
POLYGON = {"type": "Polygon", "coordinates": [[*map(list, RING), list(RING[0])]]}


@pytest.fixture(autouse=True)
def _isolated_var_dir(settings: Any, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path / "var"
    settings.VAR_DIR.mkdir()


def _inside(x: float, y: float, ring: list[tuple[float, float]]) -> bool:
    """Ray casting, written here independently of shapely."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _fetch(sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(settings.SAFER_WAREHOUSE_PATH), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


INVALID = [
    ("{not json", "not valid JSON"),
    ('{"a": 1}', 'has no "type"'),
    ('{"type": "Point", "coordinates": [-1.25, 51.75]}', "holds a Point, not a Polygon"),
    ('{"type": "FeatureCollection", "features": []}', "holds no polygon"),
    (
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "LineString", '
        '"coordinates": [[-1.2, 51.7], [-1.3, 51.8]]}}]}',
        "holds a LineString",
    ),
    ('{"type": "Polygon", "coordinates": [[[-1.2, 51.7], [-1.3, 51.8]]]}', "coordinates are malformed"),
    (  # a bow tie: edges cross
        '{"type": "Polygon", "coordinates": '
        "[[[-1.26, 51.75], [-1.25, 51.76], [-1.25, 51.75], [-1.26, 51.76], [-1.26, 51.75]]]}",
        "not valid (Self-intersection",
    ),
    (  # British National Grid metres, not degrees
        '{"type": "Polygon", "coordinates": '
        "[[[451000, 206000], [452000, 206000], [452000, 207000], [451000, 206000]]]}",
        "not inside the UK",
    ),
    (  # latitude first
        '{"type": "Polygon", "coordinates": [[[51.75, -1.26], [51.75, -1.25], [51.76, -1.25], [51.75, -1.26]]]}',
        "not inside the UK",
    ),
]


@pytest.mark.parametrize(("text", "message"), INVALID)
def test_invalid_geojson_is_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(CustomAreaInvalidError) as caught:
        custom_area_geometry(text)
    assert message in str(caught.value)


def test_too_large_file_is_refused() -> None:
    with pytest.raises(CustomAreaInvalidError, match="larger than 2 MB"):
        custom_area_geometry(" " * (3 * 1024 * 1024))


def test_feature_collection_of_polygons_is_accepted() -> None:
    other = {"type": "Polygon", "coordinates": [[[-1.20, 51.70], [-1.19, 51.70], [-1.19, 51.71], [-1.20, 51.70]]]}
    text = json.dumps(
        {
            "type": "FeatureCollection",
            "features": [{"type": "Feature", "geometry": g, "properties": {}} for g in (POLYGON, other)],
        }
    )
    assert custom_area_geometry(text).geom_type == "MultiPolygon"


def test_records_inside_are_tagged_exactly(tmp_path: Path) -> None:
    rng = np.random.default_rng(11)
    points = list(zip(rng.uniform(-1.265, -1.250, 400), rng.uniform(51.748, 51.758, 400), strict=True))
    rows = [
        {"offence_ref": f"p{i}", "longitude": f"{x:.6f}", "latitude": f"{y:.6f}"} for i, (x, y) in enumerate(points)
    ]
    offences_import(path=offence_rows(tmp_path / "before.csv", rows[:300]))
    expected_before = {f"p{i}" for i, (x, y) in enumerate(points[:300]) if _inside(x, y, RING)}
    assert 30 < len(expected_before) < 270  # the test points straddle the boundary

    area = custom_area_create(actor=None, name="  Oxford   centre ", geojson_text=json.dumps(POLYGON))
    assert area.name == "Oxford centre"
    records = {"crime": 0, "offence": len(expected_before), "asb_incident": 0, "da_incident": 0, "ae_attendance": 0}
    assert area.records == records
    tagged = _fetch(
        "SELECT o.offence_ref FROM custom_area_record r JOIN offence o USING (record_id) "
        "WHERE r.record_table = 'offence'"
    )
    assert {t[0] for t in tagged} == expected_before

    # An import after the area exists is tagged as it loads.
    result = offences_import(path=offence_rows(tmp_path / "after.csv", rows[300:]))
    expected_after = {f"p{i}" for i, (x, y) in enumerate(points) if i >= 300 and _inside(x, y, RING)}
    assert result.quality["custom_area_records"] == len(expected_after)
    [listed] = custom_area_list()
    assert listed.records["offence"] == len(expected_before) + len(expected_after)

    # Replacing an import drops its old tags with its rows.
    (tmp_path / "v2").mkdir()
    offences_import(path=offence_rows(tmp_path / "v2" / "after.csv", rows[300:301]))
    tags = _fetch("SELECT count(*) FROM custom_area_record")[0][0]
    assert tags == len(expected_before) + (1 if "p300" in expected_after else 0)

    custom_area_delete(actor=None, area_id=area.area_id)
    assert _fetch("SELECT count(*) FROM custom_area_record") == [(0,)]
    assert custom_area_list() == []
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "geography.custom_area_created" in actions and "geography.custom_area_deleted" in actions


def test_duplicate_name_is_refused() -> None:
    custom_area_create(actor=None, name="Zone", geojson_text=json.dumps(POLYGON))
    with pytest.raises(CustomAreaInvalidError, match='An area called "zone" already exists'):
        custom_area_create(actor=None, name="zone", geojson_text=json.dumps(POLYGON))


def test_cli(tmp_path: Path) -> None:
    good = tmp_path / "area.geojson"
    good.write_text(json.dumps({"type": "Feature", "geometry": POLYGON, "properties": {}}), encoding="utf-8")
    call_command("import-area", "NTE", str(good))
    assert [a.name for a in custom_area_list()] == ["NTE"]
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "Point", "coordinates": [0, 0]}', encoding="utf-8")
    with pytest.raises(CommandError, match="bad.geojson: The GeoJSON holds a Point"):
        call_command("import-area", "Other", str(bad))


def test_web_upload_list_and_delete(make_user: Any, client_for: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from safer.accounts.choices import Role

    client = client_for(make_user(role=Role.ANALYST))
    url = reverse("intelligence:custom-areas")
    assert client.get(url).status_code == 200
    bad = client.post(
        url, {"name": "Zone", "file": SimpleUploadedFile("z.geojson", b'{"type": "Point", "coordinates": [0, 0]}')}
    )
    assert bad.status_code == 400
    assert "govuk-error-summary" in bad.content.decode() and "not a Polygon or MultiPolygon" in bad.content.decode()
    good = client.post(url, {"name": "Zone", "file": SimpleUploadedFile("z.geojson", json.dumps(POLYGON).encode())})
    assert good.status_code == 302
    page = client.get(url).content.decode()
    assert "Zone" in page and "records inside it were tagged" in page
    [area] = custom_area_list()
    delete_url = reverse("intelligence:custom-area-delete", args=[area.area_id])
    assert "Delete the area Zone?" in client.get(delete_url).content.decode()
    assert client.post(delete_url).status_code == 302
    assert custom_area_list() == []
    assert client.get(delete_url).status_code == 404


def test_policeuk_street_records_are_tagged_as_they_import() -> None:
    import csv
    import gzip

    from safer.intelligence.imports.policeuk import import_policeuk

    fixture_dir = Path(__file__).resolve().parent / "imports" / "policeuk" / "fixtures" / "policeuk"
    files = sorted(fixture_dir.glob("2022-03/*street*"))
    assert files, "police.uk street fixture missing"
    points = []
    for path in files:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8-sig") as f:
            points += [(float(r["Longitude"]), float(r["Latitude"])) for r in csv.DictReader(f) if r["Longitude"]]
    # A box over the middle half of the fixture's own records, so some fall inside and some outside.
    lons, lats = sorted(p[0] for p in points), sorted(p[1] for p in points)
    west, east = lons[len(lons) // 4], lons[3 * len(lons) // 4]
    south, north = lats[len(lats) // 4], lats[3 * len(lats) // 4]
    ring = [(west, south), (east, south), (east, north), (west, north)]
    expected = sum(1 for x, y in points if _inside(x, y, ring))
    box = {"type": "Polygon", "coordinates": [[*map(list, ring), list(ring[0])]]}
    custom_area_create(actor=None, name="Middle of the fixture", geojson_text=json.dumps(box))
    [result] = import_policeuk(paths=files)
    assert 0 < expected < len(points)
    assert result.quality["custom_area_records"] == expected
    assert _fetch("SELECT count(*) FROM custom_area_record WHERE record_table = 'crime'") == [(expected,)]
    [listed] = custom_area_list()
    assert listed.records["crime"] == expected
