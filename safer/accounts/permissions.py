"""Which capabilities each role has, and which roles see personal data (so need two-factor sign-in)."""

from __future__ import annotations

from safer.accounts.choices import Role

# Capabilities are the one vocabulary views, selectors and navigation check against.
ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.ANALYST: frozenset({"intelligence.view", "intelligence.import"}),
    Role.CASEWORKER: frozenset({"intelligence.view", "casework.view", "casework.edit"}),
    Role.CASE_MANAGER: frozenset(
        {"intelligence.view", "casework.view", "casework.edit", "casework.manage", "casework.performance"}
    ),
    Role.PARTNERSHIP_MANAGER: frozenset(
        {"intelligence.view", "intelligence.import", "casework.performance", "planning.manage"}
    ),
    Role.ADMINISTRATOR: frozenset({"intelligence.view", "intelligence.import", "accounts.admin", "audit.view"}),
    # safeguard22: MATAC and Domestic Homicide Reviews (safer/safeguarding; docs/matac-scoring.md).
    Role.MATAC_ANALYST: frozenset(
        {"safeguarding.matac.view", "safeguarding.matac.refer", "intelligence.import", "safeguarding.matac.score"}
    ),
    Role.MATAC_COORDINATOR: frozenset(
        {
            "safeguarding.matac.view",
            "safeguarding.matac.refer",
            "intelligence.import",
            "safeguarding.matac.score",
            "safeguarding.matac.manage",
        }
    ),
    Role.MATAC_MEMBER: frozenset({"safeguarding.matac.view", "safeguarding.matac.refer"}),
    Role.DHR_COORDINATOR: frozenset({"safeguarding.dhr.view", "safeguarding.dhr.manage"}),
}

# Engagement (issue 23): consultations, Safe Places and hate-report statistics for partnership staff; hate reports
# themselves (names, contact details) only for roles that see personal data; reporting-centre staff submit them.
ROLE_CAPABILITIES = {
    **ROLE_CAPABILITIES,
    Role.ANALYST: ROLE_CAPABILITIES[Role.ANALYST] | {"engagement.view"},
    Role.PARTNERSHIP_MANAGER: ROLE_CAPABILITIES[Role.PARTNERSHIP_MANAGER] | {"engagement.view", "engagement.manage"},
    Role.CASE_MANAGER: ROLE_CAPABILITIES[Role.CASE_MANAGER] | {"engagement.view", "engagement.hate"},
    Role.CASEWORKER: ROLE_CAPABILITIES[Role.CASEWORKER] | {"engagement.report"},
}

# SIA reports (issue 20): the partnership's analysts and managers write and download them.
ROLE_CAPABILITIES = {
    **ROLE_CAPABILITIES,
    Role.ANALYST: ROLE_CAPABILITIES[Role.ANALYST] | {"intelligence.report"},
    Role.PARTNERSHIP_MANAGER: ROLE_CAPABILITIES[Role.PARTNERSHIP_MANAGER] | {"intelligence.report"},
}

# Roles whose users can see personal data: casework subjects, or the audit trail naming staff.
PERSONAL_DATA_ROLES: frozenset[str] = frozenset({Role.CASEWORKER, Role.CASE_MANAGER, Role.ADMINISTRATOR})
PERSONAL_DATA_ROLES |= {Role.MATAC_ANALYST, Role.MATAC_COORDINATOR, Role.MATAC_MEMBER, Role.DHR_COORDINATOR}


def capabilities_for(role: str) -> frozenset[str]:
    """The capabilities a role grants."""
    return ROLE_CAPABILITIES.get(role, frozenset())


def role_sees_personal_data(role: str) -> bool:
    """True when the role can see personal data, so two-factor sign-in is required."""
    return role in PERSONAL_DATA_ROLES


# Notifications (safer/core/notifications): case managers see and resend their organisation's messages;
# administrators see every organisation's and edit the message templates.
ROLE_CAPABILITIES[Role.CASE_MANAGER] |= {"notifications.view"}
ROLE_CAPABILITIES[Role.ADMINISTRATOR] |= {"notifications.view", "notifications.all", "notifications.templates"}

# ASB Case Review (safer/casework/case_review): case managers of the coordinating organisation coordinate;
# caseworkers and case managers of panel agencies take part; the annual table goes with casework.performance.
ROLE_CAPABILITIES[Role.CASE_MANAGER] |= {"casereview.view", "casereview.coordinate"}
ROLE_CAPABILITIES[Role.CASEWORKER] |= {"casereview.view"}
# planning (issue 25): board members read plans; officers of member agencies also update their own actions and returns.
ROLE_CAPABILITIES[Role.BOARD_MEMBER] = frozenset({"planning.view"})
ROLE_CAPABILITIES[Role.AGENCY_OFFICER] = frozenset({"planning.view", "planning.update"})
for _role in (Role.ANALYST, Role.CASEWORKER, Role.CASE_MANAGER):
    ROLE_CAPABILITIES[_role] = ROLE_CAPABILITIES[_role] | {"planning.view", "planning.update"}
ROLE_CAPABILITIES[Role.PARTNERSHIP_MANAGER] = ROLE_CAPABILITIES[Role.PARTNERSHIP_MANAGER] | {
    "planning.view",
    "planning.update",
}

# Community messaging (issue 24, safer/engagement/messaging): staff of the partnership write messages and see their
# results; partnership managers also approve messages and see and manage subscribers (contact details).
for _role in (Role.ANALYST, Role.AGENCY_OFFICER):
    ROLE_CAPABILITIES[_role] = ROLE_CAPABILITIES[_role] | {"messaging.view", "messaging.write"}
ROLE_CAPABILITIES[Role.PARTNERSHIP_MANAGER] = ROLE_CAPABILITIES[Role.PARTNERSHIP_MANAGER] | {
    "messaging.view",
    "messaging.write",
    "messaging.approve",
    "messaging.subscribers",
}
