"""Core app: audit trail, GOV.UK shell, shared plumbing."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Configuration of the core app."""

    name = "safer.core"
    label = "core"
    verbose_name = "Core"
