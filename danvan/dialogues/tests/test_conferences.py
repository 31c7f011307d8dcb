"""Dialogue conferences: the agenda from the officer's cases, conducting it, holding it on every linked case."""

import datetime as dt

import pytest

from danvan.audit.models import AuditEvent
from danvan.cases import services as case_services
from danvan.cases.indicators import case_indicators
from danvan.cases.models import CaseDialogue
from danvan.cases.tests.helpers import accepted, submit
from danvan.core.errors import DomainError
from danvan.core.formatting import local_today
from danvan.dialogues import services
from danvan.dialogues.models import CommitmentStatus, DialogueStatus


def plan(cast, **extra):
    data = {
        "actor": cast.minh,
        "unit": cast.commune,
        "topic": "Đối thoại về ngập đường liên ấp và bồi thường thu hồi đất",
        "host_name": "Phạm Anh Tuấn",
        "host_role": "Chủ tịch UBND xã",
        "co_organisers": "Ủy ban MTTQ Việt Nam xã; Hội Nông dân xã",
        "place": "Hội trường UBND xã Phú Cường",
        "day": local_today(),
    }
    data.update(extra)
    return services.dialogue_create(**data)


def test_holding_a_dialogue_records_it_on_every_linked_case_and_m2_counts_it(cast):
    case = accepted(cast)
    other = accepted(cast, title="Đèn đường ấp Phú Lợi hỏng")
    d = plan(cast)
    a = services.agenda_add(actor=cast.minh, dialogue=d, case_id=case.pk)
    b = services.agenda_add(actor=cast.minh, dialogue=d, case_id=other.pk)
    free = services.agenda_add(actor=cast.minh, dialogue=d, topic="Kế hoạch nạo vét kênh nội đồng")
    assert [a.order, b.order, free.order] == [1, 2, 3]
    assert a.topic == case.title
    for item in (a, b, free):
        services.agenda_answer(
            actor=cast.minh,
            item=item,
            citizens_said="Đường ngập sâu, học sinh đi lại khó khăn.",
            answer="UBND xã bố trí kinh phí nâng nền đường trong quý tới.",
            outcome="Công dân đồng ý.",
        )
    with pytest.raises(DomainError):
        services.dialogue_hold(actor=cast.minh, dialogue=d, summary="")
    d = services.dialogue_hold(actor=cast.minh, dialogue=d, summary="Thống nhất phương án nâng nền đường.")
    assert d.status == DialogueStatus.HELD and d.held_on == local_today()
    records = CaseDialogue.objects.filter(case__in=[case, other])
    assert records.count() == 2
    record = records.get(case=case)
    assert record.place == "Hội trường UBND xã Phú Cường"
    assert "Phạm Anh Tuấn" in record.participants and "Hội Nông dân" in record.participants
    assert "nâng nền đường" in record.note
    case_services.case_resolve(actor=cast.tuan, case=case, answer="Đã nâng nền đường.")
    today = local_today()
    figures = case_indicators(cast.commune, today - dt.timedelta(days=1), today)
    assert figures["resolved_through_dialogue"] == 1
    assert AuditEvent.objects.filter(action="dialogue.hold").count() == 1
    with pytest.raises(DomainError):
        services.dialogue_cancel(actor=cast.minh, dialogue=d, reason="Nhầm")


def test_a_dialogue_is_held_only_with_every_item_answered(cast):
    d = plan(cast)
    with pytest.raises(DomainError, match="chưa có nội dung"):
        services.dialogue_hold(actor=cast.minh, dialogue=d, summary="Xong.")
    services.agenda_add(actor=cast.minh, dialogue=d, topic="Nạo vét kênh")
    with pytest.raises(DomainError, match="chưa ghi ý kiến trả lời"):
        services.dialogue_hold(actor=cast.minh, dialogue=d, summary="Xong.")


def test_the_agenda_takes_only_cases_in_the_officers_scope_and_in_progress(cast):
    foreign = submit(cast, unit=cast.far_commune)
    d = plan(cast)
    with pytest.raises(DomainError, match="phạm vi"):
        services.agenda_add(actor=cast.minh, dialogue=d, case_id=foreign.pk)
    fresh = submit(cast)
    with pytest.raises(DomainError, match="không còn trong quá trình"):
        services.agenda_add(actor=cast.minh, dialogue=d, case_id=fresh.pk)
    case = accepted(cast)
    services.agenda_add(actor=cast.minh, dialogue=d, case_id=case.pk)
    with pytest.raises(DomainError, match="đã có"):
        services.agenda_add(actor=cast.minh, dialogue=d, case_id=case.pk)


def test_only_reception_managers_plan_dialogues(cast):
    with pytest.raises(DomainError):
        plan(cast, actor=cast.lan)


def test_a_cancelled_dialogue_needs_a_reason_and_takes_no_commitment(cast):
    d = plan(cast)
    with pytest.raises(DomainError):
        services.dialogue_cancel(actor=cast.minh, dialogue=d, reason="  ")
    d = services.dialogue_cancel(actor=cast.minh, dialogue=d, reason="Mưa bão")
    assert d.status == DialogueStatus.CANCELLED
    with pytest.raises(DomainError):
        services.commitment_create(
            actor=cast.minh, dialogue=d, content="Nâng nền", owner_unit="UBND xã", due=local_today()
        )


