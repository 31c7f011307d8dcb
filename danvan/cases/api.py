"""Officers' cases API: /api/v1/cases/… (signed-in officers; session cookie + CSRF, ninja's `django_auth`).

- `GET /` — the inbox, scoped exactly like the officers' screen (`selectors.officer_inbox`, `cases.view` on the
  user's subtrees); filters `kind`, `status` (a status or `open`), `overdue`, `unit` (code), `q`;
  `limit`/`offset`; returns `count` and `items`.
- `POST /` — an officer enters a case received at a reception session, by letter, by phone or from another
  body (`services.case_submit` with the officer as actor); `unit`, `hamlet` and `field` are codes. An
  `Idempotency-Key` header (or `idempotency_key` in the body) makes a retry return the same case: 201 when
  created, 200 when the key was already used. Keys are namespaced per officer, so one officer's key never
  returns another officer's case.
- `GET /{id}` — one case through the access gate (`access_case_by_id`); missing and forbidden are both 404.
- `GET /{id}/events` — the timeline: action, statuses, public and internal notes, time and the officer's name.
- `POST /{id}/accept|decline|transfer|assign|verify|dialogue|merge` (`cases.handle`) and
  `POST /{id}/resolve|extend|close|reopen` (`cases.resolve`) — the workflow, through the services; the gate
  asks for the permission the step needs, so a case the officer may not act on is 404 like on the screens;
  a refused business rule is 400 `{"detail": …}`.
- `POST /{id}/appeal` — a second-instance complaint received by the officer against this first-instance
  decision (`services.case_appeal`); the new case lies at the parent unit, possibly outside the officer's
  scope, so the answer is a short receipt (like `transfer`), 201 (200 for a repeated idempotency key).

403 or 404: an endpoint on one case (`/{id}/…`) answers 404 for a case the officer may not see or act on,
exactly like a missing one (the gate, and `_run` maps a service's `forbidden` refusal to 404 too), so ids
reveal nothing. The collection endpoints name no case: `GET /` and `POST /` answer 403 to a signed-in user
without the permission anywhere (a citizen, an editor), and `POST /` answers 403 too for a unit outside the
officer's scope — unit codes are public (`/api/v1/units`), there is nothing to hide, and the service's own
refusal ("Bạn không có quyền tiếp nhận hồ sơ cho đơn vị này.") is mapped to the same 403.

No schema here has an identity field (submitter name, phone, e-mail, address, protected identity, contact
digest): there is deliberately no endpoint that returns a denouncer's identity — it is shown only on the
case screen to the handler and the unit's leader, and every view of it is recorded. `POST /` takes the
submitter's data as input only; nothing in any answer echoes it.
"""

import datetime as dt
import hashlib

from django.contrib.auth import get_user_model
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from danvan.access.policy import has_any_perm, has_unit_perm, scope
from danvan.api.schemas import ErrorOut, InputSchema, paging
from danvan.core.errors import DomainError, NotFoundOrForbidden
from danvan.core.formatting import local_today
from danvan.units.models import ADMIN_LEVEL
from danvan.units.selectors import unit_by_code

from . import selectors, services
from .access import access_case_by_id
from .models import Case, CaseEvent, Channel, Complexity, Field, Kind, Outcome
from .models import Status as CaseStatus

router = Router(tags=["cases"], auth=django_auth)

KIND_LABELS = dict(Kind.choices)
STATUS_LABELS = dict(CaseStatus.choices)
CasePaging = paging(default_limit=20, max_limit=100)


class CaseListItem(Schema):
    id: int
    code: str
    kind: str
    kind_label: str
    title: str
    status: str
    status_label: str
    received_on: dt.date
    accept_due: dt.date | None
    resolve_due: dt.date | None
    current_due: dt.date | None
    overdue: bool
    unit_id: int
    unit_name: str
    field_name: str | None
    handler_id: int | None
    extensions: int

    @staticmethod
    def resolve_id(obj):
        return obj.pk

    @staticmethod
    def resolve_kind_label(obj):
        return str(KIND_LABELS.get(obj.kind, obj.kind))

    @staticmethod
    def resolve_status_label(obj):
        return str(STATUS_LABELS.get(obj.status, obj.status))

    @staticmethod
    def resolve_overdue(obj):
        due = obj.current_due
        return bool(due and due < local_today())

    @staticmethod
    def resolve_unit_name(obj):
        return obj.unit.name

    @staticmethod
    def resolve_field_name(obj):
        return obj.field.name if obj.field_id else None


