"""Officers' cases API: /api/v1/cases/… (signed-in officers; session cookie + CSRF, ninja's `django_auth`).

- `GET /` — the inbox, scoped exactly like the officers' screen (`selectors.officer_inbox`, `cases.view` on the
  user's subtrees); filters `kind`, `status` (a status or `open`), `overdue`, `unit` (code), `q`;
  `limit`/`offset`; returns `count` and `items`.
- `GET /{id}` — one case through the access gate (`access_case_by_id`); missing and forbidden are both 404.
- `POST /{id}/accept|decline|transfer|resolve|close` — the workflow, through the services; the gate asks for
  the permission the step needs (`cases.handle` for intake, `cases.resolve` for resolving and closing), so a
  case the officer may not act on is 404 like on the screens; a refused business rule is 400 `{"detail": …}`.

No schema here has an identity field (submitter name, phone, e-mail, address, protected identity, contact
digest): there is deliberately no endpoint that returns a denouncer's identity — it is shown only on the
case screen to the handler and the unit's leader, and every view of it is recorded.
"""

import datetime as dt

from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from danvan.access.policy import has_any_perm
from danvan.core.errors import DomainError, NotFoundOrForbidden
from danvan.core.formatting import local_today
from danvan.units.selectors import unit_by_code

from . import selectors, services
from .access import access_case_by_id
from .models import Case, CaseEvent, Kind, Outcome, Status

router = Router(tags=["cases"], auth=django_auth)

KIND_LABELS = dict(Kind.choices)
STATUS_LABELS = dict(Status.choices)
NOT_FOUND = "Không tìm thấy hồ sơ."


class Error(Schema):
    detail: str


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
        return KIND_LABELS.get(obj.kind, obj.kind)

    @staticmethod
    def resolve_status_label(obj):
        return STATUS_LABELS.get(obj.status, obj.status)

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
    closed_on: dt.date | None
    rating: int | None
    events: list[EventOut]

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
        return STATUS_LABELS.get(obj.status, obj.status)

    @staticmethod
    def resolve_unit_code(obj):
        return obj.unit.code

    @staticmethod
    def resolve_unit_name(obj):
        return obj.unit.name


class AcceptIn(Schema):
    accepted_on: dt.date | None = None
    is_complex: bool | None = None
    note: str = ""


class DeclineIn(Schema):
    reason: str


class TransferIn(Schema):
    to_unit: str
    reason: str = ""


class ResolveIn(Schema):
    answer: str
    outcome: Outcome | None = None
    resolved_on: dt.date | None = None
    publish: bool | None = None


class CloseIn(Schema):
    note: str = ""


def _gate(request, pk: int, perm: str = "cases.view") -> Case:
    try:
        return access_case_by_id(request.user, pk, perm=perm)
    except NotFoundOrForbidden:
        raise HttpError(404, NOT_FOUND)


def _run(call):
    try:
        return call()
    except NotFoundOrForbidden:
        raise HttpError(404, NOT_FOUND)
    except DomainError as exc:
        if exc.code == "forbidden":
            raise HttpError(404, NOT_FOUND)
        raise HttpError(400, exc.message)


def _detail(request, case: Case):
    # re-read through the gate: the services return the locked row without the related units loaded
    return access_case_by_id(request.user, case.pk)


@router.get("/", response={200: CasePage, 403: Error}, summary="Hộp hồ sơ của cán bộ (theo phạm vi đơn vị)")
def list_cases(
    request,
    kind: Kind | None = None,
    status: str | None = None,
    overdue: bool = False,
    unit: str | None = None,
    q: str | None = None,
    limit: int = 20,
    offset: int = 0,
):
    if not has_any_perm(request.user, "cases.view"):
        raise HttpError(403, "Bạn không có quyền xem hồ sơ phản ánh, kiến nghị, khiếu nại, tố cáo.")
    if status and status != "open" and status not in Status.values:
        raise HttpError(400, f"Trạng thái “{status}” không hợp lệ.")
    unit_obj = None
    if unit:
        unit_obj = unit_by_code(unit)
        if unit_obj is None:
            raise HttpError(400, f"Không có đơn vị mã {unit}.")
    qs = selectors.officer_inbox(
        request.user, unit=unit_obj, kind=kind or "", status=status or "", overdue=overdue, q=q or ""
    )
    limit = max(1, min(limit, 100))
    offset = max(0, offset)
    return {"count": qs.count(), "items": list(qs[offset : offset + limit])}


@router.get("/{int:case_id}", response={200: CaseOut, 404: Error}, summary="Một hồ sơ (không gồm danh tính)")
def get_case(request, case_id: int):
    case = _gate(request, case_id)
    return case


@router.post("/{int:case_id}/accept", response={200: CaseOut, 400: Error, 404: Error}, summary="Thụ lý")
def accept_case(request, case_id: int, payload: AcceptIn):
    case = _gate(request, case_id, "cases.handle")
    done = _run(lambda: services.case_accept(actor=request.user, case=case, **payload.dict()))
    return _detail(request, done)


@router.post(
    "/{int:case_id}/decline", response={200: CaseOut, 400: Error, 404: Error}, summary="Không thụ lý"
)
def decline_case(request, case_id: int, payload: DeclineIn):
    case = _gate(request, case_id, "cases.handle")
    done = _run(lambda: services.case_decline(actor=request.user, case=case, reason=payload.reason))
    return _detail(request, done)


@router.post(
    "/{int:case_id}/transfer",
    response={200: TransferOut, 400: Error, 404: Error},
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
    "/{int:case_id}/resolve", response={200: CaseOut, 400: Error, 404: Error}, summary="Giải quyết, trả lời"
)
def resolve_case(request, case_id: int, payload: ResolveIn):
    case = _gate(request, case_id, "cases.resolve")
    data = payload.dict()
    data["outcome"] = data["outcome"] or ""
    done = _run(lambda: services.case_resolve(actor=request.user, case=case, **data))
    return _detail(request, done)


@router.post("/{int:case_id}/close", response={200: CaseOut, 400: Error, 404: Error}, summary="Đóng hồ sơ")
def close_case(request, case_id: int, payload: CloseIn):
    case = _gate(request, case_id, "cases.resolve")
    done = _run(lambda: services.case_close(actor=request.user, case=case, note=payload.note))
    return _detail(request, done)
