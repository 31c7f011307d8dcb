"""Citizens and a dialogue conference: registrations, questions sent in advance, invitees and attendance.

- `registration_create` (a signed-in citizen account, an upcoming planned dialogue, once per account — a DB
  constraint), `question_send` (the same, a text of QUESTION_MIN…QUESTION_MAX characters, at most
  QUESTION_LIMIT per account in the window, `danvan.core.ratelimit`). Both wait for moderation.
- `registration_moderate` / `question_moderate`: officers with `reception.manage` on the dialogue's unit
  accept or reject (a reason is required to reject). An accepted registration makes its account an invited
  citizen (`DialogueParticipant`); an accepted question may become a free topic of the agenda in one step
  (`question_to_agenda`, through `services.agenda_add`; the question's text is what the citizens said).
- `participant_add` / `participant_remove`: invited citizens (an account, a resident or a household of the
  registry in the dialogue's subtree, a case's submitter — never a denunciation's, whose identity exists only
  encrypted — or a free name and role) and officials; `attendance_record`: who was present, on or after the
  dialogue's day.

The public page counts registrations and shows accepted questions' text only, never who asked.
"""

import datetime as dt

from django.db import IntegrityError, transaction

from danvan.core import ratelimit
from danvan.core.errors import DomainError
from danvan.core.formatting import local_today

from . import services
from .models import (
    Attendance,
    Dialogue,
    DialogueParticipant,
    DialogueQuestion,
    DialogueRegistration,
    DialogueStatus,
    ModerationStatus,
    ParticipantKind,
)
from .services import MANAGE_DIALOGUE, TEXT_MAX, _audit, _require, _text, _user

QUESTION_MIN, QUESTION_MAX = 10, 1000
QUESTION_LIMIT = (5, 3600)  # at most 5 questions an hour per account


def _citizen(actor):
    if not getattr(actor, "is_authenticated", False):
        raise DomainError("Vui lòng đăng nhập để đăng ký hoặc gửi câu hỏi.", code="forbidden")
    if getattr(actor, "kind", None) != "citizen":
        raise DomainError(
            "Chỉ tài khoản công dân mới đăng ký tham dự hoặc gửi câu hỏi được.", code="forbidden"
        )
    return actor


def is_upcoming(dialogue: Dialogue, today: dt.date | None = None) -> bool:
    return dialogue.status == DialogueStatus.PLANNED and dialogue.day >= (today or local_today())


def _expect_upcoming(dialogue: Dialogue, today: dt.date | None) -> None:
    if not is_upcoming(dialogue, today):
        raise DomainError(
            "Hội nghị đối thoại này không còn nhận đăng ký và câu hỏi.", code="status", field="dialogue"
        )


@transaction.atomic
def registration_create(*, actor, dialogue: Dialogue, today: dt.date | None = None) -> DialogueRegistration:
    """The citizen registers to attend `dialogue` (upcoming); once per account."""
    account = _citizen(actor)
    d = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    _expect_upcoming(d, today)
    if DialogueRegistration.objects.filter(dialogue=d, account=account).exists():
        raise DomainError("Bạn đã đăng ký tham dự hội nghị đối thoại này.", code="duplicate")
    try:
        with transaction.atomic():
            reg = DialogueRegistration.objects.create(dialogue=d, account=account)
    except IntegrityError:  # a double submit racing the check above
        raise DomainError("Bạn đã đăng ký tham dự hội nghị đối thoại này.", code="duplicate") from None
    _audit(actor, "dialogue.register", d, d.unit, {"registrations": [None, 1]})
    return reg


def _limit_key(account) -> str:
    return f"dialogue-question:{account.pk}"


@transaction.atomic
def question_send(*, actor, dialogue: Dialogue, text: str, today: dt.date | None = None) -> DialogueQuestion:
    """The citizen sends a question in advance to `dialogue` (upcoming); moderated before it shows."""
    account = _citizen(actor)
    d = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    _expect_upcoming(d, today)
    text = _text(text, field="text", label="câu hỏi", max_length=QUESTION_MAX, lines=True)
    if len(text) < QUESTION_MIN:
        raise DomainError(f"Câu hỏi cần ít nhất {QUESTION_MIN} ký tự.", field="text")
    ratelimit.consume(_limit_key(account), QUESTION_LIMIT, "câu hỏi")
    q = DialogueQuestion.objects.create(dialogue=d, account=account, text=text)
    _audit(actor, "dialogue.question_send", d, d.unit, {"questions": [None, 1]})
    return q


