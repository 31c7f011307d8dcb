"""The steps around and after the vote (steps.py): order, deadlines from the rulebook at the boundary,
recognition required or not, disclosure, implementation, amendment and annulment, the daily sweep."""

import datetime as dt

import pytest
from django.utils import timezone

from danvan.access.models import RoleAssignment
from danvan.access.roles import Role
from danvan.audit.models import AuditEvent
from danvan.communities.models import Project
from danvan.core.errors import DomainError
from danvan.decisions import services, steps
from danvan.decisions.models import Decision, Recognition, Status
from danvan.decisions.timeline import LATE, OVERDUE, SKIPPED, timeline
from danvan.disclosures.models import Status as DisclosureStatus
from danvan.notifications.models import Notification
from danvan.rulebook.models import LegalRule
from danvan.rulebook.services import invalidate_caches
from danvan.units.models import UnitKind
from danvan.units.services import unit_create
from tests.cast import EPOCH

from .helpers import decision, households, meeting, opened

pytestmark = pytest.mark.django_db
D = dt.date
CLOSED_AT = dt.datetime(2026, 3, 16, 20, 0)  # Monday 16/03/2026, 20:00 local time


def closed(cast, matter="1", yes=8, total=10, **extra):
    """A decision of a hamlet of its own (so each roll holds `total` households), voted and closed on Monday
    16/03/2026 (its minutes are due five working days later)."""
    n = Decision.objects.count() + 1
    hamlet = unit_create(
        actor=None,
        code=f"30025-9{n}",
        name=f"Ấp Thử {n}",
        kind=UnitKind.HAMLET,
        parent=cast.commune,
        valid_from=EPOCH,
    )
    hh = households(cast, total, hamlet=hamlet)
    d = opened(cast, matter, unit=hamlet, **extra)
    meeting(cast, d, hh[: max(yes, 1)], yes=yes)
    d = services.voting_close(actor=cast.hoa, decision=d)
    Decision.objects.filter(pk=d.pk).update(closed_at=timezone.make_aware(CLOSED_AT))
    d.refresh_from_db()
    return d


SENT_ON = D(2026, 3, 18)


def sent(cast, d, on=SENT_ON):
    return steps.minutes_send(actor=cast.hoa, decision=d, sent_on=on)


def actions(d):
    events = AuditEvent.objects.filter(object_id=str(d.pk), action__startswith="decision.")
    return list(events.order_by("pk").values_list("action", flat=True))


# -------------------------------------------------------------------------------------------- the notice


def test_the_notice_goes_out_at_least_the_rules_days_before_the_vote(cast):
    d = decision(cast, "4")  # voting on Sunday 15/03/2026
    with pytest.raises(DomainError, match="chậm nhất 2 ngày.*không sau ngày 13/03/2026") as err:
        services.decision_notice(actor=cast.hoa, decision=d, notice_on=D(2026, 3, 14))
    assert err.value.field == "notice_on"
    d = services.decision_notice(actor=cast.hoa, decision=d, notice_on=D(2026, 3, 13), place="Nhà văn hóa ấp")
    assert (d.status, d.notice_on, d.meeting_place) == (Status.NOTICE, D(2026, 3, 13), "Nhà văn hóa ấp")


def test_the_notice_period_is_read_from_the_rulebook(cast):
    LegalRule.objects.filter(key="decision.notice").update(value=5)
    invalidate_caches()
    d = decision(cast, "4")
    with pytest.raises(DomainError, match="chậm nhất 5 ngày.*10/03/2026"):
        services.decision_notice(actor=cast.hoa, decision=d, notice_on=D(2026, 3, 13))
    services.decision_notice(actor=cast.hoa, decision=d, notice_on=D(2026, 3, 10))


def test_items_1_to_3_open_only_after_the_documents_reached_every_household(cast):
    households(cast, 5)
    d = decision(cast, "1")
    d = services.decision_notice(actor=cast.hoa, decision=d, notice_on=D(2026, 3, 12))
    with pytest.raises(DomainError, match="gửi tài liệu đến từng hộ"):
        services.voting_open(actor=cast.hoa, decision=d)
    with pytest.raises(DomainError, match="không sau ngày 13/03/2026"):
        steps.documents_deliver(actor=cast.hoa, decision=d, delivered_on=D(2026, 3, 14))
    d = steps.documents_deliver(actor=cast.hoa, decision=d, delivered_on=D(2026, 3, 13))  # the boundary
    d = services.voting_open(actor=cast.hoa, decision=d)
    assert d.status == Status.VOTING
    with pytest.raises(DomainError, match="trước khi mở biểu quyết"):
        steps.documents_deliver(actor=cast.hoa, decision=d, delivered_on=D(2026, 3, 12))