class CasePage(Schema):
    count: int
    items: list[CaseListItem]


class EventOut(Schema):
    at: dt.datetime
    action: str
    from_status: str
    to_status: str
    public_note: str
    internal_note: str


class CaseDialogueOut(Schema):
    held_on: dt.date
    place: str
    participants: str
    note: str
    has_minutes: bool

    @staticmethod
    def resolve_has_minutes(obj):
        return bool(obj.minutes)


class CaseOut(CaseListItem):
    channel: str
    content: str
    place_address: str
    field_code: str | None
    commune_name: str | None
    hamlet_name: str | None
    is_anonymous: bool
    consent_publish: bool
    public_interest: bool
    decision_ref: str
    act_known_on: dt.date | None
    instance: int
    is_complex: bool
    is_remote: bool
    multi_site: bool
    accepted_on: dt.date | None
    accept_late: bool
    accept_citation: str
    resolve_citation: str
    complexity: str
    transferred_from_name: str | None
    transfer_late: bool
    merged_into_code: str | None
    outcome: str
    answer: str
    decline_reason: str
    resolved_on: dt.date | None
    resolution_document: str
    resolution_number: str
    resolution_date: dt.date | None
    resolution_signer: str
    has_resolution_file: bool
    transferred_on: dt.date | None
    closed_on: dt.date | None
    rating: int | None
    events: list[EventOut]
    dialogues: list[CaseDialogueOut]

    @staticmethod
    def resolve_field_code(obj):
        return obj.field.code if obj.field_id else None

    @staticmethod
    def resolve_commune_name(obj):
        return obj.commune.name if obj.commune_id else None

    @staticmethod
    def resolve_hamlet_name(obj):
        return obj.hamlet.name if obj.hamlet_id else None

    @staticmethod
    def resolve_transferred_from_name(obj):
        return obj.transferred_from.name if obj.transferred_from_id else None

    @staticmethod
    def resolve_merged_into_code(obj):
        return obj.merged_into.code if obj.merged_into_id else None

    @staticmethod
    def resolve_events(obj):
        return list(CaseEvent.objects.filter(case_id=obj.pk))

    @staticmethod
    def resolve_resolution_document(obj):
        return obj.resolution_document_label

    @staticmethod
    def resolve_has_resolution_file(obj):
        return bool(obj.resolution_file)

    @staticmethod
    def resolve_dialogues(obj):
        return list(obj.dialogues.all())


class TransferOut(Schema):
    id: int
    code: str
    status: str
    status_label: str
    unit_code: str
    unit_name: str

    @staticmethod
    def resolve_id(obj):
        return obj.pk

    @staticmethod
    def resolve_status_label(obj):
        return str(STATUS_LABELS.get(obj.status, obj.status))

    @staticmethod
    def resolve_unit_code(obj):
        return obj.unit.code

    @staticmethod
    def resolve_unit_name(obj):
        return obj.unit.name


class AcceptIn(InputSchema):
    accepted_on: dt.date | None = None
    is_complex: bool | None = None
    note: str = ""


class DeclineIn(InputSchema):
    reason: str


class TransferIn(InputSchema):
    to_unit: str
    reason: str = ""


class ResolveIn(InputSchema):
    answer: str
    outcome: Outcome | None = None
    resolved_on: dt.date | None = None
    publish: bool | None = None
    # the document that carries the resolution (its file is attached from the case page)
    document_number: str = ""
    document_date: dt.date | None = None
    document_signer: str = ""


class CloseIn(InputSchema):
    note: str = ""


class EntryIn(InputSchema):
    """A case an officer received at a reception session, by letter, by phone or from another body."""

    kind: Kind
    channel: Channel = Channel.RECEPTION
    title: str
    content: str
    unit: str  # code of the commune (or higher administrative unit) that receives the case
    hamlet: str | None = None  # code of a hamlet of `unit`
    field: str | None = None  # `Field.code`
    place_address: str = ""
    name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    decision_ref: str = ""
    act_known_on: dt.date | None = None
    multi_site: bool = False
    consent_publish: bool = False
    public_interest: bool = False
    received_on: dt.date | None = None
    idempotency_key: str | None = None


class AssignIn(InputSchema):
    handler: int  # user id of an officer holding `cases.handle` on the case's unit


class NoteIn(InputSchema):
    note: str = ""


class CaseDialogueIn(InputSchema):
    note: str
    held_on: dt.date | None = None  # the day it was held (today when left out)
    participants: str = ""
    place: str = ""


class ExtendIn(InputSchema):
    reason: str
    complexity: Complexity = Complexity.COMPLEX


