"""How long the hotspot map of a district takes to render in the browser (Chromium through Playwright).

    .venv/bin/python benchmarks/map_render.py                  # 6 Thames Valley districts, 5 loads each
    .venv/bin/python benchmarks/map_render.py --repeat 10 --district Oxford --district Reading

Data: the real Thames Valley police.uk street files in ../shared/data (11 months, about 186,000 records),
loaded into a fresh warehouse in a temporary folder with the aggregates built, and a fresh SQLite database
with one analyst. A Django live server (in this process, static files served as in the browser tests) answers
a system Chromium (the one the browser tests use).

Per load of /intelligence/dashboard/map/?area=DISTRICT&period=2022-01..2022-12 (the page that shows the LSOA
polygons with class breaks, district outlines, Gi* hot and cold spots, clustered points; the other grid
layers computed and sent, off until chosen), three figures from the browser's own clock (Navigation and
Resource Timing):
- page: navigation start to the page's HTML received (server renders the tables, incl. every grid layer);
- data: the map's data.json request, start to end (the LSOAs, outlines, Gi* cells and points, JSON over the wire);
- total: navigation start to the map drawn (the script sets data-loaded-at with performance.now() after
  Leaflet has drawn every layer and fitted the view). The target is total < 1 s.
Prints the median and the maximum of each per district. Timings only, no pass/fail.

The map's grid layers are computed once per warehouse version and request parameters and kept in Django's cache
(docs/hotspots.md), so the page and its data.json share one computation and a repeat visit reads them from the
cache. Three modes, side by side in the same run and on the same server (`--modes`, default all):
- baseline: no cache (Django's dummy cache), so the page and data.json each compute their layers: the behaviour
  before the shared computation;
- cold: the cache emptied before every load, so each load computes every layer once (a first visit);
- warm: the cache kept (repeat visits of the same map within ten minutes).
Boundaries simplified for the map are kept per process in every mode (they never change while it runs).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "data" / "police-uk" / "thames-valley"
DISTRICTS = ("Oxford", "Reading", "Milton Keynes", "Wycombe", "Cherwell", "Slough")


def setup_data(folder: Path) -> object:
    """A fresh database with one analyst and a warehouse with the real Thames Valley street files."""
    os.environ["SAFER_VAR_DIR"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safer.config.settings_test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from safer.accounts.choices import Role
    from safer.intelligence.dashboard.aggregates import aggregates_refresh
    from safer.intelligence.tests.dashboard.loaders import street_files_load
    from safer.intelligence.warehouse import writer
    from safer.testing.accounts import make_user

    files = sorted(SHARED.glob("*-street.csv.gz"))
    if not files:
        sys.exit(f"No Thames Valley street files in {SHARED}; this benchmark needs ../shared/data.")
    started = time.perf_counter()
    with writer() as con:
        records = street_files_load(con, files)
        aggregates_refresh(con=con)
    print(f"Loaded {records:,} real records from {len(files)} files in {time.perf_counter() - started:.1f} s")
    return make_user(role=Role.ANALYST, with_device=False)


_FIGURES = """() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const data = performance.getEntriesByType('resource').filter(e => e.name.includes('/map/data.json'))[0];
    const total = Number(document.getElementById('dashboard-map').dataset.loadedAt);
    return {page: nav.responseEnd, data: data.responseEnd - data.startTime, total: total};
}"""


def _loads(page: Any, cache: Any, *, district: str, mode: str, repeat: int, period: str) -> dict[str, list[float]]:
    """One warm-up load then `repeat` timed loads of a district's map in one mode (baseline, cold or warm)."""
    from django.test import override_settings

    timings: dict[str, list[float]] = {"page": [], "data": [], "total": []}
    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(CACHES=dummy) if mode == "baseline" else contextlib.nullcontext():
        for attempt in range(repeat + 1):
            if mode == "cold":
                cache.clear()  # the live server runs in this process: its local-memory cache is this one
            page.goto(f"/intelligence/dashboard/map/?area={district}&period={period}")
            page.locator("#dashboard-map[data-loaded=true]").wait_for()
            figures = page.evaluate(_FIGURES)
            if attempt:  # the first load warms the caches (boundaries, geography, DuckDB; the layers when warm)
                for key in timings:
                    timings[key].append(figures[key])
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--district", action="append", help="district to map (repeatable)")
    parser.add_argument("--repeat", type=int, default=5, help="loads per district (after one warm-up load)")
    parser.add_argument("--period", default="2022-01..2022-12")
    parser.add_argument("--modes", default="baseline,cold,warm", help="any of baseline,cold,warm (see above)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="safer-bench-map-") as folder:
        analyst = setup_data(Path(folder))
        from django.contrib.staticfiles.handlers import StaticFilesHandler
        from django.core.cache import cache
        from django.test.testcases import LiveServerThread
        from playwright.sync_api import sync_playwright

        from safer.testing import browser as browser_support
        from safer.testing.accounts import TEST_PASSWORD

        server = LiveServerThread("localhost", StaticFilesHandler, port=0)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        base = f"http://localhost:{server.port}"
        chromium = browser_support.chromium_path()
        if chromium is None:
            sys.exit("No Chromium found (install Debian's chromium package, or set SAFER_CHROMIUM).")
        load = os.getloadavg()[0]
        results = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, args=browser_support.CHROMIUM_ARGS, headless=True
            )
            page = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900}).new_page()
            page.set_default_timeout(60_000)
            page.goto("/accounts/sign-in/")
            page.get_by_label("Username").fill(analyst.username)  # type: ignore[attr-defined]
            page.get_by_label("Password").fill(TEST_PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_load_state()
            modes = [m.strip() for m in args.modes.split(",") if m.strip()]
            for district in args.district or DISTRICTS:
                for mode in modes:
                    timings = _loads(page, cache, district=district, mode=mode, repeat=args.repeat, period=args.period)
                    cells = page.locator("#dashboard-map path.leaflet-interactive").count()
                    results.append((district, mode, timings))
                    print(
                        f"{district:15} {mode:8} "
                        + "  ".join(
                            f"{k} median {statistics.median(v):7.0f} ms max {max(v):7.0f} ms"
                            for k, v in timings.items()
                        )
                        + f"  ({cells} shapes drawn)",
                        flush=True,
                    )
            browser.close()
        server.terminate()
        print(f"Load average: {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end ({os.cpu_count()} CPUs)")
        for mode in modes:
            worst = max(statistics.median(t["total"]) for _, m, t in results if m == mode)
            print(f"{mode}: slowest district median total {worst:.0f} ms (target: under 1,000 ms)")


if __name__ == "__main__":
    main()
