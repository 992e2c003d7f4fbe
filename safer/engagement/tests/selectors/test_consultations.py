"""Consultation results against counts made independently in Python from the same contributions."""

from __future__ import annotations

import random
from collections import Counter
from types import SimpleNamespace

import pytest

from safer.engagement.grid import cell_centre, cell_of
from safer.engagement.models import Consultation
from safer.engagement.selectors.consultations import consultation_results
from safer.engagement.services.contributions import contribution_submit


@pytest.mark.django_db
class TestConsultationResults:
    def test_by_feeling_tag_and_place_match_independent_counts(
        self, world: SimpleNamespace, open_consultation: Consultation
    ) -> None:
        rng = random.Random(7)
        made = []
        for _ in range(60):
            made.append(
                contribution_submit(
                    consultation=open_consultation,
                    latitude=rng.uniform(51.735, 51.775),
                    longitude=rng.uniform(-1.265, -1.205),
                    feeling=rng.randint(1, 5),
                    tag_codes=rng.sample(["poor_lighting", "traffic", "harassment"], k=rng.randint(0, 2)),
                )
            )
        results = consultation_results(user=world.analyst, consultation=open_consultation)
        assert results.total == 60
        assert {v: n for v, _, n in results.by_feeling} == {v: Counter(c.feeling for c in made)[v] for v in range(1, 6)}
        tag_counts = Counter(t.label for c in made for t in c.tags.all())
        assert {label: n for label, n, _ in results.by_tag if n} == dict(tag_counts)
        cells = Counter(cell_of(c.easting, c.northing) for c in made)
        unsafe = Counter(cell_of(c.easting, c.northing) for c in made if c.feeling <= 2)
        assert {p.cell: (p.contributions, p.unsafe) for p in results.places} == {
            cell: (n, unsafe[cell]) for cell, n in cells.items()
        }
        first = results.places[0]
        assert (first.latitude, first.longitude) == cell_centre(first.cell)
        assert first.unsafe == max(unsafe.values())
