"""Intelligence app configuration."""

from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    """Configuration of the intelligence app."""

    name = "safer.intelligence"
    label = "intelligence"
    verbose_name = "Intelligence"
