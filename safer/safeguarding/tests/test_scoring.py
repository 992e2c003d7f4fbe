"""matac_rank over hand-built histories: band boundaries, the look-back window, the serial rule, scheme changes."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pytest

from safer.safeguarding.scoring import SchemeInvalidError, ScoringScheme, matac_rank, window_start

AS_OF = date(2026, 6, 15)
SIMPLE = ScoringScheme(
    recency_bands=((3, 30.0), (12, 10.0)),
    frequency_bands=((1, 1.0), (3, 5.0)),
    gravity_weights={"8N": 7.0},
    default_crime_weight=2.0,
    non_crime_weight=0.5,
    victim_points=4.0,
    lookback_months=24,
    serial_min_victims=2,
)


def incidents(*rows: tuple[str, str, datetime, str, str]) -> dict[str, np.ndarray]:
    """Rows of (perpetrator, victim, when, offence code or '' for non-crime, risk)."""
    return {
        "perpetrator_ref": np.array([r[0] for r in rows], dtype=object),
        "victim_ref": np.array([r[1] for r in rows], dtype=object),
        "occurred_at": np.array([np.datetime64(r[2], "s") for r in rows], dtype="datetime64[s]"),
        "offence_code": np.array([r[3] for r in rows], dtype=object),
        "crime": np.array([r[3] != "" for r in rows]),
        "risk_level": np.array([r[4] for r in rows], dtype=object),
    }


def by_ref(table: dict) -> dict[str, dict]:
    return {ref: {k: table[k][i] for k in table} for i, ref in enumerate(table["perpetrator_ref"])}


class TestScheme:
    def test_rejects_falling_bands_and_short_window(self) -> None:
        data = SIMPLE.to_dict() | {"recency_bands": [[12, 1], [3, 2]], "lookback_months": 0}
        with pytest.raises(SchemeInvalidError) as error:
            ScoringScheme.from_dict(data)
        assert any("look-back" in p for p in error.value.problems)
        assert any("recency bands" in p for p in error.value.problems)

    def test_rejects_missing_setting(self) -> None:
        data = SIMPLE.to_dict()
        del data["victim_points"]
        with pytest.raises(SchemeInvalidError, match="victim_points"):
            ScoringScheme.from_dict(data)

    def test_round_trips_through_json_shape(self) -> None:
        assert ScoringScheme.from_dict(SIMPLE.to_dict()) == SIMPLE
        assert ScoringScheme.default().problems() == []


class TestWindowStart:
    def test_same_day_months_earlier_clamped_to_month_end(self) -> None:
        assert window_start(date(2026, 6, 15), 24) == np.datetime64("2024-06-15T00:00:00")
        assert window_start(date(2026, 3, 31), 1) == np.datetime64("2026-02-28T00:00:00")


class TestMatacRank:
    def test_recency_band_boundaries(self) -> None:
        table = by_ref(
            matac_rank(
                incidents(
                    # 2 months 30 days before as-of: still "under 3 months"
                    ("A", "v1", datetime(2026, 3, 16, 9), "", "standard"),
                    # exactly 3 months: next band
                    ("B", "v1", datetime(2026, 3, 15, 9), "", "standard"),
                    # 11 months and some days: second band
                    ("C", "v1", datetime(2025, 6, 16), "", "standard"),
                    # exactly 12 months: no recency points
                    ("D", "v1", datetime(2025, 6, 15), "", "standard"),
                ),
                scheme=SIMPLE,
                as_of=AS_OF,
            )
        )
        assert [table[r]["months_since_latest"] for r in "ABCD"] == [2, 3, 11, 12]
        assert [table[r]["recency"] for r in "ABCD"] == [30.0, 10.0, 10.0, 0.0]

    def test_lookback_window_edges(self) -> None:
        table = by_ref(
            matac_rank(
                incidents(
                    ("IN", "v", datetime(2024, 6, 15, 0, 0), "8N", "high"),  # first instant of the window
                    ("OUT", "v", datetime(2024, 6, 14, 23, 59), "8N", "high"),  # one minute before it
                    ("LATE", "v", datetime(2026, 6, 15, 23, 59), "", "medium"),  # last minute of as-of day
                    ("FUTURE", "v", datetime(2026, 6, 16, 0, 0), "", "medium"),  # after as-of
                ),
                scheme=SIMPLE,
                as_of=AS_OF,
            )
        )
        assert set(table) == {"IN", "LATE"}

    def test_components_and_total(self) -> None:
        table = matac_rank(
            incidents(
                ("P", "v1", datetime(2026, 5, 1), "8N", "medium"),
                ("P", "v2", datetime(2026, 6, 1), "105A", "high"),
                ("P", "v2", datetime(2025, 1, 1), "", "standard"),
                ("Q", "", datetime(2026, 6, 10), "", "standard"),
            ),
            scheme=SIMPLE,
            as_of=AS_OF,
        )
        rows = by_ref(table)
        p = rows["P"]
        # recency: 0 months -> 30; frequency: 3 incidents -> 5; gravity: 7 + 2 (default crime) + 0.5; victims 2x4
        assert (p["recency"], p["frequency"], p["gravity"], p["victims"]) == (30.0, 5.0, 9.5, 8.0)
        assert p["score"] == pytest.approx(52.5)
        assert p["latest_risk"] == "high" and p["incidents"] == 3
        assert rows["Q"]["victim_count"] == 0  # an unknown victim is not counted
        assert list(table["perpetrator_ref"]) == ["P", "Q"] and list(table["rank"]) == [1, 2]

    def test_serial_rule_counts_distinct_victims_in_window_only(self) -> None:
        table = by_ref(
            matac_rank(
                incidents(
                    ("S", "v1", datetime(2026, 1, 1), "", "standard"),
                    ("S", "v2", datetime(2026, 2, 1), "", "standard"),
                    ("T", "v1", datetime(2026, 1, 1), "", "standard"),
                    ("T", "v1", datetime(2026, 2, 1), "", "standard"),
                    ("T", "v2", datetime(2023, 1, 1), "", "standard"),  # outside the window
                ),
                scheme=SIMPLE,
                as_of=AS_OF,
            )
        )
        assert table["S"]["serial"] and table["S"]["victim_count"] == 2
        assert not table["T"]["serial"] and table["T"]["victim_count"] == 1

    def test_scheme_change_reorders_and_old_scheme_reproduces_old_ranking(self) -> None:
        data = incidents(
            ("GRAVE", "v1", datetime(2025, 9, 1), "8N", "high"),
            ("OFTEN", "v1", datetime(2026, 6, 1), "", "standard"),
            ("OFTEN", "v1", datetime(2026, 5, 1), "", "standard"),
            ("OFTEN", "v1", datetime(2026, 4, 1), "", "standard"),
        )
        before = matac_rank(data, scheme=SIMPLE, as_of=AS_OF)
        heavier = ScoringScheme.from_dict(SIMPLE.to_dict() | {"gravity_weights": {"8N": 60.0}})
        after = matac_rank(data, scheme=heavier, as_of=AS_OF)
        assert list(before["perpetrator_ref"]) == ["OFTEN", "GRAVE"]
        assert list(after["perpetrator_ref"]) == ["GRAVE", "OFTEN"]
        again = matac_rank(data, scheme=ScoringScheme.from_dict(SIMPLE.to_dict()), as_of=AS_OF)
        np.testing.assert_array_equal(again["perpetrator_ref"], before["perpetrator_ref"])
        np.testing.assert_allclose(again["score"], before["score"])

    def test_empty_input_gives_empty_table(self) -> None:
        table = matac_rank(incidents(), scheme=SIMPLE, as_of=AS_OF)
        assert all(len(v) == 0 for v in table.values())
