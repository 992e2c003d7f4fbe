"""The shipped LSOA and district boundaries, and point-in-polygon placement against real police.uk records."""

import csv
import gzip
from pathlib import Path

import numpy as np
import pytest
import shapely
from pyproj import Transformer

from safer.geography.boundaries import boundaries_load
from safer.geography.boundary_placement import IN_BOUNDARY, NEAREST_BOUNDARY, boundary_place

DATA = Path(__file__).resolve().parent.parent / "data"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "policeuk_2022_03_thames_valley_sample.csv"


def _lookup():
    with gzip.open(DATA / "lsoa2011.csv.gz", "rt", encoding="utf-8") as handle:
        return {row["lsoa_code"]: row["lad_code"] for row in csv.DictReader(handle)}


class TestBoundariesLoad:
    def test_every_lsoa_of_england_and_wales(self):
        lsoas = boundaries_load("lsoa")
        assert lsoas.codes.size == 34_753
        assert set(lsoas.codes.tolist()) == set(_lookup())
        assert shapely.is_valid(lsoas.polygons).all()
        # BNG metres: everything lies within Great Britain's grid.
        xmin, ymin, xmax, ymax = shapely.total_bounds(lsoas.polygons)
        assert 0 < xmin and xmax < 700_000 and 0 < ymin and ymax < 700_000

    def test_districts_are_the_union_of_their_lsoas(self):
        lsoas, districts = boundaries_load("lsoa"), boundaries_load("district")
        lookup = _lookup()
        assert districts.codes.size == len(set(lookup.values()))
        oxford = districts.polygons[districts.index_of("E07000178")]
        members = [lsoas.polygons[lsoas.index_of(code)] for code, lad in lookup.items() if lad == "E07000178"]
        assert oxford.area == pytest.approx(sum(m.area for m in members), rel=1e-3)
        # Oxford is about 46 km^2.
        assert 40e6 < oxford.area < 50e6

    def test_unknown_level_is_an_error(self):
        with pytest.raises(ValueError, match="use"):
            boundaries_load("county")


class TestBoundaryPlace:
    def test_points_inside_polygons_take_their_lsoa(self):
        lsoas = boundaries_load("lsoa")
        sample = np.arange(0, lsoas.codes.size, 97)
        inside = shapely.point_on_surface(lsoas.polygons[sample])
        placed = boundary_place(easting=shapely.get_x(inside), northing=shapely.get_y(inside))
        assert placed.lsoa_code.tolist() == lsoas.codes[sample].tolist()
        assert placed.counts() == {IN_BOUNDARY: sample.size, NEAREST_BOUNDARY: 0, "unplaced": 0}

    def test_far_offshore_and_missing_points_stay_unplaced(self):
        placed = boundary_place(easting=[700_000.0, np.nan], northing=[300_000.0, np.nan])
        assert placed.match.tolist() == ["", ""]
        assert placed.lsoa_code.tolist() == ["", ""]
        assert placed.counts()["unplaced"] == 2

    def test_point_just_off_the_coast_takes_the_nearest_lsoa(self):
        lsoas = boundaries_load("lsoa")
        everything = shapely.STRtree(lsoas.polygons)
        # Walk the LSOAs until one has a point 100 m outside it that lies in no LSOA at all (the coast).
        for k in range(0, lsoas.codes.size, 50):
            ring = shapely.get_exterior_ring(shapely.get_geometry(lsoas.polygons[k].buffer(100), 0))
            candidates = shapely.points(shapely.get_coordinates(ring)[::5])
            hits = everything.query(candidates, predicate="intersects")[0]
            free = np.setdiff1d(np.arange(candidates.size), hits)
            if free.size:
                point = candidates[free[0]]
                break
        else:
            pytest.fail("no coastal LSOA found")
        placed = boundary_place(easting=[shapely.get_x(point)], northing=[shapely.get_y(point)])
        assert placed.match.tolist() == [NEAREST_BOUNDARY]
        nearest = lsoas.polygons[lsoas.index_of(placed.lsoa_code[0])]
        assert shapely.distance(nearest, point) <= 100.5

    def test_real_policeuk_points_agree_with_their_published_lsoa(self):
        # 400 real Thames Valley records (2022-03, Open Government Licence) with the LSOA police.uk gives them.
        rows = list(csv.DictReader(FIXTURE.open()))
        transformer = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
        x, y = transformer.transform([float(r["Longitude"]) for r in rows], [float(r["Latitude"]) for r in rows])
        published = np.array([r["LSOA code"] for r in rows])
        placed = boundary_place(easting=x, northing=y)
        lookup = _lookup()
        same_lsoa = placed.lsoa_code == published
        same_district = np.array(
            [lookup.get(a) == lookup.get(b) for a, b in zip(placed.lsoa_code, published, strict=True)]
        )
        # The boundaries are generalised to about 200 m, so points near an LSOA edge can fall in the neighbour;
        # districts, being larger, almost always agree. Every disagreement lies near the published LSOA.
        assert same_lsoa.mean() >= 0.8
        assert same_district.mean() >= 0.98
        lsoas = boundaries_load("lsoa")
        for i in np.flatnonzero(~same_lsoa):
            true_polygon = lsoas.polygons[lsoas.index_of(published[i])]
            assert shapely.distance(true_polygon, shapely.Point(x[i], y[i])) < 300
