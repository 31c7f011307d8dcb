"""A report as a DOCX, in the Party format (Guidance 36-HD/VPTW) or the State format (Decree 30/2020).

Party (a Ban Dân vận, a Party committee): top left the superior body (14 pt upright) over the issuing body
(14 pt bold) and a "*", then "Số 45-BC/BDVHU" — no colon —; top right "ĐẢNG CỘNG SẢN VIỆT NAM" (15 pt bold,
underlined) and the place and date in italics. State (a People's Committee, a Front committee): top right
the national title and motto, top left the issuing body and "Số: 15/BC-UBND" with a colon. Then "BÁO CÁO"
(16 pt bold) and its summary (14 pt bold), the body in 14 pt Times New Roman, the recipients ("Nơi nhận")
bottom left beside the signature, and the annex table of indicators. How each body heads its documents is
dated data (`DocumentIssuer`); without a row the heading is derived from the unit names.

What the document says is computed once (`report_content` → `Content`: heading, body blocks, recipients,
signature, annex rows); `docx_bytes` and `pdf_bytes` are its two renderings (python-docx; WeasyPrint from the
template `reviews/report_pdf.html`, the body in a Times-like serif with Vietnamese glyphs). `Content.digest()`
keys a stored rendering (renderings.py): a report that changes has another digest and needs a new one.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
from dataclasses import asdict, dataclass

from danvan.core.documents import (
    FONT,
    MOTTO,
    NATIONAL_TITLE,
    a4_document,
    heading_table,
    long_date,
    place_of,
    repeat_header,
    set_widths,
)
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
ANNEX_HEADERS = ("STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả")


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
        place_of(report.unit),
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


def _own_day(report: UnitReport) -> dt.date | None:
    return report.issued_on or report.approved_on or report.submitted_on


def issued_day(report: UnitReport, on: dt.date | None = None) -> dt.date:
    return on or _own_day(report) or local_today()


def direction_lines(report: UnitReport) -> list[str]:
    """Section II's structured tasks (danvan/reviews/directions.py), one paragraph each."""
    from .directions import docx_lines

    return docx_lines(report)


# ---------------------------------------------------------------- the content, computed once


@dataclass(frozen=True)
class Block:
    """One piece of the body: a part's title ("I. …", bold), an area's title ("1. …", bold) or a paragraph."""

    kind: str  # "part" | "area" | "para"
    text: str


@dataclass(frozen=True)
class AnnexRow:
    n: int
    label: str
    measure: str
    value: str


@dataclass(frozen=True)
class Content:
    """Everything the document says, in the order it says it; the DOCX and the PDF are two renderings of it."""

    format: str
    superior: str
    name: str
    number: str
    place_date: str
    summary: str
    body: tuple[Block, ...]
    recipients: tuple[str, ...]
    signer_title: str
    signer_name: str
    annex_title: str
    provenance: str
    annex: tuple[AnnexRow, ...]
    dated_today: bool = False  # a draft without an issue day is dated the day it is made

    @property
    def party(self) -> bool:
        return self.format == DocumentFormat.PARTY

    @property
    def national_title(self) -> str:
        return NATIONAL_TITLE

    @property
    def motto(self) -> str:
        return MOTTO

    def digest(self) -> str:
        """A hash of the content: a stored rendering with the same digest says exactly this — but for the date
        of a draft that has none of its own, which moves every midnight while nothing in the report changed."""
        said = asdict(self)
        if self.dated_today:
            said["place_date"] = ""
        return hashlib.sha256(json.dumps(said, ensure_ascii=False).encode()).hexdigest()


def _body(report: UnitReport) -> tuple[Block, ...]:
    texts = report.sections or {}
    nxt = next_period_text(report.period.kind, report.period.start.year)
    out, area, current_part = [], 0, None
    for s in drafts.narrative_sections():
        text = (texts.get(s.key) or "").strip()
        tasks = direction_lines(report) if s.key == "directions" else []
        if not text and not tasks:
            continue
        if s.part != current_part:
            current_part = s.part
            title = drafts.PART_TITLES[s.part].format(next=nxt.upper())
            out.append(Block("part", f"{s.part}. {title}"))
        if s.part == "I":
            area += 1
            out.append(Block("area", f"{area}. {s.title}"))
        out += [Block("para", para.strip()) for para in text.split("\n") if para.strip()]
        out += [Block("para", line) for line in tasks]
    return tuple(out)


