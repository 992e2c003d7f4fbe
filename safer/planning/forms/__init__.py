"""Planning forms: parse and check input; the services do the rest."""

from safer.planning.forms.funding import (
    AllocationForm,
    CarryForwardForm,
    FunderForm,
    FundForm,
    ReturnForm,
    ReturnLineAddForm,
    ReturnLineForm,
    SpendForm,
)
from safer.planning.forms.plans import (
    ActionForm,
    DutyForm,
    IndicatorForm,
    IndicatorValueForm,
    ObjectiveForm,
    PlanForm,
    PriorityForm,
    ProgressForm,
    UpdateRequestForm,
    VersionForm,
)

__all__ = [
    "ActionForm",
    "AllocationForm",
    "CarryForwardForm",
    "DutyForm",
    "FundForm",
    "FunderForm",
    "IndicatorForm",
    "IndicatorValueForm",
    "ObjectiveForm",
    "PlanForm",
    "PriorityForm",
    "ProgressForm",
    "ReturnForm",
    "ReturnLineAddForm",
    "ReturnLineForm",
    "SpendForm",
    "UpdateRequestForm",
    "VersionForm",
]
