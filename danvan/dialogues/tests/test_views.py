"""Screens of citizen reception: the public calendar and its feed, the officers' workspace."""

import datetime as dt

import pytest

from danvan.cases.models import Case, Channel
from danvan.core.formatting import local_today
from danvan.dialogues import ics, services
from danvan.dialogues.models import ReceptionSession, ReceptionVisit, SessionStatus


def _login(client, cast, user):
    assert client.login(username=user.username, password=cast.password)


def _next_working_day(days_ahead=8):
    from danvan.rulebook.services import work_calendar

    return work_calendar().working_day_on_or_after(local_today() + dt.timedelta(days=days_ahead))


@pytest.fixture
def session(cast):
    return services.session_add(
        actor=cast.minh,
        unit=cast.commune,
        host_role="commune_chair",
        host_name="Nguyễn Văn Chủ",
        place="Trụ sở UBND xã Phú Cường; phòng tiếp dân, tầng 1",
        day=_next_working_day(),
    )


def test_the_public_calendar_lists_the_days_without_javascript(client, cast, session):
    month = session.day.strftime("%Y-%m")
    page = client.get(f"/doi-thoai/?thang={month}&don-vi={cast.commune.code}")
    body = page.content.decode()
    assert page.status_code == 200
    assert (
        "Nguyễn Văn Chủ" in body and "Chủ tịch UBND xã" in body and session.day.strftime("%d/%m/%Y") in body
    )
    assert "<script" not in body.split("<main", 1)[1].split("</main>", 1)[0]
    assert client.get("/doi-thoai/?don-vi=khong-co").status_code == 404


def _unfold(text: str) -> list[str]:
    assert "\n" not in text.replace("\r\n", "")
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def test_the_ics_feed_follows_rfc_5545(client, cast, session):
    services.session_cancel(
        actor=cast.minh,
        session=session,
        reason="Họp đột xuất, tạm hoãn",
        replacement_day=_next_working_day(15),
    )
    response = client.get(f"/doi-thoai/{cast.commune.code}/lich.ics")
    assert response["Content-Type"].startswith("text/calendar")
    raw = response.content.decode("utf-8")
    assert raw.endswith("\r\n")
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))
    lines = _unfold(raw)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "TZID:Asia/Ho_Chi_Minh" in lines and "BEGIN:VTIMEZONE" in lines
    assert lines.count("BEGIN:VEVENT") == 2
    assert "STATUS:CANCELLED" in lines and "STATUS:CONFIRMED" in lines
    assert f"DTSTART;TZID=Asia/Ho_Chi_Minh:{session.day:%Y%m%d}T073000" in lines
    assert "LOCATION:Trụ sở UBND xã Phú Cường\\; phòng tiếp dân\\, tầng 1" in lines
    assert sum(1 for line in lines if line.startswith("UID:tiep-cong-dan-")) == 2
    assert sum(1 for line in lines if line.startswith("DTSTAMP:") and line.endswith("Z")) == 2


def test_folding_never_splits_a_vietnamese_character():
    line = "SUMMARY:" + "Tiếp công dân định kỳ của Chủ tịch Ủy ban nhân dân xã " * 4
    folded = ics.fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "").rstrip("\r\n") == line
    assert ics.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_workspace_pages_open_for_a_case_officer(client, cast, session):
    _login(client, cast, cast.minh)
    for url in (
        "/can-bo/tiep-cong-dan/",
        "/can-bo/tiep-cong-dan/so/",
        "/can-bo/tiep-cong-dan/so/ghi/",
        "/can-bo/tiep-cong-dan/lich/them/",
        "/can-bo/tiep-cong-dan/ngay/them/",
        f"/can-bo/tiep-cong-dan/ngay/{session.pk}/huy/",
    ):
        assert client.get(url).status_code == 200, url
    home = client.get("/can-bo/tiep-cong-dan/").content.decode()
    assert "Luật Tiếp công dân số 42/2013/QH13, Điều 15" in home


def test_an_editor_does_not_reach_the_reception_workspace(client, cast):
    _login(client, cast, cast.lan)
    assert client.get("/can-bo/tiep-cong-dan/").status_code == 404


def test_a_session_of_another_unit_is_not_found(client, cast):
    other = ReceptionSession.objects.create(
        unit=cast.far_commune,
        day=_next_working_day(),
        host_role="commune_chair",
        host_name="X",
        place="Y",
        posted_on=local_today(),
    )
    _login(client, cast, cast.minh)
    assert client.get(f"/can-bo/tiep-cong-dan/ngay/{other.pk}/huy/").status_code == 404


