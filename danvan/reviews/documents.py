"""A report as a DOCX, in the Party format (Guidance 36-HD/VPTW) or the State format (Decree 30/2020).

Party (a Ban Dân vận, a Party committee): top left the superior body (14 pt upright) over the issuing body
(14 pt bold) and a "*", then "Số 45-BC/BDVHU" — no colon —; top right "ĐẢNG CỘNG SẢN VIỆT NAM" (15 pt bold,
underlined) and the place and date in italics. State (a People's Committee, a Front committee): top right
the national title and motto, top left the issuing body and "Số: 15/BC-UBND" with a colon. Then "BÁO CÁO"
(16 pt bold) and its summary (14 pt bold), the body in 14 pt Times New Roman, the recipients ("Nơi nhận")
bottom left beside the signature, and the annex table of indicators. How each body heads its documents is
dated data (`DocumentIssuer`); without a row the heading is derived from the unit names.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from danvan.core.documents import FONT, MOTTO, NATIONAL_TITLE, a4_document, heading_table, long_date
from danvan.core.formatting import local_today
from danvan.units.models import UnitKind

from . import drafts, figures
from .models import DocumentFormat, DocumentIssuer, UnitReport
from .periods import next_period_text
from .selectors import report_values

PARTY_KINDS = {UnitKind.MOBILISATION_COMMISSION, UnitKind.PARTY_COMMITTEE}
DEFAULT_SYMBOLS = {
    UnitKind.MOBILISATION_COMMISSION: "BDV",
    UnitKind.PARTY_COMMITTEE: "ĐU",
    UnitKind.PEOPLES_COMMITTEE: "UBND",
    UnitKind.FATHERLAND_FRONT: "MTTQ",
}


@dataclass(frozen=True)
class Heading:
    format: str
    superior: str
    name: str
    symbol: str
    place: str
    signer_title: str
    signer_name: str
    recipients: list[str]


def _place(unit) -> str:
    name = unit.short_name or unit.name
    for word in ("Thành phố", "Thị trấn", "Thị xã", "Huyện", "Tỉnh", "Xã", "Phường"):
        if name.startswith(word + " "):
            return name[len(word) + 1 :]
    return name


def heading(report: UnitReport, on: dt.date) -> Heading:
    body = report.issuer or report.unit
    issuer = next(
        (
            r
            for r in DocumentIssuer.objects.filter(unit=body)
            if (r.valid_from is None or r.valid_from <= on) and (r.valid_to is None or on <= r.valid_to)
        ),
        None,
    )
    if issuer is not None:
        return Heading(
            issuer.format,
            issuer.superior_name,
            issuer.name,
            issuer.symbol,
            issuer.place,
            issuer.signer_title,
            issuer.signer_name,
            [x.strip() for x in issuer.recipients.splitlines() if x.strip()],
        )
    fmt = DocumentFormat.PARTY if body.kind in PARTY_KINDS else DocumentFormat.STATE
    superior = ""
    if body != report.unit:
        superior = (
            report.unit.parent.name if report.unit.parent and fmt == DocumentFormat.STATE else ""
        ).upper()
    return Heading(
        fmt,
        superior,
        body.name.upper(),
        DEFAULT_SYMBOLS.get(body.kind, "VP"),
        _place(report.unit),
        "",
        "",
        [],
    )


def number_line(h: Heading, number: int | None) -> str:
    n = str(number) if number else "\u2003\u2003"
    if h.format == DocumentFormat.PARTY:
        return f"Số {n}-BC/{h.symbol}"
    return f"Số: {n}/BC-{h.symbol}"


def date_line(h: Heading, on: dt.date) -> str:
    return f"{h.place}, {long_date(on)}"


def issued_day(report: UnitReport, on: dt.date | None = None) -> dt.date:
    return on or report.issued_on or report.approved_on or report.submitted_on or local_today()


def report_docx(report: UnitReport, on: dt.date | None = None) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    day = issued_day(report, on)
    h = heading(report, day)
    doc = a4_document()

    def add(container, text, *, size=14, bold=False, italic=False, underline=False, align=None, space=0):
        p = container.add_paragraph()
        if align is not None:
            p.alignment = align
        p.paragraph_format.space_after = Pt(space)
        run = p.add_run(text)
        run.font.name, run.font.size = FONT, Pt(size)
        run.bold, run.italic, run.underline = bold, italic, underline
        return p

    center = WD_ALIGN_PARAGRAPH.CENTER
    left, right = heading_table(doc)
    if h.format == DocumentFormat.PARTY:
        add(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True, underline=True, align=center, space=6)
        add(right, date_line(h, day), italic=True, align=center)
        if h.superior:
            add(left, h.superior, align=center)
        add(left, h.name, bold=True, align=center)
        add(left, "*", align=center)
        add(left, number_line(h, report.number), align=center)
    else:
        add(right, NATIONAL_TITLE, size=13, bold=True, align=center)
        add(right, MOTTO, bold=True, underline=True, align=center, space=6)
        add(right, date_line(h, day), italic=True, align=center)
        if h.superior:
            add(left, h.superior, size=13, align=center)
        add(left, h.name, size=13, bold=True, align=center, space=6)
        add(left, number_line(h, report.number), size=13, align=center)

    add(doc, "", space=6)
    add(doc, "BÁO CÁO", size=16, bold=True, align=center)
    summary = drafts.summary(report.period)
    add(doc, summary[:1].upper() + summary[1:], bold=True, align=center, space=12)

    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    texts = report.sections or {}
    numbers = {"I": 0}
    nxt = next_period_text(report.period.kind, report.period.start.year)
    current_part = None
    for s in drafts.narrative_sections():
        text = (texts.get(s.key) or "").strip()
        if not text:
            continue
        if s.part != current_part:
            current_part = s.part
            title = drafts.PART_TITLES[s.part].format(next=nxt.upper())
            add(doc, f"{s.part}. {title}", bold=True, space=6)
        if s.part == "I":
            numbers["I"] += 1
            add(doc, f"{numbers['I']}. {s.title}", bold=True, space=3)
        for para in text.split("\n"):
            if para.strip():
                p = add(doc, para.strip(), align=justify, space=6)
                p.paragraph_format.first_line_indent = Mm(10)

    foot = doc.add_table(rows=1, cols=2)
    left, right = foot.rows[0].cells
    for cell in (left, right):
        cell._tc.remove(cell.paragraphs[0]._p)
    add(left, "Nơi nhận:", size=12, bold=True, italic=True)
    for line in h.recipients or ["- Như trên;", "- Lưu."]:
        add(left, line, size=11)
    add(right, h.signer_title or "T/M " + h.name, bold=True, align=center, space=60)
    add(right, h.signer_name, bold=True, align=center)

    doc.add_page_break()
    add(doc, "PHỤ LỤC", bold=True, align=center)
    add(doc, f"Số liệu {report.period.title.lower()} của {report.unit.name}", bold=True, align=center)
    if report.provenance:
        add(doc, f"({report.provenance})", size=12, italic=True, align=center, space=6)
    values = report_values(report)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả"], strict=True):
        cell._tc.remove(cell.paragraphs[0]._p)
        add(cell, text, size=13, bold=True, align=center)
    n = 0
    for line in figures.lines():
        value = values.get(line.key)
        if value is None:
            continue
        n += 1
        cells = table.add_row().cells
        for cell, text in zip(
            cells,
            [
                str(n),
                line.label,
                figures.MEASURE_LABELS.get(line.measure, ""),
                figures.format_value(line.measure, value, bare=True),
            ],
            strict=True,
        ):
            cell._tc.remove(cell.paragraphs[0]._p)
            add(cell, text, size=13)
    from .dashboard import docx_charts  # the annex's charts (PNG): key indicators, children compared

    docx_charts(doc, report)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
