"""Engagement app configuration."""

from django.apps import AppConfig


class EngagementConfig(AppConfig):
    """Configuration of the engagement app."""

    name = "safer.engagement"
    label = "engagement"
    verbose_name = "Engagement"

    def ready(self) -> None:
        """Register the community messaging starting wordings, and the API's mapping of engagement errors."""
        from safer.api import api
        from safer.engagement.api import engagement_error_handler
        from safer.engagement.errors import EngagementError
        from safer.engagement.messaging.message_templates import messaging_templates_register

        messaging_templates_register()
        api.add_exception_handler(EngagementError, engagement_error_handler)