def annex_rows(values: dict) -> tuple[AnnexRow, ...]:
    out = []
    for line in figures.lines():
        value = values.get(line.key)
        if value is None:
            continue
        out.append(
            AnnexRow(
                len(out) + 1,
                line.label,
                figures.MEASURE_LABELS.get(line.measure, ""),
                figures.format_value(line.measure, value, bare=True),
            )
        )
    return tuple(out)


def report_content(report: UnitReport, on: dt.date | None = None, values: dict | None = None) -> Content:
    """The content of `report`'s document dated `on` (by default its issue date): the heading from the
    issuer's dated data, the narrative, the recipients and signature, the annex of its figures (frozen once
    submitted; `values`, when the caller has already read them with `selectors.report_values`)."""
    day = issued_day(report, on)
    h = heading(report, day)
    summary = drafts.summary(report.period)
    return Content(
        format=h.format,
        superior=h.superior,
        name=h.name,
        number=number_line(h, report.number),
        place_date=date_line(h, day),
        summary=summary[:1].upper() + summary[1:],
        body=_body(report),
        recipients=tuple(h.recipients or ["- Như trên;", "- Lưu."]),
        signer_title=h.signer_title or "T/M " + h.name,
        signer_name=h.signer_name,
        annex_title=f"Số liệu {report.period.title.lower()} của {report.unit.name}",
        provenance=report.provenance,
        annex=annex_rows(report_values(report) if values is None else values),
        dated_today=on is None and _own_day(report) is None,
    )


# ---------------------------------------------------------------- DOCX


@dataclass(frozen=True)
class Picture:
    """A chart of the annex (PNG) and its caption."""

    title: str
    png: bytes

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode()


def annex_pictures(report: UnitReport, values: dict | None = None) -> tuple[Picture, ...]:
    """The annex's charts (dashboard.report_charts): the key indicators against the previous period and a
    year before, and for a parent the children side by side. Drawn from the figures of the day, so they are
    not part of `Content.digest` (a rendering is stale when what it says changed, not when a neighbouring
    period's figures did)."""
    from .dashboard import report_charts

    return tuple(Picture(title, png) for title, png in report_charts(report, values))


EARLIER_TITLE = "Cùng kỳ các năm trước (các đơn vị trước sắp xếp)"
EARLIER_ESTIMATE = (
    "Đơn vị nhập một phần được tính theo tỷ lệ sáp nhập: số lượng, giá trị nhân với tỷ lệ (số có phần lẻ là ước "
    "tính); tỷ lệ phần trăm tính lại từ tử số và mẫu số đã nhân tỷ lệ."
)


@dataclass(frozen=True)
class Earlier:
    """The annex's "same period of earlier years" table of a unit formed by the 2025 merges (history.table):
    the predecessors named per period, then one row per indicator."""

    headers: tuple[str, ...]  # "Chỉ tiêu", this period's year, the earlier periods' years
    notes: tuple[str, ...]  # "6 tháng đầu năm 2020: Xã An Long, Xã Phú Ninh."
    rows: tuple[tuple[str, ...], ...]
    estimated: bool


def annex_earlier(report: UnitReport, values: dict | None = None) -> Earlier | None:
    """The predecessors' figures for the annex, or None for a unit the reforms left alone. Like the charts,
    they come from other units' reports and are not part of `Content.digest`."""
    from .history import table

    t = table(report, report_values(report) if values is None else values)
    if t is None or not t.rows:
        return None
    return Earlier(
        # the columns by year: the whole period's title in each header cell wrapped into four lines in a
        # 15 mm column and split the header row over two pages
        headers=("Chỉ tiêu", str(report.period.start.year), *(str(p.start.year) for p in t.periods)),
        notes=(f"Số liệu {report.period.title.lower()} và cùng kỳ các năm trước, theo năm.", *t.name_notes()),
        rows=tuple((line.label, own, *(text for _title, text in cells)) for line, own, cells in t.rows),
        estimated=t.estimated,
    )


def report_docx(report: UnitReport, on: dt.date | None = None) -> bytes:
    values = report_values(report)  # read once: the annex, the charts and the earlier years all show them
    return docx_bytes(
        report_content(report, on, values), annex_pictures(report, values), annex_earlier(report, values)
    )


