"""Staff pages of the notifications service: sent messages, retrying, letters, templates; Notify's receipts."""

from __future__ import annotations

import hmac
import json
from typing import Any, TypeVar
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from safer.core.notifications.choices import Channel, NotificationAuditAction
from safer.core.notifications.delivery import notification_receipt_record
from safer.core.notifications.errors import NotificationError, NotificationNotFoundError
from safer.core.notifications.forms import MessageTemplateForm, NotificationFilterForm
from safer.core.notifications.message_templates import TEMPLATE_DEFAULTS, message_template_get
from safer.core.notifications.models import MessageTemplate
from safer.core.notifications.selectors import (
    notification_counts_for_user,
    notification_get_for_user,
    notification_list_for_user,
)
from safer.core.notifications.services import message_template_reset, message_template_update, notification_retry
from safer.core.services.audit import audit_record
from safer.core.typing import AuthedRequest
from safer.core.views import CapabilityRequiredMixin

_R = TypeVar("_R", bound=HttpResponseBase)


def _no_store(response: _R) -> _R:
    """Pages with recipients' details must not be kept by browsers or proxies."""
    response["Cache-Control"] = "no-store"
    return response


class NotificationView(CapabilityRequiredMixin, View):
    """Notification pages need notifications.view; a message the user may not see is a 404."""

    capability = "notifications.view"
    request: AuthedRequest

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().dispatch(request, *args, **kwargs)
        except NotificationNotFoundError:
            raise Http404 from None


class NotificationListView(NotificationView):
    """Every message the user may see, newest first, with its delivery state; filter by state."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        form = NotificationFilterForm(request.GET or None)
        state = form.cleaned_data["state"] if form.is_bound and form.is_valid() else ""
        page = Paginator(notification_list_for_user(user=request.user, state=state), 50).get_page(
            request.GET.get("page")
        )
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "counts": notification_counts_for_user(user=request.user),
            "backend": settings.SAFER_NOTIFICATIONS["BACKEND"],
            "can_edit_templates": request.user.has_capability("notifications.templates"),
        }
        return _no_store(render(request, "notifications/list.html", context, status=400 if form.errors else 200))


class NotificationDetailView(NotificationView):
    """One message as sent: recipient, wording, state and attempts."""

    def get(self, request: AuthedRequest, public_id: UUID) -> HttpResponse:
        notification = notification_get_for_user(user=request.user, public_id=public_id)
        return _no_store(render(request, "notifications/detail.html", {"notification": notification}))


class NotificationRetryView(NotificationView):
    """Send a failed message again."""

    def post(self, request: AuthedRequest, public_id: UUID) -> HttpResponse:
        notification = notification_get_for_user(
            user=request.user, public_id=public_id, audit=NotificationAuditAction.VIEWED
        )
        try:
            notification_retry(actor=request.user, notification=notification)
        except NotificationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "The message is queued to be sent again")
        return HttpResponseRedirect(reverse("notifications:detail", args=[public_id]))


class NotificationLetterView(NotificationView):
    """Download a letter's PDF for printing and posting."""

    def get(self, request: AuthedRequest, public_id: UUID) -> FileResponse:
        notification = notification_get_for_user(
            user=request.user, public_id=public_id, audit=NotificationAuditAction.LETTER_DOWNLOADED
        )
        if notification.channel != Channel.LETTER or not notification.letter_pdf:
            raise Http404
        response = FileResponse(
            notification.letter_pdf.open("rb"),
            as_attachment=True,
            filename=f"letter-{str(public_id)[:8]}.pdf",
            content_type="application/pdf",
        )
        return _no_store(response)


class MessageTemplateListView(CapabilityRequiredMixin, View):
    """Every message the product sends, with the wording in use (the partnership's, or the default)."""

    capability = "notifications.templates"

    def get(self, request: AuthedRequest) -> HttpResponse:
        stored = {(t.key, t.channel): t for t in MessageTemplate.objects.all()}
        keys = sorted(set(TEMPLATE_DEFAULTS) | set(stored))
        rows = []
        for key, channel in keys:
            default = TEMPLATE_DEFAULTS.get((key, channel))
            rows.append(
                {
                    "key": key,
                    "channel": Channel(channel).label,
                    "channel_value": channel,
                    "description": default.description if default else "",
                    "customised": (key, channel) in stored,
                }
            )
        audit_record(
            actor=request.user, action=NotificationAuditAction.TEMPLATE_VIEWED, target_type="core.messagetemplate"
        )
        return render(request, "notifications/templates.html", {"rows": rows})


class MessageTemplateUpdateView(CapabilityRequiredMixin, View):
    """Change the wording of one message; the placeholders it may use are listed."""

    capability = "notifications.templates"

    def _context(self, key: str, channel: str, form: MessageTemplateForm) -> dict[str, Any]:
        _subject, _body, allowed = message_template_get(key=key, channel=channel)
        default = TEMPLATE_DEFAULTS.get((key, channel))
        return {
            "form": form,
            "key": key,
            "channel": Channel(channel).label,
            "channel_value": channel,
            "placeholders": allowed,
            "default": default,
            "customised": MessageTemplate.objects.filter(key=key, channel=channel).exists(),
        }

    def get(self, request: AuthedRequest, key: str, channel: str) -> HttpResponse:
        try:
            subject, body, _allowed = message_template_get(key=key, channel=channel)
        except NotificationError:
            raise Http404 from None
        form = MessageTemplateForm(initial={"subject": subject, "body": body})
        return render(request, "notifications/template_form.html", self._context(key, channel, form))

    def post(self, request: AuthedRequest, key: str, channel: str) -> HttpResponse:
        try:
            message_template_get(key=key, channel=channel)
        except NotificationError:
            raise Http404 from None
        form = MessageTemplateForm(request.POST)
        if form.is_valid():
            try:
                if request.POST.get("reset"):
                    message_template_reset(actor=request.user, key=key, channel=channel)
                else:
                    message_template_update(actor=request.user, key=key, channel=channel, **form.cleaned_data)
            except NotificationError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, "Template saved")
                return HttpResponseRedirect(reverse("notifications:templates"))
        return render(request, "notifications/template_form.html", self._context(key, channel, form), status=400)


@method_decorator(csrf_exempt, name="dispatch")
class NotifyReceiptView(View):
    """GOV.UK Notify's delivery-receipt callback: a bearer token we chose, then a JSON receipt."""

    def post(self, request: HttpRequest) -> HttpResponse:
        expected = settings.SAFER_NOTIFICATIONS.get("NOTIFY_CALLBACK_TOKEN", "")
        given = request.headers.get("Authorization", "")
        if not expected or not hmac.compare_digest(given.encode(), f"Bearer {expected}".encode()):
            return JsonResponse({"message": "Not authorised.", "code": "forbidden", "fields": {}}, status=403)
        try:
            receipt = json.loads(request.body)
            reference, status = str(receipt["id"]), str(receipt["status"])
        except (ValueError, KeyError, TypeError):
            return JsonResponse(
                {"message": "Expected JSON with id and status.", "code": "invalid", "fields": {}}, status=400
            )
        try:
            notification = notification_receipt_record(provider_reference=reference, status=status)
        except NotificationError as error:
            status_code = 404 if error.code == "conflict" else 400
            return JsonResponse({"message": error.message, "code": error.code, "fields": {}}, status=status_code)
        return JsonResponse({"state": notification.state})
