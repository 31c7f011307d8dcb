"""Reception schedules, their days on the working-day calendar, and compliance with the legal minimums."""

import datetime as dt

import pytest

from danvan.core.errors import DomainError
from danvan.dialogues import selectors, services
from danvan.dialogues.models import ReceptionSession, SessionOrigin, SessionStatus

D = dt.date


def chair_schedule(cast, **extra):
    data = {
        "unit": cast.commune,
        "host_role": "commune_chair",
        "host_name": "Nguyễn Văn Chủ",
        "deputy_name": "Trần Thị Phó",
        "place": "Trụ sở UBND xã Phú Cường",
        "weekdays": [0],
        "valid_from": D(2026, 1, 1),
    }
    data.update(extra)
    return services.schedule_create(actor=cast.tuan, **data)


def test_a_weekly_slot_on_a_holiday_moves_to_the_next_working_day_of_its_week(cast):
    schedule = chair_schedule(cast)
    made = services.sessions_generate(
        actor=cast.tuan, schedule=schedule, start=D(2026, 4, 1), end=D(2026, 4, 30), today=D(2026, 3, 20)
    )
    # Mon 27/04/2026 is the day off for the Hùng Kings' day: received on Tue 28/04 instead
    assert [s.day for s in made.created] == [D(2026, 4, 6), D(2026, 4, 13), D(2026, 4, 20), D(2026, 4, 28)]
    assert made.moved == [(D(2026, 4, 27), D(2026, 4, 28))]
    assert all(s.posted_on == D(2026, 3, 20) and s.origin == SessionOrigin.SCHEDULE for s in made.created)


def test_a_slot_without_a_working_day_left_in_its_week_is_skipped_and_reported(cast):
    schedule = chair_schedule(cast, weekdays=[3])  # Thursdays; 30/04 and 01/05/2026 are holidays
    made = services.sessions_generate(
        actor=cast.tuan, schedule=schedule, start=D(2026, 4, 27), end=D(2026, 5, 3), today=D(2026, 3, 20)
    )
    assert made.created == []
    assert made.skipped == [(D(2026, 4, 30), "Ngày Chiến thắng")]


def test_a_swapped_day_off_is_respected(cast):
    schedule = chair_schedule(cast)  # Mon 31/08/2026 is swapped off (worked on Sat 22/08)
    made = services.sessions_generate(
        actor=cast.tuan, schedule=schedule, start=D(2026, 8, 31), end=D(2026, 9, 6), today=D(2026, 8, 1)
    )
    assert [s.day for s in made.created] == [D(2026, 9, 3)]  # 1 and 2/9 are National Day


def test_generation_never_doubles_a_day_and_starts_today(cast):
    schedule = chair_schedule(cast)
    services.sessions_generate(
        actor=cast.tuan, schedule=schedule, start=D(2026, 3, 1), end=D(2026, 3, 31), today=D(2026, 3, 10)
    )
    again = services.sessions_generate(
        actor=cast.tuan, schedule=schedule, start=D(2026, 3, 1), end=D(2026, 3, 31), today=D(2026, 3, 10)
    )
    assert again.created == []
    assert list(ReceptionSession.objects.values_list("day", flat=True)) == [
        D(2026, 3, 16),
        D(2026, 3, 23),
        D(2026, 3, 30),
    ]


@pytest.mark.parametrize(
    "extra, field, words",
    [
        ({"weekdays": [5]}, "weekdays", "Thứ Bảy không phải là ngày làm việc"),
        ({"weekdays": [], "month_days": []}, "weekdays", "ít nhất một thứ"),
        ({"month_days": [32]}, "month_days", "không hợp lệ"),
        ({"place": "  "}, "place", "Vui lòng nhập địa điểm"),
        ({"host_role": "mayor"}, "host_role", "chức danh"),
        ({"valid_to": D(2025, 12, 1)}, "valid_to", "sau ngày bắt đầu"),
    ],
)
def test_bad_schedules_are_refused_in_vietnamese_and_store_nothing(cast, extra, field, words):
    with pytest.raises(DomainError) as exc:
        chair_schedule(cast, **extra)
    assert any(e.field == field and words in e.message for e in exc.value.errors)
    assert not cast.commune.reception_schedules.exists()


