"""Template context shared by every page: service name and the navigation the user may use."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from safer.core.navigation import navigation_for


def service(request: HttpRequest) -> dict[str, object]:
    """Service name and navigation items for the GOV.UK header."""
    return {
        "service_name": settings.SAFER_SERVICE_NAME,
        "navigation": navigation_for(request),
    }
