"""The forms as DOCX, read back with python-docx: the page and font every document shares, and the
mandatory content of each form — the numbers equal to the stored tallies and result."""

import datetime as dt
import io

import pytest
from docx import Document

from danvan.core.errors import DomainError
from danvan.decisions import documents, services, steps

from .helpers import DAY, ballots, citizen, decision, households, meeting, opened

pytestmark = pytest.mark.django_db
BOARD = ["Lê Văn Tâm", "Phạm Thị Hoa", "Đỗ Văn Lợi"]
WITNESSES = ["Nguyễn Văn Bảy", "Trần Thị Út"]


def pdf_text(data: bytes) -> str:
    """A PDF's text read back (pypdf), its whitespace collapsed (lines wrap where the page ends)."""
    from pypdf import PdfReader

    assert data.startswith(b"%PDF-")
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def text_of(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def noticed(cast, matter="4"):
    d = decision(cast, matter, title="Bầu Trưởng ấp Phú Hòa")
    return services.decision_notice(
        actor=cast.hoa,
        decision=d,
        notice_on=DAY - dt.timedelta(days=3),
        place="Nhà văn hóa ấp Phú Hòa",
        meeting_time=dt.time(19, 30),
        hamlet_head="Nguyễn Văn Hùng",
        front_head="Trần Thị Mai",
    )


def test_every_document_is_a4_in_times_new_roman_14_with_the_national_title(cast):
    data = documents.notice_docx(noticed(cast))
    doc = Document(io.BytesIO(data))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 30
    normal = doc.styles["Normal"].font
    assert (normal.name, normal.size.pt) == ("Times New Roman", 14)
    text = text_of(data)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Phú Cường, ngày 12 tháng 3 năm 2026" in text  # the notice's date, long_date


def test_form_01_holds_the_time_place_and_content_of_the_meeting(cast):
    text = text_of(documents.notice_docx(noticed(cast)))
    assert "Mẫu số 01" in text and "THÔNG BÁO" in text
    assert "19 giờ 30 phút, ngày 15 tháng 3 năm 2026" in text
    assert "Nhà văn hóa ấp Phú Hòa" in text and "Bầu Trưởng ấp Phú Hòa" in text
    assert "TRƯỞNG ẤP" in text and "Nguyễn Văn Hùng" in text
    with pytest.raises(DomainError, match="chưa được thông báo"):
        documents.notice_docx(decision(cast, "4"))


def test_form_02_counting_minutes_hold_the_board_the_witnesses_and_the_tally(cast):
    hh = households(cast, 40)
    d = opened(cast, "4")
    tally = meeting(cast, d, hh[:27], yes=19, no=6, other=2)
    with pytest.raises(DomainError, match="Chưa ghi Ban kiểm phiếu"):
        documents.counting_docx(tally)
    tally = steps.counting_record(actor=cast.hoa, tally=tally, board=BOARD, witnesses=WITNESSES)
    text = text_of(documents.counting_docx(tally))
    assert "Mẫu số 02" in text and "BIÊN BẢN KIỂM PHIẾU" in text
    assert all(name in text for name in BOARD + WITNESSES)
    assert "Tổng số hộ gia đình của Ấp Phú Hòa: 40" in text
    assert "Số đại diện hộ gia đình có mặt: 27" in text
    assert "Số hộ tán thành: 19" in text and "Số hộ không tán thành: 6" in text
    assert "Số hộ có ý kiến khác: 2" in text
    assert "TRƯỞNG BAN KIỂM PHIẾU" in text and text.count("ĐẠI DIỆN HỘ GIA ĐÌNH CHỨNG KIẾN") == 2
    with pytest.raises(DomainError, match="Mẫu số 04"):
        documents.ballot_docx(tally)


def test_form_04_ballot_count_holds_ballots_sent_and_returned(cast):
    hh = households(cast, 30)
    d = opened(cast, "4")
    meeting(cast, d, hh[:10], yes=8)
    tally = ballots(cast, d, hh[10:22], yes=9, no=3)
    tally = steps.counting_record(actor=cast.hoa, tally=tally, board=BOARD, witnesses=WITNESSES)
    text = text_of(documents.ballot_docx(tally))
    assert "Mẫu số 04" in text and "Tổ phát phiếu" in text
    assert "Số phiếu phát ra: 30; số phiếu thu về: 12" in text
    assert "Số hộ tán thành: 9" in text and "Số hộ không tán thành: 3" in text


def test_form_03_online_result_lists_the_households_after_the_close(cast):
    hh = households(cast, 10)
    d = opened(cast, "6", poll_yes=6, title="Tổ chức ngày hội")
    for h, choice in zip(hh[:7], ["yes"] * 5 + ["no", "other"], strict=True):
        services.online_vote_cast(citizen=citizen(h), decision=d, choice=choice)
    with pytest.raises(DomainError, match="Chưa có kết quả"):
        documents.online_docx(d)  # results hidden until the vote closes
    d = services.voting_close(actor=cast.hoa, decision=d)
    data = documents.online_docx(d)
    text = text_of(data)
    assert "Mẫu số 03" in text and "Kết quả biểu quyết trực tuyến" in text
    assert "Số hộ gia đình tham gia biểu quyết trực tuyến: 7" in text
    assert "Số hộ tán thành: 5 trên tổng số 10 hộ" in text and "Số hộ có ý kiến khác: 1" in text
    table = Document(io.BytesIO(data)).tables[1]  # [0] is the heading
    assert len(table.rows) == 1 + 7 and {r.cells[1].text for r in table.rows[1:]} == {h.code for h in hh[:7]}


def test_the_decision_minutes_hold_the_mandatory_content_of_article_20(cast):
    hh = households(cast, 40)
    d = noticed(cast)
    d = services.voting_open(actor=cast.hoa, decision=d)
    meeting(cast, d, hh[:15], yes=12, no=3)
    ballots(cast, d, hh[15:30], yes=9, no=4, other=2)
    with pytest.raises(DomainError, match="kết thúc biểu quyết"):
        documents.minutes_docx(d)
    d = services.voting_close(actor=cast.hoa, decision=d)
    assert (d.households_total, d.counted_count, d.yes_count, d.no_count, d.other_count) == (40, 30, 21, 7, 2)
    text = text_of(documents.minutes_docx(d))
    # a) time
    assert "19 giờ 30 phút, ngày 15 tháng 3 năm 2026" in text
    # b) households: total, represented, not represented
    assert "Tổng số hộ gia đình của Ấp Phú Hòa: 40" in text
    assert "Số hộ gia đình có đại diện tham gia: 30" in text
    assert "Số hộ gia đình không có đại diện tham gia: 10" in text
    # c) content, d) form
    assert "Bầu Trưởng ấp Phú Hòa" in text and "Điều 15, khoản 4" in text
    assert "họp cộng đồng dân cư; phát phiếu lấy ý kiến hộ gia đình." in text
    # đ) the tallies, each channel and their sum
    assert "Số hộ tán thành: 21 trên tổng số 40 hộ" in text
    assert "Số hộ không tán thành: 7" in text and "Số hộ có ý kiến khác: 2" in text
    table = Document(io.BytesIO(documents.minutes_docx(d))).tables[1]
    assert [c.text for c in table.rows[-1].cells] == ["Cộng", "30", "21", "7", "2"]
    # e) the decision
    assert "ĐƯỢC THÔNG QUA" in text and "cần ít nhất 21 hộ" in text and "Điều 21" in text
    assert "có hiệu lực khi được Ủy ban nhân dân cấp xã công nhận" in text
    # g) the signatures
    assert "TRƯỞNG ẤP" in text and "Nguyễn Văn Hùng" in text
    assert "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN" in text and "Trần Thị Mai" in text
    assert text.count("ĐẠI DIỆN HỘ GIA ĐÌNH") == 2


def test_minutes_of_a_decision_not_passed_say_so(cast):
    hh = households(cast, 10)
    d = opened(cast, "1")
    meeting(cast, d, hh[:9], yes=6)  # 6/10 < 2/3
    d = services.voting_close(actor=cast.hoa, decision=d)
    text = text_of(documents.minutes_docx(d))
    assert "KHÔNG ĐƯỢC THÔNG QUA" in text and "Số hộ gia đình không có đại diện tham gia: 1" in text
    assert "TRƯỞNG ẤP" in text  # no head's name recorded: the block stays for a handwritten signature


def test_the_notice_is_signed_by_the_hamlet_head_alone(cast):
    doc = Document(io.BytesIO(documents.notice_docx(noticed(cast))))
    left, right = doc.tables[-1].rows[0].cells
    assert left.text.strip() == ""
    assert (
        "TRƯỞNG ẤP" in right.text and "(Ký, ghi rõ họ tên)" in right.text and "Nguyễn Văn Hùng" in right.text
    )


# ------------------------------------------------------------------------------------------------ PDF


def test_the_minutes_pdf_holds_the_mandatory_content_of_article_20(cast):
    hh = households(cast, 40)
    d = services.voting_open(actor=cast.hoa, decision=noticed(cast))
    meeting(cast, d, hh[:15], yes=12, no=3)
    ballots(cast, d, hh[15:30], yes=9, no=4, other=2)
    d = services.voting_close(actor=cast.hoa, decision=d)
    text = pdf_text(documents.minutes_pdf(d))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Phú Cường, ngày" in text
    assert "19 giờ 30 phút, ngày 15 tháng 3 năm 2026" in text  # a) time
    assert "Tổng số hộ gia đình của Ấp Phú Hòa: 40" in text  # b) total, present, not represented
    assert "Số hộ gia đình có đại diện tham gia: 30" in text
    assert "Số hộ gia đình không có đại diện tham gia: 10" in text
    assert "Bầu Trưởng ấp Phú Hòa" in text and "Điều 15, khoản 4" in text  # c) content
    assert "họp cộng đồng dân cư; phát phiếu lấy ý kiến hộ gia đình." in text  # d) form
    assert "Số hộ tán thành: 21 trên tổng số 40 hộ" in text  # đ) tallies, with the table's sum row
    assert "Cộng 30 21 7 2" in text
    assert "ĐƯỢC THÔNG QUA" in text and "cần ít nhất 21 hộ" in text  # e) the decision
    # g) the four signatures
    assert "TRƯỞNG ẤP" in text and "Nguyễn Văn Hùng" in text
    assert "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN" in text and "Trần Thị Mai" in text
    assert text.count("ĐẠI DIỆN HỘ GIA ĐÌNH") == 2 and text.count("(Ký, ghi rõ họ tên)") == 4


def test_every_form_says_the_same_in_its_docx_and_its_pdf(cast):
    """One content per form: every paragraph, cell and signature of the DOCX is in the PDF."""
    hh = households(cast, 30)
    d = services.voting_open(actor=cast.hoa, decision=noticed(cast))
    meet = steps.counting_record(
        actor=cast.hoa, tally=meeting(cast, d, hh[:10], yes=8), board=BOARD, witnesses=WITNESSES
    )
    ballot = steps.counting_record(
        actor=cast.hoa, tally=ballots(cast, d, hh[10:22], yes=9, no=3), board=BOARD, witnesses=WITNESSES
    )
    d = services.voting_close(actor=cast.hoa, decision=d)
    online = opened(cast, "6", poll_yes=20, title="Tổ chức ngày hội")
    for h in hh[22:26]:
        services.online_vote_cast(citizen=citizen(h), decision=online, choice="yes")
    online = services.voting_close(actor=cast.hoa, decision=online)
    cases = [
        (documents.notice_content, d, "Mẫu số 01"),
        (documents.counting_content, meet, "Mẫu số 02"),
        (documents.online_content, online, "Mẫu số 03"),
        (documents.ballot_content, ballot, "Mẫu số 04"),
        (documents.minutes_content, d, "Điều 20"),
    ]
    for content_of, obj, mark in cases:
        content = content_of(obj)
        pdf = pdf_text(documents.pdf_bytes(content))
        assert mark in pdf
        pieces = [b.text for b in content.blocks if b.text]
        pieces += [cell for b in content.blocks for row in (b.header, *b.rows) for cell in row]
        pieces += [name for b in content.blocks for _role, name in b.signers if name]
        pieces += [role.upper() for b in content.blocks for role, _name in b.signers if role]
        assert pieces, mark
        missing = [p for p in pieces if " ".join(p.split()) not in pdf]
        assert not missing, (mark, missing)
        docx = " ".join(text_of(documents.docx_bytes(content)).split())
        assert all(" ".join(p.split()) in docx for p in pieces), mark


def test_a_form_not_ready_is_refused_as_pdf_too(cast):
    with pytest.raises(DomainError, match="chưa được thông báo"):
        documents.notice_pdf(decision(cast, "4"))
    households(cast, 5)
    with pytest.raises(DomainError, match="kết thúc biểu quyết"):
        documents.minutes_pdf(opened(cast, "4"))


def test_the_pdf_aligns_the_tallies_figures_right():
    content = documents.Content(form="Mẫu", kind="BIÊN BẢN", summary="Thử")
    content.blocks.append(
        documents.Block("table", header=("Hình thức", "Số hộ"), rows=(("Họp", "15"),), numeric=(1,))
    )
    html = documents.html_of(content)
    assert "<td>Họp</td>" in html and '<td class="num">15</td>' in html
