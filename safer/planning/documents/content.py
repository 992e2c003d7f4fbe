"""The documents' content: sections of paragraphs, bullet lists and tables, with figures dated and sourced."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from safer.planning.choices import MemberKind, Rag
from safer.planning.models import Plan
from safer.planning.readings import Reading
from safer.planning.selectors import quarter_label


@dataclass
class Table:
    """A table with a caption and a header row."""

    caption: str
    headers: list[str]
    rows: list[list[str]]


@dataclass
class Section:
    """A heading and what sits under it."""

    heading: str
    level: int = 2
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    sparklines: list[tuple[str, list[tuple[str, float | None]]]] = field(default_factory=list)


@dataclass
class Document:
    """A whole document: title, when it was produced, sections, and the sources of its figures."""

    title: str
    subtitle: str
    produced_on: date
    sections: list[Section]
    slug: str

    @property
    def produced_text(self) -> str:
        """'Produced on 3 December 2026.'"""
        return f"Produced on {self.produced_on:%-d %B %Y}. Figures are as at that date unless stated."


def _figures_table(readings: list[Reading], caption: str) -> Table:
    return Table(
        caption,
        ["Indicator", "Period", "Value", "Comparison", "Target", "Status", "Source and date"],
        [
            [
                r.indicator.name,
                r.figure.period_label or "–",
                r.value_text,
                f"{r.previous_text} ({r.figure.compare_label})" if r.figure.compare_label else r.previous_text,
                r.target_text,
                f"{r.status_label}: {r.assessment.reason}",
                "; ".join(part for part in (r.figure.source, r.figure.as_of, r.figure.note) if part),
            ]
            for r in readings
        ],
    )


def _visible(items: list, public: bool) -> list:
    return [item for item in items if not (public and getattr(item, "internal", False))]


def plan_document(*, plan: Plan, readings: list[Reading], today: date, public: bool = False) -> Document:
    """The plan: introduction, statutory duties, priorities with action tables, indicators, partners, glossary."""
    sections = [Section("Introduction", paragraphs=[p for p in plan.introduction.split("\n\n") if p.strip()])]
    sections.append(
        Section(
            "Statutory duties",
            paragraphs=["Community Safety Partnerships are required by law to meet these duties."],
            tables=[
                Table(
                    "Statutory duties and how they are met",
                    ["Duty", "How it is met"],
                    [[d.get_duty_display(), d.how_met] for d in plan.duties.all()],
                )
            ],
        )
    )
    sections.append(Section("Priorities", bullets=[p.title for p in _visible(list(plan.priorities.all()), public)]))
    for priority in _visible(list(plan.priorities.all()), public):
        rows = []
        for action in _visible(list(priority.actions.all()), public):
            rows.append(
                [
                    action.what,
                    action.how,
                    action.who,
                    action.why,
                    action.get_youth_focused_display(),
                    f"{action.due_on:%B %Y}" if action.due_on else "Ongoing",
                    action.outcome_measure or "–",
                ]
            )
        sections.append(
            Section(
                f"Priority {priority.number}: {priority.title}",
                level=3,
                paragraphs=[f"Current position: {priority.current_position}"] if priority.current_position else [],
                tables=[
                    Table(
                        f"Actions for {priority.title}",
                        ["What", "How", "Who", "Why", "Youth focused", "Timescale", "Outcome measure"],
                        rows,
                    )
                ],
            )
        )
    sections.append(
        Section(
            "Indicators",
            paragraphs=[f"Live figures as at {today:%-d %B %Y}, with their source and the date of the data."],
            tables=[_figures_table(readings, "Indicators and their status")],
        )
    )
    members = list(plan.members.all())
    sections.append(
        Section(
            "Partners",
            paragraphs=["Statutory members:"],
            bullets=[m.name for m in members if m.kind == MemberKind.STATUTORY]
            + [f"Invited: {m.name}" for m in members if m.kind == MemberKind.INVITED],
        )
    )
    sections.append(
        Section(
            "Glossary",
            tables=[
                Table("Acronyms and terms", ["Term", "Meaning"], [[g.term, g.meaning] for g in plan.glossary.all()])
            ],
        )
    )
    return Document(plan.title, plan.partnership, today, sections, plan.slug)


def annual_report(*, plan: Plan, readings: list[Reading], today: date, year: int) -> Document:
    """The annual update to the council: achievements against the plan, figures, next year's priorities."""
    label = f"{year}-{(year + 1) % 100:02d}"
    sections = [
        Section(
            "Summary and recommendation",
            tables=[
                Table(
                    "Summary",
                    ["", ""],
                    [
                        ["Purpose of report", f"Provide a summary of the partnership's achievements in {label}"],
                        ["Key decision", "No"],
                        ["Recommendation", "Note the report"],
                    ],
                )
            ],
        ),
        Section(
            "Introduction and background",
            paragraphs=[
                "The Crime and Disorder Act 1998 placed statutory responsibilities on the police, local authorities "
                "and other responsible authorities to convene a multi-agency partnership to tackle crime, disorder "
                "and anti-social behaviour in their local area.",
                f"{plan.partnership} meets quarterly to set local community safety priorities and monitor its "
                f"plan ({plan.title}).",
            ],
        ),
    ]
    achievements = Section(f"Achievements in {label}")
    for priority in plan.priorities.filter(internal=False):
        done = []
        for action in priority.actions.filter(internal=False):
            updates = [u for u in action.updates.all() if u.year == year]
            best = updates[0] if updates else None
            if best and best.rag in (Rag.COMPLETE, Rag.GREEN):
                done.append(
                    f"{action.what} ({priority.title}, {quarter_label(best.year, best.quarter)}, "
                    f"{best.get_rag_display()}): {best.comment}"
                )
        achievements.bullets += done
    if not achievements.bullets:
        achievements.paragraphs.append("No action was recorded as complete or on track in the year.")
    sections.append(achievements)
    sections.append(
        Section(
            "Figures from the plan's indicators",
            paragraphs=[f"Live figures as at {today:%-d %B %Y}; each row names its source and the date of its data."],
            tables=[_figures_table([r for r in readings if not r.indicator.internal], "Indicators")],
        )
    )
    sections.append(
        Section(
            f"Priorities for {year + 1}-{(year + 2) % 100:02d}",
            bullets=[p.title for p in plan.priorities.filter(internal=False)],
        )
    )
    return Document(
        f"{plan.partnership} annual update {label}", f"Report to council: {plan.title}", today, sections, plan.slug
    )


def scorecard_document(*, plan: Plan, readings: list[Reading], today: date) -> Document:
    """The board scorecard: each indicator with its trend, status and source."""
    section = Section(
        "Indicators",
        paragraphs=[f"Status from the partnership's rules, as at {today:%-d %B %Y}. Status is given in words."],
        tables=[_figures_table(readings, "Scorecard")],
        sparklines=[(r.indicator.name, r.figure.series) for r in readings if r.figure.series],
    )
    return Document(f"Partnership scorecard: {plan.title}", plan.partnership, today, [section], plan.slug)