def test_items_4_to_6_need_no_documents_beforehand(cast):
    d = decision(cast, "4")
    with pytest.raises(DomainError, match="không bắt buộc gửi tài liệu"):
        steps.documents_deliver(actor=cast.hoa, decision=d, delivered_on=D(2026, 3, 10))


def test_the_counting_board_has_three_to_five_members_and_two_witnesses(cast):
    hh = households(cast, 10)
    d = opened(cast, "4")
    tally = meeting(cast, d, hh[:8], yes=6)
    witnesses = ["Nguyễn Văn Bảy", "Trần Thị Út"]
    for board in (["A", "B"], ["A", "B", "C", "D", "E", "F"]):
        with pytest.raises(DomainError, match="từ 3 đến 5 thành viên") as err:
            steps.counting_record(actor=cast.hoa, tally=tally, board=board, witnesses=witnesses)
        assert err.value.field == "board"
    with pytest.raises(DomainError, match="cần 2 đại diện hộ gia đình"):
        steps.counting_record(actor=cast.hoa, tally=tally, board="A\nB\nC", witnesses=["Nguyễn Văn Bảy"])
    with pytest.raises(DomainError, match="không được là thành viên"):
        steps.counting_record(
            actor=cast.hoa, tally=tally, board=["A", "B", "Trần Thị Út"], witnesses=witnesses
        )
    tally = steps.counting_record(
        actor=cast.hoa, tally=tally, board="Lê Văn Tâm\nB\nC\nD\nE", witnesses=witnesses
    )
    assert tally.board_names[0] == "Lê Văn Tâm" and tally.witness_names == witnesses


# ------------------------------------------------------------------------------------------- the minutes


def test_minutes_only_after_the_result_and_their_deadline_from_the_rule(cast):
    households(cast, 4)
    d = opened(cast, "1")
    with pytest.raises(DomainError, match="chưa kết thúc biểu quyết") as err:
        sent(cast, d)
    assert err.value.code == "conflict"
    d = closed(cast, "1")
    assert steps.minutes_due(d).due == D(2026, 3, 23)  # five working days after Monday 16/03
    with pytest.raises(DomainError, match="không được trước ngày kết thúc"):
        sent(cast, d, on=D(2026, 3, 15))
    d = sent(cast, d, on=D(2026, 3, 23))  # the last day: on time
    assert d.minutes_sent_on == D(2026, 3, 23)
    event = AuditEvent.objects.filter(action="decision.minutes_sent").get()
    assert event.changes["on_time"] == [None, True]
    with pytest.raises(DomainError, match="đã được gửi ngày 23/03/2026"):
        sent(cast, d, on=D(2026, 3, 24))


def test_minutes_sent_a_day_late_are_marked_late_and_unsent_ones_overdue(cast):
    d = closed(cast, "1")
    row = next(s for s in timeline(d, today=D(2026, 3, 24)) if "biên bản" in s.label)
    assert (row.state, row.due) == (OVERDUE, D(2026, 3, 23))
    d = sent(cast, d, on=D(2026, 3, 24))
    row = next(s for s in timeline(d, today=D(2026, 3, 24)) if "biên bản" in s.label)
    assert (row.state, row.day) == (LATE, D(2026, 3, 24))
    assert AuditEvent.objects.filter(action="decision.minutes_sent").get().changes["on_time"] == [None, False]


# --------------------------------------------------------------------------------------- recognition


def test_items_1_2_and_6_take_effect_without_recognition(cast):
    d = sent(cast, closed(cast, "1"))
    with pytest.raises(DomainError, match="không cần công nhận"):
        steps.recognition_record(
            actor=cast.tuan, decision=d, outcome="recognised", decided_on=D(2026, 3, 20), number="01/QĐ-UBND"
        )
    assert steps.in_effect(d)
    assert next(s for s in timeline(d) if s.label == "Công nhận").state == SKIPPED


