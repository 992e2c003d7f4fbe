"""concentration_measure against a hand-worked example."""

import numpy as np
import pytest

from safer.intelligence.hotspots.concentration import concentration_measure
from safer.intelligence.hotspots.errors import HotspotParameterInvalidError, HotspotPointsMissingError


class TestConcentrationMeasure:
    def test_no_records_is_an_error(self):
        with pytest.raises(HotspotPointsMissingError, match="No records"):
            concentration_measure(counts=[0, 0, 0])

    def test_labels_must_match(self):
        with pytest.raises(HotspotParameterInvalidError, match="one label per place"):
            concentration_measure(counts=[1, 2], labels=["a"])

    def test_hand_worked_example(self):
        # Ten places, 100 records: 50, 20, 10, 10, 5, 5, 0, 0, 0, 0.
        counts = [5, 0, 50, 10, 0, 20, 0, 5, 10, 0]
        labels = list("ABCDEFGHIJ")
        result = concentration_measure(counts=counts, labels=labels, top_n=3, top_percents=(10, 20, 50))
        assert result.top == [("C", 50, 0.5), ("F", 20, 0.7), ("D", 10, 0.8)]
        # Top 10% of places = 1 place (50%); 20% = 2 places (70%); 50% = 5 places (95%).
        assert result.shares == {10.0: 0.5, 20.0: 0.7, 50.0: 0.95}
        assert result.lorenz_places[:3].tolist() == [0.0, 0.1, 0.2]
        assert result.lorenz_records[:3].tolist() == [0.0, 0.5, 0.7]
        # Gini by hand: ascending 0,0,0,0,5,5,10,10,20,50 (n = 10, total 100); G = sum (2i - n - 1) x_i / (n total)
        # with weights (2i - 11) = -1, 1, 3, 5, 7, 9 for i = 5..10: -5 + 5 + 30 + 50 + 140 + 450 = 670 -> 0.67.
        ascending = np.array([0, 0, 0, 0, 5, 5, 10, 10, 20, 50])
        numerator = sum((2 * i - 10 - 1) * x for i, x in enumerate(ascending, start=1))
        assert numerator == (-1 * 5 + 1 * 5 + 3 * 10 + 5 * 10 + 7 * 20 + 9 * 50)
        assert result.gini == pytest.approx(670 / 1000)

    def test_even_spread_has_gini_zero(self):
        assert concentration_measure(counts=[4, 4, 4, 4]).gini == 0.0
