"""Intelligence URLs: data imports, partner extracts, custom areas, the dashboard and SIA reports."""

from django.urls import path

from safer.intelligence.views import custom_areas, evaluations, extracts, imports, sia
from safer.intelligence.views.dashboard import (
    DashboardChartView,
    DashboardExportView,
    DashboardMapDataView,
    DashboardMapGeoJsonView,
    DashboardMapView,
    DashboardPatternsView,
    DashboardSeriousViolenceView,
    DashboardThemesView,
    DashboardView,
)

app_name = "intelligence"
urlpatterns = [
    path("imports/", imports.ImportListView.as_view(), name="imports"),
    path("imports/<int:import_id>/", imports.ImportDetailView.as_view(), name="import-detail"),
    path("imports/<int:import_id>/rejects.csv", imports.ImportRejectsView.as_view(), name="import-rejects"),
    path("imports/jobs/<uuid:pk>/", imports.ImportJobDetailView.as_view(), name="import-job"),
    path("imports/jobs/<uuid:pk>/status/", imports.ImportJobProgressView.as_view(), name="import-job-status"),
    path("extracts/", extracts.ExtractUploadView.as_view(), name="extracts"),
    path("extracts/mapping/<str:token>/", extracts.ExtractMappingView.as_view(), name="extract-mapping"),
    path("areas/", custom_areas.CustomAreaListView.as_view(), name="custom-areas"),
    path("areas/<int:area_id>/delete/", custom_areas.CustomAreaDeleteView.as_view(), name="custom-area-delete"),
    path("dashboard/", DashboardView.as_view(), name="dashboard"),
    path("dashboard/serious-violence/", DashboardSeriousViolenceView.as_view(), name="dashboard-serious-violence"),
    path("dashboard/themes/", DashboardThemesView.as_view(), name="dashboard-themes"),
    path("dashboard/map/", DashboardMapView.as_view(), name="dashboard-map"),
    path("dashboard/patterns/", DashboardPatternsView.as_view(), name="dashboard-patterns"),
    path("dashboard/map/data.json", DashboardMapDataView.as_view(), name="dashboard-map-data"),
    path("dashboard/map/<slug:layer>.geojson", DashboardMapGeoJsonView.as_view(), name="dashboard-map-geojson"),
    path("dashboard/evaluations/", evaluations.EvaluationListView.as_view(), name="evaluations"),
    path("dashboard/evaluations/<int:pk>/", evaluations.EvaluationDetailView.as_view(), name="evaluation-detail"),
    path("dashboard/evaluations/<int:pk>/summary.pdf", evaluations.EvaluationPdfView.as_view(), name="evaluation-pdf"),
    path(
        "dashboard/evaluations/<int:pk>/chart.<str:fmt>",
        evaluations.EvaluationChartView.as_view(),
        name="evaluation-chart",
    ),
    path("sia/", sia.SiaReportListView.as_view(), name="sia-reports"),
    path("sia/<uuid:pk>/", sia.SiaReportDetailView.as_view(), name="sia-report"),
    path("sia/<uuid:pk>/status/", sia.SiaReportStatusView.as_view(), name="sia-report-status"),
    path("sia/<uuid:pk>/report.<str:fmt>", sia.SiaReportFileView.as_view(), name="sia-report-file"),
    path("dashboard/table/<slug:name>.<str:fmt>", DashboardExportView.as_view(), name="dashboard-export"),
    path("dashboard/chart/<slug:name>.<str:fmt>", DashboardChartView.as_view(), name="dashboard-chart"),
]
