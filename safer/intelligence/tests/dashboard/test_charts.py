"""Charts show months with no data as labelled gaps, not as zero-height bars."""

from __future__ import annotations

from safer.intelligence.dashboard.charts import chart_render, chart_spec


def _trend_rows() -> list[dict[str, object]]:
    return [
        {"month": f"2021-{m:02d}", "count": None if m in (3, 7) else 10 + m, "rolling_12_mean": None}
        for m in range(1, 13)
    ]


class TestChartGaps:
    def test_trend_labels_each_missing_month_and_keeps_it_on_the_axis(self):
        rows = _trend_rows()
        spec = chart_spec("trend", rows, title="Trend")
        gap_data = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rect"]
        assert gap_data, "no shaded gap layer"
        svg = chart_render(spec, fmt="svg").decode()
        assert svg.count(">no data<") == 2
        assert "2021-03" in svg and "2021-07" in svg  # the missing months stay on the axis

    def test_rolling_line_breaks_at_missing_months_instead_of_joining_across(self):
        spec = chart_spec("trend", _trend_rows(), title="Trend")
        line = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "line")
        assert line["mark"]["invalid"] == "break-paths-show-domains"

    def test_a_chart_without_gaps_has_no_gap_layer(self):
        rows = [{"month": f"2021-{m:02d}", "count": m, "rolling_12_mean": None} for m in range(1, 13)]
        spec = chart_spec("trend", rows, title="Trend")
        assert all(layer["mark"]["type"] != "rect" for layer in spec["layer"])
