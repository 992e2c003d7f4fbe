"""Casework app configuration."""

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CaseworkConfig(AppConfig):
    """Configuration of the casework app."""

    name = "safer.casework"
    label = "casework"
    verbose_name = "Casework"

    def ready(self) -> None:
        from safer.casework.ladder import ladder_cache_clear
        from safer.casework.models import LadderStage

        post_save.connect(ladder_cache_clear, sender=LadderStage, dispatch_uid="ladder-cache-save")
        post_delete.connect(ladder_cache_clear, sender=LadderStage, dispatch_uid="ladder-cache-delete")

        from safer.casework.case_review.messages import case_review_messages_register

        case_review_messages_register()
