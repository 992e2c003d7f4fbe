"""Evaluation: counts per area and period, difference-in-differences and the WDQ against hand-worked examples."""

import math

import numpy as np
import pytest
import statsmodels.api as sm
from shapely.geometry import box

from safer.intelligence.evaluation.counts import evaluation_count
from safer.intelligence.evaluation.did import evaluation_did
from safer.intelligence.evaluation.errors import (
    EvaluationAreaOverlapError,
    EvaluationPeriodInvalidError,
    EvaluationPeriodNoDataError,
)
from safer.intelligence.evaluation.wdq import evaluation_wdq

TARGET = box(0, 0, 100, 100)
CONTROL = box(1000, 0, 1100, 100)
BEFORE = (np.datetime64("2022-01"), np.datetime64("2022-03"))
AFTER = (np.datetime64("2022-04"), np.datetime64("2022-06"))


class TestEvaluationCount:
    def test_control_overlapping_target_is_an_error(self):
        with pytest.raises(EvaluationAreaOverlapError, match="overlaps the target"):
            evaluation_count(
                easting=[],
                northing=[],
                month=[],
                target=TARGET,
                control=box(50, 50, 200, 200),
                buffer_metres=50,
                before=BEFORE,
                after=AFTER,
            )

    def test_control_overlapping_buffer_is_an_error(self):
        with pytest.raises(EvaluationAreaOverlapError, match="buffer"):
            evaluation_count(
                easting=[],
                northing=[],
                month=[],
                target=TARGET,
                control=box(120, 0, 300, 100),
                buffer_metres=50,
                before=BEFORE,
                after=AFTER,
            )

    def test_overlapping_periods_are_an_error(self):
        with pytest.raises(EvaluationPeriodInvalidError, match="must start after"):
            evaluation_count(
                easting=[],
                northing=[],
                month=[],
                target=TARGET,
                control=CONTROL,
                buffer_metres=50,
                before=BEFORE,
                after=(np.datetime64("2022-03"), np.datetime64("2022-05")),
            )

    def test_period_without_data_is_an_error(self):
        with pytest.raises(EvaluationPeriodNoDataError, match="target and control area has no records in the after"):
            evaluation_count(
                easting=[50, 1050],
                northing=[50, 50],
                month=["2022-01", "2022-02"],
                target=TARGET,
                control=CONTROL,
                buffer_metres=50,
                before=BEFORE,
                after=AFTER,
            )

    def test_counts_by_area_and_period(self):
        x = [50, 50, 50, 120, 120, 1050, 1050, 1050, 5000, 50]
        y = [50, 50, 50, 50, 50, 50, 50, 50, 5000, 50]
        m = [
            "2022-01",
            "2022-02",
            "2022-05",
            "2022-03",
            "2022-04",
            "2022-01",
            "2022-06",
            "2022-06",
            "2022-04",
            "2023-01",
        ]
        result = evaluation_count(
            easting=x,
            northing=y,
            month=np.array(m, dtype="datetime64[M]"),
            target=TARGET,
            control=CONTROL,
            buffer_metres=50,
            before=BEFORE,
            after=AFTER,
        )
        assert result.before == {"target": 2, "buffer": 1, "control": 1}
        assert result.after == {"target": 1, "buffer": 1, "control": 2}
        assert result.months.size == 6
        assert result.monthly["target"].tolist() == [1, 1, 0, 0, 1, 0]
        assert result.monthly["control"].tolist() == [1, 0, 0, 0, 0, 2]


