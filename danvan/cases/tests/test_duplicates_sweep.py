import datetime as dt

import pytest

from danvan.cases import indicators, services
from danvan.cases.models import Case, Status
from danvan.core.errors import DomainError
from danvan.notifications.models import Notification
from danvan.notifications.sms import MemorySmsGateway

from .helpers import D, accepted, submit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def memory_sms(settings):
    settings.DANVAN_SMS_BACKEND = "danvan.notifications.sms.MemorySmsGateway"
    MemorySmsGateway.outbox = []
    return MemorySmsGateway.outbox


def test_likely_duplicates_same_commune_similar_text(cast):
    first = submit(
        cast,
        title="Nhà máy xay lúa gây tiếng ồn ban đêm",
        content="Nhà máy xay lúa ấp Phú Hòa chạy suốt đêm, tiếng ồn lớn.",
    )
    dup = submit(
        cast,
        title="Tiếng ồn nhà máy xay lúa ban đêm",
        content="Nhà máy xay lúa ở ấp Phú Hòa chạy suốt đêm gây ồn.",
    )
    submit(cast, title="Xin hỗ trợ tiền điện", content="Gia đình hộ nghèo xin hỗ trợ.")
    submit(cast, unit=cast.sibling_commune, title=first.title, content=first.content, actor=None)
    found = services.likely_duplicates(dup)
    assert [c.pk for c in found] == [first.pk]


def test_merge_informs_both_submitters(cast, django_capture_on_commit_callbacks, memory_sms):
    primary = submit(
        cast, name="Mai", phone="0912000111", title="Cống thoát nước bị nghẹt", content="Cống nghẹt gây ngập"
    )
    dup = submit(
        cast, name="Lan", phone="0912000222", title="Cống thoát nước nghẹt", content="Cống nghẹt ngập đường"
    )
    dup = services.case_merge(actor=cast.minh, duplicate=dup, primary=primary)
    assert dup.status == Status.MERGED and dup.merged_into == primary
    memory_sms.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.case_accept(actor=cast.minh, case=primary)
    phones = sorted(p for p, _ in memory_sms)
    assert phones == ["0912000111", "0912000222"]
    with pytest.raises(DomainError):
        services.case_merge(actor=cast.minh, duplicate=primary, primary=primary)
    with pytest.raises(DomainError):
        services.case_merge(actor=cast.minh, duplicate=submit(cast, "complaint"), primary=primary)


def test_deadline_sweep_warns_handler_and_leader_once_a_day(cast):
    overdue = accepted(cast, received_on=D(2026, 3, 2), accepted_on=D(2026, 3, 3))
    services.case_assign(actor=cast.tuan, case=overdue, handler=cast.minh)
    accepted(cast)  # due later: not warned unless within days
    Notification.objects.all().delete()
    today = overdue.resolve_due + dt.timedelta(days=2)
    assert services.deadline_sweep(today=today, days=0) == 1
    users = sorted(Notification.objects.values_list("user__username", flat=True))
    assert users == ["minh", "tuan"]
    assert "quá hạn" in Notification.objects.first().title
    assert services.deadline_sweep(today=today, days=0) == 0
    assert services.deadline_sweep(today=today + dt.timedelta(days=1), days=0) == 1


def test_sweep_command_and_task(cast):
    from django.core.management import call_command

    from danvan.cases.tasks import sweep_deadlines

    accepted(cast, received_on=D(2026, 3, 2), accepted_on=D(2026, 3, 3))
    call_command("case_deadline_sweep")
    assert Notification.objects.filter(user=cast.tuan).count() == 1
    sweep_deadlines.enqueue()
    assert Notification.objects.filter(user=cast.tuan).count() == 1


def test_indicators(cast):
    a = accepted(cast, received_on=D(2026, 3, 2), accepted_on=D(2026, 3, 3), channel="reception")
    services.case_hold_dialogue(actor=cast.minh, case=a, note="Đối thoại")
    a = services.case_resolve(
        actor=cast.tuan, case=Case.objects.get(pk=a.pk), answer="Xong", resolved_on=D(2026, 3, 12)
    )
    services.case_rate(case=a, rating=4)
    b = accepted(cast, "complaint", received_on=D(2026, 3, 5), accepted_on=D(2026, 3, 6))
    services.case_resolve(actor=cast.tuan, case=b, answer="x", outcome="right", resolved_on=D(2026, 5, 30))
    accepted(cast, "denunciation", received_on=D(2026, 3, 10), accepted_on=D(2026, 3, 11))
    submit(cast, unit=cast.far_commune, received_on=D(2026, 3, 10))
    got = indicators.case_indicators(cast.district, D(2026, 1, 1), D(2026, 6, 30), today=D(2026, 11, 1))
    assert got["total"] == 3 and got["by_kind"] == {"feedback": 1, "complaint": 1, "denunciation": 1}
    assert got["by_channel"]["reception"] == 1
    assert got["accepted"] == 3 and got["resolved"] == 2 and got["resolved_on_time"] == 1
    assert got["overdue"] == 1 and got["resolved_through_dialogue"] == 1 and got["satisfaction"] == 4
    assert got["average_days_to_resolve"] == pytest.approx((10 + 86) / 2)
    assert indicators.case_indicators(cast.province, D(2026, 1, 1), D(2026, 6, 30))["total"] == 4
