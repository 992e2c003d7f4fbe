"""The dashboard's part of `safer demo`: make sure the aggregates match whatever the demo imported."""

from __future__ import annotations


def dashboard_demo_load() -> list[str]:
    """Build the dashboard aggregates if any record table changed since they were built (cheap when none did)."""
    from safer.intelligence.dashboard.aggregates import aggregates_refresh
    from safer.intelligence.warehouse import writer

    with writer() as con:
        done = aggregates_refresh(con=con)
    rebuilt = [source for source, what in done.items() if what != "unchanged"]
    return [
        "Dashboard: /intelligence/dashboard/ (sign in as analyst or partnership); "
        + (f"aggregates rebuilt for {', '.join(rebuilt)}." if rebuilt else "aggregates up to date."),
        "Hotspot map (Gi*, kernel density, emerging hot spots, change; grid cell size and bandwidth settable): "
        "/intelligence/dashboard/map/?area=Oxford; concentration and time patterns (night-time economy filter): "
        "/intelligence/dashboard/patterns/?area=Oxford&window=nte",
    ]
