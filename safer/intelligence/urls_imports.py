"""Data import URLs (included by intelligence/urls.py)."""

from django.urls import path

from safer.intelligence.views import imports

urlpatterns = [
    path("imports/", imports.ImportListView.as_view(), name="imports"),
    path("imports/<int:import_id>/", imports.ImportDetailView.as_view(), name="import-detail"),
    path("imports/<int:import_id>/rejects.csv", imports.ImportRejectsView.as_view(), name="import-rejects"),
    path("imports/jobs/<uuid:pk>/", imports.ImportJobDetailView.as_view(), name="import-job"),
    path("imports/jobs/<uuid:pk>/status/", imports.ImportJobProgressView.as_view(), name="import-job-status"),
]
