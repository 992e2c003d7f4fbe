"""Engagement app configuration."""

from django.apps import AppConfig


class EngagementConfig(AppConfig):
    """Configuration of the engagement app."""

    name = "safer.engagement"
    label = "engagement"
    verbose_name = "Engagement"