class ReasonIn(InputSchema):
    reason: str


class MergeIn(InputSchema):
    primary: str  # code of the case this one is merged into
    note: str = ""


class AppealIn(InputSchema):
    content: str
    title: str = ""
    channel: Channel = Channel.RECEPTION
    received_on: dt.date | None = None
    idempotency_key: str | None = None


class AppealOut(TransferOut):
    """The receipt of a second-instance complaint: the new case lies at the parent unit."""

    first_instance_id: int
    first_instance_code: str
    received_on: dt.date
    accept_due: dt.date | None

    @staticmethod
    def resolve_first_instance_code(obj):
        return obj.first_instance.code


class TimelineEventOut(EventOut):
    actor_name: str | None

    @staticmethod
    def resolve_actor_name(obj):
        # only officers are named: a citizen's account (possibly a denouncer's) never appears here
        actor = obj.actor
        if actor is None or getattr(actor, "kind", "") != get_user_model().Kind.OFFICER:
            return None
        return actor.display_name


def _gate(request, pk: int, perm: str = "cases.view") -> Case:
    """The case through its access gate; a refusal is the API's global 404 (danvan/api/main.py)."""
    return access_case_by_id(request.user, pk, perm=perm)


def _run(call, forbidden: int = 404):
    """Call a service. Other refusals go to the global handlers (400 with the service's message); a refusal
    for lack of permission on the case's unit is a 404 here, so ids reveal nothing — or `forbidden` (403)
    where no case is named (entry)."""
    try:
        return call()
    except DomainError as exc:
        if exc.code != "forbidden":
            raise
        if forbidden == 404:
            raise NotFoundOrForbidden(exc.message) from exc
        raise HttpError(forbidden, exc.message) from exc


def _detail(request, case: Case):
    # re-read through the gate: the services return the locked row without the related units loaded
    return _gate(request, case.pk)


def _idempotency_key(request, explicit: str | None, purpose: str) -> str | None:
    """The stored key for the client's `Idempotency-Key` header (or body field), namespaced by the officer
    and the endpoint: the same officer retrying gets the same case, nobody else's key ever matches."""
    explicit = (request.headers.get("Idempotency-Key") or explicit or "").strip()
    if not explicit:
        return None
    raw = f"{request.user.pk}|{purpose}|{explicit}"
    return "api-" + hashlib.sha256(raw.encode()).hexdigest()[:60]


def _already_used(key: str | None) -> bool:
    return bool(key) and Case.objects.filter(idempotency_key=key).exists()


def _may_handle(user, unit) -> bool:
    """The same rule as the screen's handler picker (`selectors.case_handlers`)."""
    return bool(selectors.case_handlers(unit, user=user))


@router.get(
    "/", response={200: CasePage, 403: ErrorOut}, summary="Hộp hồ sơ của cán bộ (theo phạm vi đơn vị)"
)
def list_cases(
    request,
    paging: Query[CasePaging],
    kind: Kind | None = None,
    status: str | None = None,
    overdue: bool = False,
    unit: str | None = None,
    q: str | None = None,
):
    if not has_any_perm(request.user, "cases.view"):
        raise HttpError(403, "Bạn không có quyền xem hồ sơ phản ánh, kiến nghị, khiếu nại, tố cáo.")
    if status and status != "open" and status not in CaseStatus.values:
        raise HttpError(400, f"Trạng thái “{status}” không hợp lệ.")
    unit_obj = None
    if unit:
        unit_obj = unit_by_code(unit)
        if unit_obj is None:
            raise HttpError(400, f"Không có đơn vị mã {unit}.")
    qs = selectors.officer_inbox(
        request.user, unit=unit_obj, kind=kind or "", status=status or "", overdue=overdue, q=q or ""
    )
    return paging.page(qs)