def test_a_hamlet_head_election_is_recognised_after_the_minutes_within_the_rule(cast):
    d = closed(cast, "4", title="Bầu Trưởng ấp")
    assert d.needs_recognition and not steps.in_effect(d)
    with pytest.raises(DomainError, match="gửi biên bản"):
        steps.recognition_record(
            actor=cast.tuan, decision=d, outcome="recognised", decided_on=D(2026, 3, 20), number="01/QĐ-UBND"
        )
    d = sent(cast, d, on=D(2026, 3, 18))  # Wednesday: five working days → Wednesday 25/03
    assert steps.recognition_due(d).due == D(2026, 3, 25)
    with pytest.raises(DomainError) as err:  # a mobilisation officer does not act for the People's Committee
        steps.recognition_record(
            actor=cast.hoa, decision=d, outcome="recognised", decided_on=D(2026, 3, 20), number="01/QĐ-UBND"
        )
    assert err.value.code == "forbidden"
    d = steps.recognition_record(
        actor=cast.tuan, decision=d, outcome="recognised", decided_on=D(2026, 3, 25), number="12/QĐ-UBND"
    )
    assert d.recognition == Recognition.RECOGNISED and steps.in_effect(d)
    assert AuditEvent.objects.filter(action="decision.recognition").get().changes["on_time"] == [None, True]
    with pytest.raises(DomainError, match="Đã ghi đã công nhận"):
        steps.recognition_record(
            actor=cast.tuan,
            decision=d,
            outcome="refused",
            decided_on=D(2026, 3, 26),
            number="13/UBND",
            reason="x",
        )


def test_a_refusal_is_in_writing_with_its_reason_and_leaves_the_decision_without_effect(cast):
    d = sent(cast, closed(cast, "3", title="Hương ước ấp Phú Hòa"))
    with pytest.raises(DomainError, match="lý do từ chối") as err:
        steps.recognition_record(
            actor=cast.tuan, decision=d, outcome="refused", decided_on=D(2026, 3, 27), number="15/UBND-VP"
        )
    assert err.value.field == "reason"
    d = steps.recognition_record(
        actor=cast.tuan,
        decision=d,
        outcome="refused",
        decided_on=D(2026, 3, 27),  # after the 25/03 deadline: recorded, marked late
        number="15/UBND-VP",
        reason="Điều 5 trái quy định về xử phạt vi phạm hành chính.",
    )
    assert d.recognition == Recognition.REFUSED and not steps.in_effect(d)
    row = next(s for s in timeline(d) if s.label.startswith("Công nhận"))
    assert row.state == LATE and "Điều 5" in row.note
    with pytest.raises(DomainError, match="chưa có hiệu lực"):
        steps.decision_implement(actor=cast.hoa, decision=d, implemented_on=D(2026, 4, 1), note="Thực hiện")


def test_board_members_are_recognised_by_the_front_and_only_a_passed_decision(cast):
    d = closed(cast, "5", yes=3)  # 3 of 10 households: not passed
    assert d.status == Status.NOT_PASSED and d.matter_info.recogniser.startswith("Ủy ban Mặt trận")
    d = sent(cast, d)
    with pytest.raises(DomainError, match="đã được thông qua"):
        steps.recognition_record(
            actor=cast.tuan, decision=d, outcome="recognised", decided_on=D(2026, 3, 20), number="01/TB-MTTQ"
        )


# ---------------------------------------------------------------------------- disclosure and implementation


def test_the_result_is_disclosed_through_the_disclosures_services(cast):
    d = closed(cast, "1")
    with pytest.raises(DomainError, match="gửi biên bản"):
        steps.decision_disclose(actor=cast.tuan, decision=d, posting_start=D(2026, 3, 20), forms=["posting"])
    d = sent(cast, d)
    with pytest.raises(DomainError) as err:  # the mobilisation officer holds no disclosures.edit
        steps.decision_disclose(actor=cast.hoa, decision=d, posting_start=D(2026, 3, 20), forms=["posting"])
    assert err.value.code == "forbidden"
    d = steps.decision_disclose(actor=cast.tuan, decision=d, posting_start=D(2026, 3, 20), forms=["posting"])
    disclosure = d.disclosure
    assert disclosure.status == DisclosureStatus.PUBLISHED and disclosure.unit == cast.commune
    assert disclosure.category.number == 5  # contributions (Art. 11 item 5)
    assert disclosure.posting_end == D(2026, 4, 18)  # 30 days counted inclusively (disclosure.posting)
    assert "8" in disclosure.body and "Được thông qua" in disclosure.body
    with pytest.raises(DomainError, match="đã được công khai"):
        steps.decision_disclose(actor=cast.tuan, decision=d, posting_start=D(2026, 3, 21), forms=["posting"])


