import pytest
from django.core import mail

from danvan.access.models import RoleAssignment
from danvan.access.roles import Role
from danvan.audit.models import AuditEvent
from danvan.core.errors import DomainError, NotFoundOrForbidden
from danvan.disclosures import selectors, services
from danvan.disclosures.access import access_disclosure_by_id
from danvan.disclosures.models import DisclosureQuestion
from danvan.notifications.sms import MemorySmsGateway
from danvan.search.models import SearchDocument
from tests.cast import EPOCH, _user

from .helpers import D, make

pytestmark = pytest.mark.django_db


def sibling_editor(cast):
    user = _user("vy", "Trần Thị Vy")
    RoleAssignment.objects.create(user=user, role=Role.EDITOR, unit=cast.sibling_commune, valid_from=EPOCH)
    return user


def test_create_publish_withdraw_are_audited_and_indexed(cast):
    d = make(cast, 1, title="Công khai dự toán ngân sách xã năm 2026", publish=False)
    assert d.status == "draft" and d.created_by == cast.lan
    assert not SearchDocument.objects.filter(object_id=str(d.pk), kind="Công khai").exists()
    d = services.disclosure_publish(actor=cast.lan, disclosure=d)
    assert d.published_at is not None
    assert SearchDocument.objects.filter(
        kind="Công khai", object_id=str(d.pk), url=f"/cong-khai/{d.pk}/"
    ).exists()
    services.disclosure_withdraw(actor=cast.tuan, disclosure=d, reason="Sai số liệu, sẽ đăng lại")
    d.refresh_from_db()
    assert d.status == "withdrawn" and d.withdrawn_reason.startswith("Sai")
    assert not SearchDocument.objects.filter(object_id=str(d.pk), kind="Công khai").exists()
    actions = set(AuditEvent.objects.filter(object_id=str(d.pk)).values_list("action", flat=True))
    assert {"disclosure.create", "disclosure.publish", "disclosure.withdraw"} <= actions


def test_update_rechecks_the_rules(cast):
    d = make(cast, 1)
    with pytest.raises(DomainError):
        services.disclosure_update(actor=cast.lan, disclosure=d, posting_end=D(2026, 3, 10))
    d = services.disclosure_update(actor=cast.lan, disclosure=d, title="Kế hoạch phát triển KT-XH 2026")
    assert d.search_text.startswith("ke hoach phat trien")


def test_withdraw_needs_a_reason(cast):
    d = make(cast, 1)
    with pytest.raises(DomainError) as exc:
        services.disclosure_withdraw(actor=cast.lan, disclosure=d, reason="  ")
    assert exc.value.field == "reason"


def test_an_editor_of_a_sibling_commune_cannot_touch_it(cast):
    d = make(cast, 1)
    vy = sibling_editor(cast)
    with pytest.raises(NotFoundOrForbidden):
        access_disclosure_by_id(vy, d.pk)
    with pytest.raises(DomainError):
        services.disclosure_update(actor=vy, disclosure=d, title="x")
    with pytest.raises(DomainError):
        make(cast, 2, actor=vy)  # creating in Phú Cường
    with pytest.raises(NotFoundOrForbidden):
        access_disclosure_by_id(cast.hoa, d.pk)  # mobilisation officer: no disclosures.edit
    assert access_disclosure_by_id(cast.son, d.pk) == d


