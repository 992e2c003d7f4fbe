"""Where residents' fear and recorded crime disagree, place by place. No Django: counts in, lists out.

Places are British National Grid cells (safer/engagement/grid.py). The rule, written down:
- a place is a CONCERN when at least CONCERN_MIN contributions there said "very" or "fairly unsafe";
- a place has MUCH recorded crime when its count is at or above the 80th percentile (nearest rank) of the
  counts of the area's places that have any recorded crime; LITTLE when at or below their median (nearest
  rank), which includes places with none (a place both at the median and at the 80th percentile is MUCH);
- "felt unsafe, little recorded crime": a concern with little recorded crime;
- "much recorded crime, no concern raised": much recorded crime and not one "unsafe" contribution;
- "both": a concern with much recorded crime (fear and crime agree).
Recorded crime is police.uk street-level crime without anti-social behaviour, over the 12 months ending with
the latest month of data no later than the consultation's closing date (police.uk publishes two months late).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

Cell = tuple[int, int]
CONCERN_MIN = 2
HIGH_PERCENTILE = 80
LOW_PERCENTILE = 50

FEAR_WITHOUT_CRIME = "fear_without_crime"
CRIME_WITHOUT_FEAR = "crime_without_fear"
BOTH = "both"


def nearest_rank(values: list[int], percentile: int) -> int:
    """The nearest-rank percentile of the values (0 when there are none)."""
    if not values:
        return 0
    ordered = sorted(values)
    rank = max(1, math.ceil(percentile / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class PlaceCompared:
    """One place where fear and crime were compared."""

    cell: Cell
    unsafe: int
    crimes: int
    kind: str


@dataclass
class FearCrimeComparison:
    """The thresholds used and the places in each list, most striking first."""

    high_threshold: int
    low_threshold: int
    fear_without_crime: list[PlaceCompared] = field(default_factory=list)
    crime_without_fear: list[PlaceCompared] = field(default_factory=list)
    both: list[PlaceCompared] = field(default_factory=list)


def fear_crime_compare(*, unsafe: Mapping[Cell, int], crimes: Mapping[Cell, int]) -> FearCrimeComparison:
    """Classify places by residents' "unsafe" counts and recorded crime counts (see the module docstring)."""
    with_crime = [n for n in crimes.values() if n > 0]
    high = nearest_rank(with_crime, HIGH_PERCENTILE)
    low = nearest_rank(with_crime, LOW_PERCENTILE)
    result = FearCrimeComparison(high_threshold=high, low_threshold=low)
    for cell in set(unsafe) | set(crimes):
        u, c = unsafe.get(cell, 0), crimes.get(cell, 0)
        much = high > 0 and c >= high
        little = c <= low and not much
        if u >= CONCERN_MIN and little:
            result.fear_without_crime.append(PlaceCompared(cell, u, c, FEAR_WITHOUT_CRIME))
        elif u >= CONCERN_MIN and much:
            result.both.append(PlaceCompared(cell, u, c, BOTH))
        elif u == 0 and much:
            result.crime_without_fear.append(PlaceCompared(cell, u, c, CRIME_WITHOUT_FEAR))
    result.fear_without_crime.sort(key=lambda p: (-p.unsafe, p.crimes, p.cell))
    result.crime_without_fear.sort(key=lambda p: (-p.crimes, p.cell))
    result.both.sort(key=lambda p: (-p.unsafe - p.crimes, p.cell))
    return result
