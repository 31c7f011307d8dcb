"""Communities endpoints (/api/v1/communities/…): public reads of groups, projects, the honour board (consenting
names only) and the ledger's totals; writes (a contribution, a reversing correction) need a signed-in officer
(session + CSRF) and go through the access gates and the services."""

import datetime as dt

from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from danvan.api.schemas import ErrorOut, InputSchema, paging
from danvan.core.errors import NotFoundOrForbidden
from danvan.core.paging import LateRows
from danvan.people.models import Household
from danvan.units.selectors import unit_by_code

from . import selectors, services
from .access import access_contribution, access_project
from .models import Display, Group, GroupKind, Project

router = Router(tags=["communities"])

Paging = paging(default_limit=20, max_limit=100)


class GroupOut(Schema):
    id: int
    name: str
    kind: str
    home_unit: str
    commune: str
    field: str
    founded_on: dt.date
    status: str
    successor_id: int | None

    @staticmethod
    def resolve_kind(obj):
        return obj.kind.name

    @staticmethod
    def resolve_home_unit(obj):
        return obj.home_unit.name

    @staticmethod
    def resolve_commune(obj):
        return selectors.current_unit_of(obj.commune).name

    @staticmethod
    def resolve_status(obj):
        return obj.get_status_display()


class GroupPage(Schema):
    count: int
    items: list[GroupOut]


class MoneyOut(Schema):
    source: str
    budget: int
    contributed: int


class ProjectOut(Schema):
    id: int
    name: str
    kind: str
    place: str
    started_on: dt.date
    completed_on: dt.date | None
    handed_over_on: dt.date | None
    progress: int
    status: str
    budget_total: int

    @staticmethod
    def resolve_place(obj):
        return obj.place.name


class ProjectDetailOut(ProjectOut):
    money: list[MoneyOut]

    @staticmethod
    def resolve_money(obj):
        return [
            {"source": m["source"].value, "budget": m["budget"], "contributed": m["contributed"]}
            for m in selectors.money_by_source(obj)
        ]


class ProjectPage(Schema):
    count: int
    items: list[ProjectOut]


class HonourOut(Schema):
    name: str
    kind: str
    quantity: float | None
    quantity_unit: str
    amount: int
    rounded: bool
    project_id: int | None
    on: dt.date

    @staticmethod
    def resolve_name(obj):
        return obj.contributor_name

    @staticmethod
    def resolve_amount(obj):
        return selectors.rounded(obj.value_vnd) if obj.display == Display.ROUNDED else obj.value_vnd

    @staticmethod
    def resolve_rounded(obj):
        return obj.display == Display.ROUNDED


class HonourPage(Schema):
    count: int
    items: list[HonourOut]


class TotalOut(Schema):
    kind: str
    source: str
    value: int
    quantity: float
    entries: int


class ContributionIn(InputSchema):
    contributor_kind: str
    contributor_name: str = ""
    household_code: str = ""
    kind: str
    quantity: float | None = None
    quantity_unit: str = ""
    value_vnd: int = 0
    value_basis: str = ""
    on: dt.date
    receipt_no: str = ""
    consent_named: bool = False
    display: str = Display.EXACT


class ContributionOut(Schema):
    id: int
    project_id: int | None
    contributor_kind: str
    kind: str
    value_vnd: int
    on: dt.date
    reverses_id: int | None


class ReverseIn(InputSchema):
    reason: str


def _unit(code: str | None):
    if not code:
        return None
    unit = unit_by_code(code)
    if unit is None:
        raise HttpError(400, f"Không có đơn vị mã {code}.")
    return unit


@router.get("/groups", response=GroupPage, summary="Hội quán, tổ tự quản")
def list_groups(request, paging: Query[Paging], unit: str | None = None, kind: str | None = None):
    kind_obj = GroupKind.objects.filter(code=kind).first() if kind else None
    if kind and kind_obj is None:
        raise HttpError(400, f"Không có loại mô hình “{kind}”.")
    qs = selectors.public_groups(_unit(unit), kind=kind_obj).select_related("successor")
    return paging.page(qs)


@router.get("/groups/{int:pk}", response={200: GroupOut, 404: ErrorOut}, summary="Một mô hình")
def get_group(request, pk: int):
    group = Group.objects.select_related("kind", "home_unit", "commune").filter(pk=pk).first()
    if group is None:
        return Status(404, {"detail": "Không tìm thấy mô hình."})
    return group


@router.get("/projects", response=ProjectPage, summary="Công trình")
def list_projects(request, paging: Query[Paging], unit: str | None = None):
    return paging.page(selectors.projects_in(_unit(unit)).order_by("-started_on", "-pk"))


@router.get("/projects/{int:pk}", response={200: ProjectDetailOut, 404: ErrorOut}, summary="Một công trình")
def get_project(request, pk: int):
    project = Project.objects.select_related("place").filter(pk=pk).first()
    if project is None:
        return Status(404, {"detail": "Không tìm thấy công trình."})
    return project


@router.get("/honour-board", response=HonourPage, summary="Bảng vinh danh (chỉ người đồng ý nêu tên)")
def honour_board(request, paging: Query[Paging], unit: str | None = None, project: int | None = None):
    return paging.page(LateRows(selectors.honour_board(_unit(unit), project=project)))


@router.get("/totals", response=list[TotalOut], summary="Tổng hợp đóng góp theo hình thức và nguồn")
def totals(request, unit: str | None = None, start: dt.date | None = None, end: dt.date | None = None):
    rows = selectors.contribution_totals(_unit(unit), start, end)
    return [{**r, "quantity": float(r["quantity"])} for r in rows]


@router.post(
    "/projects/{int:pk}/contributions",
    auth=django_auth,
    response={201: ContributionOut, 400: ErrorOut, 404: ErrorOut},
    summary="Ghi sổ một khoản đóng góp",
)
def post_contribution(request, pk: int, payload: ContributionIn):
    try:
        project = access_project(request.user, pk, perm="communities.manage")
    except NotFoundOrForbidden:
        return Status(404, {"detail": "Không tìm thấy công trình."})
    data = payload.dict()
    code = data.pop("household_code").strip()
    household = None
    if code:
        commune = services.stamp_of(selectors.current_unit_of(project.place))[0]
        household = Household.objects.filter(code=code, commune=commune).first()
        if household is None:
            return Status(400, {"detail": "Không tìm thấy hộ có mã này trong sổ hộ của xã."})
    entry = services.contribution_post(actor=request.user, project=project, household=household, **data)
    return Status(201, entry)


@router.post(
    "/contributions/{int:pk}/reverse",
    auth=django_auth,
    response={201: ContributionOut, 400: ErrorOut, 404: ErrorOut},
    summary="Ghi bút toán điều chỉnh (đảo) một khoản",
)
def reverse_contribution(request, pk: int, payload: ReverseIn):
    try:
        entry = access_contribution(request.user, pk, perm="communities.manage")
    except NotFoundOrForbidden:
        return Status(404, {"detail": "Không tìm thấy khoản đóng góp."})
    return Status(201, services.contribution_reverse(actor=request.user, entry=entry, reason=payload.reason))
