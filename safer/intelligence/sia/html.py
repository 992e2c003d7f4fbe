"""The report as one accessible, self-contained HTML page in GOV.UK styles (charts inline as PNG)."""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from safer.intelligence.sia.model import AppendixEntry, Bullets, Chart, Missing, Paragraph, Report, Section, TableBlock

GOVUK_CSS = (
    Path(__file__).resolve().parents[2] / "core" / "static" / "vendor" / "govuk-frontend" / "govuk-frontend.min.css"
)
_EXTRA_CSS = (
    ".sia-figure img{max-width:100%;height:auto}.sia-table-wrap{overflow-x:auto}"
    ".govuk-table{font-size:1rem}.sia-synthetic{font-weight:700}"
    # WCAG 2.2 target size: every link at least 24px high
    ".govuk-main-wrapper a{display:inline-block;min-height:24px;line-height:24px}"
    ".govuk-main-wrapper li{margin-bottom:4px}"
)
_HEADINGS = {1: "govuk-heading-l", 2: "govuk-heading-m", 3: "govuk-heading-s", 4: "govuk-heading-s"}


def _table(block: TableBlock) -> str:
    head = "".join(
        f'<th scope="col" class="govuk-table__header{" govuk-table__header--numeric" if numeric else ""}">'
        f"{escape(title)}</th>"
        for title, numeric in zip(block.header, block.numeric, strict=True)
    )
    body = []
    for row in block.rows:
        cells = [f'<th scope="row" class="govuk-table__header">{escape(row[0])}</th>']
        cells += [
            f'<td class="govuk-table__cell{" govuk-table__cell--numeric" if numeric else ""}">{escape(value)}</td>'
            for value, numeric in zip(row[1:], block.numeric[1:], strict=True)
        ]
        body.append(f'<tr class="govuk-table__row">{"".join(cells)}</tr>')
    source = (
        f' <a class="govuk-link" href="#appendix-{block.source}">(how this was computed)</a>' if block.source else ""
    )
    notes = "".join(f'<p class="govuk-body-s">{escape(n)}</p>' for n in block.notes)
    return (
        f'<div class="sia-table-wrap"><table class="govuk-table"><caption class="govuk-table__caption '
        f'govuk-table__caption--s">{escape(block.title)}{source}</caption><thead class="govuk-table__head">'
        f'<tr class="govuk-table__row">{head}</tr></thead><tbody class="govuk-table__body">{"".join(body)}</tbody>'
        f"</table></div>{notes}"
    )


def _block(block: object) -> str:
    if isinstance(block, Paragraph):
        return f'<p class="govuk-body">{escape(block.text)}</p>'
    if isinstance(block, Bullets):
        items = "".join(f"<li>{escape(item)}</li>" for item in block.items)
        return f'<ul class="govuk-list govuk-list--bullet">{items}</ul>'
    if isinstance(block, Missing):
        return f'<div class="govuk-inset-text"><strong>Not available.</strong> {escape(block.text)}</div>'
    if isinstance(block, TableBlock):
        return _table(block)
    if isinstance(block, Chart):
        data = base64.b64encode(block.png).decode("ascii")
        return (
            f'<figure class="sia-figure"><img src="data:image/png;base64,{data}" alt="{escape(block.alt)}">'
            f'<figcaption class="govuk-body-s">{escape(block.title)}</figcaption></figure>'
        )
    raise TypeError(f"Unknown block {block!r}")


def _section(section: Section, depth: int) -> str:
    level = min(depth + 1, 6)
    parts = [f'<section id="{escape(section.anchor)}" aria-labelledby="{escape(section.anchor)}-heading">']
    parts.append(f'<h{level} class="{_HEADINGS.get(depth, "govuk-heading-s")}" id="{escape(section.anchor)}-heading">')
    parts.append(f"{escape(section.title)}</h{level}>")
    parts += [_block(b) for b in section.blocks]
    parts += [_section(child, depth + 1) for child in section.children]
    parts.append("</section>")
    return "".join(parts)


def _appendix(entries: list[AppendixEntry]) -> str:
    parts = ['<section id="appendix" aria-labelledby="appendix-heading">']
    parts.append('<h2 class="govuk-heading-l" id="appendix-heading">Appendix: how each figure was computed</h2>')
    for e in entries:
        rows = [
            ("Table", e.table),
            ("Area", e.area),
            ("Period", e.period),
            ("Compared with", e.compare),
            ("Filters", e.filters),
            ("Source", e.source),
            ("Definition", e.definition),
            ("Months with data in the period", e.months_with_data),
            ("Latest month in the data", e.latest_month),
            ("Latest import of the source", e.latest_import),
        ]
        items = "".join(
            f'<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{escape(k)}</dt>'
            f'<dd class="govuk-summary-list__value">{escape(v)}</dd></div>'
            for k, v in rows
        )
        parts.append(
            f'<h3 class="govuk-heading-s" id="appendix-{e.number}">{e.number}. {escape(e.title)}</h3>'
            f'<dl class="govuk-summary-list">{items}</dl>'
        )
    parts.append("</section>")
    return "".join(parts)


def report_html(report: Report) -> str:
    """The report as a standalone HTML document (GOV.UK styles inlined; works offline and without JS)."""
    css = GOVUK_CSS.read_text(encoding="utf-8") if GOVUK_CSS.exists() else ""
    tops = [report.summary, *report.chapters]
    contents = "".join(f'<li><a class="govuk-link" href="#{escape(s.anchor)}">{escape(s.title)}</a></li>' for s in tops)
    contents += '<li><a class="govuk-link" href="#appendix">Appendix: how each figure was computed</a></li>'
    synthetic = (
        '<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>'
        '<strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>'
        "SYNTHETIC: this report counts synthetic records made up for demos and tests.</strong></div>"
        if report.synthetic
        else ""
    )
    meta = f"Compared with {report.compare}. Produced {report.created_at:%d %B %Y %H:%M} UTC." + (
        f" Comparator areas: {', '.join(report.comparators)}." if report.comparators else ""
    )
    body = "".join(_section(s, 1) for s in tops)
    return (
        '<!DOCTYPE html><html lang="en-GB" class="govuk-template"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(report.title)}</title><style>{css}{_EXTRA_CSS}</style></head>"
        '<body class="govuk-template__body"><a href="#main-content" class="govuk-skip-link">Skip to main content</a>'
        '<div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">'
        f'<h1 class="govuk-heading-xl">{escape(report.title)}</h1>{synthetic}'
        f'<p class="govuk-body">{escape(meta)}</p>'
        f'<nav aria-label="Contents"><h2 class="govuk-heading-m">Contents</h2>'
        f'<ol class="govuk-list govuk-list--number">{contents}</ol></nav>'
        f"{body}{_appendix(report.appendix)}"
        '<p class="govuk-body-s">Contains public sector information licensed under the Open Government Licence '
        "v3.0.</p></main></div></body></html>"
    )
