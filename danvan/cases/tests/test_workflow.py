import datetime as dt

import pytest
from django.core import mail

from danvan.audit.models import AuditEvent
from danvan.cases import services
from danvan.cases.models import Case, CaseEvent, Kind, Status
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


def test_public_feedback_gets_code_deadline_event_and_audit(cast):
    case = submit(cast, name="Trần Thị Mai", phone="0912 000 111")
    assert case.code[:2] == "PA" and len(case.code) == 11 and case.status == Status.RECEIVED
    assert case.commune == cast.commune and case.submitter_phone == "0912000111"
    assert case.accept_rule_key == "feedback.forward" and case.accept_due is not None
    assert "mai" not in case.search_text and "duong lien ap phu hoa" in case.search_text
    assert CaseEvent.objects.filter(case=case, action="submit").count() == 1
    assert AuditEvent.objects.filter(action="case.submit", object_id=str(case.pk)).count() == 1


def test_anonymous_feedback_allowed_and_code_unique(cast):
    a = submit(cast)
    b = submit(cast)
    assert a.is_anonymous and a.code != b.code and a.contact_digest == ""


def test_same_idempotency_key_returns_the_same_case(cast):
    a = submit(cast, idempotency_key="tok-1")
    b = submit(cast, idempotency_key="tok-1", title="Khác")
    assert a.pk == b.pk and Case.objects.count() == 1


def test_complaint_requires_name_address_decision_and_date(cast):
    for missing in ("name", "address", "decision_ref"):
        with pytest.raises(DomainError) as exc:
            submit(cast, "complaint", **{missing: ""})
        assert exc.value.field == missing
    with pytest.raises(DomainError) as exc:
        services.case_submit(
            actor=None,
            kind="complaint",
            title="t",
            content="c",
            unit=cast.commune,
            name="A",
            address="B",
            decision_ref="QĐ 1",
        )
    assert exc.value.field == "act_known_on"


def test_complaint_filing_limit_refused_with_rule_and_citation(cast):
    received = D(2026, 6, 3)  # day 90 after 04/03 is Tue 02/06 (a working day)
    with pytest.raises(DomainError) as exc:
        submit(cast, "complaint", received_on=received, act_known_on=received - dt.timedelta(days=91))
    assert (
        exc.value.code == "filing_limit" and "90 ngày" in exc.value.message and "Điều 9" in exc.value.message
    )
    ok = submit(cast, "complaint", received_on=received, act_known_on=received - dt.timedelta(days=90))
    assert ok.kind == Kind.COMPLAINT


@pytest.mark.parametrize("known", [D(2012, 6, 29), D(1990, 4, 30), D(1945, 1, 1)])
def test_complaint_about_an_act_learnt_of_before_the_first_filing_limit_is_still_judged_by_it(cast, known):
    """No version of `complaint.filing_limit` was in force then: the earliest one applies, never no limit."""
    with pytest.raises(DomainError) as exc:
        submit(cast, "complaint", act_known_on=known)
    assert exc.value.code == "filing_limit" and "90 ngày" in exc.value.message


@pytest.mark.parametrize("known", [D(1, 1, 1), D(1026, 5, 12), D(1944, 12, 31)])
def test_complaint_dated_before_1945_is_refused_as_a_typing_error(cast, known):
    with pytest.raises(DomainError) as exc:
        submit(cast, "complaint", act_known_on=known)
    assert exc.value.code == "implausible" and exc.value.field == "act_known_on"
    assert "nhập nhầm năm" in exc.value.message


def test_an_officer_entry_received_before_1945_is_refused(cast):
    with pytest.raises(DomainError) as exc:
        submit(cast, received_on=D(1026, 5, 12), actor=cast.minh, channel="letter")
    assert exc.value.code == "implausible" and exc.value.field == "received_on"


