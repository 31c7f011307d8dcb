"""The reception log: a visit opens a case on the reception channel, links an existing one, guides or refuses."""

import pytest

from danvan.cases.models import Case, Channel, Kind
from danvan.cases.protection import decrypt_identity
from danvan.cases.tests.helpers import submit
from danvan.core.errors import DomainError
from danvan.core.formatting import local_today
from danvan.dialogues import services
from danvan.dialogues.models import REFUSAL_CITATION, ReceptionVisit, VisitOutcome
from danvan.rulebook.services import compute_deadline


def log(cast, **extra):
    data = {
        "actor": cast.minh,
        "unit": cast.commune,
        "receiver_name": "Phạm Anh Tuấn",
        "subject": "Đường liên ấp Phú Hòa ngập sâu sau mưa, học sinh đi lại khó khăn.",
        "outcome": VisitOutcome.GUIDANCE,
        "guidance": "Hướng dẫn gửi đơn đến Ban quản lý dự án giao thông của xã.",
        "citizen_name": "Nguyễn Văn Dân",
        "citizen_address": "Ấp Phú Hòa",
    }
    data.update(extra)
    return services.visit_log(**data)


def test_a_visit_opens_a_case_on_the_reception_channel_with_the_answer_due(cast):
    visit = log(
        cast,
        outcome=VisitOutcome.NEW_CASE,
        case_kind=Kind.FEEDBACK,
        case_title="Đường ngập",
        phone="0911000111",
    )
    case = visit.case
    assert case.channel == Channel.RECEPTION and case.kind == Kind.FEEDBACK
    assert case.received_on == visit.visited_on == local_today()
    assert case.submitter_name == "Nguyễn Văn Dân" and case.title == "Đường ngập"
    expected = compute_deadline("reception.answer", visit.visited_on)
    assert visit.answer_due == expected.due
    assert visit.answer_citation == "Luật Tiếp công dân số 42/2013/QH13, Điều 28"


def test_a_denunciation_received_in_person_is_protected_and_the_log_names_nobody(cast):
    visit = log(
        cast,
        outcome=VisitOutcome.NEW_CASE,
        case_kind=Kind.DENUNCIATION,
        citizen_name="Lê Văn Tố",
        citizen_address="Số 12 ấp Phú Hòa",
        phone="0987654321",
        subject="Tôi là Lê Văn Tố, tố cáo cán bộ địa chính thu tiền trái phép khi cấp giấy chứng nhận.",
        case_title="Tố cáo cán bộ địa chính",
    )
    case = Case.objects.get(pk=visit.case_id)
    assert case.submitter_name == "" and case.submitter_phone == ""
    assert decrypt_identity(case.protected_identity)["name"] == "Lê Văn Tố"
    assert visit.citizen_name == "" and visit.citizen_address == ""
    assert "Lê Văn Tố" not in visit.subject and visit.subject == case.content


def test_a_case_the_intake_refuses_stores_neither_case_nor_visit(cast):
    with pytest.raises(DomainError) as exc:
        log(cast, outcome=VisitOutcome.NEW_CASE, case_kind=Kind.COMPLAINT, citizen_address="")
    assert exc.value.errors
    assert not Case.objects.exists() and not ReceptionVisit.objects.exists()


def test_a_repeat_visit_links_the_existing_case(cast):
    case = submit(cast, "feedback")
    visit = log(cast, outcome=VisitOutcome.EXISTING_CASE, case=case)
    assert visit.case == case and visit.answer_due is not None
    assert Case.objects.count() == 1


def test_a_case_outside_the_officers_scope_cannot_be_linked(cast):
    other = submit(cast, "feedback", unit=cast.far_commune)
    with pytest.raises(DomainError) as exc:
        log(cast, outcome=VisitOutcome.EXISTING_CASE, case=other)
    assert exc.value.errors[0].field == "case"


def test_a_refusal_needs_a_ground_of_article_9_and_keeps_its_citation(cast):
    with pytest.raises(DomainError) as exc:
        log(cast, outcome=VisitOutcome.REFUSED)
    assert exc.value.errors[0].field == "refusal_ground" and "Điều 9" in exc.value.message
    visit = log(cast, outcome=VisitOutcome.REFUSED, refusal_ground="disorderly")
    assert visit.refusal_citation == REFUSAL_CITATION and visit.answer_due is None


def test_a_group_visit_counts_its_people_and_names_its_representatives(cast):
    with pytest.raises(DomainError) as exc:
        log(cast, is_group=True, people=3, citizen_name="")
    assert {e.field for e in exc.value.errors} == {"people", "representatives"}
    visit = log(
        cast, is_group=True, people=12, citizen_name="", representatives="Ông Nguyễn Văn A\nBà Trần Thị B"
    )
    assert visit.people == 12 and visit.is_group


def test_guidance_needs_its_content_and_the_visit_day_cannot_be_in_the_future(cast):
    import datetime as dt

    with pytest.raises(DomainError) as exc:
        log(cast, guidance="", visited_on=local_today() + dt.timedelta(days=1))
    assert {e.field for e in exc.value.errors} == {"guidance", "visited_on"}


def test_an_editor_cannot_write_the_reception_log(cast):
    with pytest.raises(DomainError):
        log(cast, actor=cast.lan)
    assert not ReceptionVisit.objects.exists()


def test_every_reception_action_reads_in_words(cast):
    from danvan.audit.models import AuditEvent
    from danvan.audit.trail import registered_actions

    log(cast)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert actions <= set(registered_actions())
