"""Bad input on the screens gets a clear Vietnamese message and stores nothing; the reception visit's page
takes commitments; the lists stay in a fixed number of queries; the public dialogues are paged."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.core.formatting import local_today
from danvan.dialogues import services
from danvan.dialogues.models import (
    AgendaItem,
    Commitment,
    CommitmentFile,
    CommitmentNote,
    CommitmentStatus,
    Dialogue,
    ReceptionSession,
    VisitOutcome,
)
from danvan.rulebook.services import work_calendar

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _login(client, cast, user=None):
    assert client.login(username=(user or cast.minh).username, password=cast.password)


def _dialogue(cast, **extra):
    data = {
        "actor": cast.minh,
        "unit": cast.commune,
        "topic": "Đối thoại về đất đai",
        "host_name": "Phạm Anh Tuấn",
        "host_role": "Chủ tịch UBND xã",
        "place": "Hội trường xã",
        "day": local_today(),
    }
    data.update(extra)
    return services.dialogue_create(**data)


def _visit(cast):
    return services.visit_log(
        actor=cast.minh,
        unit=cast.commune,
        receiver_name="Phạm Anh Tuấn",
        subject="Xin cấp lại giấy chứng nhận bị mất.",
        outcome=VisitOutcome.GUIDANCE,
        guidance="Hướng dẫn nộp hồ sơ tại bộ phận một cửa.",
        citizen_name="Nguyễn Văn Dân",
    )


DIALOGUE_FORM = {
    "topic": "Đối thoại về giao thông",
    "host_name": "Phạm Anh Tuấn",
    "host_role": "Chủ tịch UBND xã",
    "start_time": "08:00",
    "place": "Hội trường xã",
}


def test_a_dialogue_in_the_past_is_refused_unless_recorded_as_held(client, cast):
    _login(client, cast)
    past = local_today() - dt.timedelta(days=3)
    page = client.post("/can-bo/tiep-cong-dan/doi-thoai/them/", {**DIALOGUE_FORM, "day": past.isoformat()})
    assert page.status_code == 400
    body = page.content.decode()
    assert f"Ngày đối thoại {past:%d/%m/%Y} đã qua" in body and "Ghi lại hội nghị đã tổ chức" in body
    assert not Dialogue.objects.exists()
    page = client.post(
        "/can-bo/tiep-cong-dan/doi-thoai/them/",
        {**DIALOGUE_FORM, "day": past.isoformat(), "record_held": "on"},
    )
    assert page.status_code == 302 and Dialogue.objects.get().day == past
    # moving a planned dialogue into the past is refused too
    d = _dialogue(cast)
    page = client.post(
        f"/can-bo/tiep-cong-dan/doi-thoai/{d.pk}/sua/", {**DIALOGUE_FORM, "day": past.isoformat()}
    )
    assert page.status_code == 400 and "đã qua" in page.content.decode()
    d.refresh_from_db()
    assert d.day == local_today()


def test_a_commitment_without_owner_or_deadline_is_refused_and_nothing_is_stored(client, cast):
    _login(client, cast)
    d = _dialogue(cast)
    page = client.post(
        f"/can-bo/tiep-cong-dan/doi-thoai/{d.pk}/cam-ket/", {"content": "Nâng nền đường", "owner_unit": ""}
    )
    assert page.status_code == 400
    v = _visit(cast)
    url = f"/can-bo/tiep-cong-dan/so/{v.pk}/"
    page = client.post(url, {"content": "Gọi điện hẹn ngày", "owner_unit": "", "due": ""})
    assert page.status_code == 400 and "Vui lòng nhập đơn vị thực hiện." in page.content.decode()
    page = client.post(url, {"content": "Gọi điện hẹn ngày", "owner_unit": "Bộ phận một cửa", "due": ""})
    assert page.status_code == 400 and "Vui lòng nhập hạn hoàn thành." in page.content.decode()
    page = client.post(url, {"content": "Gọi điện hẹn ngày", "owner_unit": "Một cửa", "due": "31/02/x"})
    assert page.status_code == 400 and "Hạn hoàn thành không đúng dạng ngày." in page.content.decode()
    before = (local_today() - dt.timedelta(days=1)).isoformat()
    page = client.post(url, {"content": "Gọi điện", "owner_unit": "Một cửa", "due": before})
    assert page.status_code == 400 and "không được trước ngày cam kết" in page.content.decode()
    assert not Commitment.objects.exists()


def test_the_visit_page_takes_a_commitment(client, cast):
    v = _visit(cast)
    _login(client, cast)
    listing = client.get("/can-bo/tiep-cong-dan/so/").content.decode()
    assert f"/can-bo/tiep-cong-dan/so/{v.pk}/" in listing
    due = local_today() + dt.timedelta(days=5)
    page = client.post(
        f"/can-bo/tiep-cong-dan/so/{v.pk}/",
        {
            "content": "Bộ phận một cửa gọi điện hẹn ngày nhận hồ sơ",
            "owner_unit": "Bộ phận một cửa xã",
            "owner_person": "Lê Thị Cửa",
            "due": due.isoformat(),
        },
    )
    assert page.status_code == 302
    c = Commitment.objects.get()
    assert c.visit == v and c.dialogue is None and c.due == due and c.unit == cast.commune
    body = client.get(f"/can-bo/tiep-cong-dan/so/{v.pk}/").content.decode()
    assert "Bộ phận một cửa gọi điện hẹn ngày nhận hồ sơ" in body and "Lê Thị Cửa" in body
    board = client.get("/can-bo/tiep-cong-dan/cam-ket/").content.decode()
    assert "Bộ phận một cửa xã" in board
    # a supervisor reads the page but gets no form, and cannot post
    _login(client, cast, cast.thu)
    read = client.get(f"/can-bo/tiep-cong-dan/so/{v.pk}/")
    assert read.status_code == 200 and "<textarea" not in read.content.decode()
    assert client.post(f"/can-bo/tiep-cong-dan/so/{v.pk}/", {"content": "x"}).status_code == 404
    # an editor reaches nothing
    _login(client, cast, cast.lan)
    assert client.get(f"/can-bo/tiep-cong-dan/so/{v.pk}/").status_code in (403, 404)


def test_an_ad_hoc_day_on_a_holiday_gets_the_holidays_name_and_stores_nothing(client, cast):
    cal = work_calendar()
    day = local_today() + dt.timedelta(days=1)
    while not (day.weekday() < 5 and cal.holiday_name(day)):
        day += dt.timedelta(days=1)
    _login(client, cast)
    page = client.post(
        "/can-bo/tiep-cong-dan/ngay/them/",
        {
            "host_role": "commune_chair",
            "host_name": "Phạm Anh Tuấn",
            "place": "Trụ sở UBND xã",
            "day": day.isoformat(),
            "start_time": "07:30",
            "end_time": "11:30",
        },
    )
    body = page.content.decode()
    assert page.status_code == 400
    assert f"Ngày {day:%d/%m/%Y} không phải là ngày làm việc ({cal.holiday_name(day)})" in body
    assert not ReceptionSession.objects.exists()


def _done(client, c, upload, evidence="Đã làm xong, có biên bản nghiệm thu."):
    return client.post(
        f"/can-bo/tiep-cong-dan/cam-ket/{c.pk}/cap-nhat/",
        {"status": "done", "evidence": evidence, "note": "", "reason": "", "evidence_file": upload},
    )


def test_evidence_files_on_done_are_checked_and_a_refused_one_stores_nothing(client, cast, settings):
    d = _dialogue(cast)
    c = services.commitment_create(
        actor=cast.minh, dialogue=d, content="Nâng nền", owner_unit="Ban QLDA", due=local_today()
    )
    _login(client, cast)
    settings.DANVAN_UPLOAD_MAX_BYTES = 1024
    big = SimpleUploadedFile("anh.png", PNG + b"\0" * 2048, content_type="image/png")
    page = _done(client, c, big)
    assert page.status_code == 400 and "vượt giới hạn" in page.content.decode()
    fake = SimpleUploadedFile("bien-ban.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    page = _done(client, c, fake)
    assert page.status_code == 400 and "không phải là loại được chấp nhận" in page.content.decode()
    c.refresh_from_db()
    assert c.status == CommitmentStatus.OPEN and not c.evidence
    assert not CommitmentFile.objects.exists() and not CommitmentNote.objects.exists()
    # a file with another status than done is refused
    page = client.post(
        f"/can-bo/tiep-cong-dan/cam-ket/{c.pk}/cap-nhat/",
        {"status": "in_progress", "note": "Đang làm", "evidence_file": SimpleUploadedFile("a.png", PNG)},
    )
    assert page.status_code == 400 and "chỉ đính kèm khi cam kết đã hoàn thành" in page.content.decode()
    assert not CommitmentNote.objects.exists()
    # a good one is stored privately and downloads through the gate
    page = _done(client, c, SimpleUploadedFile("anh-nghiem-thu.png", PNG, content_type="image/png"))
    assert page.status_code == 302
    c.refresh_from_db()
    f = CommitmentFile.objects.get()
    assert c.status == CommitmentStatus.DONE and f.commitment == c and f.original_name == "anh-nghiem-thu.png"
    got = client.get(f"/can-bo/tiep-cong-dan/cam-ket/tep/{f.pk}/")
    assert got.status_code == 200 and b"".join(got.streaming_content) == PNG
    _login(client, cast, cast.lan)
    assert client.get(f"/can-bo/tiep-cong-dan/cam-ket/tep/{f.pk}/").status_code in (403, 404)


def test_the_public_dialogues_are_paged(client, cast):
    from danvan.dialogues import views

    day = local_today()
    for n in range(views.PUBLIC_DIALOGUES_PER_PAGE + 3):
        _dialogue(cast, topic=f"Đối thoại số {n:02d}", day=day)
    month = day.strftime("%Y-%m")
    first = client.get(f"/doi-thoai/?thang={month}").content.decode()
    assert first.count("Đối thoại số ") == views.PUBLIC_DIALOGUES_PER_PAGE
    assert "trang-doi-thoai=2" in first and f"{views.PUBLIC_DIALOGUES_PER_PAGE + 3} hội nghị" in first
    second = client.get(f"/doi-thoai/?thang={month}&trang-doi-thoai=2").content.decode()
    assert second.count("Đối thoại số ") == 3
    assert client.get(f"/doi-thoai/?thang={month}&trang-doi-thoai=999").status_code == 200


def _queries(client, url) -> int:
    client.get(url)  # warm the per-process caches (roles, rules, calendar)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _grow(cast, n, start):
    for i in range(start, start + n):
        d = _dialogue(cast, topic=f"Đối thoại {i}")
        AgendaItem.objects.create(dialogue=d, topic=f"Nội dung {i}")
        services.commitment_create(
            actor=cast.minh, dialogue=d, content=f"Cam kết {i}", owner_unit="Ban QLDA", due=local_today()
        )
        day = local_today().replace(day=1) + dt.timedelta(days=i)
        ReceptionSession.objects.create(
            unit=cast.commune,
            day=day,
            host_role="officer",
            host_name=f"Cán bộ {i}",
            place="Trụ sở",
            posted_on=day,
        )


def test_the_lists_stay_in_a_fixed_number_of_queries(client, cast, django_assert_max_num_queries):
    """The schedule page, the dialogue list, the commitments board and the public page: the same number of
    queries for 3 rows as for 9 (no query per row), and under a ceiling."""
    month = local_today().strftime("%Y-%m")
    urls = [
        "/can-bo/tiep-cong-dan/",
        "/can-bo/tiep-cong-dan/doi-thoai/",
        "/can-bo/tiep-cong-dan/cam-ket/",
    ]
    _grow(cast, 3, 0)
    _login(client, cast)
    few = [_queries(client, u) for u in urls]
    client.logout()
    public_few = _queries(client, f"/doi-thoai/?thang={month}")
    _grow(cast, 6, 3)
    _login(client, cast)
    many = [_queries(client, u) for u in urls]
    assert many == few
    for url in urls:
        with django_assert_max_num_queries(30):
            client.get(url)
    client.logout()
    assert _queries(client, f"/doi-thoai/?thang={month}") == public_few
    with django_assert_max_num_queries(12):
        client.get(f"/doi-thoai/?thang={month}")
