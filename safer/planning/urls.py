"""Planning URLs."""

from django.urls import path

from safer.planning import views

app_name = "planning"
urlpatterns = [
    path("", views.PlanListView.as_view(), name="home"),
    path("new/", views.PlanCreateView.as_view(), name="plan-add"),
    path("published/<slug:slug>/", views.PublishedPlanView.as_view(), name="published"),
    path("funders/add/", views.FunderCreateView.as_view(), name="funder-add"),
    path("funders/<int:pk>/edit/", views.FunderEditView.as_view(), name="funder-edit"),
    path("funding/<int:pk>/funds/add/", views.FundCreateView.as_view(), name="fund-add"),
    path("funds/<int:pk>/edit/", views.FundEditView.as_view(), name="fund-edit"),
    path("allocations/<int:pk>/edit/", views.AllocationEditView.as_view(), name="allocation-edit"),
    path("funds/<int:pk>/returns/add/", views.ReturnCreateView.as_view(), name="return-add"),
    path("allocations/<int:pk>/carry-forward/", views.CarryForwardView.as_view(), name="carry-forward"),
    path("carry-forwards/<int:pk>/edit/", views.CarryForwardEditView.as_view(), name="carry-forward-edit"),
    path("carry-forwards/<int:pk>/delete/", views.CarryForwardDeleteView.as_view(), name="carry-forward-delete"),
    path("spends/<int:pk>/edit/", views.SpendEditView.as_view(), name="spend-edit"),
    path("spends/<int:pk>/delete/", views.SpendDeleteView.as_view(), name="spend-delete"),
    path("returns/rows/<int:pk>/edit/", views.ReturnLineEditView.as_view(), name="return-line-edit"),
    path("returns/rows/<int:pk>/delete/", views.ReturnLineDeleteView.as_view(), name="return-line-delete"),
    path("returns/<int:pk>/rows/add/", views.ReturnLineAddView.as_view(), name="return-line-add"),
    path("funding/<int:pk>/", views.FundingTableView.as_view(), name="funding"),
    path("funds/<int:pk>/allocate/", views.AllocationAddView.as_view(), name="allocate"),
    path("allocations/<int:pk>/spend/", views.SpendView.as_view(), name="spend"),
    path("returns/<int:pk>/", views.ReturnView.as_view(), name="return"),
    path("returns/rows/<int:pk>/", views.ReturnLineView.as_view(), name="return-line"),
    path("<slug:slug>/", views.PlanDetailView.as_view(), name="plan"),
    path("<slug:slug>/edit/", views.PlanEditView.as_view(), name="plan-edit"),
    path("<slug:slug>/overdue/", views.OverdueView.as_view(), name="overdue"),
    path("<slug:slug>/priorities/add/", views.PriorityAddView.as_view(), name="priority-add"),
    path("<slug:slug>/priorities/<int:pk>/edit/", views.PriorityAddView.as_view(), name="priority-edit"),
    path(
        "<slug:slug>/priorities/<int:priority_id>/objectives/add/",
        views.ObjectiveFormView.as_view(),
        name="objective-add",
    ),
    path(
        "<slug:slug>/priorities/<int:priority_id>/objectives/<int:pk>/edit/",
        views.ObjectiveFormView.as_view(),
        name="objective-edit",
    ),
    path("<slug:slug>/duties/", views.DutyView.as_view(), name="duty"),
    path("<slug:slug>/publish/", views.PublishView.as_view(), name="publish"),
    path("<slug:slug>/versions/", views.VersionsView.as_view(), name="versions"),
    path("<slug:slug>/versions/<int:number>/", views.VersionDetailView.as_view(), name="version"),
    path("<slug:slug>/scorecard/", views.ScorecardView.as_view(), name="scorecard"),
    path("<slug:slug>/indicators/add/", views.IndicatorFormView.as_view(), name="indicator-add"),
    path("<slug:slug>/indicators/<int:pk>/edit/", views.IndicatorFormView.as_view(), name="indicator-edit"),
    path("<slug:slug>/indicators/<int:pk>/values/", views.IndicatorValueView.as_view(), name="indicator-value"),
    path("<slug:slug>/priorities/<int:priority_id>/actions/add/", views.ActionFormView.as_view(), name="action-add"),
    path(
        "<slug:slug>/priorities/<int:priority_id>/actions/<int:pk>/edit/",
        views.ActionFormView.as_view(),
        name="action-edit",
    ),
    path("<slug:slug>/actions/<int:pk>/progress/", views.ProgressRecordView.as_view(), name="progress"),
    path("<slug:slug>/documents/<str:kind>.<str:fmt>", views.DocumentView.as_view(), name="document"),
]
