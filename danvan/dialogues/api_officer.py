"""Officers' reception API: /api/v1/reception/officer/… (signed-in officers; session cookie + CSRF).

- `GET /visits` — the reception log in the officer's scope (`reception.view`), newest first, paged;
  `unit` (a code) narrows it to a subtree. `POST /visits` — log a visit (`reception.manage` on `unit`), the
  same service as the entry screen (`services.visit_log`): a new case on the reception channel opens in the
  same transaction, `case_id` links an existing case the officer can see.
- `GET /dialogues` — dialogues in scope, paged; `GET /dialogues/{dialogue_id}` — one, with its agenda and its
  commitments; `POST /dialogues` — plan one (`reception.manage` on `unit`);
  `POST /agenda-items/{item_id}/answer` — record what the citizens said, the answer and the outcome.
- `GET /commitments` — the commitments board in scope (overdue first), paged, `active` for the open ones;
  `POST /commitments/{commitment_id}/status` — a progress note and the new status.

Like the cases API: an endpoint on one object answers 404 for one the officer may not see or act on, exactly
like a missing one (through the `access_*` gates; a service's `forbidden` refusal is mapped to 404 too); the
collection endpoints answer 403 to a signed-in user without the permission anywhere, and a write naming a
unit outside the officer's scope is 403 (unit codes are public). No answer carries a citizen's name, address
or phone: the log's entries say what the visit was about and its outcome; a denunciation's visit holds only
its case's redacted text anyway.
"""

import datetime as dt
from typing import Literal

from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from danvan.access.policy import has_any_perm, has_unit_perm
from danvan.api.schemas import ErrorOut, InputSchema, paging
from danvan.core.errors import DomainError, NotFoundOrForbidden
from danvan.units.selectors import unit_by_code

from . import selectors, services
from .access import access_agenda_item_by_id, access_commitment_by_id, access_dialogue_by_id
from .models import CommitmentStatus, RefusalGround, VisitOutcome

router = Router(tags=["reception-officer"], auth=django_auth)
ListPaging = paging(default_limit=20, max_limit=100)

VIEW_DENIED = "Bạn không có quyền xem sổ tiếp công dân, hội nghị đối thoại và cam kết."
MANAGE_DENIED = "Bạn không có quyền ghi sổ tiếp công dân, lập hội nghị đối thoại của đơn vị này."


# ---------------------------------------------------------------- schemas


class VisitOut(Schema):
    id: int
    unit_code: str
    unit_name: str
    visited_on: dt.date
    receiver_name: str
    is_group: bool
    people: int
    subject: str
    outcome: str
    outcome_label: str
    case_id: int | None
    case_code: str | None
    answer_due: dt.date | None
    guidance: str
    refusal_ground: str
    refusal_citation: str

    @staticmethod
    def resolve_unit_code(obj):
        return obj.unit.code

    @staticmethod
    def resolve_unit_name(obj):
        return obj.unit.name

    @staticmethod
    def resolve_outcome_label(obj):
        return str(obj.get_outcome_display())

    @staticmethod
    def resolve_case_code(obj):
        return obj.case.code if obj.case_id else None


class VisitPage(Schema):
    count: int
    items: list[VisitOut]


class VisitIn(InputSchema):
    unit: str = Field(..., max_length=32, description="Mã đơn vị ghi sổ.")
    visited_on: dt.date | None = None
    receiver_name: str = Field(..., max_length=160)
    subject: str = Field(..., max_length=4000)
    outcome: VisitOutcome
    citizen_name: str = Field("", max_length=128)
    citizen_address: str = Field("", max_length=255)
    phone: str = Field("", max_length=16)
    is_group: bool = False
    people: int = Field(1, ge=1, le=services.MAX_GROUP)
    representatives: str = Field("", max_length=4000)
    case_id: int | None = Field(None, ge=1, le=2**31 - 1, description="Hồ sơ đã có (lần tiếp lại).")
    case_kind: Literal["", "feedback", "petition", "complaint", "denunciation"] = ""
    case_title: str = Field("", max_length=300)
    decision_ref: str = Field("", max_length=255)
    act_known_on: dt.date | None = None
    guidance: str = Field("", max_length=4000)
    refusal_ground: Literal[tuple(["", *RefusalGround.values])] = ""  # type: ignore[valid-type]


