"""Notices that reach the right people and are done once someone did what they ask; citizens' SMS in one
segment; a transferred case counted for the unit that holds it."""

import datetime as dt

import pytest

from danvan.access.models import RoleAssignment
from danvan.access.roles import Role
from danvan.cases import indicators, selectors, services
from danvan.cases.models import Status
from danvan.core.formatting import local_today
from danvan.notifications.models import Notification
from danvan.notifications.selectors import unread_count
from danvan.notifications.sms import MemorySmsGateway, is_gsm7, sms_segments
from danvan.people.models import User
from danvan.publishing import services as news_services
from danvan.publishing.tests.helpers import draft

from .helpers import DENOUNCER, submit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def memory_sms(settings):
    settings.DANVAN_SMS_BACKEND = "danvan.notifications.sms.MemorySmsGateway"
    MemorySmsGateway.outbox = []
    return MemorySmsGateway.outbox


@pytest.fixture
def second_case_officer(cast):
    user = User.objects.create_user(username="nga", password="x-2026-abc", full_name="Lý Thị Nga")
    RoleAssignment.objects.create(
        user=user, role=Role.CASE_OFFICER, unit=cast.commune, valid_from=dt.date(2019, 1, 1)
    )
    return user


def notices(user):
    return list(Notification.objects.filter(user=user))


def test_a_new_feedback_notifies_the_units_case_officers(cast, second_case_officer):
    case = submit(cast)
    for officer in (cast.minh, second_case_officer):
        (note,) = notices(officer)
        assert note.title == f"Hồ sơ mới: Phản ánh {case.code}" and case.title in note.body
        assert note.url == case.get_absolute_url()
    assert notices(cast.tuan) == [] and notices(cast.lan) == [] and notices(cast.thu) == []


def test_a_new_denunciation_notifies_only_the_units_leaders_without_the_denouncer(cast):
    case = submit(cast, "denunciation")
    assert notices(cast.minh) == []
    (note,) = notices(cast.tuan)
    assert note.title == f"Hồ sơ mới: Tố cáo {case.code}"
    text = note.title + note.body
    for value in DENOUNCER.values():
        assert value not in text
    assert case.content not in text  # the inbox shows the (redacted) title, never the content


def test_a_new_case_notice_is_done_for_everyone_once_one_officer_accepts_it(cast, second_case_officer):
    case = submit(cast)
    assert unread_count(cast.minh) == 1 and unread_count(second_case_officer) == 1
    services.case_accept(actor=cast.minh, case=case)
    for officer in (cast.minh, second_case_officer):
        (note,) = notices(officer)
        assert note.done_at is not None and note.done_note == "Trần Văn Minh đã thụ lý"
        assert unread_count(officer) == 0


def test_an_assignment_settles_the_new_case_notice_and_a_reassignment_the_first_handlers(
    cast, second_case_officer
):
    case = submit(cast)
    services.case_assign(actor=cast.tuan, case=case, handler=cast.minh)
    assert all(n.done_at for n in notices(second_case_officer))
    services.case_assign(actor=cast.tuan, case=case, handler=second_case_officer)
    assigned = Notification.objects.get(user=cast.minh, topic=f"case:{case.pk}:assigned")
    assert assigned.done_at and assigned.done_note == "Đã phân công cho Lý Thị Nga"


def test_a_deadline_warning_is_done_once_the_case_is_accepted(cast):
    case = submit(cast, received_on=local_today() - dt.timedelta(days=20))
    services.deadline_sweep()
    warning = Notification.objects.get(user=cast.tuan, topic=f"case:{case.pk}:due:accept")
    assert warning.done_at is None
    services.case_accept(actor=cast.minh, case=case)
    warning.refresh_from_db()
    assert warning.done_at is not None


def test_waiting_for_review_disappears_once_the_article_is_published(cast):
    article = draft(cast)
    news_services.article_submit(actor=cast.lan, article=article)
    (waiting,) = Notification.objects.filter(user=cast.tuan, title__startswith="Bài viết chờ duyệt")
    assert unread_count(cast.tuan) == 1
    news_services.article_approve(actor=cast.tuan, article=article)
    waiting.refresh_from_db()
    assert waiting.done_at and waiting.done_note == "Phạm Anh Tuấn đã duyệt đăng"
    assert unread_count(cast.tuan) == 0


def test_a_returned_article_notice_is_done_when_the_author_submits_again(cast):
    article = draft(cast)
    news_services.article_submit(actor=cast.lan, article=article)
    news_services.article_return(actor=cast.tuan, article=article, reason="Thêm ảnh.")
    returned = Notification.objects.get(user=cast.lan, topic=f"article:{article.pk}:returned")
    news_services.article_submit(actor=cast.lan, article=article)
    returned.refresh_from_db()
    assert returned.done_at is not None


def test_the_notice_list_marks_done_notices(client, cast):
    case = submit(cast)
    services.case_accept(actor=cast.minh, case=case)
    client.force_login(cast.minh)
    html = client.get("/can-bo/thong-bao/").content.decode()
    assert "Đã xử lý" in html and "Trần Văn Minh đã thụ lý" in html


