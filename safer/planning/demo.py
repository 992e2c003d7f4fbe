"""Demo planning data: a West Oxfordshire-style rolling plan with live indicators, the Oxfordshire PCC
funding distribution 2014-17 as published, a six-monthly return and the board scorecard.

Progress comments, entered indicator values and return progress are SYNTHETIC (made up for the demo).
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from safer.accounts.choices import Role
from safer.accounts.models import Organisation, User
from safer.accounts.services.admin import organisation_create, user_create
from safer.planning import demo_content as content
from safer.planning.choices import CaseworkFigure, DashboardSource, Direction, IndicatorKind, MemberKind, Rag
from safer.planning.models import ActionUpdate, Fund, Funder, Indicator, Plan
from safer.planning.selectors import financial_quarter, overdue_actions
from safer.planning.services import funding as money
from safer.planning.services import indicators, plans, update_requests

SLUG = "west-oxfordshire-2024-27"
PCC = "Thames Valley Police and Crime Commissioner"
FUND = "Community safety fund (Oxfordshire)"
SYNTHETIC = "SYNTHETIC demo text: "


def _organisation(name: str, kind: str) -> Organisation:
    return Organisation.objects.filter(name=name).first() or organisation_create(actor=None, name=name, kind=kind)


def _user(username: str, first: str, last: str, role: str, organisation: Organisation) -> User:
    from safer.accounts.demo import DEMO_PASSWORD

    return User.objects.filter(username=username).first() or user_create(
        actor=None,
        username=username,
        password=DEMO_PASSWORD,
        role=role,
        organisation=organisation,
        first_name=first,
        last_name=last,
        email=f"{username}@example.org",
    )


def _indicators(manager: User, plan: Plan, orgs: dict[str, Organisation]) -> dict[str, Indicator]:
    made: dict[str, Indicator] = {}
    # Months with data in both years of the demo's police.uk sample (see intelligence/demo_data/README.md).
    for key, name, source, crime_type, period in (
        (
            "violence",
            "Violence and sexual offences, West Oxfordshire",
            DashboardSource.CRIME,
            "Violence and sexual offences",
            "2022-03..2022-04",
        ),
        (
            "asb",
            "Anti-social behaviour reported to the police, West Oxfordshire",
            DashboardSource.CRIME,
            "Anti-social behaviour",
            "2022-03..2022-04",
        ),
        ("burglary", "Burglary, West Oxfordshire", DashboardSource.CRIME, "Burglary", "2022-03..2022-04"),
        ("all_2022", "All recorded crime, West Oxfordshire, calendar year 2022", DashboardSource.CRIME, "", "2022"),
        (
            "sv1",
            "Serious violence Group 1, West Oxfordshire",
            DashboardSource.SERIOUS_VIOLENCE_1,
            "",
            "2022-03..2022-04",
        ),
    ):
        made[key] = indicators.indicator_save(
            actor=manager,
            plan=plan,
            name=name,
            kind=IndicatorKind.DASHBOARD,
            dashboard_source=source,
            area="West Oxfordshire",
            period=period,
            crime_type=crime_type,
            direction=Direction.LOWER,
            # The offence extract covers one year only, so Group 1 is judged against a target: 202 offences a
            # year in the 2023 SIA, pro rata for two months.
            target=Decimal(34) if key == "sv1" else None,
            tolerance_pct=Decimal(5),
            use_significance=True,
        )
    made["no_further_asb"] = indicators.indicator_save(
        actor=manager,
        plan=plan,
        name="No further ASB in the 6 months after the first intervention",
        kind=IndicatorKind.CASEWORK,
        casework_figure=CaseworkFigure.NO_FURTHER_ASB,
        period="rolling-12",
        direction=Direction.HIGHER,
        target=Decimal(65),
        tolerance_pct=Decimal(10),
    )
    slavery = indicators.indicator_save(
        actor=manager,
        plan=plan,
        name="Modern slavery victims supported through the NRM (SYNTHETIC values)",
        kind=IndicatorKind.ENTERED,
        unit="victims",
        entering_organisation=orgs["Oxfordshire County Council"],
        direction=Direction.HIGHER,
        tolerance_pct=Decimal(10),
    )
    officer = _user("slavery", "Sam", "Coordinator", Role.AGENCY_OFFICER, orgs["Oxfordshire County Council"])
    today = timezone.localdate()
    year, quarter = financial_quarter(today)
    rng = random.Random(25)
    for back in range(8, 0, -1):  # the eight quarters before this one
        index = year * 4 + quarter - 1 - back
        y, q = index // 4, index % 4 + 1
        indicators.indicator_value_enter(
            actor=officer,
            indicator=slavery,
            year=y,
            quarter=q,
            value=Decimal(rng.randint(6, 14)),
            note="SYNTHETIC demo value",
        )
    made["slavery"] = slavery
    return made


def _progress(plan: Plan, manager: User, today: date) -> None:
    year, quarter = financial_quarter(today)
    rng = random.Random(2024)
    for priority in plan.priorities.all():
        for action in priority.actions.all():
            last = year * 4 + quarter - 1 - (1 if rng.random() < 0.4 else 0)  # some are behind this quarter
            for index in range(2024 * 4 + 0, last + 1):
                y, q = index // 4, index % 4 + 1
                rag = rng.choices([Rag.GREEN, Rag.AMBER, Rag.RED], weights=[6, 3, 1])[0]
                ActionUpdate.objects.create(
                    action=action,
                    year=y,
                    quarter=q,
                    rag=rag,
                    recorded_by=manager,
                    comment=f"{SYNTHETIC}{Rag(rag).label.split(':')[0]} in Q{q}: work continues with partners.",
                )


def _funding(manager: User, west_oxfordshire: Organisation | None = None) -> Fund:
    funder = Funder.objects.filter(name=PCC).first() or money.funder_create(
        actor=manager, name=PCC, objectives=content.PCC_OBJECTIVES
    )
    funds = {}
    for year, total in content.PUBLISHED_TOTALS.items():
        funds[year] = money.fund_create(
            actor=manager,
            funder=funder,
            name=FUND,
            year=year,
            amount_pence=total * 100,
            notes="Figure 3 of the Safer Oxfordshire Partnership community safety agreement 2016-17.",
        )
    for line, amounts, subs in content.FUNDING_LINES:
        for year, pounds in amounts.items():
            if pounds is None:
                continue
            parent = money.allocation_add(
                actor=manager,
                fund=funds[year],
                line=line,
                recipient=line,
                amount_pence=pounds * 100,
                up_to=line.startswith("Strategic Intelligence") and year == 2015,
                notes="**A portion allocated in April once impact reports are received."
                if year == 2016 and line.startswith("Domestic")
                else "",
            )
            for sub_line, sub_amounts in subs:
                if sub_amounts.get(year) is not None:
                    sub = money.allocation_add(
                        actor=manager,
                        fund=funds[year],
                        line=sub_line,
                        recipient=sub_line,
                        parent=parent,
                        amount_pence=(sub_amounts[year] or 0) * 100,
                        recipient_organisation=west_oxfordshire if sub_line == "West Oxfordshire" else None,
                    )
                    if sub_line == "West Oxfordshire" and year == 2016:
                        money.spend_record(
                            actor=manager,
                            allocation=sub,
                            half=1,
                            amount_pence=21_500_00,
                            outcomes=f"{SYNTHETIC}Safer Streets match funding and the youth diversion programme.",
                        )
            if line == "Public Health" and year == 2014:
                money.carry_forward_add(
                    actor=manager,
                    allocation=parent,
                    to_year=2015,
                    amount_pence=53_000 * 100,
                    purpose="Published as 'just under £53k': activity to prevent child sexual exploitation through the "
                    "OSCB CSE subgroup (£46.5k committed in January 2016, carried into 2016-17).",
                )
    return funds[2016]


def _return(manager: User, fund: Fund, orgs: dict[str, Organisation]) -> None:
    funding_return = money.return_create(actor=manager, fund=fund, half=1)
    objectives = {o.number: o for o in fund.funder.objectives.all()}
    for number, priority, lead in content.RETURN_LINES:
        line = money.return_line_add(
            actor=manager,
            funding_return=funding_return,
            objective=objectives[number],
            joint_priority=priority,
            lead_agency=lead,
            lead_organisation=orgs["West Oxfordshire District Council"]
            if lead.startswith(("Community", "CSPs"))
            else None,
        )
        if number != 6:
            money.return_line_update(
                actor=manager,
                line=line,
                outcome=f"{SYNTHETIC}outcome agreed with the lead agency.",
                progress=f"{SYNTHETIC}activity delivered April to September; figures in the scorecard.",
            )


@transaction.atomic
def demo_load() -> list[str]:
    """Load the demo plan, indicators, progress, funding and return (skipped when already loaded)."""
    lines = [
        f"Planning: /planning/ (sign in as partnership, board or officer); public plan /planning/published/{SLUG}/ "
        "(in Welsh: ?lang=cy)"
    ]
    if Plan.objects.filter(slug=SLUG).exists():
        return [*lines, "  Demo plan already loaded."]
    orgs = {name: _organisation(name, kind) for name, kind in content.ORGANISATIONS}
    manager = User.objects.get(username="partnership")
    _user("board", "Bev", "Board-Member", Role.BOARD_MEMBER, orgs["West Oxfordshire District Council"])
    officer = _user("officer", "Olu", "Officer", Role.AGENCY_OFFICER, orgs["West Oxfordshire District Council"])
    plan = plans.plan_create(
        actor=manager,
        partnership="West Oxfordshire Community Safety Partnership",
        title="Community Safety Partnership Rolling Plan January 2024 to March 2027",
        slug=SLUG,
        area_name="West Oxfordshire",
        starts_on=date(2024, 1, 1),
        ends_on=date(2027, 3, 31),
        introduction=content.INTRODUCTION,
        bilingual=True,  # so the demo shows the published page's Welsh (?lang=cy)
    )
    for name in content.STATUTORY_MEMBERS:
        plans.member_add(actor=manager, plan=plan, name=name, kind=MemberKind.STATUTORY)
    for name in content.INVITED_MEMBERS:
        plans.member_add(actor=manager, plan=plan, name=name, kind=MemberKind.INVITED)
    for duty, how in content.DUTIES:
        plans.duty_save(actor=manager, plan=plan, duty=duty, how_met=how)
    for term, meaning in content.GLOSSARY:
        plans.glossary_add(actor=manager, plan=plan, term=term, meaning=meaning)
    made = _indicators(manager, plan, orgs)
    for title, position, actions in content.PRIORITIES:
        priority = plans.priority_save(
            actor=manager,
            plan=plan,
            title=title,
            current_position=position,
            dashboard_query="area=West Oxfordshire&period=2022",
        )
        for what, how, who, why, youth, lead, key in actions:
            lead_org = orgs[lead] if lead else None
            plans.action_save(
                actor=manager,
                priority=priority,
                what=what,
                how=how,
                who=who,
                why=why,
                youth_focused=youth,
                lead_organisation=lead_org,
                owner=officer if lead == "West Oxfordshire District Council" else None,
                starts_on=date(2024, 1, 1),
                due_on=date(2027, 3, 31) if key else date(2026, 9, 30),
                outcome_measure=str(made[key]) if key else "",
                indicator=made.get(key) if key else None,
            )
    plans.version_approve(actor=manager, plan=plan, approved_on=date(2024, 1, 16), approved_by="WOCSP board meeting")
    # Changed after the board approved version 1, so "what changed since" has something to show.
    fraud = plan.priorities.get(title="Fraud")
    plans.action_save(
        actor=manager,
        priority=fraud,
        what="Increasing Awareness",
        how="Using resources from the Thames Valley Multi-Agency Action Fraud meetings, make sure professionals and "
        "residents have access to publications and tools.",
        who="All WOCSP Members",
        why="Residents will know which agencies to go to for help with the different types of fraud.",
        starts_on=date(2024, 4, 1),
        due_on=date(2027, 3, 31),
    )
    plans.plan_publish(actor=manager, plan=plan, published=True)
    today = timezone.localdate()
    _progress(plan, manager, today)
    overdue = [item for item in overdue_actions(plan=plan, today=today) if item.action.owner_id]
    if overdue:  # the console backend keeps the message on the machine: nothing is really sent in the demo
        update_requests.update_request_send(
            actor=manager, actions=[overdue[0].action], reasons={overdue[0].action.pk: overdue[0].reason}
        )
    fund = _funding(manager, orgs["West Oxfordshire District Council"])
    _return(manager, fund, orgs)
    return [
        *lines,
        f"  Demo plan: {plan.title} ({plan.priorities.count()} priorities, indicators over the demo crime data).",
        "  Funding: the PCC distribution 2014-15 to 2016-17 as published (totals 789,316 / 786,680 / 778,813).",
        "  Progress comments, entered values and return progress are SYNTHETIC.",
        f"  Overdue actions and asking owners for updates: /planning/{SLUG}/overdue/ (sign in as partnership).",
        "  Planning sign-ins (password as below): board (Board member), officer (Agency officer, West Oxfordshire "
        "District Council), slavery (Agency officer, Oxfordshire County Council).",
    ]
