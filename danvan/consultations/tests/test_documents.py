"""The synthesis as DOCX, read back with python-docx: the shared page and font, the plan, the counts equal to
the page's synthesis, each opinion with its answer, and the outcome's explanation against the majority."""

import datetime as dt
import io

import pytest
from docx import Document

from danvan.consultations import documents, services
from danvan.consultations.models import Opinion
from danvan.core.documents import DOCX
from danvan.core.errors import DomainError

from .helpers import CLOSES, DURING, citizen, households, opened, recorded, web_opinion

pytestmark = pytest.mark.django_db


def text_of(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def test_the_synthesis_docx_holds_the_counts_answers_and_outcome(cast, client):
    who = citizen(households(cast, 1)[0])
    c = opened(cast, sent_to_council_on=DURING, sent_to_front_on=DURING)
    first = c.sections.first()
    web = web_opinion(c, who, section=first, text="Đồng ý giảm đất lúa.")
    a = recorded(cast, c, stance="disagree", text="Không đồng ý thu hồi.")
    b = recorded(cast, c, stance="disagree", section=first, channel="hotline", text="Giữ đất lúa.")
    c = services.consultation_close(actor=cast.hoa, consultation=c)
    with pytest.raises(DomainError):
        documents.synthesis_docx(c)  # not yet published
    services.opinion_respond(actor=cast.hoa, opinion=web, response="accepted", text="Giữ nguyên chỉ tiêu.")
    services.opinion_respond(
        actor=cast.hoa, opinion=a, response="explained", text="Thu hồi theo quy hoạch tỉnh."
    )
    services.opinion_respond(
        actor=cast.hoa, opinion=b, response="explained", text="Chỉ tiêu do tỉnh phân bổ."
    )
    c = services.synthesis_publish(actor=cast.hoa, consultation=c, published_on=DURING)
    c = services.outcome_record(
        actor=cast.hoa,
        consultation=c,
        text="Giữ nguyên dự thảo.",
        follows_majority=False,
        explanation="Chỉ tiêu sử dụng đất do tỉnh phân bổ.",
        decided_on=CLOSES + dt.timedelta(days=3),
    )
    data = documents.synthesis_docx(c)
    doc = Document(io.BytesIO(data))
    assert (round(doc.sections[0].page_width.mm), round(doc.sections[0].left_margin.mm)) == (210, 30)
    assert (doc.styles["Normal"].font.name, doc.styles["Normal"].font.size.pt) == ("Times New Roman", 14)
    text = text_of(data)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Phú Cường, ngày 07 tháng 3 năm 2026" in text
    assert "Điều 25, khoản 2" in text and "từ 02/03/2026 đến 22/03/2026" in text
    assert "Hội đồng nhân dân xã ngày 07/03/2026" in text
    assert (
        "Tổng số ý kiến nhận được: 3, trong đó đồng ý 1, không đồng ý 2, ý kiến khác 0; tiếp thu 1, giải trình 2."
        in text
    )
    assert "Ý kiến chiếm đa số: không đồng ý." in text
    assert "Phần 1. Chỉ tiêu sử dụng đất | 2 | 1 | 1 | 0 | 1 | 1" in text
    assert "Ý kiến chung về dự thảo | 1 | 0 | 1 | 0 | 0 | 1" in text
    assert f"{who.full_name} (trên cổng thông tin điện tử, 07/03/2026; đồng ý): Đồng ý giảm đất lúa." in text
    assert "Giải trình: Thu hồi theo quy hoạch tỉnh." in text and "Tiếp thu: Giữ nguyên chỉ tiêu." in text
    assert "Quyết định khác với ý kiến đa số. Lý do: Chỉ tiêu sử dụng đất do tỉnh phân bổ." in text
    assert Opinion.objects.count() == 3
    # the table of counts as LibreOffice lays it out: fixed widths (the parts' headings wide, the figures
    # narrow and aligned right), its header repeated on each page
    table = doc.tables[-1]
    widths = [round(cell.width.mm) for cell in table.rows[1].cells]
    assert widths == [57, 18, 18, 18, 18, 18, 18]
    assert table.rows[1].cells[1].paragraphs[0].alignment == 2  # WD_ALIGN_PARAGRAPH.RIGHT
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")
    # downloaded through the access gate: the officer gets it, a sibling commune's officer a 404
    client.force_login(cast.tuan)
    r = client.get(f"/can-bo/lay-y-kien/y-kien/{c.pk}/bao-cao.docx")
    assert r.status_code == 200 and r["Content-Type"] == DOCX
    assert "Giữ nguyên dự thảo." in text_of(r.content)
    from danvan.access.models import RoleAssignment
    from danvan.access.roles import Role
    from danvan.people.models import User

    other = User.objects.create_user(username="an", password="x", full_name="Lý An", kind=User.Kind.OFFICER)
    RoleAssignment.objects.create(user=other, role=Role.LEADER, unit=cast.sibling_commune, valid_from=DURING)
    client.force_login(other)
    assert client.get(f"/can-bo/lay-y-kien/y-kien/{c.pk}/bao-cao.docx").status_code == 404