def test_citizen_sms_read_naturally_in_one_gsm7_segment(cast, memory_sms, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = submit(cast, phone="0912 000 111", name="Trần Thị Mai")
    with django_capture_on_commit_callbacks(execute=True):
        services.case_accept(actor=cast.minh, case=case)
    with django_capture_on_commit_callbacks(execute=True):
        services.case_resolve(actor=cast.tuan, case=case, answer="Đã sửa đường.")
    texts = [text for _phone, text in memory_sms]
    assert len(texts) == 3
    assert texts[0].startswith(f"Ho so {case.code}: Da tiep nhan, do Xa Phu Cuong giai quyet.")
    for text in texts:
        assert is_gsm7(text) and len(text) <= 160 and sms_segments(text) == 1, text
        assert "Da tiep nhan. Da tiep nhan" not in text and text.count(case.code) == 1


def test_a_long_note_is_shortened_but_keeps_the_tracking_address(
    cast, memory_sms, django_capture_on_commit_callbacks
):
    case = submit(cast, phone="0912 000 111", name="Trần Thị Mai")
    with django_capture_on_commit_callbacks(execute=True):
        services.case_decline(actor=cast.minh, case=case, reason="Không thuộc thẩm quyền. " * 20)
    (text,) = [t for _p, t in memory_sms]
    assert len(text) <= 160 and text.endswith("... Tra cuu: http://127.0.0.1:8000/phan-anh/tra-cuu/"), text


# ---------------------------------------------------------------- transfers


def test_a_transferred_case_belongs_to_the_receiving_unit_from_the_transfer_on(cast):
    long_ago = local_today() - dt.timedelta(days=30)
    case = submit(cast, received_on=long_ago)
    assert selectors.officer_inbox(cast.minh, overdue=True).filter(pk=case.pk).exists()  # the sender's, late
    services.case_transfer(actor=cast.minh, case=case, to_unit=cast.sibling_commune)
    case.refresh_from_db()
    assert case.transferred_on == local_today() and case.accept_due >= local_today()
    # never overdue for the sender, which no longer sees it; not overdue on arrival for the receiver
    assert not selectors.officer_inbox(cast.minh).filter(pk=case.pk).exists()
    board = selectors.overdue_board(cast.thu, unit=cast.district, within=0)
    assert all(row.overdue == 0 for row in board.rows)
    sender = indicators.case_indicators(cast.commune, long_ago, local_today())
    receiver = indicators.case_indicators(cast.sibling_commune, local_today(), local_today())
    assert sender["total"] == 0 and sender["transferred_out"] == 1 and sender["overdue"] == 0
    assert receiver["total"] == 1 and receiver["by_channel"] == {"web": 1}


def test_a_transferred_case_notifies_the_receiving_units_officers(cast):
    officer = User.objects.create_user(username="an", password="x-2026-abc", full_name="Đỗ Văn An")
    RoleAssignment.objects.create(
        user=officer, role=Role.CASE_OFFICER, unit=cast.sibling_commune, valid_from=dt.date(2019, 1, 1)
    )
    case = submit(cast)
    services.case_transfer(actor=cast.minh, case=case, to_unit=cast.sibling_commune)
    (note,) = notices(officer)
    assert note.title == f"Hồ sơ chuyển đến: Phản ánh {case.code} (chuyển từ Xã Phú Cường)"
    assert Notification.objects.get(user=cast.minh, topic=f"case:{case.pk}:new").done_at is not None


def test_an_accepted_transferred_case_is_overdue_only_after_the_receivers_own_deadline(cast):
    case = submit(cast, received_on=local_today() - dt.timedelta(days=30))
    services.case_transfer(actor=cast.minh, case=case, to_unit=cast.sibling_commune)
    case.refresh_from_db()
    assert case.status == Status.TRANSFERRED
    assert (
        not selectors.officer_inbox(cast.son, unit=cast.sibling_commune, overdue=True)
        .filter(pk=case.pk)
        .exists()
    )


def test_an_answered_question_on_a_disclosure_is_one_gsm7_sms(
    cast, memory_sms, django_capture_on_commit_callbacks
):
    from danvan.disclosures import services as disclosure_services
    from danvan.disclosures.tests.helpers import make

    d = make(
        cast,
        title="Kế hoạch sử dụng đất năm 2026 của xã Phú Cường và các dự án đầu tư công giai đoạn 2026–2030",
    )
    q = disclosure_services.question_ask(
        disclosure=d, question="Đường liên ấp có mở rộng không?", phone="0912 000 222"
    )
    with django_capture_on_commit_callbacks(execute=True):
        disclosure_services.question_answer(actor=cast.lan, question=q, answer="Có, năm 2027.")
    ((_phone, text),) = memory_sms
    assert is_gsm7(text) and len(text) <= 160 and text.endswith(d.get_absolute_url()), text
    assert text.startswith('Cau hoi cua ban ve "Ke hoach su dung dat nam 2026')


def test_the_officer_who_enters_a_case_is_not_told_of_it(cast, second_case_officer):
    submit(cast, actor=cast.minh, channel="reception")
    assert notices(cast.minh) == [] and len(notices(second_case_officer)) == 1
