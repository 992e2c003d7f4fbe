"""Planning views, one module per area of the app."""

from safer.planning.views.documents import DocumentView
from safer.planning.views.funding import AllocationAddView, FundingTableView, ReturnLineView, ReturnView
from safer.planning.views.indicators import IndicatorFormView, IndicatorValueView, ScorecardView
from safer.planning.views.plans import (
    ActionFormView,
    OverdueView,
    PlanDetailView,
    PlanListView,
    ProgressRecordView,
    VersionDetailView,
    VersionsView,
)
from safer.planning.views.public import PublishedPlanView

__all__ = [
    "ActionFormView",
    "AllocationAddView",
    "DocumentView",
    "FundingTableView",
    "IndicatorFormView",
    "IndicatorValueView",
    "OverdueView",
    "PlanDetailView",
    "PlanListView",
    "ProgressRecordView",
    "PublishedPlanView",
    "ReturnLineView",
    "ReturnView",
    "ScorecardView",
    "VersionDetailView",
    "VersionsView",
]
