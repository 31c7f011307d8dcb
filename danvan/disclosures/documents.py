"""The document a disclosure publishes, as a PDF: an administrative text (the national motto, the issuing
body, number, place and date, its kind and title, paragraphs, tables, the signature block) laid out like the
Vietnamese templates of Nghị định 30/2020/NĐ-CP.

`Document` holds the content; `render_pdf(document)` writes it with WeasyPrint from the template
`disclosures/document.html` (HTML → PDF, the PDF engine of the architecture; it needs the system libraries
Pango and a font with Vietnamese glyphs — Debian's `libpango-1.0-0`, `libpangoft2-1.0-0`, `fonts-dejavu-core`).
Rendering costs about 0.15 s a page on these machines (0.22 s before the font configuration and the
stylesheet were shared, `danvan.core.pdf`), so the same content is rendered once per process (`render_pdf` is
memoised) and, where `DANVAN_DOCUMENT_CACHE` names a folder (the test settings), once at all.

People named in a published list are masked (`mask_name`, `mask_digits`): a disclosure shows who benefits
without giving away anyone's full name with an identity number.
"""

import functools
from dataclasses import dataclass, field

from django.template.loader import render_to_string

from danvan.core.pdf import PDF  # noqa: F401 (re-exported: callers name documents.PDF)


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    numeric: tuple[int, ...] = ()  # columns aligned right (figures)
    total: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    issuer_parent: str  # "UBND TỈNH ĐỒNG THÁP" / "UBND HUYỆN TAM NÔNG"
    issuer: str  # "UỶ BAN NHÂN DÂN XÃ TRÀM CHIM"
    number: str  # "Số: 112/TB-UBND"
    place_date: str  # "Tràm Chim, ngày 05 tháng 11 năm 2026"
    kind: str  # "THÔNG BÁO", "KẾ HOẠCH", "QUYẾT ĐỊNH", "BÁO CÁO"
    title: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    closing: tuple[str, ...] = ()
    signer_role: str = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
    signer_name: str = ""
    recipients: tuple[str, ...] = field(default_factory=lambda: ("Như trên;", "Lưu: VT."))


def render_html(document: Document) -> str:
    return render_to_string("disclosures/document.html", {"doc": document})


@functools.lru_cache(maxsize=512)
def render_pdf(document: Document) -> bytes:
    """The document as a PDF (A4), through the project's one PDF writer (`danvan.core.pdf`: the font
    configuration and stylesheet shared, `DANVAN_DOCUMENT_CACHE`)."""
    from danvan.core.pdf import html_to_pdf

    return html_to_pdf(render_html(document), "disclosures/document.css")


def mask_name(full_name: str) -> str:
    """ "Nguyễn Văn Hùng" → "Nguyễn Văn H.": the family and middle names, the given name's initial."""
    parts = full_name.split()
    if len(parts) < 2:
        return (full_name[:1] + ".") if full_name else ""
    return " ".join(parts[:-1]) + f" {parts[-1][:1]}."


def mask_digits(value: str, keep_start: int = 3, keep_end: int = 2) -> str:
    """ "087090001234" → "087*******34"."""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]
