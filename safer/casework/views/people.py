"""People: adding them to cases, their page (all visible cases), search, subject access export."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.forms import ModelChoiceField
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safer.casework.choices import PartyRole
from safer.casework.errors import CaseworkError
from safer.casework.forms import PartyForm, PersonSearchForm
from safer.casework.selectors import (
    person_case_roles_for_user,
    person_cases_for_user,
    person_get_for_user,
    person_search_for_user,
    visible_people,
)
from safer.casework.services import party_add, person_create, person_export
from safer.casework.services.subject_access import person_export_json, person_export_pdf
from safer.casework.views.base import CaseView, CaseworkView, form_error, render_form, status_for
from safer.core.typing import AuthedRequest


class PartyAddView(CaseView):
    """Add someone to the case in a role: find someone already recorded by name or postcode, or record someone new.

    The "already recorded" list offers only the search's matches (at most 50), never everyone the user can see.
    Searches are POSTed, so names and postcodes stay out of URLs and access logs.
    """

    owner_only = True

    def _offer(self, form: PartyForm, q: str) -> None:
        """Narrow the form's list of recorded people to the search's matches (and whoever is chosen)."""
        matches = list(person_search_for_user(user=self.request.user, q=q).values_list("pk", flat=True)) if q else []
        chosen = getattr(form, "cleaned_data", {}).get("person")
        field = form.fields["person"]
        assert isinstance(field, ModelChoiceField)
        shown = [*matches, chosen.pk] if chosen is not None else matches
        field.queryset = visible_people(self.request.user).filter(pk__in=shown).order_by("last_name", "first_name")
        # Set on the bound field too: a validated form has already bound it with the old hint.
        field.help_text = form["person"].help_text = (
            f"{len(matches)} {'person matches' if len(matches) == 1 else 'people match'} the search"
            if q
            else "Search above to choose someone already recorded"
        )

    def _page(self, form: PartyForm, q: str, status: int = 200) -> HttpResponse:
        self._offer(form, q)
        return render_form(
            self.request,
            form=form,
            title="Add a person to the case",
            case=self.case,
            status=status,
            button="Add person",
            back=reverse("casework:case-detail", args=[self.case.reference]),
            template="casework/party_add.html",
            extra={"search": PersonSearchForm(initial={"q": q}), "q": q},
        )

    def get(self, request: AuthedRequest, reference: str) -> HttpResponse:
        return self._page(PartyForm(people=visible_people(request.user)), "")

    def post(self, request: AuthedRequest, reference: str) -> HttpResponse:
        search = PersonSearchForm(request.POST)
        q = search.cleaned_data["q"].strip() if search.is_valid() else ""
        if "search" in request.POST:
            return self._page(PartyForm(people=visible_people(request.user)), q)
        form = PartyForm(request.POST, people=visible_people(request.user))
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    person = data["person"] or person_create(
                        actor=request.user,
                        first_name=data["first_name"],
                        last_name=data["last_name"],
                        date_of_birth=data["date_of_birth"],
                        address=data["address"],
                        postcode=data["postcode"],
                        phone=data["phone"],
                        vulnerability_notes=data["vulnerability_notes"],
                    )
                    party_add(actor=request.user, case=self.case, person=person, role=data["role"])
            except CaseworkError as error:
                form_error(form, error)
                status = status_for(error)
            else:
                messages.success(request, f"{PartyRole(data['role']).label} added")
                return HttpResponseRedirect(reverse("casework:case-detail", args=[reference]))
        return self._page(form, q, status)


class PersonListView(CaseworkView):
    """Find a person the user may see (the search is POSTed: names stay out of URLs and logs)."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        return render(request, "casework/person_list.html", {"form": PersonSearchForm(), "people": [], "q": ""})

    def post(self, request: AuthedRequest) -> HttpResponse:
        form = PersonSearchForm(request.POST)
        q = form.cleaned_data["q"].strip() if form.is_valid() else ""
        people = list(person_search_for_user(user=request.user, q=q)) if q else []
        roles = person_case_roles_for_user(user=request.user, people=people)
        for person in people:
            # People of the same name are told apart by address and cases, not listed as look-alike rows.
            person.address_first_line = person.address.splitlines()[0] if person.address else ""  # type: ignore[attr-defined]
            person.case_roles = roles.get(person.pk, [])  # type: ignore[attr-defined]
        return render(request, "casework/person_list.html", {"form": form, "people": people, "q": q})


class PersonDetailView(CaseworkView):
    """A person and every case they appear in that the user may see."""

    def get(self, request: AuthedRequest, public_id: str) -> HttpResponse:
        person = person_get_for_user(user=request.user, public_id=public_id)
        return render(
            request,
            "casework/person_detail.html",
            {
                "person": person,
                "parties": person_cases_for_user(user=request.user, person=person),
                "can_export": request.user.has_capability("casework.manage"),
            },
        )


class PersonExportView(CaseworkView):
    """Subject access export as JSON or PDF (case managers)."""

    capability = "casework.manage"

    def get(self, request: AuthedRequest, public_id: str, fmt: str) -> HttpResponse:
        if fmt not in {"json", "pdf"}:
            raise Http404
        person = person_get_for_user(user=request.user, public_id=public_id, audit=False)
        data = person_export(actor=request.user, person=person)
        name = f"subject-access-{person.public_id}.{fmt}"
        if fmt == "pdf":
            response = HttpResponse(person_export_pdf(data), content_type="application/pdf")
        else:
            response = HttpResponse(person_export_json(data), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "no-store"
        return response
