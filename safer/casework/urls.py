"""Casework URLs."""

app_name = "casework"
urlpatterns: list = []
