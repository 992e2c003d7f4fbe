"""Documents as HTML, DOCX or PDF: the plan, the annual update report to the council, the scorecard."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils import timezone

from safer.core.services.audit import audit_record
from safer.core.typing import AuthedRequest
from safer.planning.choices import PlanningAuditAction
from safer.planning.documents.content import annual_report, plan_document, scorecard_document
from safer.planning.documents.render import document_docx, document_html, document_pdf
from safer.planning.readings import plan_readings
from safer.planning.selectors import financial_quarter
from safer.planning.views.base import PlanningView

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


class DocumentView(PlanningView):
    """One document of a plan in one format (kind: plan, annual-report, scorecard; format: html, docx, pdf)."""

    def get(self, request: AuthedRequest, slug: str, kind: str, fmt: str) -> HttpResponse:
        if fmt not in CONTENT_TYPES:
            raise Http404
        plan = self.plan(slug)
        today = timezone.localdate()
        readings = plan_readings(plan=plan, today=today)
        if kind == "plan":
            document = plan_document(plan=plan, readings=readings, today=today)
        elif kind == "annual-report":
            year = int(request.GET.get("year", financial_quarter(today)[0] - 1))
            document = annual_report(plan=plan, readings=readings, today=today, year=year)
        elif kind == "scorecard":
            document = scorecard_document(plan=plan, readings=readings, today=today)
        else:
            raise Http404
        audit_record(
            actor=request.user,
            action=PlanningAuditAction.DOCUMENT_PRODUCED,
            target=plan,
            detail={"kind": kind, "format": fmt},
        )
        if fmt == "html":
            body: bytes | str = document_html(document)
        elif fmt == "docx":
            body = document_docx(document)
        else:
            body = document_pdf(document)
        response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
        if fmt == "html":  # a standalone page: its own small stylesheet, no scripts
            response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        else:
            response["Content-Disposition"] = f'attachment; filename="{plan.slug}-{kind}-{today}.{fmt}"'
        return response
