"""Keeping the plan: create it, its priorities, objectives, actions, duties, members; publish; approve versions."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models, transaction

from safer.accounts.models import Organisation, User
from safer.planning.choices import MemberKind, PlanningAuditAction, StatutoryDuty, YouthFocus
from safer.planning.errors import PlanningInputError
from safer.planning.models import Action, Duty, GlossaryTerm, Indicator, Member, Objective, Plan, PlanVersion, Priority
from safer.planning.services._common import audited, require_manager, within_plan
from safer.planning.versions import plan_snapshot


def _period_check(starts_on: date, ends_on: date) -> None:
    """A plan's period ends after it starts."""
    if ends_on <= starts_on:
        raise PlanningInputError(
            f"The plan must end after it starts (start {starts_on:%-d %B %Y}, end {ends_on:%-d %B %Y}).",
            field="ends_on",
        )


@transaction.atomic
def plan_create(
    *,
    actor: User | None,
    partnership: str,
    title: str,
    slug: str,
    area_name: str,
    starts_on: date,
    ends_on: date,
    introduction: str = "",
    bilingual: bool = False,
) -> Plan:
    """Start a new rolling plan for a period of one or more years."""
    require_manager(actor)
    _period_check(starts_on, ends_on)
    if Plan.objects.filter(slug=slug).exists():
        raise PlanningInputError(
            f'There is already a plan with the web address "{slug}". Choose another.', field="slug"
        )
    plan = Plan.objects.create(
        partnership=partnership,
        title=title,
        slug=slug,
        area_name=area_name,
        starts_on=starts_on,
        ends_on=ends_on,
        introduction=introduction,
        bilingual=bilingual,
    )
    audited(actor, PlanningAuditAction.PLAN_CREATED, plan)
    return plan


@transaction.atomic
def plan_update(
    *,
    actor: User | None,
    plan: Plan,
    partnership: str,
    title: str,
    area_name: str,
    starts_on: date,
    ends_on: date,
    introduction: str = "",
    bilingual: bool = False,
) -> Plan:
    """Change the plan's title, area, period or introduction; actions must stay within the new period."""
    require_manager(actor)
    _period_check(starts_on, ends_on)
    outside = Action.objects.filter(priority__plan=plan).filter(
        models.Q(starts_on__lt=starts_on) | models.Q(due_on__gt=ends_on)
    )
    if outside.exists():
        raise PlanningInputError(
            f"{outside.count()} action(s) would fall outside the new period, for example "
            f'"{outside.first()}". Change their dates first, or choose a longer period.',
            field="starts_on",
        )
    plan.partnership, plan.title, plan.area_name = partnership, title, area_name
    plan.starts_on, plan.ends_on, plan.introduction = starts_on, ends_on, introduction
    plan.bilingual = bilingual
    plan.save()
    audited(actor, PlanningAuditAction.PLAN_UPDATED, plan)
    return plan


