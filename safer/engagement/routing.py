"""Which partner agencies a hate report goes to: the routing rules, applied in one place. No Django queries.

Rule: a report is referred to a partner when the reporter consented to sharing with that kind of agency AND
at least one active rule for that (active) partner matches. A rule matches when every condition it sets holds:
- strands: the report names at least one of the rule's strands;
- incident kinds: the report names at least one of the rule's kinds of incident;
- place: the rule's words appear (ignoring case) in the report's place or its district.
An empty condition matches any report. Each partner gets at most one referral per report (the first matching
rule by name is recorded as the reason). Without consent nothing is referred, whatever the rules say.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def rule_matches(rule: Any, report: Any) -> bool:
    """True when every condition the rule sets holds for the report."""
    if rule.strands and not set(rule.strands) & set(report.strands):
        return False
    if rule.incident_kinds and not set(rule.incident_kinds) & set(report.incident_kinds):
        return False
    if rule.place_contains:
        where = f"{report.place_label} {report.area_name}".lower()
        if rule.place_contains.strip().lower() not in where:
            return False
    return True


def routes_for(report: Any, rules: Iterable[Any]) -> list[Any]:
    """The rules that refer the report, one per partner, in rule-name order (see the module docstring)."""
    if not report.consent_to_share:
        return []
    chosen: dict[int, Any] = {}
    for rule in sorted(rules, key=lambda r: (r.name, r.pk or 0)):
        partner = rule.partner
        if not (rule.is_active and partner.is_active) or partner.pk in chosen:
            continue
        if partner.kind in report.share_with and rule_matches(rule, report):
            chosen[partner.pk] = rule
    return list(chosen.values())
