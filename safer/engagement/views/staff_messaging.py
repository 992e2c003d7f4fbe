"""Staff pages of community messaging: messages (write, preview, approve, schedule, send, follow), subscribers."""

from __future__ import annotations

import csv
import io
from typing import Any
from uuid import UUID

from django.contrib import messages as flash
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safer.core.notifications.message_templates import message_template_get
from safer.core.typing import AuthedRequest
from safer.engagement import crime
from safer.engagement.errors import EngagementError
from safer.engagement.messaging import sending
from safer.engagement.messaging.areas import custom_area_options
from safer.engagement.messaging.choices import MessageStatus, Topic
from safer.engagement.messaging.digest import digest_create
from safer.engagement.messaging.forms import DigestForm, GroupDecisionForm, MessageForm, ScheduleForm
from safer.engagement.messaging.message_templates import TEMPLATES
from safer.engagement.messaging.selectors import (
    message_audience_count,
    message_delivery_summary,
    message_export_rows,
    message_feedback,
    message_get_for_user,
    message_list_for_user,
    message_totals_for_user,
    subscriber_counts_for_user,
    subscriber_list_for_user,
)
from safer.engagement.messaging.subscribers import subscriber_group_decide
from safer.engagement.services.partnership import engagement_settings_for
from safer.engagement.views.staff_base import EngagementView, form_error, render_form


def _districts(request: AuthedRequest) -> list[str]:
    try:
        names = crime.district_names()
    except Exception:  # noqa: BLE001 - no warehouse yet
        names = []
    own = engagement_settings_for(request.user.organisation).district
    return [own, *[n for n in names if n != own]] if own else names


class MessageListView(EngagementView):
    """The partnership's messages with their status, subscriber counts, and totals by area and topic over time."""

    capability = "messaging.view"

    def get(self, request: AuthedRequest) -> HttpResponse:
        return render(
            request,
            "engagement/staff/messages.html",
            {
                "messages_list": message_list_for_user(user=request.user)[:200],
                "counts": subscriber_counts_for_user(user=request.user),
                "totals": message_totals_for_user(user=request.user)[:120],
                "topics": dict(Topic.choices),
                "can_see_subscribers": request.user.has_capability("messaging.subscribers"),
                "public_url": reverse("engagement:public-alerts", args=[request.user.organisation_id]),
            },
        )


class MessageCreateView(EngagementView):
    """Write a message from a template; it is saved as a draft and shown with its audience count and preview."""

    capability = "messaging.write"

    def _form(self, data: Any = None, initial: dict[str, Any] | None = None) -> MessageForm:
        custom = custom_area_options()
        return MessageForm(
            data,
            initial=initial,
            templates=[(key, subject) for key, (subject, _body) in TEMPLATES.items()],
            districts=_districts(self.request),
            custom=custom,
        )

    def _render(self, form: MessageForm, status: int = 200) -> HttpResponse:
        return render_form(
            self.request,
            form=form,
            title="Write a message",
            back=reverse("engagement:messages"),
            button="Save draft and preview",
            intro="Choose a template to start from (then press the button to load its words), or write your own. "
            "You will see how many people it reaches, and a preview, before anything is sent.",
            status=status,
        )

    def get(self, request: AuthedRequest) -> HttpResponse:
        initial: dict[str, Any] = {"channels": ["email"]}
        key = request.GET.get("template", "")
        if key in TEMPLATES:
            subject, body, _allowed = message_template_get(key=key, channel="email")
            initial.update(template=key, subject=subject, body=body)
        return self._render(self._form(initial=initial))

    def post(self, request: AuthedRequest) -> HttpResponse:
        form = self._form(request.POST)
        key = request.POST.get("template", "")
        if key in TEMPLATES and not request.POST.get("subject") and not request.POST.get("body"):
            return HttpResponseRedirect(reverse("engagement:message-create") + f"?template={key}")
        if not form.is_valid():
            return self._render(form, status=400)
        try:
            message = sending.message_create(
                actor=request.user, template_key=form.cleaned_data["template"], **_message_fields(form)
            )
        except EngagementError as error:
            form_error(form, error)
            return self._render(form, status=400)
        return HttpResponseRedirect(reverse("engagement:message", args=[message.public_id]))


