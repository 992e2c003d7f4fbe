"""Safeguarding app configuration."""

from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    """Configuration of the safeguarding app (MATAC and Domestic Homicide Reviews)."""

    name = "safer.safeguarding"
    label = "safeguarding"
    verbose_name = "Safeguarding"

    def ready(self) -> None:
        from safer.api import api
        from safer.safeguarding.api import safeguarding_error_handler
        from safer.safeguarding.errors import SafeguardingError

        api.add_exception_handler(SafeguardingError, safeguarding_error_handler)
