"""Vega-Lite charts for dashboard tables (Altair specs, rendered to SVG/PNG with vl-convert; no Django)."""

from __future__ import annotations

from typing import Any

import altair as alt
import vl_convert

BLACK, BLUE, ORANGE, GREY = "#0b0c0c", "#1d70b8", "#f47738", "#505a5f"


def _base(rows: list[dict[str, Any]], title: str) -> alt.Chart:
    return alt.Chart(alt.Data(values=rows), title=title, width=640, height=260)


def _months_axis(rows: list[dict[str, Any]]) -> alt.X:
    """Every month on the axis, in order, including those with no data (so a gap shows where it is)."""
    domain = [r["month"] for r in rows]
    return alt.X("month:N", title="Month", axis=alt.Axis(labelAngle=-45), scale=alt.Scale(domain=domain), sort=domain)


def _gaps(rows: list[dict[str, Any]], key: str, title: str) -> list[Any]:
    """Shaded, labelled columns over months with no data, so a missing month reads as missing, not as zero."""
    missing = [{"month": r["month"], "note": "no data"} for r in rows if r.get(key) is None]
    if not missing:
        return []
    base = alt.Chart(alt.Data(values=missing), title=title, width=640, height=260).encode(x=_months_axis(rows))
    shade = base.mark_rect(color=GREY, opacity=0.18).encode(tooltip=["month:N", "note:N"])
    label = base.mark_text(angle=270, align="right", dy=0, baseline="middle", color=BLACK, y=6).encode(text="note:N")
    return [shade, label]


def _trend(rows: list[dict[str, Any]], title: str) -> Any:
    base = _base(rows, title).encode(x=_months_axis(rows))
    bars = base.mark_bar(color=BLUE).encode(y=alt.Y("count:Q", title="Records"), tooltip=["month:N", "count:Q"])
    line = base.mark_line(color=BLACK, strokeWidth=3, point=True, invalid="break-paths-show-domains").encode(
        y="rolling_12_mean:Q", tooltip=["month:N", "rolling_12_mean:Q"]
    )
    return alt.layer(*_gaps(rows, "count", title), bars, line)


def _horizontal(rows: list[dict[str, Any]], title: str, label: str, value: str, value_title: str) -> alt.Chart:
    return (
        _base(rows, title)
        .mark_bar(color=BLUE)
        .encode(
            y=alt.Y(f"{label}:N", sort="-x", title=None),
            x=alt.X(f"{value}:Q", title=value_title),
            tooltip=[f"{label}:N", f"{value}:Q"],
        )
    )


def _serious_violence(rows: list[dict[str, Any]], title: str) -> alt.Chart:
    long = [
        {"month": r["month"], "group": group, "records": r[key]}
        for r in rows
        for group, key in (("Group 1", "group_1_rolling_12"), ("Group 2", "group_2_rolling_12"))
    ]
    return (
        _base(long, title)
        .mark_line(point=True, strokeWidth=3, invalid="break-paths-show-domains")
        .encode(
            x=_months_axis(rows),
            y=alt.Y("records:Q", title="Offences, 12 months to month"),
            color=alt.Color("group:N", scale=alt.Scale(range=[BLUE, ORANGE]), title="Group"),
            strokeDash=alt.StrokeDash("group:N", title="Group"),
            tooltip=["month:N", "group:N", "records:Q"],
        )
    )


def _age_bands(rows: list[dict[str, Any]], title: str) -> alt.Chart:
    long = [
        {"age_band": r["age_band"], "group": group, "records": r[key]}
        for r in rows
        for group, key in (("Group 1", "group_1"), ("Group 2", "group_2"))
    ]
    return (
        _base(long, title)
        .mark_bar()
        .encode(
            x=alt.X("age_band:N", title="Age band", sort=None),
            y=alt.Y("records:Q", title="Offences"),
            color=alt.Color("group:N", scale=alt.Scale(range=[BLUE, ORANGE]), title="Group"),
            tooltip=["age_band:N", "group:N", "records:Q"],
        )
    )


