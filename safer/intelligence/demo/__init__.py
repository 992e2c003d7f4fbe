"""Demo data for intelligence: the real Oxfordshire police.uk sample shipped in demo_data/ (see its README)."""

from __future__ import annotations

from pathlib import Path

from safer.intelligence.imports import STATUS_ALREADY
from safer.intelligence.imports.policeuk import import_policeuk

DEMO_DATA = Path(__file__).resolve().parent.parent / "demo_data" / "policeuk"


def demo_load() -> list[str]:
    """Real police.uk sample, synthetic stop-and-search and partner extracts built on it, aggregates, a demo SIA."""
    from safer.intelligence.demo.dashboard import dashboard_demo_load
    from safer.intelligence.demo.evaluations import evaluations_demo_load
    from safer.intelligence.demo.extracts import extracts_demo_load
    from safer.intelligence.demo.sia import sia_demo_load
    from safer.intelligence.demo.stop_search import stop_search_demo_load

    lines = policeuk_demo_load() + stop_search_demo_load() + extracts_demo_load() + dashboard_demo_load()
    return lines + evaluations_demo_load() + sia_demo_load()


def policeuk_demo_load() -> list[str]:
    """Import the shipped sample (idempotent: files already imported are skipped by checksum)."""
    results = import_policeuk(paths=[DEMO_DATA], actor_label="demo")
    street = [r for r in results if r.kind == "policeuk_street"]
    months = sorted(r.month for r in street if r.month)
    loaded = sum(r.rows_loaded for r in results if r.status != STATUS_ALREADY)
    already = sum(1 for r in results if r.status == STATUS_ALREADY)
    gaps = street[-1].quality.get("months_missing", {}) if street and street[-1].quality else {}
    lines = [
        f"Crime data: real police.uk records for Oxfordshire, {months[0]} to {months[-1]} "
        f"({len(results)} files; {loaded:,} rows loaded now, {already} files already imported).",
    ]
    missing = [m for force_gaps in gaps.values() for m in force_gaps]
    if missing:
        lines.append(f"  Months missing in the source data: {', '.join(missing)}.")
    lines.append("  Imports and data quality: /intelligence/imports/ (sign in as analyst).")
    return lines