def test_commitments_go_from_open_to_done_with_evidence_and_become_overdue(cast):
    today = local_today()
    d = plan(cast, day=today - dt.timedelta(days=30), record_held=True)
    c = services.commitment_create(
        actor=cast.minh,
        dialogue=d,
        content="Nâng nền đoạn đường ngập",
        owner_unit="Ban quản lý dự án xã",
        owner_person="Lê Văn Bình",
        due=today - dt.timedelta(days=1),
    )
    assert c.status == CommitmentStatus.OPEN and c.is_overdue(today)
    with pytest.raises(DomainError, match="tiến độ"):
        services.commitment_update(actor=cast.minh, commitment=c, status=CommitmentStatus.IN_PROGRESS)
    c = services.commitment_update(
        actor=cast.minh, commitment=c, status=CommitmentStatus.IN_PROGRESS, note="Đã khảo sát hiện trạng."
    )
    with pytest.raises(DomainError, match="minh chứng"):
        services.commitment_update(actor=cast.minh, commitment=c, status=CommitmentStatus.DONE)
    c = services.commitment_update(
        actor=cast.minh, commitment=c, status=CommitmentStatus.DONE, evidence="Nghiệm thu ngày 15/11."
    )
    assert not c.is_overdue(today) and c.closed_on == today
    assert [n.status for n in c.notes.all()] == ["in_progress", "done"]
    with pytest.raises(DomainError):
        services.commitment_update(actor=cast.minh, commitment=c, status=CommitmentStatus.DROPPED, reason="x")


def test_a_commitment_is_not_due_before_it_was_made_and_may_come_from_a_visit(cast):
    from danvan.dialogues.models import VisitOutcome

    d = plan(cast)
    with pytest.raises(DomainError, match="không được trước"):
        services.commitment_create(
            actor=cast.minh, dialogue=d, content="x", owner_unit="UBND xã", due=d.day - dt.timedelta(days=1)
        )
    visit = services.visit_log(
        actor=cast.minh,
        unit=cast.commune,
        receiver_name="Phạm Anh Tuấn",
        subject="Đèn đường hỏng",
        outcome=VisitOutcome.GUIDANCE,
        guidance="Hướng dẫn gửi đơn.",
        citizen_name="Nguyễn Văn Dân",
    )
    c = services.commitment_create(
        actor=cast.minh, visit=visit, content="Thay đèn", owner_unit="Công an xã", due=local_today()
    )
    assert c.unit == cast.commune
    c = services.commitment_update(
        actor=cast.minh, commitment=c, status=CommitmentStatus.DROPPED, reason="Đã có dự án"
    )
    assert c.status == CommitmentStatus.DROPPED


def test_dialogue_indicators_count_held_dialogues_cases_and_commitments(cast):
    from danvan.dialogues.indicators import dialogue_figures

    today = local_today()
    case = accepted(cast)
    d = plan(cast, day=today)
    item = services.agenda_add(actor=cast.minh, dialogue=d, case_id=case.pk)
    services.agenda_answer(actor=cast.minh, item=item, citizens_said="Ngập.", answer="Sẽ nâng nền.")
    services.dialogue_hold(actor=cast.minh, dialogue=d, summary="Thống nhất.")
    plan(cast, day=today)  # planned only: not counted
    kw = {"actor": cast.minh, "dialogue": d, "owner_unit": "UBND xã", "content": "Việc"}
    services.commitment_create(due=today, **kw)
    done = services.commitment_create(due=today, **kw)
    services.commitment_update(
        actor=cast.minh, commitment=done, status=CommitmentStatus.DONE, evidence="Xong."
    )
    figures = dialogue_figures(
        cast.commune, today - dt.timedelta(days=5), today, today=today + dt.timedelta(days=2)
    )
    assert figures == {
        "dialogue.held": 1,
        "dialogue.cases": 1,
        "dialogue.commitments_made": 2,
        "dialogue.commitments_done": 1,
        "dialogue.commitments_overdue": 0,  # due on the range's last day: not overdue within the range
    }
    assert dialogue_figures(cast.far_commune, today, today)["dialogue.held"] == 0


def test_the_daily_sweep_warns_leaders_once_a_day_about_commitments_due_or_overdue(cast):
    from danvan.core import schedule
    from danvan.dialogues.schedule import COMMITMENT_SWEEP
    from danvan.notifications.models import Notification

    today = local_today()
    d = plan(cast, day=today - dt.timedelta(days=20), record_held=True)
    kw = {"actor": cast.minh, "dialogue": d, "owner_unit": "UBND xã", "content": "Nâng nền đường"}
    late = services.commitment_create(due=today - dt.timedelta(days=2), **kw)
    services.commitment_create(due=today + dt.timedelta(days=2), **kw)  # coming due
    services.commitment_create(due=today + dt.timedelta(days=30), **kw)  # not yet
    done = services.commitment_create(due=today - dt.timedelta(days=1), **kw)
    services.commitment_update(
        actor=cast.minh, commitment=done, status=CommitmentStatus.DONE, evidence="Xong."
    )
    assert services.commitment_sweep(today=today) == 2
    assert services.commitment_sweep(today=today) == 0  # once a day
    titles = list(Notification.objects.filter(user=cast.tuan).values_list("title", flat=True))
    assert len(titles) == 2 and any("đã quá hạn" in t for t in titles)
    assert Notification.objects.filter(user=cast.minh, topic=f"commitment:{late.pk}:due").exists()
    assert schedule.get(COMMITMENT_SWEEP) is not None
