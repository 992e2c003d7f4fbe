"""Fixtures shared by every app's tests: users, signed-in clients, the warehouse, shared data, browsers."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from safer.testing import browser as browser_support

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("SAFER_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
REQUIRE_BROWSER = os.environ.get("REQUIRE_BROWSER", "").lower() in {"1", "true", "yes"} or IN_CI


@pytest.fixture(autouse=True)
def _isolated_warehouse(settings: Any, tmp_path: Path) -> None:
    """Each test gets its own empty DuckDB warehouse file."""
    settings.SAFER_WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"


@pytest.fixture(autouse=True)
def _fresh_ladder() -> None:
    """The casework ladder is cached per process; a rolled-back test must not leave its ladder behind."""
    from safer.casework.ladder import ladder_cache_clear

    ladder_cache_clear()


@pytest.fixture
def shared_data() -> Path:
    """The full real data in ../shared/data; skipped on a user's clone, mandatory in CI."""
    if not SHARED_DATA.exists():
        if IN_CI:
            pytest.fail(f"CI=true but the shared data folder {SHARED_DATA} is missing.")
        pytest.skip(f"{SHARED_DATA} not present (tests over the full real files run in CI)")
    return SHARED_DATA


@pytest.fixture
def make_user(db: None) -> Callable[..., Any]:
    """Factory: make_user(role=..., organisation=..., with_device=True)."""
    from safer.testing.accounts import make_user as factory

    return factory


@pytest.fixture
def make_organisation(db: None) -> Callable[..., Any]:
    """Factory: make_organisation(name=None, kind='council')."""
    from safer.testing.accounts import make_organisation as factory

    return factory


@pytest.fixture
def client_for(db: None) -> Callable[..., Any]:
    """client_for(user) -> a Django test client signed in past two-factor."""
    from safer.testing.accounts import signed_in_client

    return signed_in_client


# ---- Browser tests -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def _chromium() -> Iterator[Any]:
    path = browser_support.chromium_path()
    if path is None:
        message = "No Chromium found (install Debian's chromium package, or set SAFER_CHROMIUM)."
        if REQUIRE_BROWSER:
            pytest.fail(message + " REQUIRE_BROWSER/CI is set, so browser tests may not be skipped.")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=browser_support.CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(_chromium: Any, live_server: Any) -> Iterator[Any]:
    """A fresh browser page; `page.base_url` is the live server's address."""
    context = _chromium.new_context(base_url=live_server.url, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(15_000)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.base_url = live_server.url  # type: ignore[attr-defined]
    yield pg
    context.close()
    assert not errors, f"JavaScript errors in the page: {errors}"


@pytest.fixture
def axe() -> Callable[..., Any]:
    """axe(page): run axe-core and fail on serious or critical violations."""
    return browser_support.assert_accessible


@pytest.fixture
def browser_sign_in(axe: Callable[..., Any]) -> Callable[..., None]:
    """browser_sign_in(page, user): sign in through the real pages (and two-factor), checking each with axe."""
    from safer.testing.accounts import TEST_PASSWORD, current_code

    def sign_in(pg: Any, user: Any, password: str = TEST_PASSWORD) -> None:
        pg.goto("/accounts/sign-in/")
        axe(pg)
        pg.get_by_label("Username").fill(user.username)
        pg.get_by_label("Password").fill(password)
        pg.get_by_role("button", name="Sign in").click()
        if "/two-factor/verify/" in pg.url:
            axe(pg)
            pg.get_by_label("Security code").fill(current_code(user))
            pg.get_by_role("button", name="Continue").click()
        pg.wait_for_load_state()

    return sign_in


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    """Mark every test that drives a browser, so `-m browser` / `-m "not browser"` select them."""
    for item in items:
        if "page" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
