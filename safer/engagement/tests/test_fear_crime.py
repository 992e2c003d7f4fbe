"""The fear-versus-crime lists on a hand-built case, with thresholds worked out by hand."""

from __future__ import annotations

from safer.engagement.fear_crime import (
    BOTH,
    CRIME_WITHOUT_FEAR,
    FEAR_WITHOUT_CRIME,
    fear_crime_compare,
    nearest_rank,
)


class TestNearestRank:
    def test_empty_is_zero(self) -> None:
        assert nearest_rank([], 80) == 0

    def test_nearest_rank_by_hand(self) -> None:
        # 10 values: the 80th percentile is the 8th smallest, the median the 5th.
        values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        assert nearest_rank(values, 80) == 8
        assert nearest_rank(values, 50) == 5
        assert nearest_rank([7], 80) == 7


class TestFearCrimeCompare:
    def test_hand_built_case(self) -> None:
        # Ten squares with crime: counts 1..10. By hand: MUCH >= 8 (8th of 10), LITTLE <= 5 (5th of 10).
        crimes = {(i, 0): i for i in range(1, 11)}
        unsafe = {
            (1, 0): 3,  # concern, 1 crime: fear without crime
            (5, 0): 2,  # concern, 5 crimes (= median): fear without crime
            (6, 0): 4,  # concern, 6 crimes: neither little nor much: in no list
            (9, 0): 2,  # concern, 9 crimes: both
            (8, 0): 1,  # one unsafe contribution: not a concern, but a concern was raised: not "no concern"
            (99, 99): 5,  # concern where nothing was recorded: fear without crime
        }
        result = fear_crime_compare(unsafe=unsafe, crimes=crimes)
        assert (result.high_threshold, result.low_threshold) == (8, 5)
        assert [p.cell for p in result.fear_without_crime] == [(99, 99), (1, 0), (5, 0)]
        assert [p.cell for p in result.both] == [(9, 0)]
        # 10 crimes and no unsafe contribution: crime without fear; (8, 0) had one unsafe contribution.
        assert [p.cell for p in result.crime_without_fear] == [(10, 0)]
        assert {p.kind for p in result.fear_without_crime} == {FEAR_WITHOUT_CRIME}
        assert result.both[0].kind == BOTH and result.crime_without_fear[0].kind == CRIME_WITHOUT_FEAR
        assert result.both[0].unsafe == 2 and result.both[0].crimes == 9

    def test_single_concern_is_not_enough(self) -> None:
        result = fear_crime_compare(unsafe={(0, 0): 1}, crimes={(1, 1): 4})
        assert result.fear_without_crime == []

    def test_equal_counts_are_much_not_little(self) -> None:
        # Every square has 3 crimes: the median and the 80th percentile are both 3, so a concern there is "both".
        result = fear_crime_compare(unsafe={(0, 0): 2}, crimes={(0, 0): 3, (1, 0): 3, (2, 0): 3})
        assert [p.cell for p in result.both] == [(0, 0)]
        assert result.fear_without_crime == []
        assert [p.cell for p in result.crime_without_fear] == [(1, 0), (2, 0)]

    def test_no_crime_data_lists_only_fear(self) -> None:
        result = fear_crime_compare(unsafe={(0, 0): 2}, crimes={})
        assert [p.cell for p in result.fear_without_crime] == [(0, 0)]
        assert result.crime_without_fear == [] and result.both == []
