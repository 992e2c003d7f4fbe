"""The parts of a case the API returns, read in six queries (the case page's case_detail reads more).

Callers must have the case from case_get_for_user (need-to-know is checked there).
"""

from __future__ import annotations

from typing import Any

from safer.casework.models import Case, CaseParty, CaseShare, Incident, Intervention, Note, Task


def case_parts_for_api(*, case: Case) -> dict[str, list[Any]]:
    """People, incidents, shares, interventions, tasks and notes of a visible case, with what each shows."""
    return {
        "parties": list(CaseParty.objects.filter(case=case).select_related("person").order_by("role", "id")),
        "incidents": list(
            Incident.objects.filter(case_links__case=case)
            .select_related("receiving_organisation", "reporting_person")
            .order_by("occurred_at")
        ),
        "shares": list(CaseShare.objects.filter(case=case).select_related("organisation")),
        "interventions": list(Intervention.objects.filter(case=case).select_related("person")),
        "tasks": list(Task.objects.filter(case=case).select_related("owner", "organisation")),
        "notes": list(Note.objects.filter(case=case).select_related("author")),
    }
