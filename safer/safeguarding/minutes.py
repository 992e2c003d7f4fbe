"""MATAC minutes as (kind, text) blocks, rendered to DOCX (python-docx) or PDF (fpdf2). Pseudonymous refs only."""

from __future__ import annotations

import io
from typing import Any

from docx import Document

from safer.casework.letters import pdf_document
from safer.safeguarding.models import Meeting


def minutes_blocks(meeting: Meeting, items: list[Any]) -> tuple[str, list[tuple[str, str]]]:
    """The minutes' title and blocks: 'h' headings and 'p' paragraphs."""
    title = f"{meeting.area.name} MATAC meeting, {meeting.held_on:%d %B %Y}"
    if meeting.synthetic:
        title = f"SYNTHETIC DEMO - {title}"
    blocks: list[tuple[str, str]] = [
        ("p", "OFFICIAL-SENSITIVE. Shared under the MATAC information-sharing agreement; do not forward."),
        ("p", f"Status: {meeting.get_status_display()}. Chair: {meeting.chair or 'not recorded'}."),
    ]
    if meeting.notes:
        blocks += [("h", "Notes"), ("p", meeting.notes)]
    blocks.append(("h", "Subjects discussed"))
    if not items:
        blocks.append(("p", "No subjects were on the agenda."))
    for item in items:
        intervention = item.get_intervention_display() if item.intervention else "Not adopted"
        blocks.append(("h", f"{item.position}. {item.subject.perpetrator_ref} (score {item.score or 0:g})"))
        blocks.append(("p", f"Intervention: {intervention}. Decision: {item.decision or 'not yet recorded'}"))
        for action in item.action_list:
            blocks.append(
                (
                    "p",
                    f"Action ({action.get_kind_display()}) for {action.organisation.name}, owner {action.owner}, "
                    f"due {action.due_on:%d %B %Y}: {action.description} [{action.get_status_display()}]",
                )
            )
    return title, blocks


def minutes_docx(meeting: Meeting, items: list[Any]) -> bytes:
    """The minutes as a Word document."""
    title, blocks = minutes_blocks(meeting, items)
    document = Document()
    document.add_heading(title, level=1)
    for kind, text in blocks:
        if kind == "h":
            document.add_heading(text, level=2)
        else:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def minutes_pdf(meeting: Meeting, items: list[Any]) -> bytes:
    """The minutes as a PDF."""
    title, blocks = minutes_blocks(meeting, items)
    return pdf_document(title, blocks)
