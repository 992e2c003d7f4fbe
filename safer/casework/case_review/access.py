"""Need-to-know for case reviews: the coordinating organisation's coordinators, and the agencies on the panel."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from safer.casework.case_review.errors import CaseReviewNotFoundError, CaseReviewPermissionError
from safer.casework.case_review.models import CaseReviewApplication, CaseReviewPanelMember


def _signed_in(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.organisation_id is not None)


def is_coordinator(user: Any, application: CaseReviewApplication) -> bool:
    """True for a coordinator (casereview.coordinate) in the application's coordinating organisation."""
    return bool(
        _signed_in(user)
        and user.has_capability("casereview.coordinate")
        and user.organisation_id == application.coordinating_organisation_id
    )


def applications_visible(user: Any) -> QuerySet[CaseReviewApplication]:
    """Applications the user may see: their organisation coordinates them, or is on their review panel."""
    if not _signed_in(user) or not user.has_capability("casereview.view"):
        return CaseReviewApplication.objects.none()
    on_panel = CaseReviewPanelMember.objects.filter(application=OuterRef("pk"), organisation_id=user.organisation_id)
    coordinated = (
        Q(coordinating_organisation_id=user.organisation_id)
        if user.has_capability("casereview.coordinate")
        else Q(pk__in=[])
    )
    return CaseReviewApplication.objects.filter(coordinated | Exists(on_panel))


def require_coordinator(user: Any, application: CaseReviewApplication) -> None:
    """The user must coordinate this application (404 if they cannot see it at all, 403 if only on the panel)."""
    if not applications_visible(user).filter(pk=application.pk).exists():
        raise CaseReviewNotFoundError("No such case review application that you can see. Check the reference.")
    if not is_coordinator(user, application):
        raise CaseReviewPermissionError("Only the case review coordinator can do this.")


def require_panel_or_coordinator(user: Any, application: CaseReviewApplication) -> None:
    """The user must see this application (coordinator or panel agency)."""
    if not applications_visible(user).filter(pk=application.pk).exists():
        raise CaseReviewNotFoundError("No such case review application that you can see. Check the reference.")