def _reason(accept: bool, reason: str) -> str:
    if accept:
        return ""
    return _text(reason, field="reason", label="lý do không chấp nhận", max_length=TEXT_MAX, lines=True)


def _expect_pending(row) -> None:
    if row.status != ModerationStatus.PENDING:
        raise DomainError(f"Đã duyệt trước đó ({row.get_status_display().lower()}).", code="status")


@transaction.atomic
def registration_moderate(
    *, actor, registration: DialogueRegistration, accept: bool, reason: str = ""
) -> DialogueRegistration:
    """Accept (the account becomes an invited citizen) or reject (with a reason) a registration."""
    d = registration.dialogue
    _require(actor, d.unit, MANAGE_DIALOGUE)
    reg = DialogueRegistration.objects.select_for_update().select_related("account").get(pk=registration.pk)
    _expect_pending(reg)
    if d.status == DialogueStatus.CANCELLED:
        raise DomainError("Hội nghị đối thoại đã huỷ.", code="status")
    reg.reject_reason = _reason(accept, reason)
    reg.status = ModerationStatus.ACCEPTED if accept else ModerationStatus.REJECTED
    reg.moderated_by = _user(actor)
    reg.save()
    if accept:
        DialogueParticipant.objects.get_or_create(
            dialogue=d,
            account=reg.account,
            defaults={
                "kind": ParticipantKind.CITIZEN,
                "name": reg.account.full_name or "Công dân đăng ký",
                "role": "Công dân đăng ký tham dự",
                "created_by": _user(actor),
            },
        )
    _audit(actor, "dialogue.registration_moderate", d, d.unit, {"status": [None, reg.status]})
    return reg


@transaction.atomic
def question_moderate(
    *, actor, question: DialogueQuestion, accept: bool, reason: str = ""
) -> DialogueQuestion:
    d = question.dialogue
    _require(actor, d.unit, MANAGE_DIALOGUE)
    q = DialogueQuestion.objects.select_for_update().get(pk=question.pk)
    _expect_pending(q)
    q.reject_reason = _reason(accept, reason)
    q.status = ModerationStatus.ACCEPTED if accept else ModerationStatus.REJECTED
    q.moderated_by = _user(actor)
    q.save()
    _audit(actor, "dialogue.question_moderate", d, d.unit, {"status": [None, q.status]})
    return q


@transaction.atomic
def question_to_agenda(*, actor, question: DialogueQuestion):
    """An accepted question becomes a free topic of the (planned) dialogue's agenda, its text what the
    citizens said."""
    q = (
        DialogueQuestion.objects.select_for_update()
        .select_related("dialogue", "dialogue__unit")
        .get(pk=question.pk)
    )
    _require(actor, q.dialogue.unit, MANAGE_DIALOGUE)
    if q.status != ModerationStatus.ACCEPTED:
        raise DomainError("Chỉ câu hỏi đã chấp nhận mới đưa vào nội dung đối thoại được.", code="status")
    if q.agenda_item_id:
        raise DomainError("Câu hỏi này đã có trong nội dung đối thoại.", code="duplicate")
    first = " ".join(q.text.split())
    topic = "Câu hỏi của công dân: " + first
    if len(topic) > 255:
        topic = topic[:254].rstrip() + "…"
    item = services.agenda_add(actor=actor, dialogue=q.dialogue, topic=topic)
    item.citizens_said = q.text
    item.save(update_fields=["citizens_said", "updated_at"])
    q.agenda_item = item
    q.save(update_fields=["agenda_item", "updated_at"])
    return item


# ---------------------------------------------------------------- invitees and attendance


def _in_subtree(unit, other) -> bool:
    return other is not None and other.path.startswith(unit.path)


