"""Staff pages for hate reports: list with overdue warnings, a report and its referrals, partners, rules, statistics."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from safer.engagement.choices import HateReportStatus
from safer.engagement.errors import EngagementError
from safer.engagement.forms import HateStatisticsForm, PartnerForm, ReferralUpdateForm, RoutingRuleForm
from safer.engagement.selectors.hate_reports import (
    hate_report_get_for_user,
    hate_report_list_for_user,
    hate_statistics,
    partner_list_for_user,
    referral_get_for_user,
    referrals_overdue,
    rule_list_for_user,
)
from safer.engagement.services.hate_reports import hate_report_close, partner_save, referral_update, routing_rule_save
from safer.engagement.services.partnership import engagement_settings_for
from safer.engagement.views.staff_base import EngagementView, form_error


class HateReportListView(EngagementView):
    """The partnership's hate reports, with referrals past their due date first."""

    capability = "engagement.hate"

    def get(self, request: object) -> HttpResponse:
        user = self.request.user
        status = self.request.GET.get("status", "")
        if status not in HateReportStatus.values:
            status = ""
        return render(
            self.request,
            "engagement/staff/hate_reports.html",
            {
                "reports": hate_report_list_for_user(user=user, status=status)[:200],
                "overdue": referrals_overdue(user=user),
                "status": status,
                "statuses": HateReportStatus.choices,
                "org": user.organisation_id,
            },
        )


class HateReportDetailView(EngagementView):
    """One report and its referrals; record partners' responses; close it."""

    capability = "engagement.hate"

    def get(self, request: object, reference: str) -> HttpResponse:
        report = hate_report_get_for_user(user=self.request.user, reference=reference)
        referrals = [
            (r, ReferralUpdateForm(initial={"status": r.status, "response": r.response}, prefix=f"r{r.pk}"))
            for r in report.referrals.select_related("partner", "rule")
        ]
        return render(
            self.request,
            "engagement/staff/hate_report.html",
            {"report": report, "referrals": referrals, "today": timezone.localdate()},
        )

    def post(self, request: object, reference: str) -> HttpResponse:
        user = self.request.user
        report = hate_report_get_for_user(user=user, reference=reference)
        try:
            if self.request.POST.get("action") == "close":
                hate_report_close(actor=user, report=report)
                messages.success(self.request, f"Report {report.reference} closed.")
            else:
                referral = referral_get_for_user(user=user, pk=int(self.request.POST.get("referral", "0") or 0))
                form = ReferralUpdateForm(self.request.POST, prefix=f"r{referral.pk}")
                if form.is_valid():
                    referral_update(actor=user, referral=referral, **form.cleaned_data)
                    messages.success(self.request, f"Referral to {referral.partner.name} updated.")
                else:
                    messages.error(self.request, "Choose a status for the referral.")
        except EngagementError as error:
            messages.error(self.request, error.message)
        return HttpResponseRedirect(reverse("engagement:hate-report", args=[report.reference]))


class HateRoutingView(EngagementView):
    """Partner agencies and the routing rules that refer reports to them."""

    capability = "engagement.hate"

    def _page(self, partner_form: PartnerForm, rule_form: RoutingRuleForm, status: int = 200) -> HttpResponse:
        user = self.request.user
        return render(
            self.request,
            "engagement/staff/hate_routing.html",
            {
                "partners": partner_list_for_user(user=user),
                "rules": rule_list_for_user(user=user),
                "partner_form": partner_form,
                "rule_form": rule_form,
            },
            status=status,
        )

    def _partners(self) -> list[tuple[int, str]]:
        return [(p.pk, p.name) for p in partner_list_for_user(user=self.request.user)]

    def get(self, request: object) -> HttpResponse:
        return self._page(PartnerForm(), RoutingRuleForm(partners=self._partners()))

    def post(self, request: object) -> HttpResponse:
        user = self.request.user
        partner_form, rule_form = PartnerForm(), RoutingRuleForm(partners=self._partners())
        if self.request.POST.get("action") == "partner":
            partner_form = PartnerForm(self.request.POST)
            if partner_form.is_valid():
                try:
                    partner_save(actor=user, **partner_form.cleaned_data)
                except EngagementError as error:
                    form_error(partner_form, error)
                else:
                    messages.success(self.request, "Partner agency saved.")
                    return HttpResponseRedirect(reverse("engagement:hate-routing"))
        else:
            rule_form = RoutingRuleForm(self.request.POST, partners=self._partners())
            if rule_form.is_valid():
                data = dict(rule_form.cleaned_data)
                partner = partner_list_for_user(user=user).get(pk=data.pop("partner"))
                try:
                    routing_rule_save(actor=user, partner=partner, **data)
                except EngagementError as error:
                    form_error(rule_form, error)
                else:
                    messages.success(self.request, "Routing rule saved.")
                    return HttpResponseRedirect(reverse("engagement:hate-routing"))
        return self._page(partner_form, rule_form, status=400)


class HateStatisticsView(EngagementView):
    """Reports by strand, month, area and route, beside police-recorded hate crime (for the SIA)."""

    def get(self, request: object) -> HttpResponse:
        user = self.request.user
        form = HateStatisticsForm(self.request.GET or None)
        today = timezone.localdate()
        month_to = today.replace(day=1)
        month_from = dt.date(month_to.year - 1, month_to.month, 1)
        if form.is_bound and form.is_valid():
            month_from = form.cleaned_data["month_from"] or month_from
            month_to = form.cleaned_data["month_to"] or month_to
        district = engagement_settings_for(user.organisation).district
        stats = hate_statistics(user=user, month_from=month_from, month_to=month_to, district=district)
        return render(self.request, "engagement/staff/hate_statistics.html", {"form": form, "stats": stats})
