"""Exports of one commune-quarter register: DOCX (python-docx, A4, Times New Roman) and XLSX (openpyxl).

Both files carry the same rows as the page: `status_rows(reg)` (category, status, latest disclosure) and
`item_rows(reg)` (everything disclosed in the quarter, dates dd/mm/yyyy).
"""

import io

from danvan.core.formatting import format_date
from danvan.core.spreadsheets import Workbook

from .selectors import Register

STATUS_HEADER = ["STT", "Nội dung phải công khai", "Tình trạng", "Văn bản công khai gần nhất"]
ITEM_HEADER = [
    "STT",
    "Nội dung (mục)",
    "Tiêu đề",
    "Ngày quyết định",
    "Niêm yết từ",
    "Niêm yết đến",
    "Hình thức",
    "Đúng hạn",
]


def title_lines(reg: Register) -> list[str]:
    return [
        "SỔ THEO DÕI CÔNG KHAI THÔNG TIN",
        f"{reg.commune.name} — Quý {reg.quarter} năm {reg.year}",
        f"(từ ngày {format_date(reg.start)} đến ngày {format_date(reg.end)})",
    ]


def status_rows(reg: Register) -> list[list[str]]:
    return [
        [
            str(row.category.number),
            row.category.name,
            str(row.label),
            row.disclosure.title if row.disclosure else "",
        ]
        for row in reg.rows
    ]


def item_rows(reg: Register) -> list[list[str]]:
    return [
        [
            str(i),
            str(d.category.number),
            d.title,
            format_date(d.decision_date),
            format_date(d.posting_start),
            format_date(d.posting_end) if d.posting_end else "Thường xuyên",
            ", ".join(str(label) for label in d.form_labels),
            "Muộn" if d.is_late else "Đúng hạn",
        ]
        for i, d in enumerate(reg.items, 1)
    ]


def register_docx(reg: Register) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = Mm(30)
    section.right_margin = Mm(15)
    section.top_margin = section.bottom_margin = Mm(20)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")

    for i, line in enumerate(title_lines(reg)):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(line)
        run.bold = i == 0
        run.font.size = Pt(14 if i == 0 else 13)

    def table(header, rows):
        t = doc.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for row in rows:
            cells = t.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = text

    doc.add_paragraph().add_run("I. Tình trạng công khai các nội dung bắt buộc").bold = True
    table(STATUS_HEADER, status_rows(reg))
    doc.add_paragraph().add_run("II. Danh mục thông tin đã công khai trong quý").bold = True
    items = item_rows(reg)
    if items:
        table(ITEM_HEADER, items)
    else:
        doc.add_paragraph("Không có nội dung nào được công khai trong quý.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def register_xlsx(reg: Register) -> bytes:
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    status = book.sheet("Tình trạng")
    for n, line in enumerate(title_lines(reg)):
        status.row([line], font=Font(bold=True, size=14) if n == 0 else None)
    status.row([])
    status.row(STATUS_HEADER, font=bold, alignment=wrap)
    status.rows(status_rows(reg), alignment=wrap)
    status.widths((6, 80, 28, 60))

    items = book.sheet("Danh mục đã công khai")
    items.row(ITEM_HEADER, font=bold)
    items.rows(item_rows(reg))
    items.widths((6, 10, 60, 16, 14, 14, 50, 12))
    return book.to_bytes()
