"""Disclosures endpoints (/api/v1/disclosures/…): public reads of published disclosures; writes need a
signed-in officer (session + CSRF) and go through the access gate and the services."""

import datetime as dt

from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from danvan.access.policy import has_unit_perm
from danvan.api.schemas import ErrorOut, InputSchema, paging
from danvan.core.errors import NotFoundOrForbidden
from danvan.units.selectors import unit_by_code

from . import selectors, services
from .access import access_disclosure_by_id
from .models import DisclosureCategory

router = Router(tags=["disclosures"])

DisclosurePaging = paging(default_limit=20, max_limit=100)


class DisclosureOut(Schema):
    id: int
    title: str
    body: str
    unit_code: str
    unit_name: str
    category_number: int
    category_name: str
    decision_date: dt.date
    forms: list[str]
    posting_start: dt.date
    posting_end: dt.date | None
    loudspeaker_days: int | None
    status: str
    is_late: bool
    publish_due: dt.date | None
    url: str

    @staticmethod
    def resolve_unit_code(obj):
        return obj.unit.code

    @staticmethod
    def resolve_unit_name(obj):
        return obj.unit.name

    @staticmethod
    def resolve_category_number(obj):
        return obj.category.number

    @staticmethod
    def resolve_category_name(obj):
        return obj.category.name

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


class DisclosurePage(Schema):
    count: int
    items: list[DisclosureOut]


class DisclosureIn(InputSchema):
    unit_code: str
    category_number: int
    title: str
    body: str = ""
    decision_date: dt.date
    forms: list[str]
    posting_start: dt.date
    posting_end: dt.date | None = None
    loudspeaker_days: int | None = None


class DisclosurePatch(InputSchema):
    title: str | None = None
    body: str | None = None
    decision_date: dt.date | None = None
    forms: list[str] | None = None
    posting_start: dt.date | None = None
    posting_end: dt.date | None = None
    loudspeaker_days: int | None = None


def _category(number: int) -> DisclosureCategory:
    category = DisclosureCategory.objects.filter(number=number).first()
    if category is None:
        raise HttpError(400, f"Không có nội dung công khai số {number}.")
    return category


@router.get("/", response=DisclosurePage, summary="Nội dung đã công khai")
def list_disclosures(
    request,
    paging: Query[DisclosurePaging],
    unit: str | None = None,
    category: int | None = None,
    current: bool | None = None,
    q: str | None = None,
):
    unit_obj = None
    if unit:
        unit_obj = unit_by_code(unit)
        if unit_obj is None:
            raise HttpError(400, f"Không có đơn vị mã {unit}.")
    state = "" if current is None else (selectors.CURRENT if current else selectors.EXPIRED)
    return paging.page(selectors.public_list(unit=unit_obj, category=category, state=state, q=q or ""))


@router.get("/{int:pk}", response={200: DisclosureOut, 404: ErrorOut}, summary="Một nội dung đã công khai")
def get_disclosure(request, pk: int):
    d = selectors.public_detail(pk)
    if d is None:
        return Status(404, {"detail": "Không tìm thấy nội dung công khai."})
    return d


@router.post(
    "/", auth=django_auth, response={201: DisclosureOut, 400: ErrorOut, 404: ErrorOut}, summary="Tạo bản nháp"
)
def create_disclosure(request, payload: DisclosureIn):
    unit = unit_by_code(payload.unit_code)
    if unit is None or not has_unit_perm(request.user, "disclosures.edit", unit):
        return Status(404, {"detail": "Không tìm thấy đơn vị."})
    data = payload.dict()
    data.pop("unit_code")
    data["category"] = _category(data.pop("category_number"))
    return Status(201, services.disclosure_create(actor=request.user, unit=unit, **data))


@router.patch(
    "/{int:pk}", auth=django_auth, response={200: DisclosureOut, 400: ErrorOut, 404: ErrorOut}, summary="Sửa"
)
def update_disclosure(request, pk: int, payload: DisclosurePatch):
    try:
        d = access_disclosure_by_id(request.user, pk)
    except NotFoundOrForbidden:
        return Status(404, {"detail": "Không tìm thấy nội dung công khai."})
    fields = payload.dict(exclude_unset=True)
    return services.disclosure_update(actor=request.user, disclosure=d, **fields)


@router.post(
    "/{int:pk}/publish",
    auth=django_auth,
    response={200: DisclosureOut, 400: ErrorOut, 404: ErrorOut},
    summary="Công khai",
)
def publish_disclosure(request, pk: int):
    try:
        d = access_disclosure_by_id(request.user, pk)
    except NotFoundOrForbidden:
        return Status(404, {"detail": "Không tìm thấy nội dung công khai."})
    return services.disclosure_publish(actor=request.user, disclosure=d)
