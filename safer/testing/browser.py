"""Browser-test support: Debian's Chromium through Playwright, and the axe-core accessibility check."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

AXE_JS = Path(__file__).resolve().parent.parent / "core" / "tests" / "browser" / "axe.min.js"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    """Path of a system Chromium (SAFER_CHROMIUM overrides), or None when there is none."""
    override = os.environ.get("SAFER_CHROMIUM")
    if override:
        return override
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


class AccessibilityViolationError(AssertionError):
    """axe-core found serious or critical violations on a page."""


AXE_RUN = """async () => await axe.run(document, {runOnly: {type: 'tag', values:
    ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"""
# A click that navigates returns before the next page has loaded; axe must run on the page that is
# being visited, not on the one being torn down. One retry after the load covers a navigation that
# started between the wait and the evaluation.
NAVIGATION_ATTEMPTS = 3


def _run_axe(page: Any) -> dict[str, Any]:
    from playwright.sync_api import Error as PlaywrightError

    for attempt in range(1, NAVIGATION_ATTEMPTS + 1):
        page.wait_for_load_state("load")
        try:
            if not page.evaluate("typeof window.axe !== 'undefined'"):
                # Evaluated over the DevTools protocol, so the page's strict CSP (no inline scripts) still holds.
                page.evaluate(AXE_JS.read_text(encoding="utf-8"))
            result: dict[str, Any] = page.evaluate(AXE_RUN)
            return result
        except PlaywrightError as error:
            navigating = "documentElement" in str(error) or "Execution context was destroyed" in str(error)
            if not navigating or attempt == NAVIGATION_ATTEMPTS:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def assert_accessible(page: Any, *, context: str = "") -> list[dict[str, Any]]:
    """Run axe-core (WCAG 2.x A/AA rules) on the page; fail on serious or critical violations."""
    result = _run_axe(page)
    bad = [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]
    if bad:
        lines = [f"axe-core: {len(bad)} serious/critical violation(s) on {context or page.url}:"]
        for violation in bad:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
            lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']} -> {targets}")
        raise AccessibilityViolationError("\n".join(lines))
    return result["violations"]
