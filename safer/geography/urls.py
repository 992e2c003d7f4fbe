"""Geography URLs."""

app_name = "geography"
urlpatterns: list = []
