"""Views for signing in and out, two-factor, and administering organisations and users."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import TemplateView

from safer.accounts.choices import Role
from safer.accounts.forms import (
    OrganisationForm,
    SignInForm,
    TeamForm,
    TokenForm,
    UserCreateForm,
    UserUpdateForm,
)
from safer.accounts.models import Organisation, User
from safer.accounts.selectors import locked_usernames, organisation_list, user_list, user_lockout
from safer.accounts.services import admin as admin_services
from safer.accounts.services.lockout import user_unlock
from safer.accounts.services.sessions import (
    SignInFailedError,
    SignInLockedOutError,
    user_sign_in,
    user_sign_out,
)
from safer.accounts.services.two_factor import (
    TwoFactorCodeInvalidError,
    TwoFactorCodeReusedError,
    totp_device_for,
    two_factor_enrol_confirm,
    two_factor_enrol_start,
    two_factor_reset,
    two_factor_verify,
)
from safer.core.typing import AuthedRequest
from safer.core.views import CapabilityRequiredMixin


def _next_url(request: HttpRequest) -> str:
    """Where to go after sign-in: a safe same-site `next`, else home."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}):
        return candidate
    return reverse("core:home")


class SignInView(View):
    """Username and password; failures are counted by django-axes and audited."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "accounts/sign_in.html", {"form": SignInForm(), "next": _next_url(request)})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = SignInForm(request.POST)
        if form.is_valid():
            try:
                user_sign_in(
                    request=request, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
                )
            except SignInLockedOutError:
                return render(request, "accounts/locked_out.html", status=429)
            except SignInFailedError as failure:
                left = failure.attempts_left
                form.add_error(
                    None,
                    f"Enter a correct username and password. You have {left} attempt{'s' if left != 1 else ''} "
                    "left before sign-in is locked for 30 minutes",
                )
            else:
                request.session["next_after_sign_in"] = _next_url(request)
                return HttpResponseRedirect(_next_url(request))
        return render(request, "accounts/sign_in.html", {"form": form, "next": _next_url(request)}, status=400)


class SignOutView(View):
    """Sign out (POST from the form; GET shows a confirmation button so links cannot sign people out)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            return HttpResponseRedirect(reverse("accounts:signed-out"))
        return render(request, "accounts/sign_out.html")

    def post(self, request: HttpRequest) -> HttpResponse:
        user_sign_out(request=request)
        return HttpResponseRedirect(reverse("accounts:signed-out"))


class SignedOutView(TemplateView):
    """Confirmation that the user has signed out."""

    template_name = "accounts/signed_out.html"


