"""Root URLs: each app mounts its own urls.py."""

from django.contrib import admin
from django.urls import include, path

from safer.api import api

urlpatterns = [
    path("", include("safer.core.urls")),
    path("accounts/", include("safer.accounts.urls")),
    path("intelligence/", include("safer.intelligence.urls")),
    path("casework/", include("safer.casework.urls")),
    path("engagement/", include("safer.engagement.urls")),
    path("planning/", include("safer.planning.urls")),
    path("safeguarding/", include("safer.safeguarding.urls")),
    path("api/", api.urls),
    path("notifications/", include("safer.core.notifications.urls")),
    path("case-review/", include("safer.casework.case_review.urls")),
    path("django-admin/", admin.site.urls),
]

handler403 = "safer.core.views.error_403"
handler404 = "safer.core.views.error_404"
handler500 = "safer.core.views.error_500"
