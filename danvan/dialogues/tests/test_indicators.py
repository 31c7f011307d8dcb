"""Reception indicators equal hand-counted values on the named cast."""

import datetime as dt

from danvan.cases.models import Kind
from danvan.cases.tests.helpers import submit
from danvan.core import indicators as ind
from danvan.dialogues import services
from danvan.dialogues.indicators import reception_figures, reception_figures_by_unit
from danvan.dialogues.models import ReceptionSession, SessionStatus

D = dt.date


def _day(unit, role, day, status=SessionStatus.PLANNED):
    ReceptionSession.objects.create(
        unit=unit,
        day=day,
        host_role=role,
        host_name="Người tiếp",
        place="Trụ sở",
        posted_on=D(2026, 2, 1),
        status=status,
    )


def test_march_2026_in_tam_nong_district(cast):
    # March 2026: 5 weeks by their Monday (2, 9, 16, 23, 30) and one month.
    # Required per commune: chair 5 × 1 + Party secretary 1 × 2 = 7; the district has 2 communes → 14.
    for monday in (D(2026, 3, 2), D(2026, 3, 9), D(2026, 3, 16)):
        _day(cast.commune, "commune_chair", monday)
    _day(cast.commune, "commune_chair", D(2026, 3, 23), SessionStatus.CANCELLED)  # not counted
    _day(cast.commune, "commune_party_secretary", D(2026, 3, 5))
    _day(cast.sibling_commune, "commune_chair", D(2026, 3, 4))
    _day(cast.far_commune, "commune_chair", D(2026, 3, 4))  # another district
    _day(cast.commune, "officer", D(2026, 3, 6))  # no legal minimum: not a regular day of a head

    today = D(2026, 3, 31)
    existing = submit(cast, "feedback")
    log = {"actor": cast.minh, "unit": cast.commune, "receiver_name": "Minh", "today": D(2026, 3, 31)}
    services.visit_log(
        subject="Đường ngập", outcome="guidance", guidance="Hướng dẫn", visited_on=D(2026, 3, 2), **log
    )
    services.visit_log(
        subject="Đoàn hộ dân ấp Phú Lợi hỏi về bồi thường",
        outcome="guidance",
        guidance="Giải thích",
        is_group=True,
        people=15,
        representatives="Ông A\nBà B",
        visited_on=D(2026, 3, 9),
        **log,
    )
    services.visit_log(
        subject="Hỏi lại hồ sơ cũ", outcome="existing_case", case=existing, visited_on=D(2026, 3, 16), **log
    )
    services.visit_log(
        subject="Say rượu, la lối",
        outcome="refused",
        refusal_ground="incapable",
        visited_on=D(2026, 3, 16),
        **log,
    )
    services.visit_log(
        subject="Hỏi lịch tiếp của Chủ tịch",
        outcome="guidance",
        guidance="x",
        visited_on=D(2026, 3, 31),
        **log,
    )

    values = reception_figures(cast.district, D(2026, 3, 1), D(2026, 3, 31), today=today)
    assert values["reception.days_required"] == 14
    assert values["reception.days_held"] == 5  # commune: 3 chair + 1 secretary; sibling: 1
    assert values["reception.visits"] == 5
    assert values["reception.people"] == 1 + 15 + 1 + 1 + 1
    assert values["reception.group_visits"] == 1
    assert values["reception.cases_linked"] == 1 and values["reception.cases_opened"] == 0
    assert values["reception.refused"] == 1
    rate = ind.get("reception.days_held_rate")
    assert ind.value_of(rate, values) == round(100 * 5 / 14, 1)
    # the siblings at once (a parent's comparison) equal each one alone
    for siblings in (
        [cast.commune, cast.sibling_commune, cast.far_commune],
        [cast.district, cast.other_district],
    ):
        together = reception_figures_by_unit(siblings, D(2026, 3, 1), D(2026, 3, 31), today=today)
        for unit in siblings:
            assert together[unit.pk] == reception_figures(unit, D(2026, 3, 1), D(2026, 3, 31), today=today)
    assert together[cast.district.pk]["reception.days_held"] == 5
    assert together[cast.other_district.pk]["reception.days_held"] == 1


def test_a_case_opened_at_reception_counts_and_future_days_are_not_held(cast):
    from danvan.core.formatting import local_today

    today = local_today()
    services.visit_log(
        actor=cast.minh,
        unit=cast.commune,
        receiver_name="Minh",
        subject="Đèn đường hỏng",
        outcome="new_case",
        case_kind=Kind.FEEDBACK,
    )
    _day(cast.commune, "commune_chair", today + dt.timedelta(days=7))
    values = reception_figures(cast.commune, today - dt.timedelta(days=1), today + dt.timedelta(days=30))
    assert values["reception.cases_opened"] == 1 and values["reception.days_held"] == 0
    assert "reception.visits" in ind.compute(cast.commune, today, today)
