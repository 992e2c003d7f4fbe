"""Partner extract URLs (included by intelligence/urls.py)."""

from django.urls import path

from safer.intelligence.views import extracts

urlpatterns = [
    path("extracts/", extracts.ExtractUploadView.as_view(), name="extracts"),
    path("extracts/mapping/<str:token>/", extracts.ExtractMappingView.as_view(), name="extract-mapping"),
]