def _message_fields(form: MessageForm) -> dict[str, Any]:
    """The service's arguments from a valid message form (areas as the audience stores them)."""
    data = form.cleaned_data
    custom = dict(custom_area_options())
    areas = [{"kind": "district", "code": d, "name": d} for d in data["districts"]]
    areas += [{"kind": "custom", "code": c, "name": custom.get(c, c)} for c in data.get("custom_areas", [])]
    return {
        "subject": data["subject"],
        "body": data["body"],
        "channels": data["channels"],
        "topic": data["topic"],
        "areas": areas,
        "groups": data["groups"],
    }


class MessageEditView(MessageCreateView):
    """Change a message's words or audience until it is scheduled (a change withdraws its approval)."""

    def _render(self, form: MessageForm, status: int = 200) -> HttpResponse:
        message = self.message
        return render_form(
            self.request,
            form=form,
            title="Change the message",
            back=reverse("engagement:message", args=[message.public_id]),
            button="Save changes and preview",
            intro="Saving puts the message back to draft: if the partnership asks for approval, it must be "
            "approved again before it is sent.",
            status=status,
        )

    def get(self, request: AuthedRequest, public_id: UUID) -> HttpResponse:  # type: ignore[override]
        self.message = message = message_get_for_user(user=request.user, public_id=public_id)
        initial = {
            "template": message.template_key,
            "subject": message.subject,
            "body": message.body,
            "topic": message.topic,
            "channels": message.channels,
            "groups": message.groups,
            "districts": [a["code"] for a in message.areas if a.get("kind") == "district"],
            "custom_areas": [a["code"] for a in message.areas if a.get("kind") == "custom"],
        }
        return self._render(self._form(initial=initial))

    def post(self, request: AuthedRequest, public_id: UUID) -> HttpResponse:  # type: ignore[override]
        self.message = message = message_get_for_user(user=request.user, public_id=public_id)
        form = self._form(request.POST)
        if not form.is_valid():
            return self._render(form, status=400)
        try:
            sending.message_update(actor=request.user, message=message, **_message_fields(form))
        except EngagementError as error:
            form_error(form, error)
            return self._render(form, status=400)
        flash.success(request, "Message changed")
        return HttpResponseRedirect(reverse("engagement:message", args=[message.public_id]))


class DigestCreateView(EngagementView):
    """Write this month's area digest from the dashboard's figures (a draft, like any message)."""

    capability = "messaging.write"

    def get(self, request: AuthedRequest) -> HttpResponse:
        return render_form(
            request,
            form=DigestForm(),
            title="Write the monthly area digest",
            back=reverse("engagement:messages"),
            button="Write the digest",
            intro="Each subscriber to the monthly figures gets a paragraph for each of their areas, from the same "
            "figures as the crime dashboard; a change is called a rise or a fall only when the dashboard's "
            "significance test says it is more than chance.",
        )

    def post(self, request: AuthedRequest) -> HttpResponse:
        form = DigestForm(request.POST)
        if not form.is_valid():
            return render_form(request, form=form, title="Write the monthly area digest", back="", status=400)
        month = form.cleaned_data.get("month")
        message = digest_create(actor=request.user, month=month)
        return HttpResponseRedirect(reverse("engagement:message", args=[message.public_id]))


_ACTIONS = {
    "submit": sending.message_submit,
    "approve": sending.message_approve,
    "send": sending.message_send,
    "pause": sending.message_pause,
    "resume": sending.message_resume,
    "cancel": sending.message_cancel,
}


