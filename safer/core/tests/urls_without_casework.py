"""A URLconf without casework, for the navigation test of an entry whose app is not installed."""

from django.urls import include, path

urlpatterns = [path("", include("safer.core.urls"))]
