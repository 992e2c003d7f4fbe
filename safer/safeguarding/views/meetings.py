"""MATAC meeting pages: plan, agenda with decisions and actions, mark held, minutes as DOCX or PDF."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from safer.core.services.audit import audit_record
from safer.core.typing import AuthedRequest
from safer.safeguarding import forms as f
from safer.safeguarding.choices import SafeguardingAuditAction
from safer.safeguarding.errors import SafeguardingNotFoundError
from safer.safeguarding.minutes import minutes_docx, minutes_pdf
from safer.safeguarding.models import AgendaItem, MatacAction, MatacArea, Meeting
from safer.safeguarding.selectors import matac as sel
from safer.safeguarding.selectors.access import area_get_for_user
from safer.safeguarding.services import meetings as svc
from safer.safeguarding.views.base import SafeguardingView, ServiceFormView


class MeetingListView(SafeguardingView):
    """An area's meetings."""

    def get(self, request: AuthedRequest, area_id: int) -> HttpResponse:
        area = area_get_for_user(request.user, area_id=area_id)
        audit_record(actor=request.user, action=SafeguardingAuditAction.MEETING_VIEWED, target=area)
        return render(
            request,
            "safeguarding/meeting_list.html",
            {
                "area": area,
                "meetings": sel.meetings_for_area(area),
                "can_manage": request.user.has_capability("safeguarding.matac.manage"),
            },
        )


class MeetingCreateView(ServiceFormView):
    """Plan a meeting."""

    capability = "safeguarding.matac.manage"
    form_class = f.MeetingForm
    title = "Plan a MATAC meeting"
    button = "Plan meeting"
    area: MatacArea

    def load(self, **kwargs: Any) -> None:
        self.area = area_get_for_user(self.request.user, area_id=kwargs["area_id"])

    def context(self) -> dict[str, Any]:
        return {"caption": self.area.name, "back": reverse("safeguarding:meeting-list", args=[self.area.pk])}

    def perform(self, data: dict[str, Any]) -> str:
        meeting = svc.meeting_create(actor=self.request.user, area_id=self.area.pk, **data)
        return reverse("safeguarding:meeting", args=[meeting.pk])


class MeetingView(SafeguardingView):
    """A meeting: the agenda from the selected subjects, decisions and actions per agency."""

    def get(self, request: AuthedRequest, meeting_id: int) -> HttpResponse:
        meeting = sel.meeting_get_for_user(request.user, meeting_id=meeting_id)
        return render(
            request,
            "safeguarding/meeting.html",
            {
                "meeting": meeting,
                "items": sel.meeting_agenda(meeting),
                "can_manage": request.user.has_capability("safeguarding.matac.manage"),
            },
        )


class _MeetingFormView(ServiceFormView):
    capability = "safeguarding.matac.manage"
    meeting: Meeting

    def load(self, **kwargs: Any) -> None:
        self.meeting = sel.meeting_get_for_user(self.request.user, meeting_id=kwargs["meeting_id"], audit=False)

    def context(self) -> dict[str, Any]:
        return {"caption": str(self.meeting), "back": reverse("safeguarding:meeting", args=[self.meeting.pk])}


class DecisionView(_MeetingFormView):
    """Record the decision on one agenda item."""

    form_class = f.DecisionForm
    title = "Record the decision"
    item: AgendaItem

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        item = self.meeting.items.select_related("subject").filter(pk=kwargs["item_id"]).first()
        if item is None:
            raise SafeguardingNotFoundError("No such agenda item.")
        self.item = item
        self.intro = f"{item.subject.perpetrator_ref}, score {item.score or 0:g} when selected."

    def form_kwargs(self) -> dict[str, Any]:
        if self.request.method == "GET":
            return {"initial": {"intervention": self.item.intervention, "decision": self.item.decision}}
        return {}

    def perform(self, data: dict[str, Any]) -> str:
        svc.meeting_record_decision(actor=self.request.user, item=self.item, **data)
        return reverse("safeguarding:meeting", args=[self.meeting.pk])


class ActionAddView(_MeetingFormView):
    """Give an agency an action."""

    form_class = f.ActionForm
    title = "Add an action"

    def form_kwargs(self) -> dict[str, Any]:
        subjects = [
            (str(i.subject_id), i.subject.perpetrator_ref) for i in self.meeting.items.select_related("subject")
        ]
        return {"subjects": subjects, "organisations": self.meeting.area.organisations.all()}

    def perform(self, data: dict[str, Any]) -> str:
        subject = self.meeting.items.filter(subject_id=data.pop("subject")).first()
        if subject is None:
            raise SafeguardingNotFoundError("No such subject on the agenda.")
        svc.action_add(actor=self.request.user, meeting=self.meeting, subject=subject.subject, **data)
        return reverse("safeguarding:meeting", args=[self.meeting.pk])


class ActionUpdateView(ServiceFormView):
    """Move an action on (the owning agency or the coordinator)."""

    capability = "safeguarding.matac.refer"
    form_class = f.ActionUpdateForm
    title = "Update the action"
    action: MatacAction

    def load(self, **kwargs: Any) -> None:
        meeting = sel.meeting_get_for_user(self.request.user, meeting_id=kwargs["meeting_id"], audit=False)
        action = meeting.actions.filter(pk=kwargs["action_id"]).first()
        if action is None:
            raise SafeguardingNotFoundError("No such action.")
        self.action = action
        self.intro = action.description

    def context(self) -> dict[str, Any]:
        return {"back": reverse("safeguarding:meeting", args=[self.action.meeting_id])}

    def perform(self, data: dict[str, Any]) -> str:
        svc.action_update(actor=self.request.user, action=self.action, status=data["status"])
        return reverse("safeguarding:meeting", args=[self.action.meeting_id])


class MeetingHeldView(_MeetingFormView):
    """Record that the meeting took place."""

    form_class = f.MeetingHeldForm
    title = "Record the meeting as held"

    def perform(self, data: dict[str, Any]) -> str:
        svc.meeting_mark_held(actor=self.request.user, meeting=self.meeting, notes=data["notes"])
        return reverse("safeguarding:meeting", args=[self.meeting.pk])


class MinutesExportView(SafeguardingView):
    """The minutes as a Word document or a PDF (pseudonymous references only); the download is audited."""

    def get(self, request: AuthedRequest, meeting_id: int, fmt: str) -> HttpResponse:
        if fmt not in ("docx", "pdf"):
            raise Http404
        meeting = sel.meeting_get_for_user(request.user, meeting_id=meeting_id, audit=False)
        items = sel.meeting_agenda(meeting)
        audit_record(
            actor=request.user, action=SafeguardingAuditAction.MINUTES_EXPORTED, target=meeting, detail={"format": fmt}
        )
        if fmt == "docx":
            body = minutes_docx(meeting, items)
            kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        else:
            body, kind = minutes_pdf(meeting, items), "application/pdf"
        response = HttpResponse(body, content_type=kind)
        name = f"matac-minutes-{meeting.held_on:%Y-%m-%d}{'-SYNTHETIC' if meeting.synthetic else ''}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