@router.post(
    "/",
    response={200: CaseOut, 201: CaseOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Cán bộ tiếp nhận hồ sơ (tiếp công dân, thư, điện thoại, cơ quan khác chuyển đến)",
)
def enter_case(request, payload: EntryIn):
    """201 with the new case; 200 with the existing one when the `Idempotency-Key` was already used."""
    if not has_any_perm(request.user, "cases.handle"):
        raise HttpError(403, "Bạn không có quyền tiếp nhận hồ sơ phản ánh, kiến nghị, khiếu nại, tố cáo.")
    unit = unit_by_code(payload.unit.strip())
    if unit is None or not unit.is_valid_on(local_today()):
        raise HttpError(400, f"Không có đơn vị mã {payload.unit}.")
    if not has_unit_perm(request.user, "cases.handle", unit):
        raise HttpError(403, "Bạn không có quyền tiếp nhận hồ sơ cho đơn vị này.")
    if unit.kind not in ADMIN_LEVEL or unit.is_community:
        raise HttpError(
            400, "Đơn vị tiếp nhận phải là xã, phường hoặc cấp trên; ấp, khu phố ghi ở trường hamlet."
        )
    hamlet = None
    if payload.hamlet:
        hamlet = unit_by_code(payload.hamlet.strip())
        if hamlet is None or not hamlet.is_community or not hamlet.is_valid_on(local_today()):
            raise HttpError(400, f"Không có ấp, khu phố mã {payload.hamlet}.")
    field = None
    if payload.field:
        field = Field.objects.filter(code=payload.field.strip(), active=True).first()
        if field is None:
            raise HttpError(400, f"Không có lĩnh vực mã {payload.field}.")
    data = payload.dict(exclude={"unit", "hamlet", "field", "idempotency_key"})
    data.update(kind=str(payload.kind.value), channel=str(payload.channel.value))
    key = _idempotency_key(request, payload.idempotency_key, "entry")
    replay = _already_used(key)
    case = _run(
        lambda: services.case_submit(
            actor=request.user, unit=unit, hamlet=hamlet, field=field, idempotency_key=key, **data
        ),
        forbidden=403,
    )
    return Status(200 if replay else 201, _detail(request, case))


@router.get(
    "/{int:case_id}", response={200: CaseOut, 404: ErrorOut}, summary="Một hồ sơ (không gồm danh tính)"
)
def get_case(request, case_id: int):
    case = _gate(request, case_id)
    return case


@router.get(
    "/{int:case_id}/events",
    response={200: list[TimelineEventOut], 404: ErrorOut},
    summary="Diễn biến xử lý hồ sơ (không gồm danh tính)",
)
def case_events(request, case_id: int):
    case = _gate(request, case_id)
    return selectors.timeline(case)


@router.post("/{int:case_id}/accept", response={200: CaseOut, 400: ErrorOut, 404: ErrorOut}, summary="Thụ lý")
def accept_case(request, case_id: int, payload: AcceptIn):
    case = _gate(request, case_id, "cases.handle")
    done = _run(lambda: services.case_accept(actor=request.user, case=case, **payload.dict()))
    return _detail(request, done)


@router.post(
    "/{int:case_id}/decline", response={200: CaseOut, 400: ErrorOut, 404: ErrorOut}, summary="Không thụ lý"
)
def decline_case(request, case_id: int, payload: DeclineIn):
    case = _gate(request, case_id, "cases.handle")
    done = _run(lambda: services.case_decline(actor=request.user, case=case, reason=payload.reason))
    return _detail(request, done)


@router.post(
    "/{int:case_id}/transfer",
    response={200: TransferOut, 400: ErrorOut, 404: ErrorOut},
    summary="Chuyển đơn đến đơn vị có thẩm quyền",
)
def transfer_case(request, case_id: int, payload: TransferIn):
    """Answers with a short receipt: after the transfer the case may lie outside the officer's scope."""
    case = _gate(request, case_id, "cases.handle")
    to_unit = unit_by_code(payload.to_unit)
    if to_unit is None:
        raise HttpError(400, f"Không có đơn vị mã {payload.to_unit}.")
    return _run(
        lambda: services.case_transfer(actor=request.user, case=case, to_unit=to_unit, reason=payload.reason)
    )


@router.post(
    "/{int:case_id}/resolve",
    response={200: CaseOut, 400: ErrorOut, 404: ErrorOut},
    summary="Giải quyết, trả lời",
)
def resolve_case(request, case_id: int, payload: ResolveIn):
    case = _gate(request, case_id, "cases.resolve")
    data = payload.dict()
    data["outcome"] = data["outcome"] or ""
    done = _run(lambda: services.case_resolve(actor=request.user, case=case, **data))
    return _detail(request, done)


@router.post(
    "/{int:case_id}/close", response={200: CaseOut, 400: ErrorOut, 404: ErrorOut}, summary="Đóng hồ sơ"
)
def close_case(request, case_id: int, payload: CloseIn):
    case = _gate(request, case_id, "cases.resolve")
    done = _run(lambda: services.case_close(actor=request.user, case=case, note=payload.note))
    return _detail(request, done)


@router.post(
    "/{int:case_id}/assign",
    response={200: CaseOut, 400: ErrorOut, 404: ErrorOut},
    summary="Phân công cán bộ xử lý",
)
def assign_case(request, case_id: int, payload: AssignIn):
    case = _gate(request, case_id, "cases.handle")
    handler = get_user_model().objects.filter(pk=payload.handler).first()
    if handler is None or not _may_handle(handler, case.unit):
        raise HttpError(400, "Người được phân công phải là cán bộ xử lý đơn thư của đơn vị.")
    done = _run(lambda: services.case_assign(actor=request.user, case=case, handler=handler))
    return _detail(request, done)


@router.post(
    "/{int:case_id}/verify",
    response={200: CaseOut, 400: ErrorOut, 404: ErrorOut},
    summary="Chuyển sang xác minh",
)
def verify_case(request, case_id: int, payload: NoteIn):
    case = _gate(request, case_id, "cases.handle")
    done = _run(lambda: services.case_start_verification(actor=request.user, case=case, note=payload.note))
    return _detail(request, done)


@router.post(
    "/{int:case_id}/dialogue",
    response={200: CaseOut, 400: ErrorOut, 404: ErrorOut},
    summary="Ghi nhận buổi đối thoại",
)
def dialogue_case(request, case_id: int, payload: CaseDialogueIn):
    case = _gate(request, case_id, "cases.handle")
    done = _run(
        lambda: services.case_hold_dialogue(
            actor=request.user,
            case=case,
            note=payload.note,
            held_on=payload.held_on,
            participants=payload.participants,
            place=payload.place,
        )
    )
    return _detail(request, done)


@router.post(
    "/{int:case_id}/extend",
    response={200: CaseOut, 400: ErrorOut, 404: ErrorOut},
    summary="Gia hạn giải quyết tố cáo",
)
def extend_case(request, case_id: int, payload: ExtendIn):
    case = _gate(request, case_id, "cases.resolve")
    done = _run(
        lambda: services.case_extend(
            actor=request.user, case=case, reason=payload.reason, complexity=str(payload.complexity.value)
        )
    )
    return _detail(request, done)


@router.post(
    "/{int:case_id}/reopen", response={200: CaseOut, 400: ErrorOut, 404: ErrorOut}, summary="Mở lại hồ sơ"
)
def reopen_case(request, case_id: int, payload: ReasonIn):
    case = _gate(request, case_id, "cases.resolve")
    done = _run(lambda: services.case_reopen(actor=request.user, case=case, reason=payload.reason))
    return _detail(request, done)


@router.post(
    "/{int:case_id}/merge",
    response={200: CaseOut, 400: ErrorOut, 404: ErrorOut},
    summary="Gộp hồ sơ trùng vào hồ sơ chính",
)
def merge_case(request, case_id: int, payload: MergeIn):
    """The primary case is looked up by code among the cases the officer may handle (`cases.handle`)."""
    case = _gate(request, case_id, "cases.handle")
    primary = scope(
        Case.objects.filter(code=payload.primary.strip().upper()), request.user, "cases.handle"
    ).first()
    if primary is None:
        raise HttpError(400, "Không tìm thấy hồ sơ chính với mã này.")
    done = _run(
        lambda: services.case_merge(actor=request.user, duplicate=case, primary=primary, note=payload.note)
    )
    return _detail(request, done)


@router.post(
    "/{int:case_id}/appeal",
    response={200: AppealOut, 201: AppealOut, 400: ErrorOut, 404: ErrorOut},
    summary="Tiếp nhận khiếu nại lần hai (hồ sơ mới ở đơn vị cấp trên)",
)
def appeal_case(request, case_id: int, payload: AppealIn):
    """Answers with a short receipt of the NEW case: it lies at the parent unit, possibly outside the
    officer's scope. 201 when created, 200 when the `Idempotency-Key` was already used."""
    case = _gate(request, case_id, "cases.handle")
    key = _idempotency_key(request, payload.idempotency_key, f"appeal|{case.pk}")
    replay = _already_used(key)
    if not replay:
        earlier = case.appeals.only("code").first()
        if earlier is not None:
            raise HttpError(400, f"Hồ sơ này đã có khiếu nại lần hai (hồ sơ {earlier.code}).")
    appeal = _run(
        lambda: services.case_appeal(
            actor=request.user,
            first_instance=case,
            content=payload.content,
            title=payload.title,
            channel=str(payload.channel.value),
            received_on=payload.received_on,
            idempotency_key=key,
        )
    )
    appeal = Case.objects.select_related("unit", "first_instance").get(pk=appeal.pk)
    return Status(200 if replay else 201, appeal)