def test_denunciation_needs_contact_and_anonymous_one_becomes_feedback(cast):
    with pytest.raises(DomainError) as exc:
        submit(cast, "denunciation", phone="", email="")
    assert exc.value.field == "phone"
    case = services.case_submit(
        actor=None,
        kind="denunciation",
        title="Cán bộ địa chính nhận tiền",
        content="Nội dung cụ thể",
        unit=cast.commune,
    )
    assert case.kind == Kind.FEEDBACK and case.is_anonymous
    assert "phản ánh để kiểm tra" in CaseEvent.objects.get(case=case).internal_note


def test_officer_entry_requires_handle_permission(cast):
    case = submit(cast, actor=cast.minh, channel="reception")
    assert case.channel == "reception" and case.created_by == cast.minh
    with pytest.raises(DomainError):
        submit(cast, actor=cast.thu)
    with pytest.raises(DomainError):
        submit(cast, actor=cast.minh, unit=cast.far_commune)


def test_assign_notifies_handler_in_app(cast):
    case = submit(cast, "denunciation")
    services.case_assign(actor=cast.tuan, case=case, handler=cast.minh)
    note = Notification.objects.get(user=cast.minh)
    assert case.code in note.title and "Lê Văn Tố" not in note.title + note.body
    with pytest.raises(DomainError):
        services.case_assign(actor=cast.tuan, case=case, handler=cast.thu)
    with pytest.raises(DomainError):
        services.case_assign(actor=cast.thu, case=case, handler=cast.minh)


def test_full_feedback_workflow_and_citizen_notices(cast, django_capture_on_commit_callbacks, memory_sms):
    with django_capture_on_commit_callbacks(execute=True):
        case = submit(cast, name="Trần Thị Mai", phone="0912000111")
    assert memory_sms[-1][0] == "0912000111" and case.code in memory_sms[-1][1]
    with django_capture_on_commit_callbacks(execute=True):
        case = services.case_accept(actor=cast.minh, case=case)
        case = services.case_start_verification(actor=cast.minh, case=case, note="Đi thực địa")
        case = services.case_hold_dialogue(actor=cast.minh, case=case, note="Đối thoại với hộ dân")
    assert case.status == Status.DIALOGUE and case.resolve_rule_key == "reception.answer"
    with pytest.raises(DomainError):
        services.case_resolve(actor=cast.minh, case=case, answer="x")  # cases.resolve: leader only
    case = services.case_resolve(actor=cast.tuan, case=case, answer="Đã nạo vét cống thoát nước.")
    assert case.status == Status.RESOLVED and case.resolved_on
    with pytest.raises(DomainError):
        services.case_close(
            actor=cast.tuan,
            case=services.case_reopen(actor=cast.tuan, case=case, reason="Người dân báo còn ngập"),
        )
    case = Case.objects.get(pk=case.pk)
    assert case.status == Status.ACCEPTED
    case = services.case_resolve(actor=cast.tuan, case=case, answer="Đã nâng nền đường.")
    case = services.case_close(actor=cast.tuan, case=case)
    assert case.status == Status.CLOSED and case.closed_on
    assert len(memory_sms) >= 4


def test_reopen_requires_reason(cast):
    case = accepted(cast)
    case = services.case_resolve(actor=cast.tuan, case=case, answer="Đã xử lý")
    with pytest.raises(DomainError) as exc:
        services.case_reopen(actor=cast.tuan, case=case, reason=" ")
    assert exc.value.field == "reason"


def test_decline_requires_reason_and_only_before_acceptance(cast):
    case = submit(cast)
    with pytest.raises(DomainError):
        services.case_decline(actor=cast.minh, case=case, reason="")
    case = services.case_decline(actor=cast.minh, case=case, reason="Không thuộc thẩm quyền (Điều 11)")
    assert case.status == Status.DECLINED
    with pytest.raises(DomainError):
        services.case_accept(actor=cast.minh, case=case)


def test_wrong_status_steps_refused(cast):
    case = submit(cast)
    with pytest.raises(DomainError):
        services.case_start_verification(actor=cast.minh, case=case)
    with pytest.raises(DomainError):
        services.case_resolve(actor=cast.tuan, case=case, answer="x")
    with pytest.raises(DomainError):
        services.case_hold_dialogue(actor=cast.minh, case=case, note="x")
    with pytest.raises(DomainError):
        services.case_close(actor=cast.tuan, case=case)


