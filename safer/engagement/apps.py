"""Engagement app configuration."""

from django.apps import AppConfig


class EngagementConfig(AppConfig):
    """Configuration of the engagement app."""

    name = "safer.engagement"
    label = "engagement"
    verbose_name = "Engagement"

    def ready(self) -> None:
        """Register the community messaging starting wordings with the notifications service."""
        from safer.engagement.messaging.message_templates import messaging_templates_register

        messaging_templates_register()
