"""MATAC scoring: Recency, Frequency, Gravity and Victims points per perpetrator, as pure array code.

    table = matac_rank(incidents, scheme=ScoringScheme.default(), as_of=date(2026, 11, 30))

`incidents` is any mapping of equal-length columns (a DuckDB `fetchnumpy()`, a pandas DataFrame's columns,
plain lists): `perpetrator_ref`, `victim_ref` (blank/None: unknown), `occurred_at` (datetime64 or datetime),
`offence_code` (blank for a non-crime incident), `crime` (bool), `risk_level` (standard/medium/high or blank).
The rules and the defaults are written down in docs/matac-scoring.md; the defaults are this product's own
illustration and are NOT any police force's scheme. No Django here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

# Default gravity points per incident, by Home Office offence code (docs/matac-scoring.md explains them).
DEFAULT_GRAVITY: dict[str, float] = {
    "1": 100.0,  # homicide
    "2": 40.0,  # attempted murder
    "19C": 40.0,  # rape of a female aged 16 and over
    "19F": 40.0,  # rape of a male aged 16 and over
    "5D": 30.0,  # assault with intent to cause serious harm
    "5E": 25.0,  # endangering life
    "3B": 20.0,  # threats to kill
    "17A": 20.0,  # sexual assault on a male aged 13 and over
    "17B": 20.0,  # sexual assault on a female aged 13 and over
    "8Q": 15.0,  # stalking
    "8N": 15.0,  # assault with injury
    "8L": 10.0,  # harassment
    "105A": 8.0,  # assault without injury
    "8R": 5.0,  # malicious communications
    "58A": 5.0,  # criminal damage to a dwelling
    "9A": 3.0,  # public fear, alarm or distress
}


class SchemeInvalidError(ValueError):
    """A scoring scheme's settings do not make sense (each problem is listed in `problems`)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class ScoringScheme:
    """The points rules. Bands are (upper bound, points) for recency and (lower bound, points) for frequency."""

    recency_bands: tuple[tuple[int, float], ...] = ((3, 25.0), (6, 20.0), (12, 15.0), (24, 10.0), (36, 5.0))
    frequency_bands: tuple[tuple[int, float], ...] = ((1, 5.0), (2, 10.0), (3, 15.0), (5, 20.0), (10, 25.0))
    gravity_weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_GRAVITY))
    default_crime_weight: float = 5.0
    non_crime_weight: float = 1.0
    victim_points: float = 5.0
    lookback_months: int = 36
    serial_min_victims: int = 2
    discharge_below: float = 30.0

    @classmethod
    def default(cls) -> ScoringScheme:
        """This product's illustrative default (not any force's scheme)."""
        return cls()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ScoringScheme:
        """Build from stored JSON (the shape `to_dict` writes), validating it."""
        problems: list[str] = []
        try:
            scheme = cls(
                recency_bands=tuple((int(u), float(p)) for u, p in data["recency_bands"]),
                frequency_bands=tuple((int(lo), float(p)) for lo, p in data["frequency_bands"]),
                gravity_weights={str(k).strip().upper(): float(v) for k, v in data["gravity_weights"].items()},
                default_crime_weight=float(data["default_crime_weight"]),
                non_crime_weight=float(data["non_crime_weight"]),
                victim_points=float(data["victim_points"]),
                lookback_months=int(data["lookback_months"]),
                serial_min_victims=int(data["serial_min_victims"]),
                discharge_below=float(data["discharge_below"]),
            )
        except KeyError as error:
            raise SchemeInvalidError([f"Missing setting {error.args[0]!r}"]) from None
        except (TypeError, ValueError, AttributeError) as error:
            raise SchemeInvalidError([f"A setting is not a number or a list of pairs ({error})"]) from None
        problems = scheme.problems()
        if problems:
            raise SchemeInvalidError(problems)
        return scheme

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready settings (stored with each scheme version)."""
        data = asdict(self)
        data["recency_bands"] = [list(b) for b in self.recency_bands]
        data["frequency_bands"] = [list(b) for b in self.frequency_bands]
        data["gravity_weights"] = dict(sorted(self.gravity_weights.items()))
        return data

    def problems(self) -> list[str]:
        """Every reason the scheme cannot be used, one sentence each; empty when it is sound."""
        out = []
        if not 1 <= self.lookback_months <= 120:
            out.append(f"The look-back window must be 1 to 120 months (got {self.lookback_months}).")
        for label, bands in (("recency", self.recency_bands), ("frequency", self.frequency_bands)):
            bounds = [b for b, _ in bands]
            if not bands:
                out.append(f"Give at least one {label} band.")
            elif bounds != sorted(set(bounds)) or bounds[0] < (0 if label == "recency" else 1):
                out.append(f"The {label} bands' months/incidents must rise and start at 1 or more (got {bounds}).")
            if any(p < 0 for _, p in bands):
                out.append(f"The {label} points must be 0 or more.")
        if self.recency_bands and self.recency_bands[-1][0] > self.lookback_months:
            out.append(
                f"The last recency band ({self.recency_bands[-1][0]} months) is longer than the look-back window "
                f"({self.lookback_months} months)."
            )
        weights = [*self.gravity_weights.values(), self.default_crime_weight, self.non_crime_weight]
        if any(w < 0 for w in weights) or self.victim_points < 0:
            out.append("Gravity weights and victim points must be 0 or more.")
        if self.serial_min_victims < 2:
            out.append(f"The serial perpetrator rule needs 2 or more victims (got {self.serial_min_victims}).")
        return out


RANK_COLUMNS = (
    "rank",
    "perpetrator_ref",
    "score",
    "recency",
    "frequency",
    "gravity",
    "victims",
    "incidents",
    "victim_count",
    "latest_at",
    "latest_risk",
    "months_since_latest",
    "serial",
)


def _month_index(when: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(months since 1970-01, day of month - 1) of datetime64 values."""
    months = when.astype("datetime64[M]")
    days = (when.astype("datetime64[D]") - months.astype("datetime64[D]")).astype(np.int64)
    return months.astype(np.int64), days


