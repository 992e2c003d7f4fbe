"""Routing rules over hand-built reports (no database): which partners a report goes to, and why."""

from __future__ import annotations

from types import SimpleNamespace

from safer.engagement.routing import routes_for, rule_matches


def _partner(pk: int, kind: str, active: bool = True) -> SimpleNamespace:
    return SimpleNamespace(pk=pk, kind=kind, is_active=active, name=f"P{pk}")


def _rule(name: str, partner: SimpleNamespace, **conditions: object) -> SimpleNamespace:
    values = {"strands": [], "incident_kinds": [], "place_contains": "", "is_active": True}
    values.update(conditions)
    return SimpleNamespace(pk=hash(name) % 1000, name=name, partner=partner, **values)


def _report(**values: object) -> SimpleNamespace:
    base = {
        "strands": ["race"],
        "incident_kinds": ["verbal"],
        "place_label": "Cowley Road",
        "area_name": "Oxford",
        "consent_to_share": True,
        "share_with": ["police", "council", "housing", "victim_support"],
    }
    base.update(values)
    return SimpleNamespace(**base)


POLICE, COUNCIL, HOUSING, SUPPORT = (
    _partner(1, "police"),
    _partner(2, "council"),
    _partner(3, "housing"),
    _partner(4, "victim_support"),
)


class TestRuleMatches:
    def test_empty_rule_matches_anything(self) -> None:
        assert rule_matches(_rule("all", POLICE), _report())

    def test_strand_must_overlap(self) -> None:
        rule = _rule("disability", COUNCIL, strands=["disability"])
        assert not rule_matches(rule, _report(strands=["race"]))
        assert rule_matches(rule, _report(strands=["race", "disability"]))

    def test_kind_must_overlap(self) -> None:
        rule = _rule("physical", POLICE, incident_kinds=["physical"])
        assert not rule_matches(rule, _report(incident_kinds=["verbal", "online"]))
        assert rule_matches(rule, _report(incident_kinds=["physical"]))

    def test_place_words_in_place_or_district_ignoring_case(self) -> None:
        rule = _rule("blackbird", HOUSING, place_contains="blackbird leys")
        assert not rule_matches(rule, _report(place_label="Cowley Road"))
        assert rule_matches(rule, _report(place_label="Blackbird Leys Road"))
        assert rule_matches(_rule("oxford", HOUSING, place_contains="OXFORD"), _report(place_label=""))

    def test_every_condition_must_hold(self) -> None:
        rule = _rule("both", POLICE, strands=["race"], incident_kinds=["physical"])
        assert not rule_matches(rule, _report(strands=["race"], incident_kinds=["verbal"]))


class TestRoutesFor:
    def test_no_consent_refers_nothing(self) -> None:
        assert routes_for(_report(consent_to_share=False), [_rule("all", POLICE)]) == []

    def test_only_kinds_the_reporter_agreed_to(self) -> None:
        rules = [_rule("police all", POLICE), _rule("support all", SUPPORT)]
        routed = routes_for(_report(share_with=["victim_support"]), rules)
        assert [r.partner for r in routed] == [SUPPORT]

    def test_one_referral_per_partner_first_rule_by_name(self) -> None:
        rules = [_rule("b race", POLICE, strands=["race"]), _rule("a any", POLICE)]
        routed = routes_for(_report(), rules)
        assert [r.name for r in routed] == ["a any"]

    def test_inactive_rules_and_partners_are_skipped(self) -> None:
        closed = _partner(5, "council", active=False)
        rules = [_rule("off", POLICE, is_active=False), _rule("closed partner", closed)]
        assert routes_for(_report(), rules) == []

    def test_hand_built_scheme(self) -> None:
        # Police: physical attacks; council: anything on its estates; housing: Blackbird Leys; support: disability.
        rules = [
            _rule("police physical", POLICE, incident_kinds=["physical"]),
            _rule("council estates", COUNCIL, place_contains="estate"),
            _rule("housing leys", HOUSING, place_contains="blackbird leys"),
            _rule("support disability", SUPPORT, strands=["disability"]),
        ]
        report = _report(
            strands=["disability"],
            incident_kinds=["physical"],
            place_label="Blackbird Leys estate",
            share_with=["police", "housing", "victim_support"],
        )
        # The council rule matches, but the reporter did not agree to the council.
        assert sorted(r.partner.kind for r in routes_for(report, rules)) == ["housing", "police", "victim_support"]
        verbal = _report(strands=["race"], incident_kinds=["verbal"], place_label="Cowley Road")
        assert routes_for(verbal, rules) == []
