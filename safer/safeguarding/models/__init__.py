"""Safeguarding models: MATAC and Domestic Homicide Reviews."""

from safer.safeguarding.models.dhr import ManagementReview, PanelMember, Review, ReviewAction, ReviewDraft, ReviewLesson
from safer.safeguarding.models.matac import (
    AgendaItem,
    MatacAction,
    MatacArea,
    Meeting,
    PartnerReferral,
    ProgrammeEpisode,
    Ranking,
    RankingEntry,
    ScoringSchemeVersion,
    Subject,
)

__all__ = [
    "AgendaItem",
    "ManagementReview",
    "MatacAction",
    "MatacArea",
    "Meeting",
    "PanelMember",
    "PartnerReferral",
    "ProgrammeEpisode",
    "Ranking",
    "RankingEntry",
    "Review",
    "ReviewAction",
    "ReviewDraft",
    "ReviewLesson",
    "ScoringSchemeVersion",
    "Subject",
]
