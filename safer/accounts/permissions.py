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

# Roles whose users can see personal data: casework subjects, or the audit trail naming staff.
PERSONAL_DATA_ROLES: frozenset[str] = frozenset({Role.CASEWORKER, Role.CASE_MANAGER, Role.ADMINISTRATOR})


def capabilities_for(role: str) -> frozenset[str]:
    """The capabilities a role grants."""
    return ROLE_CAPABILITIES.get(role, frozenset())


def role_sees_personal_data(role: str) -> bool:
    """True when the role can see personal data, so two-factor sign-in is required."""
    return role in PERSONAL_DATA_ROLES
