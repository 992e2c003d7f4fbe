"""Planning URLs."""

app_name = "planning"
urlpatterns: list = []
