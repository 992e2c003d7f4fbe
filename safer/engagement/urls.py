"""Engagement URLs."""

app_name = "engagement"
urlpatterns: list = []
