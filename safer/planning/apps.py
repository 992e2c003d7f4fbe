"""Planning app configuration."""

from django.apps import AppConfig


class PlanningConfig(AppConfig):
    """Configuration of the planning app."""

    name = "safer.planning"
    label = "planning"
    verbose_name = "Planning"

    def ready(self) -> None:
        from safer.planning.messages import planning_messages_register

        planning_messages_register()
