"""Plan snapshots for board-approved versions, and what changed between two snapshots."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from safer.planning.models import Plan

_ACTION_FIELDS = ("what", "how", "who", "why", "youth_focused", "starts_on", "due_on", "outcome_measure")
_FIELD_NAMES = {
    "what": "What",
    "how": "How",
    "who": "Who",
    "why": "Why",
    "youth_focused": "Youth focused",
    "starts_on": "Start",
    "due_on": "Timescale",
    "outcome_measure": "Outcome measure",
    "title": "Title",
    "current_position": "Current position",
    "how_met": "How it is met",
}


def plan_snapshot(plan: Plan) -> dict[str, Any]:
    """The plan's content as plain JSON: priorities with their actions, duties, indicators."""
    priorities = []
    for priority in plan.priorities.prefetch_related("actions").order_by("number"):
        priorities.append(
            {
                "id": priority.pk,
                "number": priority.number,
                "title": priority.title,
                "current_position": priority.current_position,
                "actions": [
                    {"id": action.pk, "number": action.number}
                    | {name: _plain(getattr(action, name)) for name in _ACTION_FIELDS}
                    for action in priority.actions.order_by("number")
                ],
            }
        )
    return {
        "title": plan.title,
        "starts_on": plan.starts_on.isoformat(),
        "ends_on": plan.ends_on.isoformat(),
        "priorities": priorities,
        "duties": [{"id": d.duty, "title": d.get_duty_display(), "how_met": d.how_met} for d in plan.duties.all()],
        "indicators": [{"id": i.pk, "title": i.name} for i in plan.indicators.all()],
    }


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


@dataclass(frozen=True)
class Change:
    """One difference between two snapshots, in words."""

    kind: str  # added | removed | changed
    what: str
    detail: str = ""


def _keyed(items: list[dict[str, Any]]) -> dict[Any, dict[str, Any]]:
    return {item["id"]: item for item in items}


def snapshot_changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """What changed from `old` to `new`: priorities, actions and duties added, removed or reworded."""
    changes: list[Change] = []
    for key, label in (("starts_on", "Plan start"), ("ends_on", "Plan end"), ("title", "Plan title")):
        if old.get(key) != new.get(key):
            changes.append(Change("changed", label, f"{old.get(key)} to {new.get(key)}"))
    old_p, new_p = _keyed(old.get("priorities", [])), _keyed(new.get("priorities", []))
    for pid, priority in new_p.items():
        name = f"Priority {priority['number']}: {priority['title']}"
        if pid not in old_p:
            changes.append(Change("added", name))
            continue
        before = old_p[pid]
        for field in ("title", "current_position"):
            if before.get(field) != priority.get(field):
                changes.append(Change("changed", name, f"{_FIELD_NAMES[field]} reworded"))
        old_a, new_a = _keyed(before.get("actions", [])), _keyed(priority.get("actions", []))
        for aid, action in new_a.items():
            if aid not in old_a:
                changes.append(Change("added", f"Action: {action['what']}", name))
                continue
            fields = [_FIELD_NAMES[f] for f in _ACTION_FIELDS if old_a[aid].get(f) != action.get(f)]
            if fields:
                changes.append(Change("changed", f"Action: {action['what']}", ", ".join(fields)))
        for aid, action in old_a.items():
            if aid not in new_a:
                changes.append(Change("removed", f"Action: {action['what']}", name))
    for pid, priority in old_p.items():
        if pid not in new_p:
            changes.append(Change("removed", f"Priority {priority['number']}: {priority['title']}"))
    old_d, new_d = _keyed(old.get("duties", [])), _keyed(new.get("duties", []))
    for did, duty in new_d.items():
        if did not in old_d:
            changes.append(Change("added", f"Duty: {duty['title']}"))
        elif old_d[did].get("how_met") != duty.get("how_met"):
            changes.append(Change("changed", f"Duty: {duty['title']}", "How it is met reworded"))
    for did, duty in old_d.items():
        if did not in new_d:
            changes.append(Change("removed", f"Duty: {duty['title']}"))
    return changes