@transaction.atomic
def priority_save(
    *,
    actor: User | None,
    plan: Plan,
    title: str,
    current_position: str = "",
    youth_focus: str = "",
    dashboard_query: str = "",
    internal: bool = False,
    priority: Priority | None = None,
) -> Priority:
    """Add a priority to the plan (numbered next), or change one."""
    require_manager(actor)
    if priority is None:
        number = (plan.priorities.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        priority = Priority(plan=plan, number=number)
    priority.title, priority.current_position, priority.youth_focus = title, current_position, youth_focus
    priority.dashboard_query, priority.internal = dashboard_query, internal
    priority.save()
    audited(actor, PlanningAuditAction.PRIORITY_SAVED, priority)
    return priority


@transaction.atomic
def objective_save(
    *, actor: User | None, priority: Priority, title: str, objective: Objective | None = None
) -> Objective:
    """Add an objective to a priority (numbered next), or change one's wording."""
    require_manager(actor)
    if not title.strip():
        raise PlanningInputError("Enter the objective.", field="title")
    if objective is None:
        number = (priority.objectives.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        objective = Objective(priority=priority, number=number)
    elif objective.priority_id != priority.pk:
        raise PlanningInputError("That objective belongs to another priority.", field="title")
    objective.title = title.strip()
    objective.save()
    audited(actor, PlanningAuditAction.OBJECTIVE_SAVED, objective)
    return objective


@transaction.atomic
def action_save(
    *,
    actor: User | None,
    priority: Priority,
    what: str,
    how: str,
    who: str,
    why: str,
    youth_focused: str = YouthFocus.NO,
    lead_organisation: Organisation | None = None,
    partner_organisations: list[Organisation] | None = None,
    owner: User | None = None,
    objective: Objective | None = None,
    starts_on: date | None = None,
    due_on: date | None = None,
    outcome_measure: str = "",
    indicator: Indicator | None = None,
    internal: bool = False,
    action: Action | None = None,
) -> Action:
    """Add an action in the plan's layout (What, How, Who, Why, Youth focused, timescale, outcome), or change one."""
    require_manager(actor)
    plan = priority.plan
    if youth_focused not in YouthFocus.values:
        raise PlanningInputError(
            f'"{youth_focused}" is not a youth focus; choose Yes, No or Universal.', field="youth_focused"
        )
    within_plan(plan, starts_on, field="starts_on", label="The start date")
    within_plan(plan, due_on, field="due_on", label="The timescale")
    if starts_on and due_on and due_on < starts_on:
        raise PlanningInputError("The timescale must not be before the start date.", field="due_on")
    if objective is not None and objective.priority_id != priority.pk:
        raise PlanningInputError("That objective belongs to another priority.", field="objective")
    if indicator is not None and indicator.plan_id != plan.pk:
        raise PlanningInputError("That indicator belongs to another plan.", field="indicator")
    if owner is not None and lead_organisation is not None and owner.organisation_id != lead_organisation.pk:
        raise PlanningInputError("The owner must work for the lead agency.", field="owner")
    if action is None:
        number = (priority.actions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        action = Action(priority=priority, number=number)
    values: dict[str, Any] = {
        "what": what,
        "how": how,
        "who": who,
        "why": why,
        "youth_focused": youth_focused,
        "lead_organisation": lead_organisation,
        "owner": owner,
        "objective": objective,
        "starts_on": starts_on,
        "due_on": due_on,
        "outcome_measure": outcome_measure,
        "indicator": indicator,
        "internal": internal,
    }
    for name, value in values.items():
        setattr(action, name, value)
    action.save()
    if partner_organisations is not None:
        action.partner_organisations.set(partner_organisations)
    audited(actor, PlanningAuditAction.ACTION_SAVED, action)
    return action


@transaction.atomic
def duty_save(*, actor: User | None, plan: Plan, duty: str, how_met: str) -> Duty:
    """Say how the partnership meets a statutory duty (one entry per duty)."""
    require_manager(actor)
    if duty not in StatutoryDuty.values:
        raise PlanningInputError(f'"{duty}" is not a statutory duty the product knows.', field="duty")
    if not how_met.strip():
        raise PlanningInputError("Say how the partnership meets this duty.", field="how_met")
    entry, _ = Duty.objects.update_or_create(plan=plan, duty=duty, defaults={"how_met": how_met})
    audited(actor, PlanningAuditAction.DUTY_SAVED, entry)
    return entry


@transaction.atomic
def member_add(*, actor: User | None, plan: Plan, name: str, kind: str) -> Member:
    """Name a statutory or invited member of the partnership."""
    require_manager(actor)
    name = name.strip()
    if not name:
        raise PlanningInputError("Enter the partner's name.", field="name")
    if kind not in MemberKind.values:
        raise PlanningInputError("Choose whether the partner is a statutory or an invited member.", field="kind")
    if plan.members.filter(name__iexact=name).exists():
        raise PlanningInputError(f"{name} is already a partner in this plan.", field="name")
    member = Member.objects.create(plan=plan, name=name, kind=kind)
    audited(actor, PlanningAuditAction.PLAN_UPDATED, plan, member=name)
    return member


@transaction.atomic
def member_remove(*, actor: User | None, member: Member) -> None:
    """Take a partner off the plan's list of members (the audit record keeps who it was)."""
    require_manager(actor)
    plan, name = member.plan, member.name
    member.delete()
    audited(actor, PlanningAuditAction.PLAN_UPDATED, plan, member_removed=name)


@transaction.atomic
def glossary_add(*, actor: User | None, plan: Plan, term: str, meaning: str) -> GlossaryTerm:
    """Explain an acronym or term used in the plan."""
    require_manager(actor)
    term, meaning = term.strip(), meaning.strip()
    if not term:
        raise PlanningInputError("Enter the term or acronym.", field="term")
    if not meaning:
        raise PlanningInputError("Enter what the term means.", field="meaning")
    if plan.glossary.filter(term__iexact=term).exists():
        raise PlanningInputError(f'The glossary already explains "{term}".', field="term")
    entry = GlossaryTerm.objects.create(plan=plan, term=term, meaning=meaning)
    audited(actor, PlanningAuditAction.PLAN_UPDATED, plan, glossary=term)
    return entry


@transaction.atomic
def glossary_remove(*, actor: User | None, entry: GlossaryTerm) -> None:
    """Take a term out of the plan's glossary."""
    require_manager(actor)
    plan, term = entry.plan, entry.term
    entry.delete()
    audited(actor, PlanningAuditAction.PLAN_UPDATED, plan, glossary_removed=term)


@transaction.atomic
def plan_publish(*, actor: User | None, plan: Plan, published: bool) -> Plan:
    """Show (or stop showing) the plan on its public page; internal items never show there."""
    require_manager(actor)
    plan.published = published
    plan.save(update_fields=["published", "updated_at"])
    audited(actor, PlanningAuditAction.PLAN_PUBLISHED, plan, published=published)
    return plan


@transaction.atomic
def version_approve(*, actor: User | None, plan: Plan, approved_on: date, approved_by: str) -> PlanVersion:
    """Keep the plan as the board approved it today; earlier versions stay as they were."""
    require_manager(actor)
    if not approved_by.strip():
        raise PlanningInputError("Name the board meeting that approved the plan.", field="approved_by")
    latest = plan.versions.order_by("-number").first()
    if latest is not None and approved_on < latest.approved_on:
        raise PlanningInputError(
            f"Version {latest.number} was approved on {latest.approved_on:%-d %B %Y}; a new version cannot be "
            "approved before it.",
            field="approved_on",
        )
    version = PlanVersion.objects.create(
        plan=plan,
        number=(latest.number + 1) if latest else 1,
        approved_on=approved_on,
        approved_by=approved_by,
        snapshot=plan_snapshot(plan),
        created_by=actor,
    )
    audited(actor, PlanningAuditAction.VERSION_APPROVED, version)
    return version