def window_start(as_of: date, lookback_months: int) -> np.datetime64:
    """The first instant inside the look-back window: the same day `lookback_months` calendar months earlier."""
    total = as_of.year * 12 + (as_of.month - 1) - lookback_months
    year, month = divmod(total, 12)
    first = date(year, month + 1, 1)
    day = min(as_of.day, (pd.Timestamp(first) + pd.offsets.MonthEnd(0)).day)
    return np.datetime64(date(year, month + 1, day), "s")


def matac_rank(incidents: Mapping[str, Sequence[Any] | np.ndarray], *, scheme: ScoringScheme, as_of: date) -> dict:
    """Score and rank every perpetrator with an incident in the look-back window ending at the end of `as_of`.

    Returns columns (RANK_COLUMNS, numpy arrays, best first; ties: later latest incident, then reference).
    """
    refs = np.asarray(incidents["perpetrator_ref"], dtype=object)
    when = np.asarray(incidents["occurred_at"]).astype("datetime64[s]")
    end = np.datetime64(as_of, "s") + np.timedelta64(1, "D")
    keep = (when >= window_start(as_of, scheme.lookback_months)) & (when < end) & pd.notna(refs) & (refs != "")
    refs, when = refs[keep], when[keep]
    victims = np.asarray(incidents["victim_ref"], dtype=object)[keep]
    codes = np.asarray(incidents["offence_code"], dtype=object)[keep]
    crime = np.asarray(incidents["crime"], dtype=bool)[keep]
    risk = np.asarray(incidents["risk_level"], dtype=object)[keep]

    group, uniques = pd.factorize(refs)
    n = len(uniques)
    # Ties are broken by reference: rank the references once as fixed-width text (faster than object sorting).
    ref_order = np.empty(n, dtype=np.int64)
    ref_order[np.argsort(np.asarray(uniques, dtype=str), kind="stable")] = np.arange(n)
    count = np.bincount(group, minlength=n)
    # Latest incident per perpetrator: the last row of each group once sorted by (group, time).
    order = np.lexsort((when.astype(np.int64), group))
    last_rows = order[np.r_[np.flatnonzero(np.diff(group[order])), len(order) - 1]] if len(order) else order
    latest = when[last_rows]
    latest_risk = np.array([r if isinstance(r, str) else "" for r in risk[last_rows]], dtype=object)

    as_month, as_day = _month_index(np.array([np.datetime64(as_of, "D")]))
    latest_month, latest_day = _month_index(latest)
    months_since = as_month[0] - latest_month - (as_day[0] < latest_day)
    upper = np.array([b for b, _ in scheme.recency_bands])
    recency_points = np.array([p for _, p in scheme.recency_bands] + [0.0])
    recency = recency_points[np.searchsorted(upper, months_since, side="right")]
    lower = np.array([b for b, _ in scheme.frequency_bands])
    frequency_points = np.array([0.0] + [p for _, p in scheme.frequency_bands])
    frequency = frequency_points[np.searchsorted(lower, count, side="right")]

    # Weights are looked up once per distinct code, not per incident (there are few codes).
    code_index, code_values = pd.factorize(codes, use_na_sentinel=False)
    lookup = np.array(
        [scheme.gravity_weights.get(str(c or "").strip().upper(), scheme.default_crime_weight) for c in code_values]
        or [0.0]
    )
    per_incident = np.where(crime, lookup[code_index], scheme.non_crime_weight)
    gravity = np.bincount(group, weights=per_incident, minlength=n)

    # Distinct victims per perpetrator: unique (perpetrator, victim) integer pairs.
    known = pd.notna(victims) & (victims != "")
    victim_index, _ = pd.factorize(victims[known])
    pairs = np.unique(group[known].astype(np.int64) * (int(victim_index.max(initial=0)) + 1) + victim_index)
    victim_count = np.bincount(pairs // (int(victim_index.max(initial=0)) + 1), minlength=n)
    victim_score = victim_count * scheme.victim_points

    score = recency + frequency + gravity + victim_score
    rank_order = np.lexsort((ref_order, -latest.astype(np.int64), -score))
    out = {
        "perpetrator_ref": np.asarray(uniques, dtype=object)[rank_order],
        "score": score[rank_order],
        "recency": recency[rank_order],
        "frequency": frequency[rank_order],
        "gravity": gravity[rank_order],
        "victims": victim_score[rank_order],
        "incidents": count[rank_order],
        "victim_count": victim_count[rank_order],
        "latest_at": latest[rank_order],
        "latest_risk": latest_risk[rank_order],
        "months_since_latest": months_since[rank_order],
        "serial": victim_count[rank_order] >= scheme.serial_min_victims,
    }
    out["rank"] = np.arange(1, n + 1)
    return {name: out[name] for name in RANK_COLUMNS}
