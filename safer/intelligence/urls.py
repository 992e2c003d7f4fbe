"""Intelligence URLs."""

app_name = "intelligence"
urlpatterns: list = []