def test_a_convention_is_disclosed_only_once_recognised_or_refused(cast):
    d = sent(cast, closed(cast, "3"))
    with pytest.raises(DomainError, match="chờ Ủy ban nhân dân cấp xã công nhận"):
        steps.decision_disclose(actor=cast.tuan, decision=d, posting_start=D(2026, 3, 20), forms=["posting"])


def _project(cast, commune, place):
    return Project.objects.create(
        name="Đường bê tông liên tổ", kind="road", place=place, commune=commune, started_on=D(2026, 4, 1)
    )


def test_implementation_follows_the_disclosure_and_links_a_project_of_the_commune(cast):
    d = sent(cast, closed(cast, "1"))
    with pytest.raises(DomainError, match="công khai kết quả trước"):
        steps.decision_implement(actor=cast.tuan, decision=d, implemented_on=D(2026, 4, 1), note="Khởi công")
    d = steps.decision_disclose(actor=cast.tuan, decision=d, posting_start=D(2026, 3, 20), forms=["posting"])
    far = _project(cast, cast.sibling_commune, cast.sibling_hamlet)
    with pytest.raises(DomainError, match="thuộc xã") as err:
        steps.decision_implement(
            actor=cast.tuan, decision=d, implemented_on=D(2026, 4, 1), note="Khởi công", project=far
        )
    assert err.value.field == "project"
    with pytest.raises(DomainError, match="trước ngày quyết định có hiệu lực"):
        steps.decision_implement(actor=cast.tuan, decision=d, implemented_on=D(2026, 3, 1), note="Khởi công")
    project = _project(cast, cast.commune, cast.hamlet)
    d = steps.decision_implement(
        actor=cast.tuan,
        decision=d,
        implemented_on=D(2026, 4, 1),
        note="Khởi công ngày 01/04",
        project=project,
    )
    assert (d.implemented_on, d.project) == (D(2026, 4, 1), project)
    assert actions(d)[-4:] == [
        "decision.close",
        "decision.minutes_sent",
        "decision.disclose",
        "decision.implement",
    ]


# --------------------------------------------------------------------------- amendment and annulment


def test_an_amendment_is_a_new_decision_by_the_same_procedure(cast):
    not_passed = sent(cast, closed(cast, "1", yes=3))
    with pytest.raises(DomainError, match="đã được thông qua"):
        steps.amendment_create(
            actor=cast.hoa,
            decision=not_passed,
            title="Sửa",
            content="Nội dung",
            voting_on=D(2026, 5, 1),
            reason="x",
        )
    d = closed(cast, "1")
    with pytest.raises(DomainError, match="lý do sửa đổi"):
        steps.amendment_create(
            actor=cast.hoa,
            decision=d,
            title="Sửa mức góp",
            content="300.000 đồng",
            voting_on=D(2026, 5, 1),
            reason="",
        )
    new = steps.amendment_create(
        actor=cast.hoa,
        decision=d,
        title="Sửa mức góp đường liên tổ",
        content="Mỗi hộ góp 300.000 đồng.",
        voting_on=D(2026, 5, 1),
        reason="Ngân sách xã hỗ trợ thêm.",
    )
    assert (new.status, new.amends, new.matter, new.unit) == (Status.DRAFT, d, d.matter, d.unit)
    with pytest.raises(DomainError, match="Đang có việc sửa đổi"):
        steps.amendment_create(
            actor=cast.hoa, decision=d, title="Lần hai", content="…", voting_on=D(2026, 5, 2), reason="Khác"
        )
    assert any(s.label.startswith("Sửa đổi") for s in timeline(d))
    assert "decision.amendment" in actions(d)


