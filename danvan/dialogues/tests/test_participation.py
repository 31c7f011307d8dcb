"""Citizens register to attend or send a question to an upcoming dialogue; officers moderate; invitees and
attendance; the citizen's own "my dialogues" section."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from danvan.audit.models import AuditEvent
from danvan.cases.tests.helpers import accepted
from danvan.citizens.area import sections_for
from danvan.core.errors import DomainError
from danvan.core.formatting import local_today
from danvan.dialogues import participation, services
from danvan.dialogues.models import (
    AgendaItem,
    Attendance,
    DialogueParticipant,
    DialogueQuestion,
    DialogueRegistration,
    ModerationStatus,
    ParticipantKind,
)
from danvan.dialogues.selectors_participation import present_people
from danvan.people.models import User

QUESTION = "Khi nào xã nạo vét kênh Ba Mươi để bà con kịp xuống giống vụ Đông Xuân?"


def _dialogue(cast, *, days=7, unit=None):
    return services.dialogue_create(
        actor=cast.minh,
        unit=unit or cast.commune,
        day=local_today() + dt.timedelta(days=days),
        topic="Đối thoại về thủy lợi nội đồng",
        host_name="Phạm Anh Tuấn",
        host_role="Chủ tịch UBND xã",
        place="Hội trường UBND xã Phú Cường",
        record_held=days < 0,  # a day gone by is only written down as held
    )


def _login(client, cast, user):
    assert client.login(username=user.username, password=cast.password)


def _citizen(username="chau", name="Lê Thị Châu"):
    from tests.cast import PASSWORD

    return User.objects.create_user(
        username=username, password=PASSWORD, full_name=name, kind=User.Kind.CITIZEN
    )


# ---------------------------------------------------------------- services


def test_a_citizen_registers_once_and_the_database_refuses_a_second_row(cast):
    d = _dialogue(cast)
    reg = participation.registration_create(actor=cast.binh, dialogue=d)
    assert reg.status == ModerationStatus.PENDING
    with pytest.raises(DomainError, match="đã đăng ký"):
        participation.registration_create(actor=cast.binh, dialogue=d)
    with pytest.raises(IntegrityError), transaction.atomic():
        DialogueRegistration.objects.create(dialogue=d, account=cast.binh)
    assert AuditEvent.objects.filter(action="dialogue.register").count() == 1


def test_only_citizen_accounts_and_only_upcoming_dialogues(cast):
    d = _dialogue(cast)
    with pytest.raises(DomainError) as officer:
        participation.registration_create(actor=cast.minh, dialogue=d)
    assert officer.value.code == "forbidden"
    past = _dialogue(cast, days=-1)
    with pytest.raises(DomainError, match="không còn nhận"):
        participation.question_send(actor=cast.binh, dialogue=past, text=QUESTION)
    services.dialogue_cancel(actor=cast.minh, dialogue=d, reason="Hoãn do mưa bão")
    d.refresh_from_db()
    with pytest.raises(DomainError, match="không còn nhận"):
        participation.registration_create(actor=cast.binh, dialogue=d)
    assert not DialogueRegistration.objects.exists() and not DialogueQuestion.objects.exists()


def test_a_question_has_a_bounded_length_and_a_rate_limit(cast):
    d = _dialogue(cast)
    with pytest.raises(DomainError, match="ít nhất 10"):
        participation.question_send(actor=cast.binh, dialogue=d, text="Bao giờ?")
    with pytest.raises(DomainError, match="dài quá 1000"):
        participation.question_send(actor=cast.binh, dialogue=d, text="x" * 1001)
    for _ in range(participation.QUESTION_LIMIT[0]):
        participation.question_send(actor=cast.binh, dialogue=d, text=QUESTION)
    with pytest.raises(DomainError) as limited:
        participation.question_send(actor=cast.binh, dialogue=d, text=QUESTION)
    assert limited.value.code == "rate_limited" and "thử lại sau" in limited.value.message
    assert DialogueQuestion.objects.count() == participation.QUESTION_LIMIT[0]
    # another account has its own window
    participation.question_send(actor=_citizen(), dialogue=d, text=QUESTION)


def test_moderation_needs_the_units_permission_and_a_reason_to_reject(cast):
    d = _dialogue(cast)
    q = participation.question_send(actor=cast.binh, dialogue=d, text=QUESTION)
    reg = participation.registration_create(actor=cast.binh, dialogue=d)
    with pytest.raises(DomainError) as denied:
        participation.question_moderate(actor=cast.lan, question=q, accept=True)
    assert denied.value.code == "forbidden"
    with pytest.raises(DomainError, match="lý do"):
        participation.question_moderate(actor=cast.minh, question=q, accept=False)
    participation.registration_moderate(actor=cast.minh, registration=reg, accept=True)
    invited = DialogueParticipant.objects.get(dialogue=d)
    assert invited.account == cast.binh and invited.kind == ParticipantKind.CITIZEN
    assert invited.name == cast.binh.full_name
    participation.question_moderate(actor=cast.minh, question=q, accept=False, reason="Không thuộc chủ đề")
    q.refresh_from_db()
    assert q.status == ModerationStatus.REJECTED and q.reject_reason == "Không thuộc chủ đề"
    with pytest.raises(DomainError, match="Đã duyệt"):
        participation.question_moderate(actor=cast.minh, question=q, accept=True)


def test_an_accepted_question_becomes_a_free_topic_in_one_step(cast):
    d = _dialogue(cast)
    q = participation.question_send(actor=cast.binh, dialogue=d, text=QUESTION)
    with pytest.raises(DomainError, match="đã chấp nhận"):
        participation.question_to_agenda(actor=cast.minh, question=q)
    participation.question_moderate(actor=cast.minh, question=q, accept=True)
    item = participation.question_to_agenda(actor=cast.minh, question=q)
    assert item.case is None and item.citizens_said == QUESTION
    assert item.topic.startswith("Câu hỏi của công dân: Khi nào xã nạo vét")
    with pytest.raises(DomainError, match="đã có"):
        participation.question_to_agenda(actor=cast.minh, question=q)
    assert AgendaItem.objects.filter(dialogue=d).count() == 1


def test_invitees_never_a_denouncer_and_attendance_from_the_day(cast):
    d = _dialogue(cast, days=0)
    complaint = accepted(cast, "complaint")
    denunciation = accepted(cast, "denunciation")
    p = participation.participant_add(actor=cast.minh, dialogue=d, case=complaint)
    assert p.name == "Nguyễn Văn Khiếu" and complaint.code in p.role
    with pytest.raises(DomainError, match="tố cáo"):
        participation.participant_add(actor=cast.minh, dialogue=d, case=denunciation)
    official = participation.participant_add(
        actor=cast.minh,
        dialogue=d,
        kind=ParticipantKind.OFFICIAL,
        name="Trần Văn Hai",
        role="Chủ tịch MTTQ xã",
    )
    with pytest.raises(DomainError, match="họ tên"):
        participation.participant_add(actor=cast.minh, dialogue=d, name="  ")
    future = _dialogue(cast)
    participation.participant_add(actor=cast.minh, dialogue=future, name="Võ Văn Ba")
    with pytest.raises(DomainError, match="từ ngày tổ chức"):
        participation.attendance_record(actor=cast.minh, dialogue=future, present=set())
    with pytest.raises(DomainError, match="không thuộc"):
        participation.attendance_record(actor=cast.minh, dialogue=d, present={future.participants.get().pk})
    assert participation.attendance_record(actor=cast.minh, dialogue=d, present={official.pk}) == 1
    p.refresh_from_db()
    official.refresh_from_db()
    assert p.attendance == Attendance.ABSENT and official.attendance == Attendance.PRESENT
    assert present_people(type(d).objects.filter(pk=d.pk)) == {"citizens": 0, "officials": 1}


def test_the_new_audit_actions_are_registered_in_words():
    from danvan.audit.trail import registered_actions

    actions = registered_actions()
    for name in (
        "dialogue.register",
        "dialogue.question_send",
        "dialogue.registration_moderate",
        "dialogue.question_moderate",
        "dialogue.participant_add",
        "dialogue.participant_remove",
        "dialogue.attendance",
    ):
        assert name in actions


# ---------------------------------------------------------------- screens


def test_anonymous_visitors_are_sent_to_sign_in_and_come_back(client, cast):
    d = _dialogue(cast)
    page = client.get(f"/doi-thoai/sap-to-chuc/{d.pk}/")
    body = page.content.decode()
    assert page.status_code == 200 and "Đăng nhập để đăng ký" in body
    assert f"?next=/doi-thoai/sap-to-chuc/{d.pk}/" in body
    answer = client.post(f"/doi-thoai/sap-to-chuc/{d.pk}/cau-hoi/", {"text": QUESTION})
    assert answer.status_code == 302 and "next=/doi-thoai/sap-to-chuc/" in answer["Location"]
    assert not DialogueQuestion.objects.exists()


def test_a_citizen_registers_and_asks_from_the_public_page_which_shows_no_names(client, cast):
    d = _dialogue(cast)
    _login(client, cast, cast.binh)
    assert client.post(f"/doi-thoai/sap-to-chuc/{d.pk}/dang-ky/").status_code == 302
    assert client.post(f"/doi-thoai/sap-to-chuc/{d.pk}/dang-ky/").status_code == 302  # message, no 2nd row
    assert DialogueRegistration.objects.filter(dialogue=d, account=cast.binh).count() == 1
    short = client.post(f"/doi-thoai/sap-to-chuc/{d.pk}/cau-hoi/", {"text": "Hỏi"})
    assert short.status_code == 400 and "ít nhất 10" in short.content.decode()
    assert client.post(f"/doi-thoai/sap-to-chuc/{d.pk}/cau-hoi/", {"text": QUESTION}).status_code == 302
    q = DialogueQuestion.objects.get()
    client.logout()
    public = client.get(f"/doi-thoai/sap-to-chuc/{d.pk}/").content.decode()
    assert "1 người đã đăng ký" in public and QUESTION not in public  # pending: not shown
    participation.question_moderate(actor=cast.minh, question=q, accept=True)
    public = client.get(f"/doi-thoai/sap-to-chuc/{d.pk}/").content.decode()
    assert QUESTION in public and cast.binh.full_name not in public
    schedule = client.get(f"/doi-thoai/?thang={d.day:%Y-%m}").content.decode()
    assert f"/doi-thoai/sap-to-chuc/{d.pk}/" in schedule


def test_the_public_page_of_a_held_dialogue_redirects_and_a_cancelled_one_is_404(client, cast):
    d = _dialogue(cast, days=0)
    services.agenda_add(actor=cast.minh, dialogue=d, topic="Nạo vét kênh")
    item = d.items.get()
    services.agenda_answer(actor=cast.minh, item=item, citizens_said="Kênh cạn.", answer="Nạo vét tháng tới.")
    services.dialogue_hold(actor=cast.minh, dialogue=d, summary="Thống nhất nạo vét.")
    page = client.get(f"/doi-thoai/sap-to-chuc/{d.pk}/")
    assert page.status_code == 302 and page["Location"] == f"/doi-thoai/hoi-nghi/{d.pk}/"
    other = _dialogue(cast)
    services.dialogue_cancel(actor=cast.minh, dialogue=other, reason="Hoãn")
    assert client.get(f"/doi-thoai/sap-to-chuc/{other.pk}/").status_code == 404


def test_officers_moderate_on_the_dialogue_page_and_out_of_scope_is_404(client, cast):
    d = _dialogue(cast)
    q = participation.question_send(actor=cast.binh, dialogue=d, text=QUESTION)
    reg = participation.registration_create(actor=cast.binh, dialogue=d)
    _login(client, cast, cast.minh)
    page = client.get(f"/can-bo/tiep-cong-dan/doi-thoai/{d.pk}/").content.decode()
    assert QUESTION in page and cast.binh.full_name in page and "2 chờ duyệt" in page
    r = client.post(f"/can-bo/tiep-cong-dan/doi-thoai/cau-hoi/{q.pk}/duyet/", {"decision": "accept"})
    assert r.status_code == 302
    r = client.post(f"/can-bo/tiep-cong-dan/doi-thoai/cau-hoi/{q.pk}/dua-vao-noi-dung/")
    assert r.status_code == 302 and d.items.count() == 1
    r = client.post(
        f"/can-bo/tiep-cong-dan/doi-thoai/dang-ky/{reg.pk}/duyet/", {"decision": "reject", "reason": ""}
    )
    reg.refresh_from_db()
    assert reg.status == ModerationStatus.PENDING  # no reason: nothing stored
    client.post(
        f"/can-bo/tiep-cong-dan/doi-thoai/dang-ky/{reg.pk}/duyet/",
        {"decision": "reject", "reason": "Hội trường đã đủ chỗ"},
    )
    reg.refresh_from_db()
    assert reg.status == ModerationStatus.REJECTED
    client.logout()
    _login(client, cast, cast.lan)  # an editor of the same commune: no reception.manage
    r = client.post(f"/can-bo/tiep-cong-dan/doi-thoai/cau-hoi/{q.pk}/duyet/", {"decision": "accept"})
    assert r.status_code in (403, 404)


def test_an_officer_of_another_unit_gets_404_for_a_registration(client, cast):
    d = _dialogue(cast)
    reg = participation.registration_create(actor=cast.binh, dialogue=d)
    outsider = User.objects.create_user(
        username="xa_khac", password=cast.password, full_name="Cán bộ xã khác", kind=User.Kind.OFFICER
    )
    from danvan.access.models import RoleAssignment
    from danvan.access.roles import Role

    RoleAssignment.objects.create(
        user=outsider, role=Role.CASE_OFFICER, unit=cast.far_commune, valid_from=dt.date(2019, 1, 1)
    )
    _login(client, cast, outsider)
    r = client.post(f"/can-bo/tiep-cong-dan/doi-thoai/dang-ky/{reg.pk}/duyet/", {"decision": "accept"})
    assert r.status_code == 404
    reg.refresh_from_db()
    assert reg.status == ModerationStatus.PENDING


def test_invitees_and_attendance_through_the_screens(client, cast):
    d = _dialogue(cast, days=0)
    _login(client, cast, cast.minh)
    r = client.post(
        f"/can-bo/tiep-cong-dan/doi-thoai/{d.pk}/moi/",
        {"kind": "official", "name": "Trần Văn Hai", "role": "Chủ tịch MTTQ xã", "case_code": ""},
    )
    assert r.status_code == 302
    r = client.post(
        f"/can-bo/tiep-cong-dan/doi-thoai/{d.pk}/moi/", {"kind": "citizen", "case_code": "KHONG-CO"}
    )
    assert r.status_code == 400 and "Không tìm thấy hồ sơ" in r.content.decode()
    p = d.participants.get()
    form = client.get(f"/can-bo/tiep-cong-dan/doi-thoai/{d.pk}/diem-danh/")
    assert form.status_code == 200 and "Trần Văn Hai" in form.content.decode()
    assert (
        client.post(f"/can-bo/tiep-cong-dan/doi-thoai/{d.pk}/diem-danh/", {"present": [p.pk]}).status_code
        == 302
    )
    p.refresh_from_db()
    assert p.attendance == Attendance.PRESENT
    page = client.get(f"/can-bo/tiep-cong-dan/doi-thoai/{d.pk}/").content.decode()
    assert "1 người có mặt" in page


# ---------------------------------------------------------------- the citizen's area


def test_my_dialogues_shows_only_for_an_account_that_has_any_in_its_place(client, cast):
    other = _citizen()
    assert "doi-thoai" not in [s.key for s in sections_for(cast.binh)]
    d = _dialogue(cast)
    participation.question_send(actor=cast.binh, dialogue=d, text=QUESTION)
    keys = [s.key for s in sections_for(cast.binh)]
    assert "doi-thoai" in keys and "doi-thoai" not in [s.key for s in sections_for(other)]
    assert keys.index("cau-hoi") < keys.index("doi-thoai") < keys.index("thong-bao")
    _login(client, cast, cast.binh)
    home = client.get("/tai-khoan/").content.decode()
    assert "Đối thoại của tôi" in home and d.topic in home
    page = client.get("/tai-khoan/doi-thoai/")
    body = page.content.decode()
    assert page.status_code == 200 and d.topic in body and "Chờ duyệt" in body and d.place in body
    client.logout()
    _login(client, cast, other)
    assert "Đối thoại của tôi" not in client.get("/tai-khoan/").content.decode()
    assert d.topic not in client.get("/tai-khoan/doi-thoai/").content.decode()


def test_my_dialogues_links_to_the_held_dialogues_page(client, cast):
    d = _dialogue(cast, days=0)
    participation.registration_create(actor=cast.binh, dialogue=d)
    services.agenda_add(actor=cast.minh, dialogue=d, topic="Nạo vét kênh")
    services.agenda_answer(
        actor=cast.minh, item=d.items.get(), citizens_said="Kênh cạn.", answer="Tháng tới."
    )
    services.dialogue_hold(actor=cast.minh, dialogue=d, summary="Thống nhất.")
    _login(client, cast, cast.binh)
    body = client.get("/tai-khoan/doi-thoai/").content.decode()
    assert f"/doi-thoai/hoi-nghi/{d.pk}/" in body


def test_my_dialogues_reads_in_a_few_queries(client, cast, django_assert_max_num_queries):
    for i in range(5):
        d = _dialogue(cast, days=i + 1)
        participation.registration_create(actor=cast.binh, dialogue=d)
        participation.question_send(actor=cast.binh, dialogue=d, text=QUESTION)
    _login(client, cast, cast.binh)
    with django_assert_max_num_queries(20):
        assert client.get("/tai-khoan/doi-thoai/").status_code == 200


def test_people_present_are_counted_in_the_indicators_of_held_dialogues_only(cast):
    from danvan.core import indicators

    held = _dialogue(cast, days=0)
    planned = _dialogue(cast, days=0)
    a = participation.participant_add(actor=cast.minh, dialogue=held, name="Võ Văn Ba")
    b = participation.participant_add(actor=cast.minh, dialogue=held, name="Lý Thị Tư")
    o = participation.participant_add(actor=cast.minh, dialogue=held, kind="official", name="Trần Văn Hai")
    participation.participant_add(actor=cast.minh, dialogue=held, name="Đỗ Văn Năm")  # absent
    c = participation.participant_add(actor=cast.minh, dialogue=planned, name="Phan Văn Sáu")
    participation.attendance_record(actor=cast.minh, dialogue=held, present={a.pk, b.pk, o.pk})
    participation.attendance_record(actor=cast.minh, dialogue=planned, present={c.pk})
    services.agenda_add(actor=cast.minh, dialogue=held, topic="Nạo vét kênh")
    services.agenda_answer(
        actor=cast.minh, item=held.items.get(), citizens_said="Kênh cạn.", answer="Tháng tới."
    )
    services.dialogue_hold(actor=cast.minh, dialogue=held, summary="Thống nhất.")
    today = local_today()
    values = indicators.compute(cast.district, today - dt.timedelta(days=1), today)
    assert values["dialogue.citizens_present"] == 2 and values["dialogue.officials_present"] == 1
    assert indicators.compute(cast.other_district, today, today)["dialogue.citizens_present"] == 0
