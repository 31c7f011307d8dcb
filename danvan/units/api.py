"""Public read endpoints for the unit tree: /api/v1/units/…"""

import datetime as dt

from django.db.models import Q
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from danvan.api.schemas import paging
from danvan.core.formatting import local_today
from danvan.core.text import normalize

from . import selectors, services
from .models import Unit, UnitKind

router = Router(tags=["units"])

UnitPaging = paging(default_limit=100, max_limit=500)


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    kind_label: str
    parent_code: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None

    @staticmethod
    def resolve_kind_label(obj):
        return obj.get_kind_display()

    @staticmethod
    def resolve_parent_code(obj):
        return obj.parent.code if obj.parent_id else None


class UnitPage(Schema):
    count: int
    items: list[UnitOut]


class MappedOut(Schema):
    unit: UnitOut
    share: float
    partial: bool


def _date(raw: str | None) -> dt.date:
    if not raw:
        return local_today()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise HttpError(400, "Ngày không hợp lệ: dùng định dạng YYYY-MM-DD, ví dụ 2020-07-01.")


@router.get("/", response=UnitPage, summary="Danh sách đơn vị có hiệu lực vào một ngày")
def list_units(
    request,
    paging: Query[UnitPaging],
    date: str | None = None,
    kind: str | None = None,
    parent: str | None = None,
    q: str | None = None,
):
    day = _date(date)
    qs = Unit.objects.valid_on(day).select_related("parent").natural()
    if kind:
        if kind not in UnitKind.values:
            raise HttpError(400, f"Loại đơn vị không hợp lệ: {kind}.")
        qs = qs.filter(kind=kind)
    if parent:
        parent_unit = selectors.unit_by_code(parent, day)
        if parent_unit is None:
            raise HttpError(400, f"Không có đơn vị mã {parent}.")
        qs = qs.filter(parent=parent_unit)
    for token in normalize(q).split()[:8]:
        qs = qs.filter(Q(search_name__contains=token) | Q(code=token))
    return paging.page(qs)


@router.get("/{code}", response=UnitOut, summary="Một đơn vị theo mã (phiên bản có hiệu lực vào ngày)")
def get_unit(request, code: str, date: str | None = None):
    unit = selectors.unit_by_code(code, _date(date))
    if unit is None:
        raise HttpError(404, "Không tìm thấy đơn vị.")
    return unit


@router.get(
    "/{code}/map",
    response=list[MappedOut],
    summary="Quy đổi một đơn vị sang các đơn vị có hiệu lực vào ngày khác",
)
def map_unit(request, code: str, to: str, date: str | None = None):
    unit = selectors.unit_by_code(code, _date(date))
    if unit is None:
        raise HttpError(404, "Không tìm thấy đơn vị.")
    return [
        {"unit": m.unit, "share": float(m.share), "partial": m.partial}
        for m in services.map_unit(unit, _date(to))
    ]