class TestEvaluationDid:
    def test_zero_count_is_an_error(self):
        with pytest.raises(EvaluationPeriodNoDataError, match="control after"):
            evaluation_did(target_before=10, target_after=5, control_before=10, control_after=0)

    def test_hand_worked_example(self):
        # Target 120 -> 80, control 200 -> 190. RR = (80/120) / (190/200) = 0.6667 / 0.95 = 0.70175.
        # SE(log RR) = sqrt(1/80 + 1/120 + 1/190 + 1/200) = sqrt(0.0125 + 0.0083333 + 0.0052632 + 0.005)
        #            = sqrt(0.0310965) = 0.176342.
        # log RR = -0.354172; 95% CI = exp(-0.354172 -/+ 1.959964 * 0.176342) = (0.4967, 0.9914).
        # Expected target after = 120 * 190 / 200 = 114; difference = 80 - 114 = -34.
        result = evaluation_did(target_before=120, target_after=80, control_before=200, control_after=190)
        assert result.rate_ratio == pytest.approx(0.701754, abs=1e-6)
        assert result.ci_low == pytest.approx(0.4967, abs=1e-4)
        assert result.ci_high == pytest.approx(0.9914, abs=1e-4)
        assert result.percent_change == pytest.approx(-29.8246, abs=1e-4)
        assert result.wald_z == pytest.approx(-0.354172 / 0.176342, abs=1e-4)
        assert result.expected_target_after == pytest.approx(114)
        assert result.difference == pytest.approx(-34)
        assert 0 < result.exact_p < 0.1

    def test_equals_poisson_regression_on_monthly_counts(self):
        # Monthly counts: the interaction of a Poisson GLM (statsmodels) is log RR with the same standard error.
        target_b, target_a = [40, 35, 45], [30, 28, 22]
        control_b, control_a = [60, 70, 70], [65, 60, 65]
        counts = np.array(target_b + target_a + control_b + control_a)
        target = np.repeat([1, 1, 0, 0], 3)
        after = np.repeat([0, 1, 0, 1], 3)
        design = sm.add_constant(np.column_stack([target, after, target * after]))
        fit = sm.GLM(counts, design, family=sm.families.Poisson()).fit(tol=1e-14, maxiter=200)
        result = evaluation_did(target_before=120, target_after=80, control_before=200, control_after=190)
        # statsmodels fits by iteration (IRLS), run here to a tight tolerance.
        assert math.log(result.rate_ratio) == pytest.approx(fit.params[3], rel=1e-9)
        low, high = fit.conf_int()[3]
        assert result.ci_low == pytest.approx(math.exp(low), rel=1e-9)
        assert result.ci_high == pytest.approx(math.exp(high), rel=1e-9)
        assert result.wald_p == pytest.approx(fit.pvalues[3], rel=1e-9)


class TestEvaluationWdq:
    def test_hand_worked_example_diffusion(self):
        # R: 100 -> 60, D (buffer): 80 -> 70, C: 200 -> 200.
        # Success = 60/100 - 200/200 = -0.4; buffer = 70/80 - 1 = -0.125; WDQ = -0.125 / -0.4 = 0.3125.
        # Total net effect = (100 - 60) + (80 - 70) = 50.
        result = evaluation_wdq(
            target_before=100, target_after=60, buffer_before=80, buffer_after=70, control_before=200, control_after=200
        )
        assert result.success_measure == pytest.approx(-0.4)
        assert result.buffer_measure == pytest.approx(-0.125)
        assert result.wdq == pytest.approx(0.3125)
        assert result.reading.startswith("Diffusion of benefits:")
        assert result.total_net_effect == pytest.approx(50)

    def test_hand_worked_example_displacement(self):
        # R: 100 -> 60, D: 80 -> 100, C: 200 -> 180 (control down 10%).
        # Success = 0.6 - 0.9 = -0.3; buffer = 1.25 - 0.9 = 0.35; WDQ = 0.35 / -0.3 = -1.1667 (< -1).
        # Total net effect = (100*0.9 - 60) + (80*0.9 - 100) = 30 - 28 = 2.
        result = evaluation_wdq(
            target_before=100,
            target_after=60,
            buffer_before=80,
            buffer_after=100,
            control_before=200,
            control_after=180,
        )
        assert result.wdq == pytest.approx(-1.166667, abs=1e-6)
        assert "counter-productive overall" in result.reading
        assert result.total_net_effect == pytest.approx(2)

    def test_no_success_gives_no_quotient(self):
        result = evaluation_wdq(
            target_before=100,
            target_after=110,
            buffer_before=80,
            buffer_after=70,
            control_before=200,
            control_after=200,
        )
        assert result.wdq is None
        assert "did not improve" in result.reading

    def test_empty_before_is_an_error(self):
        with pytest.raises(EvaluationPeriodNoDataError, match="buffer area"):
            evaluation_wdq(
                target_before=10, target_after=5, buffer_before=0, buffer_after=1, control_before=5, control_after=5
            )
