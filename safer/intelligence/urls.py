"""Intelligence URLs: data imports (urls_imports.py) and the dashboard (urls_dashboard.py)."""

from importlib import import_module

app_name = "intelligence"
urlpatterns: list = []
for _module in (
    "safer.intelligence.urls_imports",
    "safer.intelligence.urls_dashboard",
    "safer.intelligence.urls_extracts",
):
    try:
        urlpatterns += import_module(_module).urlpatterns
    except ModuleNotFoundError as error:
        if error.name != _module:
            raise