class CommitmentOut(Schema):
    id: int
    unit_code: str
    dialogue_id: int | None
    visit_id: int | None
    content: str
    owner_unit: str
    owner_person: str
    due: dt.date
    status: str
    status_label: str
    overdue: bool
    evidence: str
    drop_reason: str
    closed_on: dt.date | None

    @staticmethod
    def resolve_unit_code(obj):
        return obj.unit.code

    @staticmethod
    def resolve_status_label(obj):
        return str(obj.get_status_display())

    @staticmethod
    def resolve_overdue(obj):
        return obj.is_overdue()


class CommitmentPage(Schema):
    count: int
    items: list[CommitmentOut]


class CommitmentStatusIn(InputSchema):
    status: CommitmentStatus
    note: str = Field("", max_length=4000)
    evidence: str = Field("", max_length=4000)
    reason: str = Field("", max_length=4000)


class AgendaItemOut(Schema):
    id: int
    order: int
    topic: str
    case_id: int | None
    case_code: str | None
    citizens_said: str
    answer: str
    outcome: str

    @staticmethod
    def resolve_case_code(obj):
        return obj.case.code if obj.case_id else None


class AnswerIn(InputSchema):
    citizens_said: str = Field(..., max_length=4000)
    answer: str = Field(..., max_length=4000)
    outcome: str = Field("", max_length=4000)


class DialogueOut(Schema):
    id: int
    unit_code: str
    unit_name: str
    topic: str
    host_name: str
    host_role: str
    day: dt.date
    start_time: str = Field(..., description="Giờ bắt đầu, HH:MM (giờ Việt Nam).")
    place: str
    status: str
    status_label: str
    held_on: dt.date | None
    summary: str

    @staticmethod
    def resolve_unit_code(obj):
        return obj.unit.code

    @staticmethod
    def resolve_unit_name(obj):
        return obj.unit.name

    @staticmethod
    def resolve_status_label(obj):
        return str(obj.get_status_display())

    @staticmethod
    def resolve_start_time(obj):
        return obj.start_time.strftime("%H:%M")


class DialogueDetailOut(DialogueOut):
    co_organisers: str
    invitees: str
    attendance: str
    items: list[AgendaItemOut]
    commitments: list[CommitmentOut]

    @staticmethod
    def resolve_items(obj):
        return list(obj.items.select_related("case").order_by("order", "pk"))

    @staticmethod
    def resolve_commitments(obj):
        return list(obj.commitments.select_related("unit").order_by("due", "pk"))


class DialoguePage(Schema):
    count: int
    items: list[DialogueOut]


class DialogueIn(InputSchema):
    unit: str = Field(..., max_length=32, description="Mã đơn vị tổ chức.")
    topic: str = Field(..., max_length=255)
    host_name: str = Field(..., max_length=160)
    host_role: str = Field(..., max_length=160)
    co_organisers: str = Field("", max_length=4000)
    invitees: str = Field("", max_length=4000)
    day: dt.date
    start_time: dt.time | None = None
    place: str = Field(..., max_length=255)


# ---------------------------------------------------------------- helpers


def _may_view(request) -> None:
    if not has_any_perm(request.user, "reception.view"):
        raise HttpError(403, VIEW_DENIED)


def _may_manage(request):
    """403 unless the officer may write the reception log and dialogues somewhere (the unit is judged after)."""
    if not has_any_perm(request.user, "reception.manage"):
        raise HttpError(403, MANAGE_DENIED)


def _unit_filter(code: str | None):
    if not code:
        return None
    unit = unit_by_code(code.strip())
    if unit is None:
        raise HttpError(400, f"Không có đơn vị mã {code.strip()[:32]}.")
    return unit


def _unit_to_manage(request, code: str):
    unit = unit_by_code(code.strip())
    if unit is None:
        raise HttpError(400, f"Không có đơn vị mã {code.strip()[:32]}.")
    if not has_unit_perm(request.user, "reception.manage", unit):
        raise HttpError(403, MANAGE_DENIED)
    return unit


def _run(call, forbidden: int = 404):
    """A service's refusal for lack of permission is a 404 on one object (ids reveal nothing), else 403."""
    try:
        return call()
    except DomainError as exc:
        if exc.code != "forbidden":
            raise
        if forbidden == 404:
            raise NotFoundOrForbidden(exc.message) from exc
        raise HttpError(forbidden, exc.message) from exc


