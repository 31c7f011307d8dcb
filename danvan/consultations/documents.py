"""The synthesis of a consultation as DOCX (Law 10/2022/QH15 Art. 28: the report that sums up the opinions and
says how each was accepted or explained), on what every DOCX shares (`danvan.core.documents`: A4, Times New
Roman 14, the national title and motto, the heading table, the document date). Its numbers come from the same
synthesis the pages show (`selectors.synthesis_of`), so the report and the page cannot disagree."""

import io

from danvan.core.documents import (
    MOTTO,
    NATIONAL_TITLE,
    a4_document,
    figures_table,
    heading_table,
    long_date,
    paragraph,
    place_of,
)
from danvan.core.errors import DomainError
from danvan.core.formatting import format_date

from .models import Channel, Consultation
from .selectors import synthesis_of


def synthesis_docx(consultation: Consultation) -> bytes:
    c = consultation
    if not c.synthesis_public or c.published_on is None:
        raise DomainError("Báo cáo tổng hợp chưa được công khai.", code="not_ready")
    s = synthesis_of(c)
    doc = a4_document(space_after=6)
    left, right = heading_table(doc)
    paragraph(left, f"UBND {c.commune.name.upper()}", bold=True, size=13)
    paragraph(right, NATIONAL_TITLE, bold=True, size=13)
    paragraph(right, MOTTO, bold=True, underline=True)
    paragraph(right, f"{place_of(c.commune)}, {long_date(c.published_on)}", italic=True)
    doc.add_paragraph()
    paragraph(doc, "BÁO CÁO", bold=True, size=15)
    paragraph(doc, "Tổng hợp, tiếp thu, giải trình ý kiến của Nhân dân", bold=True)
    paragraph(doc, f"về {c.title}", bold=True)
    para = lambda text, **kw: paragraph(doc, text, align="justify", **kw)  # noqa: E731
    para(
        f"Thực hiện Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 (Điều 25–28), Ủy ban nhân dân {c.commune.name_in_sentence} "
        f"đã lấy ý kiến Nhân dân {c.unit.name} về nội dung: {c.get_subject_display()} ({c.subject_citation})."
    )
    para("I. KẾ HOẠCH LẤY Ý KIẾN", bold=True)
    para(
        f"1. Thời gian lấy ý kiến: từ {format_date(c.opens_on)} đến {format_date(c.closes_on)} ({c.period_citation})."
    )
    para(f"2. Hình thức: {'; '.join(c.forms_display)}.")
    sent = []
    if c.sent_to_council_on:
        sent.append(f"Hội đồng nhân dân xã ngày {format_date(c.sent_to_council_on)}")
    if c.sent_to_front_on:
        sent.append(f"Ủy ban Mặt trận Tổ quốc Việt Nam xã ngày {format_date(c.sent_to_front_on)}")
    if sent:
        para(f"3. Kế hoạch đã gửi {'; '.join(sent)}.")
    para("II. KẾT QUẢ TỔNG HỢP", bold=True)
    para(
        f"Tổng số ý kiến nhận được: {s.total}, trong đó đồng ý {s.agree}, không đồng ý {s.disagree}, ý kiến khác "
        f"{s.other}; tiếp thu {s.accepted}, giải trình {s.explained}."
    )
    if s.by_channel:
        labels = dict(Channel.choices)
        para(
            "Theo kênh tiếp nhận: "
            + "; ".join(f"{labels.get(k, k).lower()}: {n}" for k, n in sorted(s.by_channel.items()))
            + "."
        )
    if c.majority_stance:
        para(f"Ý kiến chiếm đa số: {c.get_majority_stance_display().lower()}.")
    figures_table(
        doc,
        ["Phần của dự thảo", "Số ý kiến", "Đồng ý", "Không đồng ý", "Ý kiến khác", "Tiếp thu", "Giải trình"],
        [[p.heading, p.total, p.agree, p.disagree, p.other, p.accepted, p.explained] for p in s.parts],
        numeric=(1, 2, 3, 4, 5, 6),
        figure_mm=18,  # six columns of figures: the parts' headings keep 57 mm
    )
    para("III. NỘI DUNG TIẾP THU, GIẢI TRÌNH TỪNG Ý KIẾN", bold=True)
    n = 0
    for p in s.parts:
        if not p.opinions:
            continue
        para(p.heading, bold=True)
        for o in p.opinions:
            n += 1
            para(
                f"{n}. {o.author_display} ({o.get_channel_display().lower()}, {format_date(o.received_on)}; "
                f"{o.get_stance_display().lower()}): {o.text}"
            )
            para(f"{o.get_response_display()}: {o.response_text or 'Ghi nhận.'}", italic=True)
    if c.outcome_text:
        para("IV. QUYẾT ĐỊNH CỦA CƠ QUAN CÓ THẨM QUYỀN", bold=True)
        para(f"Ngày {format_date(c.outcome_on)}: {c.outcome_text}")
        if c.outcome_follows_majority is False:
            para(f"Quyết định khác với ý kiến đa số. Lý do: {c.outcome_explanation}")
    doc.add_paragraph()
    paragraph(doc, "TM. ỦY BAN NHÂN DÂN", bold=True, align="right")
    paragraph(doc, "(Ký, ghi rõ họ tên, đóng dấu)", italic=True, size=13, align="right")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def file_name(c: Consultation) -> str:
    return f"bao-cao-tong-hop-y-kien-{c.pk}.docx"