@transaction.atomic
def participant_add(
    *,
    actor,
    dialogue: Dialogue,
    kind: str = ParticipantKind.CITIZEN,
    name: str = "",
    role: str = "",
    account=None,
    resident=None,
    household=None,
    case=None,
) -> DialogueParticipant:
    """Invite someone: a citizen account, a resident or a household of the registry (in the dialogue's
    subtree), a case's submitter (the case fetched through the cases gate; never a denunciation), or a free
    name and role; `kind` official for the officials present."""
    from danvan.access.gates import NotFoundOrForbidden
    from danvan.cases.access import access_case_by_id
    from danvan.cases.models import Kind

    d = Dialogue.objects.select_for_update().select_related("unit").get(pk=dialogue.pk)
    _require(actor, d.unit, MANAGE_DIALOGUE)
    if d.status == DialogueStatus.CANCELLED:
        raise DomainError("Hội nghị đối thoại đã huỷ.", code="status")
    if kind not in ParticipantKind.values:
        raise DomainError("Thành phần không hợp lệ.", field="kind")
    if sum(x is not None for x in (account, resident, household, case)) > 1:
        raise DomainError("Chỉ chọn một người được mời mỗi lần.", field="name")
    if case is not None:
        try:
            case = access_case_by_id(actor, case.pk)
        except NotFoundOrForbidden:
            raise DomainError("Không tìm thấy hồ sơ này trong phạm vi của bạn.", field="case") from None
        if case.kind == Kind.DENUNCIATION or not case.submitter_name:
            # a denouncer's identity exists only encrypted on the case and is never copied anywhere
            raise DomainError(
                "Không mời người gửi đơn tố cáo qua hồ sơ: danh tính người tố cáo được bảo vệ.", field="case"
            )
        name = name or case.submitter_name
        role = role or f"Người gửi đơn, hồ sơ {case.code}"
    if resident is not None:
        if not _in_subtree(d.unit, resident.household.hamlet):
            raise DomainError("Nhân khẩu không thuộc địa bàn của đơn vị tổ chức đối thoại.", field="resident")
        if d.participants.filter(resident=resident).exists():
            raise DomainError("Người này đã có trong thành phần mời.", field="resident")
        name = name or resident.full_name
    if household is not None:
        if not _in_subtree(d.unit, household.hamlet):
            raise DomainError(
                "Hộ gia đình không thuộc địa bàn của đơn vị tổ chức đối thoại.", field="household"
            )
        name = name or household.representative_name
        role = role or f"Đại diện hộ, {household.address}"[:255]
    if account is not None:
        if d.participants.filter(account=account).exists():
            raise DomainError("Tài khoản này đã có trong thành phần mời.", field="account")
        name = name or account.full_name
    name = _text(name, field="name", label="họ tên người được mời", max_length=160)
    role = _text(role, field="role", label="chức vụ, tư cách", required=False)
    p = DialogueParticipant.objects.create(
        dialogue=d,
        kind=kind,
        name=name,
        role=role,
        account=account,
        resident=resident,
        household=household,
        created_by=_user(actor),
    )
    _audit(
        actor,
        "dialogue.participant_add",
        d,
        d.unit,
        {"participant": [None, str(ParticipantKind(kind).label)]},
    )
    return p


@transaction.atomic
def participant_remove(*, actor, participant: DialogueParticipant) -> None:
    d = participant.dialogue
    _require(actor, d.unit, MANAGE_DIALOGUE)
    services._expect_planned(d)
    _audit(
        actor,
        "dialogue.participant_remove",
        d,
        d.unit,
        {"participant": [str(participant.get_kind_display()), None]},
    )
    participant.delete()


@transaction.atomic
def attendance_record(*, actor, dialogue: Dialogue, present: set[int], today: dt.date | None = None) -> int:
    """Who of the invitees was present (the others absent), on or after the dialogue's day. Returns the number
    present."""
    d = Dialogue.objects.select_for_update().select_related("unit").get(pk=dialogue.pk)
    _require(actor, d.unit, MANAGE_DIALOGUE)
    if d.status == DialogueStatus.CANCELLED:
        raise DomainError("Hội nghị đối thoại đã huỷ.", code="status")
    if d.day > (today or local_today()):
        raise DomainError("Chỉ ghi điểm danh từ ngày tổ chức đối thoại.", field="present")
    rows = d.participants.all()
    ids = set(rows.values_list("pk", flat=True))
    unknown = set(present) - ids
    if unknown:
        raise DomainError("Có người không thuộc thành phần mời của hội nghị.", field="present")
    rows.filter(pk__in=present).update(attendance=Attendance.PRESENT)
    rows.exclude(pk__in=present).update(attendance=Attendance.ABSENT)
    _audit(actor, "dialogue.attendance", d, d.unit, {"present": [None, len(present)]})
    return len(present)
