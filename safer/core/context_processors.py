"""Template context shared by every page: service name and the navigation the user may use."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from safer.core.navigation import navigation_for, service_links


def service(request: HttpRequest) -> dict[str, object]:
    """Service name, navigation items for the GOV.UK header, and the header's and footer's fixed links."""
    return {
        "service_name": settings.SAFER_SERVICE_NAME,
        "navigation": navigation_for(request),
        "service_links": service_links(),
    }
