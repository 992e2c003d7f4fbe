"""Planning models, one module per entity group."""

from safer.planning.models.funding import (
    Allocation,
    CarryForward,
    Fund,
    Funder,
    FunderObjective,
    FundingReturn,
    ReturnLine,
    Spend,
)
from safer.planning.models.indicator import Indicator, IndicatorValue
from safer.planning.models.plan import (
    Action,
    ActionUpdate,
    Duty,
    GlossaryTerm,
    Member,
    Objective,
    Plan,
    PlanVersion,
    Priority,
)

__all__ = [
    "Action",
    "ActionUpdate",
    "Allocation",
    "CarryForward",
    "Duty",
    "Fund",
    "Funder",
    "FunderObjective",
    "FundingReturn",
    "GlossaryTerm",
    "Indicator",
    "IndicatorValue",
    "Member",
    "Objective",
    "Plan",
    "PlanVersion",
    "Priority",
    "ReturnLine",
    "Spend",
]
