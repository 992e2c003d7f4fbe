"""Planning app configuration."""

from django.apps import AppConfig


class PlanningConfig(AppConfig):
    """Configuration of the planning app."""

    name = "safer.planning"
    label = "planning"
    verbose_name = "Planning"
