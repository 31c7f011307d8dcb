import datetime as dt

import pytest

from danvan.cases import services
from danvan.cases.models import Case, Status
from danvan.core.errors import DomainError
from danvan.rulebook.services import compute_deadline

from .helpers import D, accepted, submit

pytestmark = pytest.mark.django_db


def test_complaint_accept_ten_then_seven_working_days_from_1_july_2026(cast):
    before = submit(cast, "complaint", received_on=D(2026, 6, 30))
    after = submit(cast, "complaint", received_on=D(2026, 7, 1))
    assert before.accept_due == D(2026, 7, 14) and before.accept_rule_key == "complaint.accept"
    assert after.accept_due == D(2026, 7, 10)
    assert "Điều" in before.accept_citation or before.accept_citation


@pytest.mark.parametrize(
    ("remote", "complex_", "key", "days"),
    [
        (False, False, "complaint.resolve_first", 30),
        (False, True, "complaint.resolve_first_complex", 45),
        (True, False, "complaint.resolve_first_remote", 45),
        (True, True, "complaint.resolve_first_remote_complex", 60),
    ],
)
def test_first_instance_resolution_variants(cast, remote, complex_, key, days):
    if remote:
        cast.commune.is_remote = True
        cast.commune.save(update_fields=["is_remote"])
    case = accepted(
        cast, "complaint", received_on=D(2026, 3, 2), accepted_on=D(2026, 3, 9), is_complex=complex_
    )
    expected = compute_deadline(key, D(2026, 3, 9))
    assert case.is_remote == remote
    assert case.resolve_rule_key == key and case.resolve_due == expected.due and expected.whole_value == days
    assert case.resolve_citation == expected.citation


def test_acceptance_after_accept_due_is_flagged(cast):
    case = accepted(cast, "complaint", received_on=D(2026, 3, 2), accepted_on=D(2026, 3, 30))
    assert case.accept_late
    ok = accepted(cast, "complaint", received_on=D(2026, 3, 2), accepted_on=D(2026, 3, 3))
    assert not ok.accept_late


def test_denunciation_process_single_and_multi_site(cast):
    one = submit(cast, "denunciation", received_on=D(2026, 3, 2))
    many = submit(cast, "denunciation", received_on=D(2026, 3, 2), multi_site=True)
    assert one.accept_rule_key == "denunciation.process" and one.accept_due == D(2026, 3, 11)
    assert many.accept_rule_key == "denunciation.process_multi_site" and many.accept_due == D(2026, 3, 16)


def test_feedback_answer_deadline_from_receipt(cast):
    case = accepted(cast, received_on=D(2026, 3, 2), accepted_on=D(2026, 3, 4))
    assert (
        case.resolve_rule_key == "reception.answer"
        and case.resolve_due == compute_deadline("reception.answer", D(2026, 3, 2)).due
    )


def test_denunciation_extensions_complex_once(cast):
    case = accepted(cast, "denunciation", received_on=D(2026, 3, 2), accepted_on=D(2026, 3, 5))
    assert (
        case.resolve_rule_key == "denunciation.resolve"
        and case.resolve_due == compute_deadline("denunciation.resolve", D(2026, 3, 5)).due
    )
    first_due = case.resolve_due
    case = services.case_extend(
        actor=cast.tuan, case=case, reason="Cần xác minh thêm hồ sơ đất", complexity="complex"
    )
    assert (
        case.extensions == 1 and case.resolve_due == compute_deadline("denunciation.extension", first_due).due
    )
    with pytest.raises(DomainError) as exc:
        services.case_extend(actor=cast.tuan, case=case, reason="Thêm lần nữa", complexity="complex")
    assert exc.value.code == "extension_limit" and "1 lần" in exc.value.message


def test_denunciation_extensions_especially_complex_twice(cast):
    case = accepted(cast, "denunciation", accepted_on=D(2026, 3, 5), received_on=D(2026, 3, 2))
    for _ in range(2):
        case = services.case_extend(
            actor=cast.tuan, case=case, reason="Nhiều địa điểm", complexity="especially_complex"
        )
    assert case.extensions == 2 and len(case.extension_reasons) == 2
    with pytest.raises(DomainError) as exc:
        services.case_extend(actor=cast.tuan, case=case, reason="Lần ba", complexity="especially_complex")
    assert exc.value.code == "extension_limit"


def test_extension_refused_for_complaints_and_without_reason_or_permission(cast):
    complaint = accepted(cast, "complaint")
    with pytest.raises(DomainError):
        services.case_extend(actor=cast.tuan, case=complaint, reason="x")
    den = accepted(cast, "denunciation")
    with pytest.raises(DomainError):
        services.case_extend(actor=cast.tuan, case=den, reason="")
    with pytest.raises(DomainError):
        services.case_extend(actor=cast.minh, case=den, reason="x")


