"""Sharing a case with partner organisations."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from safer.accounts.models import Organisation
from safer.casework.errors import CaseworkError
from safer.casework.forms import ShareForm
from safer.casework.models import CaseShare
from safer.casework.services import case_share, case_share_withdraw
from safer.casework.views.base import CaseView, form_error, render_form, status_for
from safer.core.typing import AuthedRequest


class CaseShareView(CaseView):
    """Who the case is shared with; share with another organisation."""

    owner_only = True

    def _page(self, form: ShareForm, status: int = 200) -> HttpResponse:
        shares = CaseShare.objects.filter(case=self.case).select_related("organisation", "shared_by", "withdrawn_by")
        return render_form(
            self.request,
            form=form,
            title="Sharing",
            case=self.case,
            status=status,
            button="Share case",
            template="casework/sharing.html",
            back=reverse("casework:case-detail", args=[self.case.reference]),
            extra={"shares": shares},
        )

    def _organisations(self) -> object:
        return Organisation.objects.filter(is_active=True).exclude(pk=self.case.owner_organisation_id)

    def get(self, request: AuthedRequest, reference: str) -> HttpResponse:
        return self._page(ShareForm(organisations=self._organisations()))  # type: ignore[arg-type]

    def post(self, request: AuthedRequest, reference: str) -> HttpResponse:
        form = ShareForm(request.POST, organisations=self._organisations())  # type: ignore[arg-type]
        status = 400
        if form.is_valid():
            try:
                share = case_share(
                    actor=request.user,
                    case=self.case,
                    organisation=form.cleaned_data["organisation"],
                    reason=form.cleaned_data["reason"],
                )
            except CaseworkError as error:
                form_error(form, error)
                status = status_for(error)
            else:
                messages.success(request, f"Case shared with {share.organisation.name}")
                return HttpResponseRedirect(reverse("casework:case-share", args=[reference]))
        return self._page(form, status)


class CaseShareWithdrawView(CaseView):
    """Withdraw a share (POST)."""

    owner_only = True

    def post(self, request: AuthedRequest, reference: str, share_id: int) -> HttpResponse:
        share = CaseShare.objects.filter(case=self.case, pk=share_id).select_related("organisation").first()
        if share is None:
            raise Http404
        try:
            case_share_withdraw(actor=request.user, share=share)
        except CaseworkError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"{share.organisation.name} can no longer see the case")
        return HttpResponseRedirect(reverse("casework:case-share", args=[reference]))
