"""Planning views, one module per area of the app."""

from safer.planning.views.documents import DocumentView
from safer.planning.views.funding import (
    AllocationAddView,
    AllocationEditView,
    CarryForwardView,
    FundCreateView,
    FundEditView,
    FunderCreateView,
    FunderEditView,
    FundingTableView,
    ReturnCreateView,
    ReturnLineAddView,
    ReturnLineView,
    ReturnView,
    SpendView,
)
from safer.planning.views.indicators import IndicatorFormView, IndicatorValueView, ScorecardView
from safer.planning.views.keeping import ObjectiveFormView, PlanCreateView, PlanEditView
from safer.planning.views.plans import (
    ActionFormView,
    DutyView,
    OverdueView,
    PlanDetailView,
    PlanListView,
    PriorityAddView,
    ProgressRecordView,
    PublishView,
    VersionDetailView,
    VersionsView,
)
from safer.planning.views.public import PublishedPlanView

__all__ = [
    "AllocationEditView",
    "FundEditView",
    "CarryForwardView",
    "FundCreateView",
    "FunderCreateView",
    "FunderEditView",
    "ObjectiveFormView",
    "PlanCreateView",
    "PlanEditView",
    "ReturnCreateView",
    "ReturnLineAddView",
    "ActionFormView",
    "DutyView",
    "AllocationAddView",
    "DocumentView",
    "FundingTableView",
    "IndicatorFormView",
    "IndicatorValueView",
    "OverdueView",
    "PlanDetailView",
    "PlanListView",
    "PriorityAddView",
    "ProgressRecordView",
    "PublishView",
    "PublishedPlanView",
    "ReturnLineView",
    "ReturnView",
    "ScorecardView",
    "SpendView",
    "VersionDetailView",
    "VersionsView",
]