def _years(rows: list[dict[str, Any]], title: str) -> alt.Chart:
    """Records in each 12-month period (the SIA's long-term trend), periods in order."""
    order = [r["year"] for r in rows]
    return (
        _base(rows, title)
        .mark_bar(color=BLUE)
        .encode(
            x=alt.X("year:N", title="Period", sort=order, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("records:Q", title="Records"),
            tooltip=["year:N", "records:Q"],
        )
    )


def _evaluation(rows: list[dict[str, Any]], title: str) -> Any:
    """Monthly records in the target, buffer and control areas, the intervention's first month marked."""
    base = _base(rows, title).encode(x=alt.X("month:N", title="Month", axis=alt.Axis(labelAngle=-45)))
    lines = base.mark_line(point=True, strokeWidth=3).encode(
        y=alt.Y("records:Q", title="Records"),
        color=alt.Color(
            "area:N", title="Area", scale=alt.Scale(domain=["target", "buffer", "control"], range=[ORANGE, GREY, BLUE])
        ),
        strokeDash=alt.StrokeDash("area:N", legend=None),
        tooltip=["month:N", "area:N", "records:Q"],
    )
    start = [r for r in rows if r.get("phase") == "after"][:1]
    rule = (
        alt.Chart(alt.Data(values=start)).mark_rule(color=BLACK, strokeWidth=2, strokeDash=[6, 3]).encode(x="month:N")
    )
    label = (
        alt.Chart(alt.Data(values=start))
        .mark_text(align="left", dx=4, dy=-120, color=BLACK)
        .encode(x="month:N", text=alt.value("Intervention starts"))
    )
    return alt.layer(lines, rule, label)


def _lorenz(rows: list[dict[str, Any]], title: str) -> Any:
    """The concentration curve with the diagonal of an even spread."""
    base = _base(rows, title).encode(
        x=alt.X("places_pct:Q", title="Share of places (as chosen), busiest first, %", scale=alt.Scale(domain=[0, 100]))
    )
    curve = base.mark_line(color=BLUE, strokeWidth=3).encode(
        y=alt.Y("records_pct:Q", title="Share of records, %", scale=alt.Scale(domain=[0, 100])),
        tooltip=["places_pct:Q", "records_pct:Q"],
    )
    even = (
        alt.Chart(alt.Data(values=[{"p": 0}, {"p": 100}]))
        .mark_line(color=GREY, strokeDash=[6, 3])
        .encode(x="p:Q", y="p:Q")
    )
    return alt.layer(even, curve)


def _week_hour(rows: list[dict[str, Any]], title: str) -> alt.Chart:
    """Heat map: day of the week down, hour of the day across, darker = more records."""
    days = [r["day"] for r in rows]
    long = [{"day": r["day"], "hour": f"{h:02d}", "records": r[f"h{h:02d}"]} for r in rows for h in range(24)]
    return (
        _base(long, title)
        .mark_rect()
        .encode(
            x=alt.X("hour:O", title="Hour of the day (local time)"),
            y=alt.Y("day:N", title=None, sort=days),
            color=alt.Color("records:Q", title="Records", scale=alt.Scale(scheme="oranges")),
            tooltip=["day:N", "hour:O", "records:Q"],
        )
    )


def _seasonality(rows: list[dict[str, Any]], title: str) -> Any:
    """Seasonal index per calendar month with the line of an average month (1.0)."""
    months = [r["month_name"] for r in rows]
    bars = (
        _base(rows, title)
        .mark_bar(color=BLUE)
        .encode(
            x=alt.X("month_name:N", title="Month", sort=months, axis=alt.Axis(labelAngle=-45)),
            y=alt.Y("index:Q", title="Seasonal index (1 = average month)"),
            tooltip=["month_name:N", "index:Q", "mean:Q"],
        )
    )
    average = alt.Chart(alt.Data(values=[{"y": 1}])).mark_rule(color=BLACK, strokeDash=[6, 3]).encode(y="y:Q")
    return alt.layer(bars, average)


def chart_spec(kind: str, rows: list[dict[str, Any]], *, title: str) -> dict[str, Any]:
    """The Vega-Lite spec (as a dict) of one chart kind over a table's rows."""
    if kind == "trend":
        chart: Any = _trend(rows, title)
    elif kind == "crime_types":
        chart = _horizontal(
            [r for r in rows if r["crime_type"] != "All crime"], title, "crime_type", "period_count", "Records"
        )
    elif kind == "districts":
        chart = _horizontal(rows, title, "district", "period_rate", "Records per 1,000 residents")
    elif kind == "serious_violence":
        chart = _serious_violence(rows, title)
    elif kind == "age_bands":
        chart = _age_bands(rows, title)
    elif kind == "years":
        chart = _years(rows, title)
    elif kind == "evaluation":
        chart = _evaluation(rows, title)
    elif kind == "lorenz":
        chart = _lorenz(rows, title)
    elif kind == "week_hour":
        chart = _week_hour(rows, title)
    elif kind == "seasonality":
        chart = _seasonality(rows, title)
    else:
        raise ValueError(f"No chart kind {kind!r}")
    spec: dict[str, Any] = chart.to_dict()
    return spec


def chart_render(spec: dict[str, Any], *, fmt: str) -> bytes:
    """SVG or PNG bytes of a Vega-Lite spec."""
    if fmt == "svg":
        return vl_convert.vegalite_to_svg(spec).encode()
    if fmt == "png":
        return bytes(vl_convert.vegalite_to_png(spec, scale=2))
    raise ValueError(f"Charts export as svg or png, not {fmt!r}")
