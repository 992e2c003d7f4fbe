"""Casework admin: the configurable ladder. Cases and people are worked through the service's own pages
(where need-to-know and auditing apply), so they are deliberately not registered here. Nor is the risk
questionnaire: administrators change it on their own pages (/casework/risk-questionnaire/), where every change
is checked as a whole, versioned and audited."""

from django.contrib import admin

from safer.casework.models import LadderStage


@admin.register(LadderStage)
class LadderStageAdmin(admin.ModelAdmin):
    """Configure the four stages; with none configured the defaults from the issue apply."""

    list_display = ("number", "name", "letter_template")
    ordering = ("number",)
