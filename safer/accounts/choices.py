"""Choices for accounts: kinds of agency and the roles people hold."""

from django.db import models


class AgencyKind(models.TextChoices):
    """The kind of body an organisation is within the partnership."""

    COUNCIL = "council", "Council"
    POLICE = "police", "Police"
    HOUSING = "housing", "Housing provider"
    HEALTH = "health", "Health"
    PROBATION = "probation", "Probation"
    FIRE = "fire", "Fire and rescue"
    VOLUNTARY = "voluntary", "Voluntary sector"
    OPCC = "opcc", "Police and Crime Commissioner"
    OTHER = "other", "Other"


class Role(models.TextChoices):
    """What a person does in the service; it decides what they may see and do."""

    ANALYST = "analyst", "Analyst"
    CASEWORKER = "caseworker", "Caseworker"
    CASE_MANAGER = "case_manager", "Case manager"
    PARTNERSHIP_MANAGER = "partnership_manager", "Partnership manager"
    ADMINISTRATOR = "administrator", "Administrator"
    MATAC_ANALYST = "matac_analyst", "MATAC police analyst"
    MATAC_COORDINATOR = "matac_coordinator", "MATAC coordinator"
    MATAC_MEMBER = "matac_member", "MATAC partner member"
    DHR_COORDINATOR = "dhr_coordinator", "Domestic Homicide Review coordinator"
    # planning (issue 25): the partnership board reads the plan; officers of member agencies update their own actions.
    BOARD_MEMBER = "board_member", "Board member"
    AGENCY_OFFICER = "agency_officer", "Agency officer"
