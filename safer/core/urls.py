"""Core URLs."""

from django.urls import path

from safer.core import views

app_name = "core"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("accessibility/", views.AccessibilityView.as_view(), name="accessibility"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("cookies/", views.CookiesView.as_view(), name="cookies"),
    path("health", views.HealthView.as_view(), name="health"),
    path("audit/", views.AuditLogView.as_view(), name="audit-log"),
]
