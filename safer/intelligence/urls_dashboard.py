"""Dashboard URLs: the pages, table exports, chart images and map data."""

from django.urls import path

from safer.intelligence.views.dashboard import (
    DashboardChartView,
    DashboardExportView,
    DashboardMapDataView,
    DashboardMapView,
    DashboardSeriousViolenceView,
    DashboardView,
)

urlpatterns = [
    path("dashboard/", DashboardView.as_view(), name="dashboard"),
    path("dashboard/serious-violence/", DashboardSeriousViolenceView.as_view(), name="dashboard-serious-violence"),
    path("dashboard/map/", DashboardMapView.as_view(), name="dashboard-map"),
    path("dashboard/map/data.json", DashboardMapDataView.as_view(), name="dashboard-map-data"),
    path("dashboard/table/<slug:name>.<str:fmt>", DashboardExportView.as_view(), name="dashboard-export"),
    path("dashboard/chart/<slug:name>.<str:fmt>", DashboardChartView.as_view(), name="dashboard-chart"),
]
