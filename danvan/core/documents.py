"""What every document the platform writes as DOCX shares (python-docx): an A4 page with the margins of
Decree 30/2020 (and Guidance 36-HD/VPTW, the same), Times New Roman 14 pt, the national title and motto, the
heading table of two columns, the place and the date as documents write them, and a paragraph of one run. The
meeting minutes (M3), the community decisions' forms (M4) and the review reports (M9) build on it; each keeps
its own content."""

import datetime as dt

# the media type of every DOCX served (reports, minutes, forms, syntheses)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
# The words a unit's name starts with that the place-and-date line leaves out ("Xã Tràm Chim" → "Tràm Chim").
PLACE_PREFIXES = ("Thành phố ", "Thị trấn ", "Thị xã ", "Đặc khu ", "Phường ", "Huyện ", "Tỉnh ", "Xã ")


def place_of(unit) -> str:
    """ "Xã Tràm Chim" → "Tràm Chim": the place in a document's place-and-date line (from the unit's short
    name when it has one)."""
    name = getattr(unit, "short_name", "") or unit.name
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def paragraph(
    where, text, *, bold=False, italic=False, underline=False, size=None, align="center", space=None
):
    """A paragraph of one run in `where` (the document or a table cell), aligned "center", "left", "right" or
    "justify", spaced 6 pt after (none when centred) unless `space` says otherwise."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = where.add_paragraph()
    p.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    p.paragraph_format.space_after = Pt((0 if align == "center" else 6) if space is None else space)
    run = p.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    if size:
        run.font.size = Pt(size)
    return p


def long_date(day: dt.date) -> str:
    """A document's date (Decree 30/2020, Appendix I; Party documents alike): a day below 10 and the months
    1 and 2 with a leading zero — "ngày 08 tháng 7 năm 2020", "ngày 15 tháng 02 năm 2026"."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day:%d} tháng {month} năm {day.year}"


def a4_document(*, space_after: float = 0):
    """A new python-docx Document: A4, margins 20 mm top and bottom, 30 mm left, 15 mm right; Normal in
    Times New Roman 14 pt (also for the East Asian slot, so Vietnamese never falls back to another font)."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin = section.bottom_margin = Mm(20)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(space_after)
    return doc


def heading_table(doc):
    """The two cells of the heading: the issuing body (left, 65 mm) and the national title or the Party's name
    with the place and date (right, 100 mm — wide enough for the national title on one line at 13 pt bold),
    without the empty paragraph python-docx puts in a new cell."""
    from docx.shared import Mm

    table = doc.add_table(rows=1, cols=2)
    set_widths(table, (Mm(65), Mm(100)))
    left, right = table.rows[0].cells
    for cell in (left, right):
        cell._tc.remove(cell.paragraphs[0]._p)
    return left, right


def repeat_header(table) -> None:
    """The first row repeated at the top of each page the table runs onto, and never split over two pages."""
    from docx.oxml import OxmlElement

    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        tr_pr.append(OxmlElement(tag))


def set_widths(table, widths) -> None:
    """Fixed column widths (python-docx lengths) that both readers honour: the grid, which LibreOffice reads,
    and every cell, which Word reads (call it after the rows are added). Without them LibreOffice shares the
    page equally, so a table's long labels wrap in a narrow column beside a wide one of numbers."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


TEXT_WIDTH_MM = 165  # A4 between the margins of `a4_document`
FIGURE_WIDTH_MM = 25


def figures_table(doc, header, rows, numeric=(), figure_mm: float = FIGURE_WIDTH_MM):
    """A grid table of a form or a report: its header row bold and repeated on each page, the columns of
    figures (`numeric`, their indexes) `figure_mm` wide and aligned right, the text columns sharing the rest of
    the width (LibreOffice shares the page equally when a DOCX gives no widths)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].text = ""
        cell.paragraphs[0].add_run(str(text)).bold = True
    for row in rows:
        for i, (cell, text) in enumerate(zip(table.add_row().cells, row, strict=True)):
            cell.paragraphs[0].text = str(text)
            if i in numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    texts = len(header) - len(numeric) or 1
    text_width = (TEXT_WIDTH_MM - figure_mm * len(numeric)) / texts
    set_widths(table, [Mm(figure_mm if i in numeric else text_width) for i in range(len(header))])
    repeat_header(table)
    return table


def signatures_table(doc, rows) -> None:
    """The signature blocks at the foot of a form: `rows` of (role, name) pairs, a role "" leaving its column
    empty (a notice signs on the right only). Each block — the role in capitals, "(Ký, ghi rõ họ tên)", room
    to sign, the name — stands at the bottom of its cell, so the names of a row are on one line even when one
    role wraps onto two ("TRƯỞNG BAN CÔNG TÁC MẶT TRẬN" beside "TRƯỞNG KHÓM")."""
    from docx.enum.table import WD_ALIGN_VERTICAL

    doc.add_paragraph()
    table = doc.add_table(rows=len(rows), cols=max(len(row) for row in rows))
    for r, row in enumerate(rows):
        for cell, (role, name) in zip(table.rows[r].cells, row, strict=False):
            if not role:
                continue
            cell.vertical_alignment = WD_ALIGN_VERTICAL.BOTTOM
            cell._tc.remove(cell.paragraphs[0]._p)
            paragraph(cell, role.upper(), bold=True)
            paragraph(cell, "(Ký, ghi rõ họ tên)", italic=True, size=13)
            for _ in range(3):
                cell.add_paragraph()
            paragraph(cell, name or " ", bold=True)