def test_only_reception_managers_edit_the_schedule(cast):
    with pytest.raises(DomainError):
        services.schedule_create(
            actor=cast.lan,
            unit=cast.commune,
            host_role="commune_chair",
            host_name="A",
            place="B",
            weekdays=[0],
            valid_from=D(2026, 1, 1),
        )
    with pytest.raises(DomainError):
        services.schedule_create(
            actor=cast.minh,
            unit=cast.sibling_commune,
            host_role="commune_chair",
            host_name="A",
            place="B",
            weekdays=[0],
            valid_from=D(2026, 1, 1),
        )


def test_an_ad_hoc_day_on_a_holiday_or_in_the_past_is_refused(cast):
    args = {
        "actor": cast.minh,
        "unit": cast.commune,
        "host_role": "commune_chair",
        "host_name": "Ông Chủ",
        "place": "Trụ sở UBND xã",
        "today": D(2026, 4, 1),
    }
    with pytest.raises(DomainError) as exc:
        services.session_add(day=D(2026, 4, 30), **args)
    assert "không phải là ngày làm việc (Ngày Chiến thắng)" in exc.value.message
    with pytest.raises(DomainError) as exc:
        services.session_add(day=D(2026, 3, 31), **args)
    assert "đã qua" in exc.value.message
    session = services.session_add(day=D(2026, 4, 2), **args)
    assert session.origin == SessionOrigin.AD_HOC
    with pytest.raises(DomainError) as exc:
        services.session_add(day=D(2026, 4, 2), **args)
    assert "đã có lịch tiếp" in exc.value.message
    assert ReceptionSession.objects.count() == 1


def test_cancel_needs_a_reason_and_may_name_a_replacement_day(cast):
    session = services.session_add(
        actor=cast.minh,
        unit=cast.commune,
        host_role="commune_chair",
        host_name="Ông Chủ",
        place="Trụ sở UBND xã",
        day=D(2026, 4, 6),
        today=D(2026, 4, 1),
    )
    with pytest.raises(DomainError) as exc:
        services.session_cancel(actor=cast.minh, session=session, reason=" ", today=D(2026, 4, 1))
    assert exc.value.field == "reason"
    with pytest.raises(DomainError) as exc:
        services.session_cancel(
            actor=cast.minh,
            session=session,
            reason="Họp tỉnh",
            replacement_day=D(2026, 4, 30),
            today=D(2026, 4, 1),
        )
    assert exc.value.field == "replacement_day"
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED  # nothing half-done
    replacement = services.session_cancel(
        actor=cast.minh,
        session=session,
        reason="Chủ tịch họp tại tỉnh",
        replacement_day=D(2026, 4, 8),
        today=D(2026, 4, 1),
    )
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED and session.cancel_reason == "Chủ tịch họp tại tỉnh"
    assert replacement.day == D(2026, 4, 8) and replacement.replaces == session
    assert replacement.origin == SessionOrigin.REPLACEMENT


# ---------------------------------------------------------------- compliance


def _days(cast, role, days, posted_on):
    for day in days:
        ReceptionSession.objects.create(
            unit=cast.commune,
            day=day,
            host_role=role,
            host_name="Người tiếp",
            place="Trụ sở",
            posted_on=posted_on,
        )


MARCH_MONDAYS = [D(2026, 3, 2), D(2026, 3, 9), D(2026, 3, 16), D(2026, 3, 23), D(2026, 3, 30)]


def _host(result, role):
    return next(h for h in result.hosts if h.host_role == role)


