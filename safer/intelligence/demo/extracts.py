"""Demo data for partner extracts: synthetic offence and ASB extracts that follow the demo's police.uk data,
imported, plus one custom area (Oxford city-centre night-time economy). Everything is labelled synthetic/demo.

`extracts_demo_load()` is called by safer/intelligence/demo.py after the police.uk demo data is loaded; it is
idempotent (fixed seed -> same files -> "already imported"; the area is added once).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.conf import settings

DEMO_SEED = 2024
DEMO_MONTHS = 12
DEMO_AREA_NAME = "Oxford city centre night-time economy (demo)"
# Drawn by hand round the late-night streets of central Oxford (WGS84 lon, lat): Park End Street and the
# station end, Gloucester Green and George Street, St Giles' south end, Broad Street, the High Street by
# Turl Street, Carfax and Cornmarket, St Aldate's, and Westgate / Castle Street.
DEMO_AREA_RING = [
    (-1.2672, 51.7531),
    (-1.2640, 51.7552),
    (-1.2600, 51.7560),
    (-1.2550, 51.7548),
    (-1.2540, 51.7522),
    (-1.2575, 51.7510),
    (-1.2625, 51.7508),
    (-1.2672, 51.7531),
]


def demo_area_geojson() -> str:
    return json.dumps(
        {
            "type": "Feature",
            "properties": {"name": DEMO_AREA_NAME, "note": "demo area drawn by hand"},
            "geometry": {"type": "Polygon", "coordinates": [[list(p) for p in DEMO_AREA_RING]]},
        }
    )


def extracts_demo_load() -> list[str]:
    """Generate and import the synthetic extracts and add the demo custom area; lines to print."""
    from safer.intelligence.imports.extracts import asb_import, offences_import
    from safer.intelligence.imports.synth import synth_from_policeuk
    from safer.intelligence.services.custom_areas import custom_area_create, custom_area_list
    from safer.intelligence.warehouse import reader

    lines: list[str] = []
    if DEMO_AREA_NAME not in {a.name for a in custom_area_list()}:
        area = custom_area_create(actor=None, name=DEMO_AREA_NAME, geojson_text=demo_area_geojson())
        lines.append(f"Custom area: {area.name} ({area.total_records:,} police.uk records inside)")
    with reader() as con:
        row = con.execute(
            "SELECT force, max(month)::VARCHAR FROM crime GROUP BY force ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
    if row is None:
        lines.append("Partner extracts: no police.uk data in the warehouse, synthetic extracts skipped.")
        return lines
    force, last_text = str(row[0]), str(row[1])
    last = dt.date.fromisoformat(last_text)
    first_index = last.year * 12 + last.month - 1 - (DEMO_MONTHS - 1)
    first = dt.date(first_index // 12, first_index % 12 + 1, 1)
    out = synth_from_policeuk(
        force=force, months=(first, last), seed=DEMO_SEED, out_dir=Path(settings.VAR_DIR) / "demo" / "synthetic"
    )
    for service, path in ((offences_import, out.offences_path), (asb_import, out.asb_path)):
        result = service(path=path, actor_label="demo")
        lines.append(f"Partner extracts (SYNTHETIC): {result.message}")
    lines.append(ae_demo_load(force=force, months=(first, last)))
    lines.append("  Thematic SIA tables and A&E beside police violence: /intelligence/dashboard/themes/ (analyst).")
    return lines


def ae_demo_load(*, force: str, months: tuple[dt.date, dt.date]) -> str:
    """A SYNTHETIC A&E assault attendance extract following the demo's police.uk violence, imported."""
    from safer.intelligence.imports.extracts import extract_import
    from safer.intelligence.imports.synth import synth_ae_from_policeuk
    from safer.intelligence.sources.schemas import AE_SCHEMA

    path, _rows = synth_ae_from_policeuk(
        force=force, months=months, seed=DEMO_SEED, out_dir=Path(settings.VAR_DIR) / "demo" / "synthetic"
    )
    result = extract_import(AE_SCHEMA, path=path, actor_label="demo")
    # A tenth of the attendances give only an invented postcode: the SYNTHETIC lookup imported after them
    # places them retroactively, as an ONS lookup imported later would (docs/postcodes.md).
    from safer.intelligence.imports.postcodes import postcodes_import
    from safer.intelligence.imports.synth import synth_postcode_lookup_write

    lookup, _postcodes = synth_postcode_lookup_write(force=force, out_dir=path.parent)
    placed = postcodes_import(path=lookup, actor_label="demo")
    return (
        f"A&E assault attendances (SYNTHETIC): {result.message}\n"
        f"  Postcode lookup (SYNTHETIC, invented ZX postcodes, not ONS data): {placed.message}"
    )
