"""The convention's text as DOCX, read back with python-docx."""

import io

import pytest
from docx import Document

from danvan.conventions import documents, services
from danvan.core.documents import DOCX

from .helpers import drafted, in_comment_now, recognised

pytestmark = pytest.mark.django_db


def text_of(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_recognised_text_holds_its_articles_recognition_and_signatures(cast):
    c = recognised(cast)
    text = text_of(documents.text_docx(c.in_force))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "HƯƠNG ƯỚC" in text
    assert "Hương ước ấp Phú Hòa" in text and "Lời nói đầu." in text
    assert "Điều 1. Tiêu đề 1" in text and "Nội dung điều 2." in text
    assert "Quyết định số 12/QĐ-UBND" in text and "DỰ THẢO" not in text
    assert "TRƯỞNG ẤP" in text and "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN" in text
    assert text.count("ĐẠI DIỆN HỘ GIA ĐÌNH") == 2
    doc = Document(io.BytesIO(documents.text_docx(c.in_force)))
    assert doc.sections[0].page_width.mm == pytest.approx(210, abs=1)


def test_a_draft_in_comment_is_marked_and_gives_its_period(cast):
    c = in_comment_now(cast)
    text = text_of(documents.text_docx(c.latest))
    assert "DỰ THẢO" in text and "Niêm yết lấy ý kiến Nhân dân từ ngày" in text


def test_an_amendment_says_so(cast):
    c = recognised(cast)
    new = services.amend(actor=cast.hoa, convention=c, reason="Sửa.")
    services.article_add(actor=cast.hoa, version=new, heading="Môi trường", text="Giữ vệ sinh.")
    text = text_of(documents.text_docx(new))
    assert "(Sửa đổi, bổ sung lần 1)" in text and "Điều 3. Môi trường" in text


def test_downloads_through_the_gates(client, cast):
    from tests.cast import _grant, _user

    c = in_comment_now(cast)
    hidden = drafted(cast, title="Chưa công bố")
    r = client.get(f"/lay-y-kien/huong-uoc/{c.pk}/van-ban.docx")
    assert r.status_code == 200 and r["Content-Type"] == DOCX
    assert "Điều 2. Tiêu đề 2" in text_of(r.content)
    assert client.get(f"/lay-y-kien/huong-uoc/{hidden.pk}/van-ban.docx").status_code == 404
    client.force_login(cast.hoa)
    r = client.get(f"/can-bo/lay-y-kien/huong-uoc/{hidden.pk}/van-ban.docx", {"ban": "1"})
    assert r.status_code == 200 and "Chưa công bố" in text_of(r.content)
    client.force_login(_grant(_user("chi", "Lý Thị Chi"), "leader", cast.sibling_commune))
    assert client.get(f"/can-bo/lay-y-kien/huong-uoc/{hidden.pk}/van-ban.docx").status_code == 404
