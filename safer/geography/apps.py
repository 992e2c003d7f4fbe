"""Geography app configuration."""

from django.apps import AppConfig


class GeographyConfig(AppConfig):
    """Configuration of the geography app."""

    name = "safer.geography"
    label = "geography"
    verbose_name = "Geography"