def test_transfer_moves_case_and_flags_late(cast):
    case = submit(cast, received_on=D(2026, 3, 2))
    case = services.case_transfer(actor=cast.minh, case=case, to_unit=cast.sibling_commune, on=D(2026, 3, 5))
    assert case.status == Status.TRANSFERRED and case.unit == cast.sibling_commune and not case.transfer_late
    late = submit(cast, received_on=D(2026, 3, 2))
    late = services.case_transfer(actor=cast.minh, case=late, to_unit=cast.sibling_commune, on=D(2026, 3, 20))
    assert late.transfer_late and late.transferred_from == cast.commune
    with pytest.raises(DomainError):
        services.case_transfer(actor=cast.minh, case=submit(cast), to_unit=cast.commune)


def test_denunciation_transfer_uses_forward_rule(cast):
    case = submit(cast, "denunciation", received_on=D(2026, 3, 2))
    case = services.case_transfer(actor=cast.minh, case=case, to_unit=cast.sibling_commune, on=D(2026, 3, 10))
    assert case.transfer_late  # 5 working days: due 09/03/2026


def test_complaint_resolve_needs_outcome(cast):
    case = accepted(cast, "complaint")
    with pytest.raises(DomainError) as exc:
        services.case_resolve(actor=cast.tuan, case=case, answer="Giữ nguyên quyết định")
    assert exc.value.field == "outcome"
    case = services.case_resolve(actor=cast.tuan, case=case, answer="Giữ nguyên quyết định", outcome="wrong")
    assert case.outcome == "wrong"


def test_rating_only_once_and_only_when_resolved(cast):
    case = accepted(cast)
    with pytest.raises(DomainError):
        services.case_rate(case=case, rating=5)
    case = services.case_resolve(actor=cast.tuan, case=case, answer="Đã xử lý")
    with pytest.raises(DomainError):
        services.case_rate(case=case, rating=6)
    case = services.case_rate(case=case, rating=4, comment="Xử lý nhanh")
    assert case.rating == 4
    with pytest.raises(DomainError) as exc:
        services.case_rate(case=case, rating=5)
    assert exc.value.code == "already_rated"


def test_publish_respects_consent(cast):
    a = services.case_resolve(
        actor=cast.tuan, case=accepted(cast, consent_publish=False), answer="x", publish=True
    )
    b = services.case_resolve(
        actor=cast.tuan, case=accepted(cast, consent_publish=True), answer="x", publish=True
    )
    assert not a.public_interest and b.public_interest


def test_attachments_validated_before_anything_is_stored(cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 not an image at all" * 10, content_type="image/jpeg")
    with pytest.raises(DomainError) as exc:
        submit(cast, attachments=[fake])
    assert exc.value.field == "attachments" and Case.objects.count() == 0
    pdf = SimpleUploadedFile(
        "don.pdf",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF",
        content_type="application/pdf",
    )
    case = submit(cast, attachments=[pdf])
    assert case.attachments.count() == 1 and case.attachments.get().content_type == "application/pdf"
    with pytest.raises(DomainError):
        submit(cast, attachments=[pdf, pdf, pdf, pdf])


def test_public_submit_rate_limited_per_ip(cast):
    for _ in range(services.SUBMIT_LIMIT_PER_IP[0]):
        submit(cast, ip="10.0.0.9")
    with pytest.raises(DomainError) as exc:
        submit(cast, ip="10.0.0.9")
    assert exc.value.code == "rate_limited" and "phút" in exc.value.message
    submit(cast, ip="10.0.0.10")


def test_mail_notice_when_only_email(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = submit(cast, name="Mai", email="mai@example.vn")
    assert mail.outbox and mail.outbox[-1].to == ["mai@example.vn"] and case.code in mail.outbox[-1].body