def test_appeal_goes_to_parent_unit_with_second_instance_deadlines_and_mandatory_dialogue(cast):
    first = accepted(cast, "complaint", received_on=D(2026, 3, 2), accepted_on=D(2026, 3, 4))
    first = services.case_resolve(
        actor=cast.tuan, case=first, answer="Bác đơn", outcome="wrong", resolved_on=D(2026, 3, 30)
    )
    appeal = services.case_appeal(
        actor=None, first_instance=first, content="Tôi không đồng ý", received_on=D(2026, 4, 20)
    )
    assert appeal.unit == cast.district and appeal.instance == 2 and appeal.first_instance == first
    assert appeal.commune == cast.commune and appeal.submitter_name == first.submitter_name
    supervisor_of_district = cast.thu  # supervisor: view only
    with pytest.raises(DomainError):
        services.case_accept(actor=supervisor_of_district, case=appeal)
    from danvan.access.models import RoleAssignment

    RoleAssignment.objects.create(user=cast.hoa, role="leader", unit=cast.district, valid_from=D(2019, 1, 1))
    from danvan.access.policy import forget_grants

    forget_grants(cast.hoa)
    appeal = services.case_accept(actor=cast.hoa, case=appeal, accepted_on=D(2026, 4, 22))
    assert appeal.resolve_rule_key == "complaint.resolve_second"
    assert appeal.resolve_due == compute_deadline("complaint.resolve_second", D(2026, 4, 22)).due
    with pytest.raises(DomainError) as exc:
        services.case_resolve(actor=cast.hoa, case=appeal, answer="Giữ nguyên", outcome="wrong")
    assert exc.value.code == "dialogue_required"
    appeal = services.case_hold_dialogue(actor=cast.hoa, case=appeal, note="Đối thoại tại UBND huyện")
    appeal = services.case_resolve(actor=cast.hoa, case=appeal, answer="Giữ nguyên", outcome="wrong")
    assert appeal.status == Status.RESOLVED


def test_appeal_window_and_remote_variants(cast):
    first = accepted(cast, "complaint", received_on=D(2026, 3, 2), accepted_on=D(2026, 3, 4))
    first = services.case_resolve(
        actor=cast.tuan, case=first, answer="Bác đơn", outcome="wrong", resolved_on=D(2026, 3, 31)
    )
    with pytest.raises(DomainError) as exc:
        services.case_appeal(actor=None, first_instance=first, content="Muộn", received_on=D(2026, 5, 10))
    assert exc.value.code == "appeal_window" and "30 ngày" in exc.value.message
    cast.commune.is_remote = True
    cast.commune.save(update_fields=["is_remote"])
    remote = accepted(cast, "complaint", received_on=D(2026, 3, 2), accepted_on=D(2026, 3, 4))
    remote = services.case_resolve(
        actor=cast.tuan, case=remote, answer="Bác đơn", outcome="wrong", resolved_on=D(2026, 3, 31)
    )
    appeal = services.case_appeal(
        actor=None, first_instance=remote, content="Trong 45 ngày", received_on=D(2026, 5, 10)
    )
    assert appeal.is_remote
    services.case_hold_dialogue  # noqa: B018


def test_appeal_refused_before_first_decision_and_for_non_complaints(cast):
    first = accepted(cast, "complaint")
    with pytest.raises(DomainError):
        services.case_appeal(actor=None, first_instance=first, content="x")
    feedback = accepted(cast)
    with pytest.raises(DomainError):
        services.case_appeal(actor=None, first_instance=feedback, content="x")


def test_one_second_instance_per_decision_and_idempotency_is_per_submitter(cast):
    first = accepted(cast, "complaint", received_on=D(2026, 3, 2), accepted_on=D(2026, 3, 4))
    first = services.case_resolve(
        actor=cast.tuan, case=first, answer="Bác đơn", outcome="wrong", resolved_on=D(2026, 3, 30)
    )
    appeal = services.case_appeal(
        actor=None,
        first_instance=first,
        content="Không đồng ý",
        received_on=D(2026, 4, 20),
        idempotency_key="k1",
    )
    again = services.case_appeal(
        actor=None,
        first_instance=first,
        content="Không đồng ý",
        received_on=D(2026, 4, 20),
        idempotency_key="k1",
    )
    assert again == appeal
    with pytest.raises(DomainError) as exc:
        services.case_appeal(actor=None, first_instance=first, content="Lần nữa", received_on=D(2026, 4, 21))
    assert exc.value.code == "already_appealed" and appeal.code in exc.value.message
    with pytest.raises(DomainError):
        services.case_appeal(actor=cast.minh, first_instance=first, content="x", channel="fax")
    # an officer cannot fetch another submitter's case by reusing its key
    mine = submit(cast, idempotency_key="shared-key")
    with pytest.raises(DomainError):
        submit(cast, actor=cast.minh, idempotency_key="shared-key")
    assert Case.objects.filter(idempotency_key="shared-key").get() == mine


def test_may_appeal_follows_the_service_rules(cast):
    first = accepted(cast, "complaint", received_on=D(2026, 3, 2), accepted_on=D(2026, 3, 4))
    assert not services.may_appeal(first, D(2026, 3, 10))  # no decision, deadline running
    first = services.case_resolve(
        actor=cast.tuan, case=first, answer="Bác đơn", outcome="wrong", resolved_on=D(2026, 3, 30)
    )
    window = services.appeal_window(first)[1]
    assert services.may_appeal(first, D(2026, 4, 20)) and not services.may_appeal(
        first, window.due + dt.timedelta(days=1)
    )
    services.case_appeal(actor=None, first_instance=first, content="Không đồng ý", received_on=D(2026, 4, 20))
    assert not services.may_appeal(first, D(2026, 4, 21))
    assert not services.may_appeal(submit(cast), D(2026, 4, 21))
