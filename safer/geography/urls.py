"""Geography URLs: custom areas."""

from django.urls import path

from safer.geography import views

app_name = "geography"
urlpatterns = [
    path("areas/", views.CustomAreaListView.as_view(), name="custom-areas"),
    path("areas/<int:area_id>/delete/", views.CustomAreaDeleteView.as_view(), name="custom-area-delete"),
]