# ---------------------------------------------------------------- reception log


@router.get(
    "/visits",
    response={200: VisitPage, 400: ErrorOut, 403: ErrorOut},
    summary="Sổ tiếp công dân (theo phạm vi đơn vị)",
)
def list_visits(request, paging: Query[ListPaging], unit: str | None = None):
    _may_view(request)
    return paging.page(selectors.officer_visits(request.user, _unit_filter(unit)))


@router.post(
    "/visits",
    response={201: VisitOut, 400: ErrorOut, 403: ErrorOut},
    summary="Ghi sổ tiếp công dân (mở hồ sơ mới, gắn hồ sơ đã có, hướng dẫn hoặc từ chối)",
)
def create_visit(request, payload: VisitIn):
    from danvan.cases.access import access_case_by_id

    _may_manage(request)
    unit = _unit_to_manage(request, payload.unit)
    data = payload.dict(exclude={"unit", "case_id"})
    case = None
    if payload.case_id:
        try:
            case = access_case_by_id(request.user, payload.case_id)
        except NotFoundOrForbidden:
            raise HttpError(400, "Không tìm thấy hồ sơ này trong phạm vi của bạn.") from None
    data["outcome"] = str(payload.outcome.value)
    visit = _run(lambda: services.visit_log(actor=request.user, unit=unit, case=case, **data), forbidden=403)
    return Status(201, selectors.officer_visits(request.user, None).get(pk=visit.pk))


# ---------------------------------------------------------------- dialogues


@router.get(
    "/dialogues",
    response={200: DialoguePage, 400: ErrorOut, 403: ErrorOut},
    summary="Hội nghị đối thoại (theo phạm vi đơn vị)",
)
def list_dialogues(request, paging: Query[ListPaging], unit: str | None = None):
    _may_view(request)
    return paging.page(selectors.officer_dialogues(request.user, _unit_filter(unit)))


@router.post(
    "/dialogues",
    response={201: DialogueDetailOut, 400: ErrorOut, 403: ErrorOut},
    summary="Lên kế hoạch hội nghị đối thoại",
)
def create_dialogue(request, payload: DialogueIn):
    _may_manage(request)
    unit = _unit_to_manage(request, payload.unit)
    data = payload.dict(exclude={"unit"})
    d = _run(lambda: services.dialogue_create(actor=request.user, unit=unit, **data), forbidden=403)
    return Status(201, access_dialogue_by_id(request.user, d.pk))


@router.get(
    "/dialogues/{int:dialogue_id}",
    response={200: DialogueDetailOut, 404: ErrorOut},
    summary="Một hội nghị đối thoại: nội dung, trả lời, cam kết",
)
def get_dialogue(request, dialogue_id: int):
    return access_dialogue_by_id(request.user, dialogue_id)


@router.post(
    "/agenda-items/{int:item_id}/answer",
    response={200: AgendaItemOut, 400: ErrorOut, 404: ErrorOut},
    summary="Ghi ý kiến của công dân, nội dung trả lời và kết quả của một nội dung đối thoại",
)
def answer_item(request, item_id: int, payload: AnswerIn):
    item = access_agenda_item_by_id(request.user, item_id, "reception.manage")
    _run(lambda: services.agenda_answer(actor=request.user, item=item, **payload.dict()))
    return access_agenda_item_by_id(request.user, item_id)


# ---------------------------------------------------------------- commitments


@router.get(
    "/commitments",
    response={200: CommitmentPage, 400: ErrorOut, 403: ErrorOut},
    summary="Bảng theo dõi cam kết (quá hạn trước)",
)
def list_commitments(request, paging: Query[ListPaging], unit: str | None = None, active: bool = False):
    _may_view(request)
    return paging.page(selectors.commitment_board(request.user, _unit_filter(unit), active_only=active))


@router.post(
    "/commitments/{int:commitment_id}/status",
    response={200: CommitmentOut, 400: ErrorOut, 404: ErrorOut},
    summary="Cập nhật tiến độ, trạng thái cam kết",
)
def update_commitment(request, commitment_id: int, payload: CommitmentStatusIn):
    c = access_commitment_by_id(request.user, commitment_id, "reception.manage")
    data = payload.dict()
    data["status"] = str(payload.status.value)
    _run(lambda: services.commitment_update(actor=request.user, commitment=c, **data))
    return access_commitment_by_id(request.user, commitment_id)
