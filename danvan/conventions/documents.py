"""A convention's text as DOCX (Decree 61/2023/NĐ-CP Art. 6: written in Vietnamese, named “Hương ước” or “Quy
ước” by the community, a preamble then articles, signed by the hamlet head, the Front work committee head and
two household representatives; after recognition it carries the People's Committee's decision), on what every
DOCX shares (`danvan.core.documents`: A4, Times New Roman 14, the national title and motto, the heading table).

Only the text is generated: the Decree's annex forms (the request for recognition, the adoption minutes, the
recognition, suspension and annulment decisions — Forms 01–05) are not reproduced in the project's reference,
so they are not generated here; the adoption minutes are decisions' Art. 20 minutes of the vote."""

import io

from danvan.core.documents import (
    MOTTO,
    NATIONAL_TITLE,
    a4_document,
    heading_table,
    long_date,
    paragraph,
    place_of,
    signatures_table,
)
from danvan.core.formatting import format_date, local_today
from danvan.decisions.documents import head_title

from .models import ConventionVersion, VersionStatus


def text_docx(version: ConventionVersion) -> bytes:
    c = version.convention
    doc = a4_document(space_after=6)
    left, right = heading_table(doc)
    paragraph(left, f"UBND {c.commune.name.upper()}", size=13)
    paragraph(left, c.hamlet.name.upper(), bold=True, size=13)
    paragraph(right, NATIONAL_TITLE, bold=True, size=13)
    paragraph(right, MOTTO, bold=True, underline=True)
    day = version.recognised_on or (version.decision.voting_on if version.decision else None) or local_today()
    paragraph(right, f"{place_of(c.commune)}, {long_date(day)}", italic=True)
    doc.add_paragraph()
    if version.status in (VersionStatus.DRAFTING, VersionStatus.COMMENT):
        paragraph(doc, "DỰ THẢO", bold=True, size=13, align="right")
    paragraph(doc, c.get_kind_display().upper(), bold=True, size=16)
    paragraph(doc, c.title, bold=True)
    if version.number > 1:
        paragraph(doc, f"(Sửa đổi, bổ sung lần {version.number - 1})", italic=True)
    if version.recognised_on:
        paragraph(
            doc,
            f"(Được công nhận tại Quyết định số {version.recognition_number} ngày {format_date(version.recognised_on)} "
            f"của Ủy ban nhân dân {c.commune.name_in_sentence})",
            italic=True,
        )
    elif version.opens_on:
        paragraph(
            doc,
            f"(Niêm yết lấy ý kiến Nhân dân từ ngày {format_date(version.opens_on)} đến ngày "
            f"{format_date(version.closes_on)})",
            italic=True,
        )
    doc.add_paragraph()
    for part in (version.preamble or "").split("\n"):
        if part.strip():
            paragraph(doc, part.strip(), align="justify")
    for article in version.articles.order_by("number"):
        paragraph(doc, f"Điều {article.number}. {article.heading}", bold=True, align="left")
        for part in article.text.split("\n"):
            if part.strip():
                paragraph(doc, part.strip(), align="justify")
    decision = version.decision
    blocks = [
        (f"{head_title(c.hamlet)}", decision.hamlet_head_name if decision else ""),
        ("Trưởng ban công tác Mặt trận", decision.front_head_name if decision else ""),
        ("Đại diện hộ gia đình", ""),
        ("Đại diện hộ gia đình", ""),
    ]
    signatures_table(doc, [blocks[:2], blocks[2:]])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def file_name(version: ConventionVersion) -> str:
    stem = "huong-uoc" if version.convention.kind == "huong_uoc" else "quy-uoc"
    return f"{stem}-{version.convention_id}-lan-{version.number}.docx"
