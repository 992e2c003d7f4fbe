"""Trend sparklines as small inline SVG (no JavaScript, described in words for screen readers)."""

from __future__ import annotations

from html import escape

WIDTH, HEIGHT, PAD = 160, 36, 3


def sparkline_description(series: list[tuple[str, float | None]]) -> str:
    """The trend in words: first and last values, highest and lowest, gaps."""
    values = [(label, v) for label, v in series if v is not None]
    if not values:
        return "No trend: no data."
    first, last = values[0], values[-1]
    high = max(values, key=lambda p: p[1])
    low = min(values, key=lambda p: p[1])
    gaps = sum(1 for _, v in series if v is None)
    text = (
        f"Trend from {first[0]} ({first[1]:g}) to {last[0]} ({last[1]:g}); "
        f"highest {high[1]:g} in {high[0]}, lowest {low[1]:g} in {low[0]}."
    )
    return text + (f" {gaps} periods have no data." if gaps else "")


def sparkline_svg(series: list[tuple[str, float | None]]) -> str:
    """An SVG line of the series; gaps (None) break the line. Role img with the description as its name."""
    description = escape(sparkline_description(series))
    values = [v for _, v in series if v is not None]
    head = (
        f'<svg class="planning-sparkline" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{description}"><title>{description}</title>'
    )
    if not values:
        return head + "</svg>"
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD) / max(len(series) - 1, 1)
    runs: list[list[str]] = [[]]
    last_point = ""
    for index, (_, value) in enumerate(series):
        if value is None:
            runs.append([])
            continue
        x = PAD + index * step
        y = HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD)
        last_point = f"{x:.1f},{y:.1f}"
        runs[-1].append(last_point)
    lines = "".join(
        f'<polyline fill="none" stroke="#0b0c0c" stroke-width="2" points="{" ".join(run)}"/>'
        if len(run) > 1
        else f'<circle cx="{run[0].split(",")[0]}" cy="{run[0].split(",")[1]}" r="2" fill="#0b0c0c"/>'
        for run in runs
        if run
    )
    end_x, end_y = last_point.split(",")
    return head + lines + f'<circle cx="{end_x}" cy="{end_y}" r="3" fill="#1d70b8"/></svg>'