def docx_bytes(c: Content, pictures: tuple[Picture, ...] = (), earlier: Earlier | None = None) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

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
    if c.party:
        add(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True, underline=True, align=center, space=6)
        add(right, c.place_date, italic=True, align=center)
        if c.superior:
            add(left, c.superior, align=center)
        add(left, c.name, bold=True, align=center)
        add(left, "*", align=center)
        add(left, c.number, align=center)
    else:
        add(right, NATIONAL_TITLE, size=13, bold=True, align=center)
        add(right, MOTTO, bold=True, underline=True, align=center, space=6)
        add(right, c.place_date, italic=True, align=center)
        if c.superior:
            add(left, c.superior, size=13, align=center)
        add(left, c.name, size=13, bold=True, align=center, space=6)
        add(left, c.number, size=13, align=center)

    add(doc, "", space=6)
    add(doc, "BÁO CÁO", size=16, bold=True, align=center)
    add(doc, c.summary, bold=True, align=center, space=12)

    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    for block in c.body:
        if block.kind == "part":
            add(doc, block.text, bold=True, space=6)
        elif block.kind == "area":
            add(doc, block.text, bold=True, space=3)
        else:
            p = add(doc, block.text, align=justify, space=6)
            p.paragraph_format.first_line_indent = Mm(10)

    foot = doc.add_table(rows=1, cols=2)
    left, right = foot.rows[0].cells
    for cell in (left, right):
        cell._tc.remove(cell.paragraphs[0]._p)
    add(left, "Nơi nhận:", size=12, bold=True, italic=True)
    for line in c.recipients:
        add(left, line, size=11)
    add(right, c.signer_title, bold=True, align=center, space=60)
    add(right, c.signer_name, bold=True, align=center)

    doc.add_page_break()
    add(doc, "PHỤ LỤC", bold=True, align=center)
    add(doc, c.annex_title, bold=True, align=center)
    if c.provenance:
        add(doc, f"({c.provenance})", size=12, italic=True, align=center, space=6)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ANNEX_HEADERS, strict=True):
        cell._tc.remove(cell.paragraphs[0]._p)
        add(cell, text, size=13, bold=True, align=center)
    for row in c.annex:
        cells = table.add_row().cells
        for cell, text in zip(cells, [str(row.n), row.label, row.measure, row.value], strict=True):
            cell._tc.remove(cell.paragraphs[0]._p)
            add(cell, text, size=13)
    set_widths(table, (Mm(13), Mm(100), Mm(25), Mm(27)))  # the 165 mm between the margins
    repeat_header(table)
    if earlier is not None:
        add(doc, "", space=6)
        # the title and its notes kept on the page where the table starts
        add(doc, EARLIER_TITLE, bold=True, align=center, space=3).paragraph_format.keep_with_next = True
        for note in earlier.notes:
            add(doc, note, size=12, italic=True, align=center).paragraph_format.keep_with_next = True
        grid = doc.add_table(rows=1, cols=len(earlier.headers))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, earlier.headers, strict=True):
            cell._tc.remove(cell.paragraphs[0]._p)
            add(cell, text, size=12, bold=True, align=center)
        for row in earlier.rows:
            for cell, text in zip(grid.add_row().cells, row, strict=True):
                cell._tc.remove(cell.paragraphs[0]._p)
                add(cell, text, size=12)
        years = len(earlier.headers) - 1
        label = max(60, 165 - 22 * years)
        set_widths(grid, (Mm(label), *[Mm((165 - label) / years)] * years))
        repeat_header(grid)
        if earlier.estimated:
            add(doc, EARLIER_ESTIMATE, size=11, italic=True, space=6)
    for picture in pictures:
        p = add(doc, "", align=center)
        p.paragraph_format.space_before = Pt(12)
        p.add_run().add_picture(io.BytesIO(picture.png), width=Mm(160))
        add(doc, picture.title, size=12, italic=True, align=center)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- PDF


def report_pdf(report: UnitReport, on: dt.date | None = None) -> bytes:
    values = report_values(report)
    return pdf_bytes(
        report_content(report, on, values), annex_pictures(report, values), annex_earlier(report, values)
    )


def pdf_bytes(c: Content, pictures: tuple[Picture, ...] = (), earlier: Earlier | None = None) -> bytes:
    """The same content as a PDF (WeasyPrint, through danvan.core.pdf), laid out as the DOCX is."""
    from django.template.loader import render_to_string

    from danvan.core.pdf import html_to_pdf

    html = render_to_string(
        "reviews/report_pdf.html",
        {
            "c": c,
            "annex_headers": ANNEX_HEADERS,
            "pictures": pictures,
            "earlier": earlier,
            "earlier_title": EARLIER_TITLE,
            "earlier_estimate": EARLIER_ESTIMATE,
        },
    )
    return html_to_pdf(html, "reviews/report_pdf.css")