class MessageDetailView(EngagementView):
    """A message: preview, audience count, workflow buttons, progress, delivery, ratings and replies."""

    capability = "messaging.view"

    def _render(
        self, message: Any, *, schedule: ScheduleForm | None = None, error: str = "", status: int = 200
    ) -> HttpResponse:
        requires = engagement_settings_for(message.organisation).messaging_requires_approval
        ready = message.status == MessageStatus.APPROVED or (not requires and message.status == MessageStatus.DRAFT)
        digest = sorted(message.digest.items())
        return render(
            self.request,
            "engagement/staff/message.html",
            {
                "message": message,
                "reach": message_audience_count(message=message),
                "summary": message_delivery_summary(message=message),
                "feedback": message_feedback(message=message),
                "requires_approval": requires,
                "ready": ready,
                "can_write": self.request.user.has_capability("messaging.write"),
                "can_approve": self.request.user.has_capability("messaging.approve")
                and message.created_by_id != self.request.user.pk,
                "schedule_form": schedule or ScheduleForm(),
                "error": error,
                "topic": dict(Topic.choices).get(message.topic, message.topic),
                "digest": digest[:20],
                "digest_more": max(0, len(digest) - 20),
            },
            status=status,
        )

    def get(self, request: AuthedRequest, public_id: UUID) -> HttpResponse:
        return self._render(message_get_for_user(user=request.user, public_id=public_id))

    def post(self, request: AuthedRequest, public_id: UUID) -> HttpResponse:
        message = message_get_for_user(user=request.user, public_id=public_id)
        action = request.POST.get("action", "")
        try:
            if action == "schedule":
                form = ScheduleForm(request.POST)
                if not form.is_valid():
                    return self._render(message, schedule=form, status=400)
                sending.message_schedule(actor=request.user, message=message, when=form.cleaned_data["when"])
            elif action in _ACTIONS:
                _ACTIONS[action](actor=request.user, message=message)
            else:
                return self._render(message, error="Choose what to do with the message.", status=400)
        except EngagementError as error:
            message.refresh_from_db()
            return self._render(message, error=error.message, status=400 if error.code != "forbidden" else 403)
        flash.success(
            request, f"Message {dict(MessageStatus.choices)[type(message).objects.get(pk=message.pk).status].lower()}"
        )
        return HttpResponseRedirect(reverse("engagement:message", args=[message.public_id]))


class MessageExportView(EngagementView):
    """The message's deliveries as CSV (channel, district, states, times; no addresses)."""

    capability = "messaging.view"

    def get(self, request: AuthedRequest, public_id: UUID) -> HttpResponse:
        message = message_get_for_user(user=request.user, public_id=public_id)
        rows = message_export_rows(user=request.user, message=message)
        buffer = io.StringIO()
        fields = [
            "delivery",
            "channel",
            "district",
            "job_state",
            "provider_state",
            "sent_at",
            "delivered_at",
            "synthetic",
        ]
        writer = csv.DictWriter(buffer, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response.headers["Content-Disposition"] = f'attachment; filename="message-{str(message.public_id)[:8]}.csv"'
        return response


class SubscriberListView(EngagementView):
    """The partnership's subscribers (contact details: audited) and group requests to approve."""

    capability = "messaging.subscribers"
    personal_data = True  # e-mail addresses and mobile numbers: two-factor sign-in first

    def get(self, request: AuthedRequest) -> HttpResponse:
        subscribers = list(subscriber_list_for_user(user=request.user)[:500])
        return render(
            request, "engagement/staff/subscribers.html", {"subscribers": subscribers, "form": GroupDecisionForm()}
        )

    def post(self, request: AuthedRequest) -> HttpResponse:
        form = GroupDecisionForm(request.POST)
        if form.is_valid():
            try:
                subscriber_group_decide(
                    actor=request.user,
                    membership_id=form.cleaned_data["membership"],
                    approved=form.cleaned_data["approved"],
                )
            except EngagementError as error:
                flash.error(request, error.message)
            else:
                flash.success(request, "Group request decided")
        return HttpResponseRedirect(reverse("engagement:subscribers"))