class TwoFactorVerifyView(LoginRequiredMixin, View):
    """Second step of sign-in for users with an authenticator app."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        if totp_device_for(user=request.user, confirmed=True) is None:
            return HttpResponseRedirect(reverse("accounts:two-factor-enrol"))
        return render(request, "accounts/two_factor_verify.html", {"form": TokenForm()})

    def post(self, request: AuthedRequest) -> HttpResponse:
        form = TokenForm(request.POST)
        if form.is_valid():
            try:
                two_factor_verify(request=request, user=request.user, token=form.cleaned_data["token"])
            except TwoFactorCodeReusedError:
                form.add_error(
                    "token",
                    "That code has already been used. Wait for your app to show a new code, then enter the new code",
                )
            except TwoFactorCodeInvalidError:
                form.add_error("token", "The security code is not right. Check your app and try again")
            else:
                return HttpResponseRedirect(request.session.pop("next_after_sign_in", reverse("core:home")))
        return render(request, "accounts/two_factor_verify.html", {"form": form}, status=400)


class TwoFactorEnrolView(LoginRequiredMixin, View):
    """Set up an authenticator app: scan the QR code (or type the key), then confirm with a code."""

    def _render(self, request: AuthedRequest, form: TokenForm, status: int = 200) -> HttpResponse:
        device = two_factor_enrol_start(user=request.user)
        qr_svg = segno.make(device.config_url, error="m").svg_inline(
            scale=4, title="QR code for your authenticator app"
        )
        from base64 import b32encode

        secret = b32encode(device.bin_key).decode()
        spaced = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
        return render(
            request, "accounts/two_factor_enrol.html", {"form": form, "qr_svg": qr_svg, "secret": spaced}, status=status
        )

    def get(self, request: AuthedRequest) -> HttpResponse:
        if totp_device_for(user=request.user, confirmed=True) is not None:
            return HttpResponseRedirect(reverse("accounts:two-factor-verify"))
        return self._render(request, TokenForm())

    def post(self, request: AuthedRequest) -> HttpResponse:
        form = TokenForm(request.POST)
        if form.is_valid():
            try:
                two_factor_enrol_confirm(request=request, user=request.user, token=form.cleaned_data["token"])
            except TwoFactorCodeInvalidError:
                form.add_error("token", "The security code is not right. Check the time on your phone and try again")
            else:
                messages.success(request, "Two-factor sign-in is set up")
                return HttpResponseRedirect(request.session.pop("next_after_sign_in", reverse("core:home")))
        return self._render(request, form, status=400)


class AdminHomeView(CapabilityRequiredMixin, TemplateView):
    """Administration start page."""

    capability = "accounts.admin"
    template_name = "accounts/admin_home.html"


class OrganisationListView(CapabilityRequiredMixin, View):
    """All organisations of the partnership."""

    capability = "accounts.admin"

    def get(self, request: AuthedRequest) -> HttpResponse:
        return render(request, "accounts/organisation_list.html", {"organisations": organisation_list()})


class OrganisationCreateView(CapabilityRequiredMixin, View):
    """Add an organisation."""

    capability = "accounts.admin"

    def get(self, request: AuthedRequest) -> HttpResponse:
        return render(request, "accounts/organisation_form.html", {"form": OrganisationForm()})

    def post(self, request: AuthedRequest) -> HttpResponse:
        form = OrganisationForm(request.POST)
        if form.is_valid():
            organisation = admin_services.organisation_create(
                actor=request.user,
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
            )
            messages.success(request, f"{organisation.name} added")
            return HttpResponseRedirect(reverse("accounts:organisation-list"))
        return render(request, "accounts/organisation_form.html", {"form": form}, status=400)


class OrganisationUpdateView(CapabilityRequiredMixin, View):
    """Change an organisation and add teams to it."""

    capability = "accounts.admin"

    def _render(
        self,
        request: AuthedRequest,
        organisation: Organisation,
        form: OrganisationForm,
        team_form: TeamForm,
        status: int = 200,
    ) -> HttpResponse:
        return render(
            request,
            "accounts/organisation_form.html",
            {"form": form, "team_form": team_form, "organisation": organisation, "teams": organisation.teams.all()},
            status=status,
        )

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        organisation = get_object_or_404(Organisation, pk=pk)
        form = OrganisationForm(
            initial={"name": organisation.name, "kind": organisation.kind, "is_active": organisation.is_active},
            instance=organisation,
        )
        return self._render(request, organisation, form, TeamForm())

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        organisation = get_object_or_404(Organisation, pk=pk)
        if "add_team" in request.POST:
            team_form = TeamForm(request.POST)
            if team_form.is_valid():
                try:
                    admin_services.team_create(
                        actor=request.user, organisation=organisation, name=team_form.cleaned_data["name"]
                    )
                except ValidationError:
                    team_form.add_error("name", "That team already exists in this organisation")
                else:
                    messages.success(request, "Team added")
                    return HttpResponseRedirect(reverse("accounts:organisation-update", args=[pk]))
            return self._render(
                request,
                organisation,
                OrganisationForm(
                    instance=organisation,
                    initial={"name": organisation.name, "kind": organisation.kind, "is_active": organisation.is_active},
                ),
                team_form,
                400,
            )
        form = OrganisationForm(request.POST, instance=organisation)
        if form.is_valid():
            admin_services.organisation_update(actor=request.user, organisation=organisation, **form.cleaned_data)
            messages.success(request, f"{organisation.name} updated")
            return HttpResponseRedirect(reverse("accounts:organisation-list"))
        return self._render(request, organisation, form, TeamForm(), 400)


class UserListView(CapabilityRequiredMixin, View):
    """Users, filterable by organisation, role and name."""

    capability = "accounts.admin"

    def get(self, request: AuthedRequest) -> HttpResponse:
        organisation_id = request.GET.get("organisation") or ""
        role = request.GET.get("role") or ""
        query = (request.GET.get("q") or "").strip()
        users = user_list(
            organisation_id=int(organisation_id) if organisation_id.isdigit() else None,
            role=role if role in Role.values else "",
            query=query,
        )
        page = Paginator(users, 50).get_page(request.GET.get("page"))
        locked = locked_usernames(usernames=[subject.username for subject in page])
        for subject in page:
            subject.is_locked = subject.username in locked  # type: ignore[attr-defined]
        return render(
            request,
            "accounts/user_list.html",
            {
                "page": page,
                "organisations": Organisation.objects.all(),
                "roles": Role.choices,
                "selected_organisation": organisation_id,
                "selected_role": role,
                "q": query,
            },
        )


class UserCreateView(CapabilityRequiredMixin, View):
    """Create an account."""

    capability = "accounts.admin"

    def get(self, request: AuthedRequest) -> HttpResponse:
        return render(request, "accounts/user_form.html", {"form": UserCreateForm()})

    def post(self, request: AuthedRequest) -> HttpResponse:
        form = UserCreateForm(request.POST)
        if form.is_valid():
            try:
                user = admin_services.user_create(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error("password", error.messages)
            else:
                messages.success(request, f"Account {user.username} created")
                return HttpResponseRedirect(reverse("accounts:user-list"))
        return render(request, "accounts/user_form.html", {"form": form}, status=400)


class UserUpdateView(CapabilityRequiredMixin, View):
    """Change an account's role, organisation or status."""

    capability = "accounts.admin"

    def _initial(self, user: User) -> dict[str, object]:
        return {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "organisation": user.organisation_id,
            "team": user.team_id,
            "role": user.role,
            "is_active": user.is_active,
        }

    def _render(self, request: AuthedRequest, subject: User, form: UserUpdateForm, status: int = 200) -> HttpResponse:
        has_device = totp_device_for(user=subject, confirmed=True) is not None
        return render(
            request,
            "accounts/user_form.html",
            {"form": form, "subject": subject, "has_device": has_device, "lockout": user_lockout(user=subject)},
            status=status,
        )

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        subject = get_object_or_404(User, pk=pk)
        return self._render(request, subject, UserUpdateForm(initial=self._initial(subject)))

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        subject = get_object_or_404(User, pk=pk)
        form = UserUpdateForm(request.POST)
        if form.is_valid():
            admin_services.user_update(actor=request.user, user=subject, **form.cleaned_data)
            messages.success(request, f"Account {subject.username} updated")
            return HttpResponseRedirect(reverse("accounts:user-list"))
        return self._render(request, subject, form, status=400)


class UserTwoFactorResetView(CapabilityRequiredMixin, View):
    """Remove a user's authenticator so they enrol again (for a lost phone)."""

    capability = "accounts.admin"

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        subject = get_object_or_404(User, pk=pk)
        two_factor_reset(actor=request.user, user=subject)
        messages.success(request, f"Two-factor reset for {subject.username}: they will set it up at next sign-in")
        return HttpResponseRedirect(reverse("accounts:user-update", args=[pk]))


class UserUnlockView(CapabilityRequiredMixin, View):
    """Unlock an account locked after too many failed sign-ins (audited)."""

    capability = "accounts.admin"

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        subject = get_object_or_404(User, pk=pk)
        user_unlock(actor=request.user, user=subject)
        messages.success(request, f"{subject.username} is unlocked and can sign in again")
        return HttpResponseRedirect(reverse("accounts:user-update", args=[pk]))