def test_files_are_validated_by_content(cast, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    d = make(cast, 1)
    fake = SimpleUploadedFile("du-toan.pdf", b"not a pdf at all", content_type="application/pdf")
    with pytest.raises(DomainError) as exc:
        services.disclosure_file_add(actor=cast.lan, disclosure=d, uploaded=fake)
    assert exc.value.field == "file"
    pdf = SimpleUploadedFile(
        "du-toan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer<<>>\n%%EOF\n"
    )
    f = services.disclosure_file_add(actor=cast.lan, disclosure=d, uploaded=pdf)
    assert f.original_name == "du-toan.pdf" and f.size > 0 and f.content_type == "application/pdf"
    services.disclosure_file_remove(actor=cast.lan, file=f)
    assert not d.files.exists()


def test_current_disclosures_for_the_home_page(cast):
    from django.utils import timezone

    today = timezone.localdate()
    make(
        cast,
        1,
        title="Đang niêm yết",
        decision=today,
        start=today,
        end=today + __import__("datetime").timedelta(days=40),
    )
    make(cast, 4, title="Quy chế dân chủ", decision=D(2025, 1, 2), start=D(2025, 1, 3), end=None)
    make(cast, 2, title="Đã hết hạn", decision=D(2025, 1, 2), start=D(2025, 1, 3), end=D(2025, 2, 10))
    make(cast, 3, title="Nháp", decision=today, start=today, publish=False)
    titles = [d.title for d in selectors.current_disclosures(cast.district, limit=5)]
    assert titles == ["Đang niêm yết", "Quy chế dân chủ"]
    assert selectors.current_disclosures(cast.far_commune) == []


# ---------------------------------------------------------------- questions


def ask(d, **kw):
    data = {
        "question": "Khoản đóng góp làm đường ấp 3 là bao nhiêu mỗi hộ?",
        "phone": "0912 345 678",
        "ip": "10.0.0.1",
    }
    data.update(kw)
    return services.question_ask(disclosure=d, **data)


def test_a_question_needs_a_phone_or_an_email(cast):
    d = make(cast, 5)
    with pytest.raises(DomainError) as exc:
        ask(d, phone="", email="")
    assert exc.value.field == "phone"
    with pytest.raises(DomainError) as exc:
        ask(d, phone="12345")
    assert exc.value.field == "phone"
    with pytest.raises(DomainError) as exc:
        ask(d, phone="", email="khong-hop-le")
    assert exc.value.field == "email"
    q = ask(d, phone="+84 912 345 678")
    assert q.phone == "0912345678" and q.status == "pending"


def test_a_double_submit_makes_one_question(cast):
    d = make(cast, 5)
    assert ask(d) == ask(d)
    assert DisclosureQuestion.objects.count() == 1


def test_too_many_questions_are_refused_with_the_wait(cast):
    d = make(cast, 5)
    for i in range(3):
        ask(d, question=f"Câu hỏi số {i}")
    with pytest.raises(DomainError) as exc:
        ask(d, question="Câu hỏi thứ tư")
    assert exc.value.code == "rate_limited"
    assert "Bạn đã gửi quá nhiều câu hỏi" in exc.value.message and "phút" in exc.value.message
    # Per address too: other contacts from the same IP.
    for i in range(7):
        ask(d, question=f"Câu khác {i}", phone="", email=f"nguoi{i}@example.vn")
    with pytest.raises(DomainError):
        ask(d, question="Một câu nữa", phone="", email="nguoi-moi@example.vn")


def test_answer_is_published_and_the_asker_is_notified_by_sms(
    cast, settings, django_capture_on_commit_callbacks
):
    settings.DANVAN_SMS_BACKEND = "danvan.notifications.sms.MemorySmsGateway"
    MemorySmsGateway.outbox.clear()
    d = make(cast, 5)
    q = ask(d)
    with django_capture_on_commit_callbacks(execute=True):
        services.question_answer(actor=cast.lan, question=q, answer="Mỗi hộ đóng 500.000 đồng.")
    q.refresh_from_db()
    assert q.status == "published" and q.answered_by == cast.lan
    assert MemorySmsGateway.outbox and MemorySmsGateway.outbox[-1][0] == "0912345678"
    assert selectors.published_questions(d) == [q]
    with pytest.raises(DomainError):
        services.question_answer(actor=cast.lan, question=q, answer="Lần hai")


def test_answer_by_email(cast, django_capture_on_commit_callbacks):
    d = make(cast, 5)
    q = ask(d, phone="", email="dan@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        services.question_answer(actor=cast.tuan, question=q, answer="Đã trả lời.")
    assert mail.outbox[-1].to == ["dan@example.vn"] and "Đã trả lời." in mail.outbox[-1].body


def test_reject_and_permissions_of_answering(cast):
    d = make(cast, 5)
    q = ask(d)
    with pytest.raises(DomainError):
        services.question_answer(actor=sibling_editor(cast), question=q, answer="x")
    services.question_reject(actor=cast.lan, question=q, reason="Nội dung không liên quan")
    q.refresh_from_db()
    assert q.status == "rejected" and selectors.published_questions(d) == []


def test_questions_only_on_published_disclosures(cast):
    d = make(cast, 5, publish=False)
    with pytest.raises(DomainError):
        ask(d)


def test_demo_seed_is_idempotent(cast):
    from danvan.disclosures import demo

    first = demo.seed()
    assert first > 13
    assert demo.seed() == 0
    reg = selectors.register(cast.commune, 2026, 1, today=D(2026, 5, 1))
    assert len(reg.rows) == 13
