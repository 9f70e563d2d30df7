"""A plain PDF of titled sections (label/value tables and lines of text), in Chinese without any
font file: reportlab's built-in CID font STSong-Light (Adobe-GB1) is one every PDF reader ships,
so the file stays small and renders the same everywhere."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT = "STSong-Light"


@dataclass(frozen=True)
class Section:
    title: str
    rows: tuple[tuple[str, str], ...] = ()  # label, value
    lines: tuple[str, ...] = ()


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def _styles() -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    font = _font()
    title = ParagraphStyle("title", fontName=font, fontSize=16, leading=22, spaceAfter=6)
    heading = ParagraphStyle("heading", fontName=font, fontSize=12, leading=18, spaceBefore=8)
    # CJK word wrap: Chinese breaks between any two characters.
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=14, wordWrap="CJK")
    return title, heading, body


def _table(rows: tuple[tuple[str, str], ...], body: ParagraphStyle) -> Table:
    cells = [[Paragraph(escape(k), body), Paragraph(escape(v), body)] for k, v in rows]
    table = Table(cells, colWidths=[38 * mm, 132 * mm])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (0, -1), colors.whitesmoke),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def render_pdf(title: str, sections: Sequence[Section], *, subject: str = "") -> bytes:
    """The document as PDF bytes."""
    title_style, heading, body = _styles()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        title=title,
        subject=subject,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        invariant=True,  # the same content gives the same bytes (no creation time, fixed id)
    )
    story: list[object] = [Paragraph(escape(title), title_style)]
    for section in sections:
        story.append(Paragraph(escape(section.title), heading))
        if section.rows:
            story.append(_table(section.rows, body))
        story.extend(Paragraph(escape(line), body) for line in section.lines)
        story.append(Spacer(1, 4 * mm))
    doc.build(story)
    return out.getvalue()
