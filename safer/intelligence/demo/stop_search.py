"""A SYNTHETIC police.uk stop-and-search month for the demo, placed on the real Oxfordshire map points.

police.uk publishes stop-and-search files, but none ship with the demo (no real ones are in the data this
product was built from), so the demo makes one: SYNTHETIC searches at map points of the real March 2022
Oxfordshire street records already in the warehouse (a few moved a couple of hundred metres off their point, a
few without a location), written as police.uk's own `2022-03-thames-valley-stop-and-search.csv` and imported
with synthetic=True, so every record and its import are labelled synthetic. The import page then shows how each
search was placed (at a map point, at the nearest one, or not at all). Deterministic: same file every time.
"""

from __future__ import annotations

import csv
import random
import tempfile
from pathlib import Path

from safer.intelligence.imports import STATUS_ALREADY
from safer.intelligence.imports.policeuk import STOP_SEARCH_COLUMNS, import_policeuk
from safer.intelligence.warehouse import reader

MONTH = "2022-03"
FILE_NAME = f"{MONTH}-thames-valley-stop-and-search.csv"
SEARCHES = 240

# (legislation, object of search, weight): drugs searches are most of them, as in the published figures.
_GROUNDS = (
    ("Misuse of Drugs Act 1971 (section 23)", "Controlled drugs", 60),
    ("Police and Criminal Evidence Act 1984 (section 1)", "Offensive weapons", 15),
    ("Police and Criminal Evidence Act 1984 (section 1)", "Stolen goods", 12),
    ("Police and Criminal Evidence Act 1984 (section 1)", "Article for use in theft", 8),
    ("Criminal Justice and Public Order Act 1994 (section 60)", "Offensive weapons", 5),
)
_OUTCOMES = (
    ("A no further action disposal", 70),
    ("Arrest", 14),
    ("Community resolution", 8),
    ("Khat or Cannabis warning", 5),
    ("Penalty Notice for Disorder", 3),
)
_AGES = (("18-24", 40), ("25-34", 25), ("over 34", 20), ("10-17", 15))
_OFFICER_ETHNICITY = (("White", 75), ("Black", 10), ("Asian", 10), ("Other", 5))


def _pick(rng: random.Random, options: tuple[tuple, ...]) -> tuple:
    return rng.choices(options, weights=[o[-1] for o in options])[0]


def stop_search_demo_rows(points: list[tuple[float, float]], *, seed: int = 2022) -> list[dict[str, str]]:
    """SEARCHES synthetic rows with police.uk's stop-and-search columns at (latitude, longitude) points."""
    rng = random.Random(seed)
    rows = []
    for index in range(SEARCHES):
        latitude, longitude = rng.choice(points)
        if index % 20 == 7:  # a few searches a couple of hundred metres from any published point
            latitude, longitude = latitude + 0.0018, longitude - 0.0012
        located = index % 40 != 13  # and a few with no location, as police.uk has
        legislation, object_of_search, _ = _pick(rng, _GROUNDS)
        outcome = _pick(rng, _OUTCOMES)[0]
        day, hour, minute = rng.randint(1, 31), rng.randint(0, 23), rng.choice((0, 15, 30, 45))
        rows.append(
            {
                "Type": rng.choice(("Person search", "Person search", "Person and Vehicle search", "Vehicle search")),
                "Date": f"{MONTH}-{day:02d}T{hour:02d}:{minute:02d}:00+00:00",
                "Part of a policing operation": "False",
                "Policing operation": "",
                "Latitude": f"{latitude:.6f}" if located else "",
                "Longitude": f"{longitude:.6f}" if located else "",
                "Gender": rng.choice(("Male", "Male", "Male", "Female")),
                "Age range": _pick(rng, _AGES)[0],
                "Self-defined ethnicity": "",
                "Officer-defined ethnicity": _pick(rng, _OFFICER_ETHNICITY)[0],
                "Legislation": legislation,
                "Object of search": object_of_search,
                "Outcome": outcome,
                "Outcome linked to object of search": "" if outcome.startswith("A no further") else "True",
                "Removal of more than just outer clothing": "False",
            }
        )
    return rows


def stop_search_demo_load() -> list[str]:
    """Write and import the synthetic month (after the real street files); idempotent by checksum."""
    with reader() as con:
        points = [
            (float(lat), float(lon))
            for lat, lon in con.execute(
                """SELECT DISTINCT latitude, longitude FROM crime
                   WHERE month = ? AND NOT synthetic AND latitude IS NOT NULL ORDER BY 1, 2""",
                [f"{MONTH}-01"],
            ).fetchall()
        ]
    if not points:
        return ["Stop and search: no street records for March 2022 to place the synthetic searches on."]
    with tempfile.TemporaryDirectory(prefix="safer-demo-") as folder:
        path = Path(folder) / FILE_NAME
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(STOP_SEARCH_COLUMNS))
            writer.writeheader()
            writer.writerows(stop_search_demo_rows(points))
        [result] = import_policeuk(paths=[path], actor_label="demo", synthetic=True)
    if result.status == STATUS_ALREADY:
        return [f"Stop and search: SYNTHETIC {MONTH} searches already imported."]
    quality = result.quality or {}
    return [
        f"Stop and search: {result.rows_loaded} SYNTHETIC searches for {MONTH} placed on real Oxfordshire map "
        f"points ({quality.get('placed_at_map_point', 0)} at a point, {quality.get('placed_at_nearest_map_point', 0)}"
        f" at the nearest, {quality.get('not_placed_by_map_point', 0)} not placed); see /intelligence/imports/."
    ]
