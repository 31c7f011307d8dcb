"""Minutes (biên bản) of a held dialogue and of a reception day: a DOCX in the State format, built by a
background task, downloaded through the access gate; read back with python-docx."""

import datetime as dt
import io

import pytest
from docx import Document

from danvan.cases.models import Kind
from danvan.cases.tests.helpers import accepted
from danvan.core.documents import DOCX
from danvan.core.errors import DomainError
from danvan.core.formatting import local_today
from danvan.dialogues import minutes, services
from danvan.dialogues.models import (
    HostRole,
    Minutes,
    MinutesStatus,
    ReceptionSession,
    VisitOutcome,
)


def _texts(data: bytes):
    doc = Document(io.BytesIO(data))
    paragraphs = list(doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    return doc, paragraphs, "\n".join(p.text for p in paragraphs)


def _runs(paragraphs, text):
    return [r for p in paragraphs for r in p.runs if text in r.text]


def _held_dialogue(cast):
    today = local_today()
    case = accepted(cast, title="Đường liên ấp Phú Hòa ngập sâu")
    denunciation = accepted(cast, "denunciation", title="Tố cáo cán bộ địa chính")
    d = services.dialogue_create(
        actor=cast.minh,
        unit=cast.commune,
        topic="Giao thông nông thôn và đất đai",
        host_name="Phạm Anh Tuấn",
        host_role="Chủ tịch UBND xã",
        co_organisers="Ủy ban MTTQ Việt Nam xã Phú Cường\nHội Nông dân xã",
        invitees="Đại diện các hộ dân có đơn",
        place="Hội trường UBND xã Phú Cường",
        day=today,
    )
    road = services.agenda_add(actor=cast.minh, dialogue=d, case_id=case.pk)
    secret = services.agenda_add(actor=cast.minh, dialogue=d, case_id=denunciation.pk)
    canal = services.agenda_add(actor=cast.minh, dialogue=d, topic="Nạo vét kênh nội đồng")
    services.agenda_answer(
        actor=cast.minh,
        item=road,
        citizens_said="Đường ngập nửa mét mỗi khi mưa.",
        answer="Xã nâng nền đoạn đường trong quý tới.",
        outcome="Bà con đồng tình.",
    )
    services.agenda_answer(
        actor=cast.minh, item=secret, citizens_said="Ông Lê Văn Tố tố cáo ABC.", answer="Trả lời bí mật XYZ."
    )
    services.agenda_answer(
        actor=cast.minh, item=canal, citizens_said="Kênh bị bồi lắng.", answer="Huy động ngày công nạo vét."
    )
    d = services.dialogue_hold(
        actor=cast.minh,
        dialogue=d,
        summary="Thống nhất nâng nền đường và nạo vét kênh trước mùa lũ.",
        attendance="45 hộ dân; công chức địa chính, giao thông",
    )
    for content, owner, person, days in (
        ("Nâng nền đoạn đường ngập", "Ban quản lý dự án xã", "Lê Văn Bình", 60),
        ("Nạo vét kênh nội đồng", "UBND xã, các ấp", "", 30),
    ):
        services.commitment_create(
            actor=cast.minh,
            dialogue=d,
            content=content,
            owner_unit=owner,
            owner_person=person,
            due=today + dt.timedelta(days=days),
        )
    return d


def test_the_issuer_and_symbol_come_from_the_units_kind_and_name(cast):
    commune = minutes.issuer_of(cast.commune)
    assert commune.name == "ỦY BAN NHÂN DÂN XÃ PHÚ CƯỜNG"
    assert commune.parent == "UBND HUYỆN TAM NÔNG"
    assert commune.number.startswith("Số:") and commune.number.endswith("/BB-UBND")
    assert commune.place == "Phú Cường"
    assert minutes.issuer_of(cast.hamlet) == commune  # a hamlet issues through its commune
    assert minutes.issuer_of(cast.province).parent == ""
    assert minutes.long_date(dt.date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert minutes.long_date(dt.date(2026, 11, 25)) == "ngày 25 tháng 11 năm 2026"


def test_the_minutes_of_a_held_dialogue_hold_the_mandatory_content(
    client, cast, django_capture_on_commit_callbacks
):
    d = _held_dialogue(cast)
    assert client.login(username=cast.minh.username, password=cast.password)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(f"/can-bo/tiep-cong-dan/doi-thoai/{d.pk}/bien-ban/")
    m = Minutes.objects.get(dialogue=d)
    assert page.status_code == 302 and page["Location"] == f"/can-bo/tiep-cong-dan/bien-ban/{m.pk}/"
    assert m.status == MinutesStatus.READY and m.progress == 100
    status = client.get(page["Location"]).content.decode()
    assert "http-equiv" not in status and f"/bien-ban/{m.pk}/tai-ve/" in status
    download = client.get(f"/can-bo/tiep-cong-dan/bien-ban/{m.pk}/tai-ve/")
    assert download.status_code == 200 and download["Content-Type"] == DOCX
    doc, paragraphs, text = _texts(b"".join(download.streaming_content))

    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    motto = _runs(paragraphs, "Độc lập - Tự do - Hạnh phúc")
    assert motto and motto[0].underline and motto[0].bold
    assert "ỦY BAN NHÂN DÂN XÃ PHÚ CƯỜNG" in text and "UBND HUYỆN TAM NÔNG" in text
    number = [p.text for p in paragraphs if p.text.startswith("Số:")]
    assert number and number[0].endswith("/BB-UBND")
    place_date = _runs(paragraphs, f"Phú Cường, {minutes.long_date(d.held_on)}")
    assert place_date and all(r.italic for r in place_date)
    assert "BIÊN BẢN" in [p.text for p in paragraphs]
    assert "Hội nghị đối thoại: Giao thông nông thôn và đất đai" in text
    # participants
    for who in ("Phạm Anh Tuấn, Chủ tịch UBND xã", "Ủy ban MTTQ Việt Nam xã Phú Cường", "45 hộ dân"):
        assert who in text
    # each answer (and what was said, the outcome) — except the denunciation's
    for said in (
        "Đường ngập nửa mét mỗi khi mưa.",
        "Xã nâng nền đoạn đường trong quý tới.",
        "Bà con đồng tình.",
        "Huy động ngày công nạo vét.",
    ):
        assert said in text
    # each commitment with its owner and deadline
    for c in d.commitments.all():
        assert c.content in text and c.owner_unit in text and c.due.strftime("%d/%m/%Y") in text
    assert "Lê Văn Bình" in text
    # no denouncer identity, nothing of the denunciation but one redacted line
    for secret in ("Lê Văn Tố", "ABC", "XYZ", "Tố cáo cán bộ"):
        assert secret not in text
    assert minutes.REDACTED_DENUNCIATION in text
    # signature blocks
    assert "CHỦ TRÌ HỘI NGHỊ" in text and "NGƯỜI GHI BIÊN BẢN" in text


def test_the_minutes_of_a_reception_day_name_no_denouncer(client, cast, django_capture_on_commit_callbacks):
    day = local_today() - dt.timedelta(days=7)
    while day.weekday() >= 5 or services.day_off_reason(day):
        day -= dt.timedelta(days=1)
    s = ReceptionSession.objects.create(
        unit=cast.commune,
        day=day,
        host_role=HostRole.COMMUNE_CHAIR,
        host_name="Phạm Anh Tuấn",
        place="Phòng tiếp công dân xã",
        posted_on=day - dt.timedelta(days=10),
    )
    common = {"actor": cast.minh, "unit": cast.commune, "session": s, "visited_on": day}
    guided = services.visit_log(
        receiver_name="Phạm Anh Tuấn",
        subject="Hỏi thủ tục cấp giấy chứng nhận quyền sử dụng đất.",
        outcome=VisitOutcome.GUIDANCE,
        guidance="Hướng dẫn nộp hồ sơ tại bộ phận một cửa.",
        citizen_name="Nguyễn Văn Dân",
        citizen_address="Ấp Phú Hòa",
        **common,
    )
    services.visit_log(
        receiver_name="Trần Văn Minh",
        subject="Tôi là Lê Văn Tố, tố cáo cán bộ thu tiền trái phép.",
        outcome=VisitOutcome.NEW_CASE,
        case_kind=Kind.DENUNCIATION,
        case_title="Tố cáo thu tiền",
        citizen_name="Lê Văn Tố",
        citizen_address="Số 12 ấp Phú Hòa",
        phone="0987654321",
        **common,
    )
    services.commitment_create(
        actor=cast.minh,
        visit=guided,
        content="Bộ phận một cửa gọi điện hẹn ngày nhận hồ sơ",
        owner_unit="Bộ phận một cửa xã",
        due=day + dt.timedelta(days=5),
    )
    assert client.login(username=cast.minh.username, password=cast.password)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(f"/can-bo/tiep-cong-dan/ngay/{s.pk}/bien-ban/")
    m = Minutes.objects.get(session=s)
    assert page.status_code == 302 and m.status == MinutesStatus.READY
    download = client.get(f"/can-bo/tiep-cong-dan/bien-ban/{m.pk}/tai-ve/")
    _doc, paragraphs, text = _texts(b"".join(download.streaming_content))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Số:" in text and "/BB-UBND" in text
    assert _runs(paragraphs, f"Phú Cường, {minutes.long_date(day)}")[0].italic
    assert "Nguyễn Văn Dân" in text and "Hướng dẫn nộp hồ sơ tại bộ phận một cửa." in text
    assert "Trần Văn Minh" in text and "2 lượt, 2 người" in text
    assert "Bộ phận một cửa gọi điện hẹn ngày nhận hồ sơ" in text and "Bộ phận một cửa xã" in text
    assert minutes.SECRET_DENOUNCER in text
    for secret in ("Lê Văn Tố", "Số 12 ấp Phú Hòa", "0987654321"):
        assert secret not in text


def test_who_may_ask_for_and_download_the_minutes(client, cast, django_capture_on_commit_callbacks):
    d = _held_dialogue(cast)
    with django_capture_on_commit_callbacks(execute=True):
        m = minutes.minutes_request(actor=cast.minh, dialogue=d)
    url = f"/can-bo/tiep-cong-dan/bien-ban/{m.pk}/tai-ve/"
    # a supervisor of the district (reception.view) downloads, cannot generate
    assert client.login(username=cast.thu.username, password=cast.password)
    assert client.get(url).status_code == 200
    assert client.post(f"/can-bo/tiep-cong-dan/doi-thoai/{d.pk}/bien-ban/").status_code in (403, 404)
    # an editor (no reception.view) reaches neither
    assert client.login(username=cast.lan.username, password=cast.password)
    assert client.get(url).status_code in (403, 404)
    with pytest.raises(DomainError):
        minutes.minutes_request(actor=cast.lan, dialogue=d)
    assert Minutes.objects.count() == 1


def test_minutes_only_of_a_held_dialogue_and_a_failure_is_reported(
    cast, django_capture_on_commit_callbacks, monkeypatch
):
    planned = services.dialogue_create(
        actor=cast.minh,
        unit=cast.commune,
        topic="Chưa họp",
        host_name="A",
        host_role="Chủ tịch",
        place="Xã",
        day=local_today(),
    )
    with pytest.raises(DomainError, match="đã được tổ chức"):
        minutes.minutes_request(actor=cast.minh, dialogue=planned)
    assert not Minutes.objects.exists()
    d = _held_dialogue(cast)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(minutes, "dialogue_docx", broken)
    with django_capture_on_commit_callbacks(execute=True):
        m = minutes.minutes_request(actor=cast.minh, dialogue=d)
    m.refresh_from_db()
    assert m.status == MinutesStatus.FAILED and "thử lại" in m.message and not m.file


def test_a_pending_request_is_not_queued_twice_and_the_page_refreshes_itself(client, cast):
    d = _held_dialogue(cast)
    first = minutes.minutes_request(actor=cast.minh, dialogue=d)  # on_commit not run: stays pending
    assert minutes.minutes_request(actor=cast.minh, dialogue=d) == first
    assert client.login(username=cast.minh.username, password=cast.password)
    page = client.get(f"/can-bo/tiep-cong-dan/bien-ban/{first.pk}/").content.decode()
    assert 'http-equiv="refresh"' in page and "<progress" in page
    assert client.get(f"/can-bo/tiep-cong-dan/bien-ban/{first.pk}/tai-ve/").status_code == 404
