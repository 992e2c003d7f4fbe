"""SYNTHETIC domestic abuse incident extracts for demos, tests and benchmarks (never real people). No Django.

    frame = da_synth(incidents=5_000, seed=42, start=date(2023, 1, 1), end=date(2025, 12, 31))

Perpetrators' incident counts follow a heavy-tailed (Zipf-like) draw so most have one incident and a few are
serial; each perpetrator has one to three victims (partner, ex-partner, family). These are round
ASSUMPTIONS for illustration, not published statistics.
"""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd

ZIPF_EXPONENT = 2.2
CRIME_SHARE = 0.55
RELATIONSHIP_SHARES = {"partner": 0.5, "ex-partner": 0.35, "family": 0.15}
DASH_RISK_SHARES = {"standard": 0.6, "medium": 0.3, "high": 0.1}
CRIME_CODE_SHARES = {
    "105A": 0.35,
    "8N": 0.2,
    "8L": 0.15,
    "8Q": 0.06,
    "8R": 0.08,
    "58A": 0.08,
    "3B": 0.04,
    "5D": 0.03,
    "19C": 0.01,
}
ASSUMPTIONS = {
    "zipf_exponent": ZIPF_EXPONENT,
    "crime_share": CRIME_SHARE,
    "relationship": RELATIONSHIP_SHARES,
    "dash_risk": DASH_RISK_SHARES,
    "crime_codes": CRIME_CODE_SHARES,
}
COLUMNS = (
    "incident_ref",
    "occurred_at",
    "perpetrator_ref",
    "victim_ref",
    "relationship",
    "crime",
    "offence_code",
    "dash_risk",
    "lsoa_code",
    "synthetic",
)


def _pick(rng: np.random.Generator, shares: dict[str, float], size: int) -> np.ndarray:
    keys = list(shares)
    p = np.array([shares[k] for k in keys])
    return np.asarray(keys, dtype=object)[rng.choice(len(keys), size=size, p=p / p.sum())]


def da_synth(
    *,
    incidents: int,
    seed: int,
    start: date,
    end: date,
    lsoa_codes: list[str] | None = None,
    prefix: str = "SYN",
) -> pd.DataFrame:
    """A SYNTHETIC domestic abuse incident extract (COLUMNS), `incidents` rows between `start` and `end`."""
    if incidents < 1:
        raise ValueError(f"incidents must be 1 or more (got {incidents}).")
    if end < start:
        raise ValueError(f"end ({end}) is before start ({start}).")
    rng = np.random.default_rng(seed)
    # Draw perpetrators until the incidents are used up; the heavy tail makes a few serial.
    counts: list[int] = []
    while sum(counts) < incidents:
        counts.append(int(min(rng.zipf(ZIPF_EXPONENT), 60)))
    counts[-1] -= sum(counts) - incidents
    perpetrator = np.repeat(np.arange(len(counts)), counts)
    victims_each = rng.integers(1, 4, size=len(counts))
    victim_index = (rng.random(incidents) * victims_each[perpetrator]).astype(int)
    span = int(
        (datetime.combine(end, datetime.max.time()) - datetime.combine(start, datetime.min.time())).total_seconds()
    )
    when = np.datetime64(datetime.combine(start, datetime.min.time()), "s") + rng.integers(0, span, incidents).astype(
        "timedelta64[s]"
    )
    crime = rng.random(incidents) < CRIME_SHARE
    codes = np.where(crime, _pick(rng, CRIME_CODE_SHARES, incidents), "")
    lsoas = np.asarray(lsoa_codes or [""], dtype=object)
    home = rng.integers(0, len(lsoas), size=len(counts))
    frame = pd.DataFrame(
        {
            "incident_ref": [f"{prefix}-DA-{i + 1:07d}" for i in range(incidents)],
            "occurred_at": pd.to_datetime(when).strftime("%Y-%m-%d %H:%M"),
            "perpetrator_ref": [f"{prefix}-P{p:06d}" for p in perpetrator],
            "victim_ref": [f"{prefix}-V{p:06d}-{v}" for p, v in zip(perpetrator, victim_index, strict=True)],
            "relationship": _pick(rng, RELATIONSHIP_SHARES, incidents),
            "crime": np.where(crime, "true", "false"),
            "offence_code": codes,
            "dash_risk": _pick(rng, DASH_RISK_SHARES, incidents),
            "lsoa_code": lsoas[home[perpetrator]],
            "synthetic": "true",
        }
    )
    return frame.sort_values("occurred_at", kind="stable").reset_index(drop=True)


def da_synth_columns(frame: pd.DataFrame) -> dict[str, np.ndarray]:
    """A synthetic extract as the columns `matac_rank` reads (for tests and benchmarks)."""
    return {
        "perpetrator_ref": frame["perpetrator_ref"].to_numpy(dtype=object),
        "victim_ref": frame["victim_ref"].to_numpy(dtype=object),
        "occurred_at": pd.to_datetime(frame["occurred_at"]).to_numpy(dtype="datetime64[s]"),
        "offence_code": frame["offence_code"].to_numpy(dtype=object),
        "crime": (frame["crime"] == "true").to_numpy(),
        "risk_level": frame["dash_risk"].to_numpy(dtype=object),
    }
