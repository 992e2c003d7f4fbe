"""Safeguarding app configuration."""

from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    """Configuration of the safeguarding app (MATAC and Domestic Homicide Reviews)."""

    name = "safer.safeguarding"
    label = "safeguarding"
    verbose_name = "Safeguarding"
