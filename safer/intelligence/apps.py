"""Intelligence app configuration."""

from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    """Configuration of the intelligence app."""

    name = "safer.intelligence"
    label = "intelligence"
    verbose_name = "Intelligence"

    def ready(self) -> None:
        """Add the SIA reports page to the service navigation, after the dashboard."""
        from safer.core.navigation import NAV_ITEMS, NavItem

        item = NavItem("SIA reports", "intelligence:sia-reports", "intelligence.report")
        if item not in NAV_ITEMS:
            after = next((i for i, n in enumerate(NAV_ITEMS) if n.url_name == "intelligence:dashboard"), 0)
            NAV_ITEMS.insert(after + 1, item)
