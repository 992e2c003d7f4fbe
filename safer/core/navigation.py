"""Service navigation: each app registers its entries here; the user's capabilities decide what shows."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse


@dataclass(frozen=True)
class NavItem:
    """One entry of the service navigation."""

    label: str
    url_name: str
    capability: str | None  # None: any signed-in user


# Extension point: apps append here from their AppConfig.ready() or module import.
NAV_ITEMS: list[NavItem] = [
    NavItem("Home", "core:home", None),
    NavItem("Dashboard", "intelligence:dashboard", "intelligence.view"),
    NavItem("Data", "intelligence:imports", "intelligence.import"),
    NavItem("Partner extracts", "intelligence:extracts", "intelligence.import"),
    NavItem("Custom areas", "intelligence:custom-areas", "intelligence.import"),
    NavItem("Casework", "casework:home", "casework.view"),
    NavItem("Casework performance", "casework:performance", "casework.performance"),
    NavItem("Administration", "accounts:admin-home", "accounts.admin"),
    NavItem("Messages", "notifications:list", "notifications.view"),
    NavItem("Case reviews", "case_review:list", "casereview.view"),
    NavItem("MATAC", "safeguarding:matac-home", "safeguarding.matac.view"),
    NavItem("Domestic Homicide Reviews", "safeguarding:dhr-list", "safeguarding.dhr.view"),
    NavItem("Plans", "planning:home", "planning.view"),
    NavItem("Engagement", "engagement:home", "engagement.view"),
]


# Pages every page links to in its header and footer (base.html), by the name base.html reads them under.
SERVICE_LINKS: dict[str, str] = {
    "home": "core:home",
    "sign_out": "accounts:sign-out",
    "accessibility": "core:accessibility",
    "privacy": "core:privacy",
    "cookies": "core:cookies",
}


def service_links() -> dict[str, str]:
    """The addresses of the header's and footer's links, reversed once per script prefix and URLconf like the
    navigation's (five `{% url %}` tags on every page before).

    A page the URLconf lacks is left out rather than raised: this runs in a context processor, so raising would
    also break the 500 page that reports some other error (TestErrorPages renders it under a bare URLconf)."""
    prefix, urlconf = get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF
    links = {}
    for key, url_name in SERVICE_LINKS.items():
        href = _href(url_name, prefix, urlconf)
        if href is not None:
            links[key] = href
    return links


def navigation_for(request: HttpRequest) -> list[dict[str, object]]:
    """Return the navigation items this user may use, marking the current one."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    if getattr(request, "two_factor_pending", False):
        return []  # half signed in (two-factor still to do): nothing to navigate to yet
    items = []
    for item in NAV_ITEMS:
        if item.capability and not user.has_capability(item.capability):
            continue
        href = _href(item.url_name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
        if href is None:
            continue
        current = request.path == href or (href != "/" and request.path.startswith(href))
        items.append({"text": item.label, "href": href, "current": current})
    return items


@functools.lru_cache(maxsize=256)
def _href(url_name: str, script_prefix: str, urlconf: str) -> str | None:
    """The address of a navigation entry (None when its app has no such URL).

    The entries take no arguments, so their addresses change only with the script prefix and the URLconf, which
    are the key: every page draws the navigation, and reversing its entries on each request was a measurable share
    of a casework page (benchmarks/casework_load.py).
    """
    try:
        return reverse(url_name, urlconf=urlconf)
    except NoReverseMatch:
        return None