def test_the_entry_screen_logs_a_visit_and_opens_its_case_in_one_step(client, cast):
    _login(client, cast, cast.minh)
    response = client.post(
        "/can-bo/tiep-cong-dan/so/ghi/",
        {
            "visited_on": local_today().isoformat(),
            "receiver_name": "Trần Văn Minh",
            "people": "1",
            "citizen_name": "Nguyễn Văn Dân",
            "citizen_address": "Ấp Phú Hòa",
            "subject": "Cống thoát nước ấp Phú Hòa bị tắc, nước tràn vào nhà dân.",
            "outcome": "new_case",
            "case_kind": "feedback",
            "case_title": "Cống thoát nước bị tắc",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    visit = ReceptionVisit.objects.get()
    assert visit.case.channel == Channel.RECEPTION and visit.case.title == "Cống thoát nước bị tắc"


def test_the_entry_screen_shows_the_refusals_and_stores_nothing(client, cast):
    _login(client, cast, cast.minh)
    response = client.post(
        "/can-bo/tiep-cong-dan/so/ghi/",
        {
            "visited_on": local_today().isoformat(),
            "receiver_name": "Minh",
            "people": "1",
            "subject": "Khiếu nại quyết định thu hồi đất",
            "outcome": "new_case",
            "case_kind": "complaint",
        },
    )
    assert response.status_code == 400
    assert "Vui lòng" in response.content.decode()
    assert not Case.objects.exists() and not ReceptionVisit.objects.exists()


def test_cancelling_from_the_workspace_names_a_replacement(client, cast, session):
    _login(client, cast, cast.minh)
    day = _next_working_day(15)
    response = client.post(
        f"/can-bo/tiep-cong-dan/ngay/{session.pk}/huy/", {"reason": "Chủ tịch đi họp", "replacement_day": day}
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED and session.replaced_by.day == day


def test_the_visit_log_lists_in_a_fixed_number_of_queries(client, cast, django_assert_max_num_queries):
    for n in range(5):
        services.visit_log(
            actor=cast.minh,
            unit=cast.commune,
            receiver_name="Minh",
            subject=f"Việc {n}",
            outcome="guidance",
            guidance="Hướng dẫn",
        )
    _login(client, cast, cast.minh)
    client.get("/can-bo/tiep-cong-dan/so/")
    with django_assert_max_num_queries(25):
        assert client.get("/can-bo/tiep-cong-dan/so/").status_code == 200


def test_the_pages_follow_english(client, cast, session):
    client.cookies["django_language"] = "en"
    public = client.get(f"/doi-thoai/?don-vi={cast.commune.code}&thang={session.day:%Y-%m}").content.decode()
    assert "Citizen reception calendar" in public and "Chair of the commune People&#x27;s Committee" in public
    client.force_login(cast.minh)
    home = client.get("/can-bo/tiep-cong-dan/").content.decode()
    assert "Log a reception visit" in home and "Regular schedules" in home


def test_the_api_lists_a_units_reception_days(client, cast, session, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        rows = client.get(f"/api/v1/reception/{cast.commune.code}/days").json()
    assert [r["day"] for r in rows] == [session.day.isoformat()]
    assert rows[0]["host_role_label"] == "Chủ tịch UBND xã" and rows[0]["cancelled"] is False
    assert client.get("/api/v1/reception/khong-co/days").status_code == 404
    bad = client.get(f"/api/v1/reception/{cast.commune.code}/days", {"start": "2026-13-01"})
    assert bad.status_code == 400 and "không hợp lệ" in bad.json()["detail"]
    assert (
        client.get(
            f"/api/v1/reception/{cast.commune.code}/days", {"start": "2026-01-01", "end": "2027-06-01"}
        ).status_code
        == 400
    )


def test_the_public_calendar_stays_small_at_a_provinces_scale(client, cast):
    """A province announces thousands of days a month: the page pages them, and once more than a few dozen
    units have days it finds the unit by name instead of listing every unit in a select."""
    from danvan.dialogues.views import PUBLIC_PER_PAGE, UNIT_LIST_ALL
    from danvan.units.models import UnitKind
    from danvan.units.services import unit_create

    day = _next_working_day()
    communes = [
        unit_create(
            actor=None,
            code=f"9{n:03d}",
            name=f"Xã Thử Nghiệm {n}",
            kind=UnitKind.COMMUNE,
            parent=cast.district,
            valid_from=dt.date(2019, 1, 1),
        )
        for n in range(UNIT_LIST_ALL + 5)
    ]
    for c, moment in ((c, day + dt.timedelta(days=k % 2)) for k, c in enumerate(communes)):
        for role, name in (("commune_chair", "Chủ tịch"), ("commune_secretary", "Bí thư")):
            ReceptionSession.objects.create(
                unit=c, day=moment, host_role=role, host_name=name, place="Trụ sở", posted_on=local_today()
            )
    month = day.strftime("%Y-%m")
    body = client.get(f"/doi-thoai/?thang={month}").content.decode()
    assert 'name="don-vi"' not in body.split("</form>", 1)[0]  # no select of every unit
    assert body.count("<tr") - 1 <= PUBLIC_PER_PAGE and "Trang 1/2" in body
    found = client.get(f"/doi-thoai/?thang={month}&tim=thu nghiem 12").content.decode()
    assert "?don-vi=9012&amp;thang=" in found
    one = client.get(f"/doi-thoai/?thang={month}&don-vi=9012").content.decode()
    assert one.count("<tr") - 1 == 2 and "Xã Thử Nghiệm 12" in one
