"""Documents open in their own formats and hold the expected sections, figures dated and sourced."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document as Docx

from safer.planning.documents.content import annual_report, plan_document, scorecard_document
from safer.planning.documents.render import document_docx, document_html, document_pdf
from safer.planning.readings import plan_readings
from safer.planning.services import indicators, plans, progress

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)
PLAN_SECTIONS = [
    "Introduction",
    "Statutory duties",
    "Priorities",
    "Priority 1: Anti-Social Behaviour",
    "Indicators",
    "Partners",
    "Glossary",
]


@pytest.fixture
def full_plan(manager, plan, priority, police_action, crime_warehouse):
    plans.duty_save(actor=manager, plan=plan, duty="dhr", how_met="Independent chair.")
    plans.member_add(actor=manager, plan=plan, name="Thames Valley Police", kind="statutory")
    plans.glossary_add(actor=manager, plan=plan, term="ASB", meaning="Anti-social behaviour")
    plans.action_save(actor=manager, priority=priority, what="Secret pilot", how="x", who="y", why="z", internal=True)
    indicators.indicator_save(
        actor=manager,
        plan=plan,
        name="Violence",
        kind="dashboard",
        dashboard_source="crime",
        area="West Oxfordshire",
        period="2022-03..2022-04",
        crime_type="Violence and sexual offences",
    )
    progress.progress_record(
        actor=manager,
        action=police_action,
        year=2025,
        quarter=3,
        rag="complete",
        comment="Youth ASB problem-solving finished in Witney.",
    )
    return plan


class TestPlanDocument:
    def test_sections_in_order_and_internal_actions_left_out_when_public(self, full_plan):
        readings = plan_readings(plan=full_plan, today=TODAY, public=True)
        document = plan_document(plan=full_plan, readings=readings, today=TODAY, public=True)
        assert [s.heading for s in document.sections] == PLAN_SECTIONS
        actions = document.sections[3].tables[0]
        assert actions.headers == ["What", "How", "Who", "Why", "Youth focused", "Timescale", "Outcome measure"]
        assert [row[0] for row in actions.rows] == ["Youth ASB"]

    def test_html_has_headings_table_headers_and_dated_sourced_figures(self, full_plan):
        readings = plan_readings(plan=full_plan, today=TODAY)
        html = document_html(plan_document(plan=full_plan, readings=readings, today=TODAY))
        assert '<html lang="en-GB">' in html
        for heading in PLAN_SECTIONS:
            assert heading in html
        assert '<th scope="col">Youth focused</th>' in html
        assert "Produced on 3 December 2026" in html and "police.uk" in html and "Off track" in html

    def test_docx_opens_with_heading_styles_and_the_figures(self, full_plan):
        readings = plan_readings(plan=full_plan, today=TODAY)
        opened = Docx(io.BytesIO(document_docx(plan_document(plan=full_plan, readings=readings, today=TODAY))))
        headings = [p.text for p in opened.paragraphs if p.style.name.startswith("Heading")]
        assert headings == PLAN_SECTIONS
        assert opened.core_properties.title == full_plan.title
        indicator_table = opened.tables[-2]
        assert indicator_table.rows[0].cells[0].text == "Indicator"
        assert indicator_table.rows[1].cells[2].text == "130"
        assert "police.uk" in indicator_table.rows[1].cells[6].text

    def test_pdf_opens_with_title_language_outline_and_text(self, full_plan):
        readings = plan_readings(plan=full_plan, today=TODAY)
        data = document_pdf(plan_document(plan=full_plan, readings=readings, today=TODAY))
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
        assert b"/Lang (en-GB)" in data and b"/Outlines" in data
        for heading in [full_plan.title, *PLAN_SECTIONS]:  # the outline (bookmarks) names every section
            assert f"/Title ({heading})".encode() in data


class TestAnnualReport:
    def test_achievements_figures_and_next_priorities(self, full_plan):
        readings = plan_readings(plan=full_plan, today=TODAY)
        document = annual_report(plan=full_plan, readings=readings, today=TODAY, year=2025)
        headings = [s.heading for s in document.sections]
        assert headings == [
            "Summary and recommendation",
            "Introduction and background",
            "Achievements in 2025-26",
            "Figures from the plan's indicators",
            "Priorities for 2026-27",
        ]
        assert any("Youth ASB problem-solving finished in Witney" in b for b in document.sections[2].bullets)
        figures = document.sections[3].tables[0]
        assert figures.rows[0][2] == "130" and "Mar 2021 to Apr 2021" in figures.rows[0][3]
        opened = Docx(io.BytesIO(document_docx(document)))
        assert [p.text for p in opened.paragraphs if p.style.name.startswith("Heading")] == headings


class TestScorecardDocument:
    def test_sparkline_images_have_alt_text(self, full_plan):
        readings = plan_readings(plan=full_plan, today=TODAY)
        data = document_docx(scorecard_document(plan=full_plan, readings=readings, today=TODAY))
        opened = Docx(io.BytesIO(data))
        shapes = opened.inline_shapes
        assert len(shapes) == 1
        assert shapes[0]._inline.docPr.get("descr").startswith("Trend from")
        assert document_pdf(scorecard_document(plan=full_plan, readings=readings, today=TODAY)).startswith(b"%PDF")