def test_annulment_by_the_peoples_committee_with_its_reason_ends_every_later_step(cast):
    d = sent(cast, closed(cast, "1"))
    with pytest.raises(DomainError) as err:
        steps.decision_annul(
            actor=cast.hoa, decision=d, annulled_on=D(2026, 3, 30), number="20/QĐ-UBND", reason="x"
        )
    assert err.value.code == "forbidden"
    with pytest.raises(DomainError, match="lý do hủy bỏ"):
        steps.decision_annul(
            actor=cast.tuan, decision=d, annulled_on=D(2026, 3, 30), number="20/QĐ-UBND", reason=""
        )
    d = steps.decision_annul(
        actor=cast.tuan,
        decision=d,
        annulled_on=D(2026, 3, 30),
        number="20/QĐ-UBND",
        reason="Mức đóng góp vượt quá khả năng của hộ nghèo, trái quy định.",
    )
    assert d.is_annulled and not steps.in_effect(d)
    for attempt in (
        lambda: steps.decision_annul(
            actor=cast.tuan, decision=d, annulled_on=D(2026, 3, 31), number="21/QĐ-UBND", reason="y"
        ),
        lambda: steps.decision_disclose(
            actor=cast.tuan, decision=d, posting_start=D(2026, 4, 1), forms=["posting"]
        ),
        lambda: steps.amendment_create(
            actor=cast.hoa, decision=d, title="Sửa", content="…", voting_on=D(2026, 5, 1), reason="x"
        ),
    ):
        with pytest.raises(DomainError, match="đã bị hủy bỏ ngày 30/03/2026"):
            attempt()
    assert timeline(d)[-1].label == "Hủy bỏ"


def test_a_not_passed_decision_cannot_be_annulled(cast):
    d = closed(cast, "1", yes=2)
    with pytest.raises(DomainError, match="đã được thông qua"):
        steps.decision_annul(actor=cast.tuan, decision=d, annulled_on=D(2026, 3, 30), number="1", reason="x")


# ----------------------------------------------------------------------------------------- daily sweep


def test_the_sweep_warns_about_minutes_due_and_recognitions_overdue_once_a_day(cast):
    minutes = closed(cast, "1")  # minutes due 23/03
    recognition = sent(cast, closed(cast, "4"), on=D(2026, 3, 18))  # recognition due 25/03
    done = sent(cast, closed(cast, "1"))  # nothing left to warn about
    assert steps.step_sweep(today=D(2026, 3, 19)) == 0  # nothing within two days yet
    assert steps.step_sweep(today=D(2026, 3, 21)) == 1  # the minutes come due on 23/03
    assert steps.step_sweep(today=D(2026, 3, 21)) == 0  # once a day
    assert steps.step_sweep(today=D(2026, 3, 26)) == 2  # both overdue
    titles = list(Notification.objects.filter(user=cast.tuan).values_list("title", flat=True))
    assert any(t.startswith("Gửi biên bản sắp đến hạn (23/03/2026)") for t in titles)
    assert any(t.startswith("Công nhận kết quả đã quá hạn (25/03/2026)") for t in titles)
    assert Notification.objects.filter(user=cast.hoa).count() == 3  # the author too
    assert not Notification.objects.filter(url=f"/can-bo/lay-y-kien/{done.pk}/").exists()
    steps.recognition_record(
        actor=cast.tuan, decision=recognition, outcome="recognised", decided_on=D(2026, 3, 26), number="9/QĐ"
    )
    sent(cast, minutes, on=D(2026, 3, 26))
    assert steps.step_sweep(today=D(2026, 3, 27)) == 0
    # the step done closes its warnings in the leaders' and the author's inboxes
    for d in (minutes, recognition):
        open_ = Notification.objects.filter(topic=steps.step_topic(d), done_at__isnull=True)
        assert Notification.objects.filter(topic=steps.step_topic(d)).exists() and not open_.exists()


def test_the_sweep_skips_an_expired_leader(cast):
    RoleAssignment.objects.filter(user=cast.tuan, role=Role.LEADER).update(valid_to=D(2026, 1, 1))
    closed(cast, "1")
    assert steps.step_sweep(today=D(2026, 3, 26)) == 1
    assert not Notification.objects.filter(user=cast.tuan).exists()
    assert Notification.objects.filter(user=cast.hoa).exists()


def test_the_sweep_is_a_registered_daily_job():
    from danvan.core import schedule
    from danvan.decisions.schedule import STEP_SWEEP

    assert schedule.get(STEP_SWEEP).task_path.endswith("sweep_steps")
