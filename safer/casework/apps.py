"""Casework app configuration."""

from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    """Configuration of the casework app."""

    name = "safer.casework"
    label = "casework"
    verbose_name = "Casework"
