"""Casework selectors: reads with need-to-know filtering (cases, people, tasks, timeline, performance)."""

from safer.casework.selectors.access import (
    can_view_casework,
    is_owner,
    visible_cases,
    visible_incidents,
    visible_people,
)
from safer.casework.selectors.case_page import case_detail
from safer.casework.selectors.cases import (
    CASE_SORTS,
    CaseFilter,
    CaseRow,
    Recurrence,
    case_get_for_user,
    case_list_for_user,
    case_officer_choices,
    case_page_for_user,
    case_recurrence,
    case_rows_for_user,
    incident_get_for_user,
    incident_list_for_user,
    open_case_count,
    person_case_roles_for_user,
    person_cases_for_user,
    person_get_for_user,
    person_search_for_user,
    with_next_due,
)
from safer.casework.selectors.work import TimelineEntry, case_timeline, task_list_for_user

__all__ = [
    "CASE_SORTS",
    "CaseFilter",
    "CaseRow",
    "Recurrence",
    "TimelineEntry",
    "can_view_casework",
    "case_detail",
    "case_get_for_user",
    "case_list_for_user",
    "case_page_for_user",
    "case_officer_choices",
    "case_recurrence",
    "case_rows_for_user",
    "case_timeline",
    "incident_get_for_user",
    "incident_list_for_user",
    "is_owner",
    "open_case_count",
    "person_case_roles_for_user",
    "person_cases_for_user",
    "person_get_for_user",
    "person_search_for_user",
    "with_next_due",
    "task_list_for_user",
    "visible_cases",
    "visible_incidents",
    "visible_people",
]

from safer.casework.selectors.performance import (  # noqa: E402
    PerformanceFilter,
    cases_closed_count,
    cases_closed_within,
    cases_opened_count,
    first_contact_by_risk,
    open_caseload_by_officer,
    performance_csv_rows,
    performance_summary,
    perpetrators_no_further_asb,
    stage_reached,
)

__all__ += [
    "PerformanceFilter",
    "cases_closed_count",
    "cases_closed_within",
    "cases_opened_count",
    "first_contact_by_risk",
    "open_caseload_by_officer",
    "performance_csv_rows",
    "performance_summary",
    "perpetrators_no_further_asb",
    "stage_reached",
]