def test_commune_chair_one_day_every_week_of_the_month_meets_the_rule(cast):
    _days(cast, "commune_chair", MARCH_MONDAYS, D(2026, 2, 1))
    _days(cast, "commune_party_secretary", [D(2026, 3, 5), D(2026, 3, 19)], D(2026, 2, 1))
    result = selectors.compliance(cast.commune, *selectors.month_range(2026, 3))
    chair = _host(result, "commune_chair")
    assert len(chair.periods) == 5 and chair.met
    assert chair.rule_key == "reception.commune_chair_days_per_week"
    assert chair.citation == "Luật Tiếp công dân số 42/2013/QH13, Điều 15"
    secretary = _host(result, "commune_party_secretary")
    assert secretary.met and secretary.periods[0].required == 2
    assert "11-QĐi/TW" in secretary.citation and "215-KL/TW" in secretary.citation
    assert result.met


def test_one_week_without_a_day_fails_the_chair_rule_and_names_the_week(cast):
    _days(cast, "commune_chair", MARCH_MONDAYS[:2] + MARCH_MONDAYS[3:], D(2026, 2, 1))
    chair = _host(selectors.compliance(cast.commune, *selectors.month_range(2026, 3)), "commune_chair")
    assert not chair.met
    assert [(p.start, p.end, p.days) for p in chair.short] == [(D(2026, 3, 16), D(2026, 3, 22), 0)]


def test_party_secretary_one_day_in_a_month_is_short_of_two(cast):
    _days(cast, "commune_party_secretary", [D(2026, 3, 5)], D(2026, 2, 1))
    result = selectors.compliance(cast.commune, *selectors.month_range(2026, 3))
    secretary = _host(result, "commune_party_secretary")
    assert not secretary.met and secretary.periods[0].days == 1
    assert not result.met


def test_a_cancelled_day_does_not_count(cast):
    _days(cast, "commune_party_secretary", [D(2026, 3, 5), D(2026, 3, 19)], D(2026, 2, 1))
    ReceptionSession.objects.filter(day=D(2026, 3, 19)).update(status=SessionStatus.CANCELLED)
    secretary = _host(
        selectors.compliance(cast.commune, *selectors.month_range(2026, 3)), "commune_party_secretary"
    )
    assert not secretary.met


def test_the_tet_week_is_exempt_over_a_half_year(cast):
    start, end = selectors.half_year_range(2026, 1)
    mondays, d = [], D(2026, 1, 5)
    while d <= end:
        if d != D(2026, 2, 16):  # Tết: no working day that week
            mondays.append(d if d != D(2026, 4, 27) else D(2026, 4, 28))
        d += dt.timedelta(days=7)
    _days(cast, "commune_chair", mondays, D(2025, 12, 1))
    chair = _host(selectors.compliance(cast.commune, start, end), "commune_chair")
    assert chair.met
    tet = next(p for p in chair.periods if p.start == D(2026, 2, 16))
    assert tet.exempt and tet.days == 0


def test_a_day_posted_less_than_five_working_days_ahead_is_flagged(cast):
    # posted Mon 02/03: Mon 09/03 is exactly 5 working days later (fine), Fri 06/03 only 4 (late)
    _days(cast, "commune_chair", [D(2026, 3, 6), D(2026, 3, 9)], D(2026, 3, 2))
    result = selectors.compliance(cast.commune, *selectors.month_range(2026, 3))
    assert [s.day for s in result.late_notices] == [D(2026, 3, 6)]
    assert result.notice_citation == "Luật Tiếp công dân số 42/2013/QH13, Điều 24"


def test_a_province_is_held_to_the_provincial_chair_rule(cast):
    result = selectors.compliance(cast.province, *selectors.month_range(2026, 3))
    chair = _host(result, "provincial_chair")
    assert not chair.met and chair.citation == "Luật Tiếp công dân số 42/2013/QH13, Điều 12"
