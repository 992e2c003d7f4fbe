"""Notifications URLs (messages by opaque id, never by recipient)."""

from django.urls import path

from safer.core.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.NotificationListView.as_view(), name="list"),
    path("templates/", views.MessageTemplateListView.as_view(), name="templates"),
    path("templates/<slug:key>/<slug:channel>/", views.MessageTemplateUpdateView.as_view(), name="template-update"),
    path("receipts/notify/", views.NotifyReceiptView.as_view(), name="receipt-notify"),
    path("<uuid:public_id>/", views.NotificationDetailView.as_view(), name="detail"),
    path("<uuid:public_id>/retry/", views.NotificationRetryView.as_view(), name="retry"),
    path("<uuid:public_id>/letter.pdf", views.NotificationLetterView.as_view(), name="letter"),
]
