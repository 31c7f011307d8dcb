"""Screens of the communities module (thin: parse → access → selector/service → render).

Workspace `/can-bo/hoi-quan/…`, `/can-bo/cong-trinh/…`, `/can-bo/dong-gop/…`; public `/hoi-quan/…` (no
JavaScript needed anywhere)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.access.mixins import officer_required
from danvan.access.policy import has_unit_perm
from danvan.audit.selectors import audit_events_for
from danvan.core import pagecache
from danvan.core.errors import DomainError
from danvan.core.formatting import local_today
from danvan.core.forms import add_domain_error, run_form
from danvan.core.http import download, search_words
from danvan.core.pagecache import public_page
from danvan.core.paging import LateRows, paginate, query_without_page
from danvan.core.spreadsheets import XLSX
from danvan.people.models import Household
from danvan.units.models import Unit
from danvan.units.selectors import unit_by_code
from danvan.web.context import current_unit

from . import exports, importing, member_import, selectors, services
from .access import (
    access_contribution,
    access_contribution_import,
    access_group,
    access_member_import,
    access_project,
)
from .forms import (
    AssessmentForm,
    BoardForm,
    ContributionForm,
    GroupForm,
    MeetingForm,
    MemberForm,
    ProjectForm,
    ReverseForm,
    StatusForm,
)
from .models import (
    ContributionKind,
    Group,
    GroupKind,
    GroupStatus,
    Member,
    Project,
    ProjectKind,
    ProjectStatus,
)

VIEW = "communities.view"
MANAGE = "communities.manage"


def _scoped_groups(request):
    return selectors.scoped(Group.objects.select_related("kind"), request.user, VIEW, "home_unit")


def _household(code: str, unit: Unit):
    """The household `code` of the commune that `unit` (a hamlet or a commune, as it is today) belongs to."""
    code = (code or "").strip()
    if not code:
        return None
    commune = services.stamp_of(selectors.current_unit_of(unit))[0]
    household = Household.objects.filter(code=code, commune=commune).first()
    if household is None:
        raise DomainError(_("Không tìm thấy hộ có mã này trong sổ hộ của xã."), field="household_code")
    return household


# ---------------------------------------------------------------- workspace: groups


@officer_required(VIEW)
def ws_groups(request):
    root = current_unit(request)
    kind = GroupKind.objects.filter(code=request.GET.get("loai", "")).first()
    status = request.GET.get("tinh-trang", "")
    if status not in GroupStatus.values:
        status = ""
    q = request.GET.get("q", "").strip()[:100]
    groups = selectors.officer_groups(request.user, root, kind=kind, status=status, q=q)
    page = paginate(request, groups, per_page=30)
    today = local_today()
    for g in page.object_list:
        g.misses_cadence = selectors.misses_cadence(g, g.last_met, today)
    return render(
        request,
        "communities/ws_groups.html",
        {
            "nav_active": "communities",
            "page": page,
            "page_query": query_without_page(request),
            "root": root,
            "kinds": GroupKind.objects.all(),
            "kind": kind,
            "statuses": GroupStatus.choices,
            "status": status,
            "q": q,
            "can_manage": root is not None and has_unit_perm(request.user, MANAGE, root),
        },
    )


@officer_required(MANAGE)
def ws_group_new(request):
    root = current_unit(request)
    form = GroupForm(request.POST or None, root=root)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not has_unit_perm(request.user, MANAGE, data["home_unit"]):
            raise Http404
        try:
            group = services.group_create(actor=request.user, **data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("Đã đăng ký mô hình."))
            return redirect("communities:ws_group", pk=group.pk)
    return render(
        request,
        "communities/ws_form.html",
        {
            "nav_active": "communities",
            "form": form,
            "title": _("Đăng ký mô hình tự quản"),
            "cancel_url": reverse("communities:ws_groups"),
        },
    )


@officer_required(MANAGE)
def ws_group_edit(request, pk):
    group = access_group(request.user, pk, perm=MANAGE)
    initial = {f: getattr(group, f) for f in services.GROUP_FIELDS}
    form = GroupForm(request.POST or None, initial=initial, root=current_unit(request))
    if not group.home_unit.is_valid_on(local_today()):
        form.fields["home_unit"].queryset = form.fields["home_unit"].queryset | Unit.objects.filter(
            pk=group.home_unit_id
        )
    if run_form(
        request,
        form,
        lambda **data: services.group_update(actor=request.user, group=group, **data),
        _("Đã lưu thông tin mô hình."),
    ):
        return redirect("communities:ws_group", pk=group.pk)
    return render(
        request,
        "communities/ws_form.html",
        {
            "nav_active": "communities",
            "form": form,
            "title": _("Sửa thông tin: %(name)s") % {"name": group.name},
            "cancel_url": reverse("communities:ws_group", args=[group.pk]),
        },
    )


def _cooperatives(request, group):
    return _scoped_groups(request).filter(kind__is_cooperative=True).exclude(pk=group.pk)


def _group_page(request, group, **forms):
    can_manage = has_unit_perm(request.user, MANAGE, selectors.current_unit_of(group.home_unit))
    today = local_today()
    meetings = group.meetings.all()
    last = meetings.first()
    return render(
        request,
        "communities/ws_group.html",
        {
            "nav_active": "communities",
            "group": group,
            "board": selectors.current_board(group),
            "members": group.members.select_related("household").order_by("left_on", "full_name", "pk"),
            "meetings": meetings[:20],
            "assessments": group.assessments.select_related("level", "assessor")[:10],
            "projects": selectors.projects_of_group(group)[:20],
            "misses_cadence": selectors.misses_cadence(group, last.held_on if last else None, today),
            "can_manage": can_manage,
            "member_form": forms.get("member_form") or MemberForm(initial={"joined_on": today}),
            "board_form": forms.get("board_form") or BoardForm(group=group, initial={"term_from": today}),
            "meeting_form": forms.get("meeting_form") or MeetingForm(initial={"held_on": today}),
            "status_form": forms.get("status_form")
            or StatusForm(
                initial={"status": group.status, "on": today}, cooperatives=_cooperatives(request, group)
            ),
            "assessment_form": forms.get("assessment_form") or AssessmentForm(initial={"assessed_on": today}),
            "audit_events": audit_events_for(group, user=request.user, unit=group.commune),
        },
        status=400 if forms else 200,
    )


@officer_required(VIEW)
def ws_group(request, pk):
    return _group_page(request, access_group(request.user, pk))


def _group_post(request, pk, form_class, name, run, done, form_kwargs):
    group = access_group(request.user, pk, perm=MANAGE)
    form = form_class(
        request.POST, **({"group": group} if form_class is BoardForm else {}), **form_kwargs(request, group)
    )
    if form.is_valid():
        try:
            run(request, group, form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc, rename={"household": "household_code", "status_on": "on"})
        else:
            messages.success(request, done)
            return redirect("communities:ws_group", pk=group.pk)
    return _group_page(request, group, **{name: form})


def _no_kwargs(request, group):
    return {}


@require_POST
@officer_required(MANAGE)
def ws_group_member(request, pk):
    def run(request, group, data):
        household = _household(data.pop("household_code"), group.home_unit)
        services.member_add(actor=request.user, group=group, household=household, **data)

    return _group_post(request, pk, MemberForm, "member_form", run, _("Đã thêm thành viên."), _no_kwargs)


@require_POST
@officer_required(MANAGE)
def ws_group_board(request, pk):
    def run(request, group, data):
        services.board_add(actor=request.user, group=group, **data)

    return _group_post(request, pk, BoardForm, "board_form", run, _("Đã bổ sung ban điều hành."), _no_kwargs)


@require_POST
@officer_required(MANAGE)
def ws_group_meeting(request, pk):
    def run(request, group, data):
        services.meeting_record(actor=request.user, group=group, **data)

    return _group_post(
        request, pk, MeetingForm, "meeting_form", run, _("Đã ghi nhận buổi sinh hoạt."), _no_kwargs
    )


@require_POST
@officer_required(MANAGE)
def ws_group_status(request, pk):
    def run(request, group, data):
        services.group_set_status(
            actor=request.user, group=group, status=data["status"], on=data["on"], successor=data["successor"]
        )

    return _group_post(
        request,
        pk,
        StatusForm,
        "status_form",
        run,
        _("Đã cập nhật tình trạng mô hình."),
        lambda request, group: {"cooperatives": _cooperatives(request, group)},
    )


@require_POST
@officer_required(MANAGE)
def ws_group_assess(request, pk):
    def run(request, group, data):
        assessor = current_unit(request) or group.commune
        services.assessment_record(actor=request.user, group=group, assessor=assessor, **data)

    return _group_post(
        request, pk, AssessmentForm, "assessment_form", run, _("Đã ghi nhận đánh giá."), _no_kwargs
    )


@require_POST
@officer_required(MANAGE)
def ws_member_leave(request, pk, member_pk):
    group = access_group(request.user, pk, perm=MANAGE)
    member = Member.objects.filter(group=group, pk=member_pk).first()
    if member is None:
        raise Http404
    try:
        services.member_leave(actor=request.user, member=member, left_on=local_today())
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã ghi nhận thành viên ra khỏi mô hình."))
    return redirect("communities:ws_group", pk=group.pk)


# ---------------------------------------------------------------- workspace: projects and the ledger


@officer_required(VIEW)
def ws_projects(request):
    root = current_unit(request)
    status = request.GET.get("tinh-trang", "")
    status = status if status in ProjectStatus.values else ""
    kind = request.GET.get("loai", "")
    kind = kind if kind in ProjectKind.values else ""
    page = paginate(
        request, selectors.officer_projects(request.user, root, status=status, kind=kind), per_page=30
    )
    return render(
        request,
        "communities/ws_projects.html",
        {
            "nav_active": "projects",
            "page": page,
            "page_query": query_without_page(request),
            "root": root,
            "statuses": ProjectStatus.choices,
            "status": status,
            "kinds": ProjectKind.choices,
            "kind": kind,
            "can_manage": root is not None and has_unit_perm(request.user, MANAGE, root),
        },
    )


@officer_required(MANAGE)
def ws_project_new(request):
    root = current_unit(request)
    form = ProjectForm(
        request.POST or None, root=root, groups=_scoped_groups(request), initial={"started_on": local_today()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not has_unit_perm(request.user, MANAGE, data["place"]):
            raise Http404
        try:
            project = services.project_create(actor=request.user, **data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("Đã đăng ký công trình."))
            return redirect("communities:ws_project", pk=project.pk)
    return render(
        request,
        "communities/ws_form.html",
        {
            "nav_active": "projects",
            "form": form,
            "title": _("Đăng ký công trình"),
            "cancel_url": reverse("communities:ws_projects"),
        },
    )


@officer_required(MANAGE)
def ws_project_edit(request, pk):
    project = access_project(request.user, pk, perm=MANAGE)
    initial = {f: getattr(project, f) for f in services.PROJECT_FIELDS}
    form = ProjectForm(
        request.POST or None, initial=initial, root=current_unit(request), groups=_scoped_groups(request)
    )
    if not project.place.is_valid_on(local_today()):
        form.fields["place"].queryset = form.fields["place"].queryset | Unit.objects.filter(
            pk=project.place_id
        )
    if run_form(
        request,
        form,
        lambda **data: services.project_update(actor=request.user, project=project, **data),
        _("Đã lưu thông tin công trình."),
    ):
        return redirect("communities:ws_project", pk=project.pk)
    return render(
        request,
        "communities/ws_form.html",
        {
            "nav_active": "projects",
            "form": form,
            "title": _("Sửa công trình: %(name)s") % {"name": project.name},
            "cancel_url": reverse("communities:ws_project", args=[project.pk]),
        },
    )


def _project_page(request, project, contribution_form=None):
    can_manage = has_unit_perm(request.user, MANAGE, selectors.current_unit_of(project.place))
    entries = selectors.ledger(None, project=project).order_by("-on", "-pk")
    page = paginate(request, entries, per_page=30)
    return render(
        request,
        "communities/ws_project.html",
        {
            "nav_active": "projects",
            "project": project,
            "money": selectors.money_by_source(project),
            "by_kind": selectors.project_contributions_by_kind(project),
            "page": page,
            "page_query": query_without_page(request),
            "can_manage": can_manage,
            "form": contribution_form
            or ContributionForm(
                groups=_scoped_groups(request), initial={"on": local_today(), "kind": "cash"}
            ),
            "audit_events": audit_events_for(project, user=request.user, unit=project.commune),
        },
        status=400 if contribution_form else 200,
    )


@officer_required(VIEW)
def ws_project(request, pk):
    return _project_page(request, access_project(request.user, pk))


@require_POST
@officer_required(MANAGE)
def ws_project_contribute(request, pk):
    project = access_project(request.user, pk, perm=MANAGE)
    form = ContributionForm(request.POST, groups=_scoped_groups(request))
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            household = _household(data.pop("household_code"), project.place)
            services.contribution_post(actor=request.user, project=project, household=household, **data)
        except DomainError as exc:
            add_domain_error(form, exc, rename={"household": "household_code", "project": None})
        else:
            messages.success(request, _("Đã ghi sổ khoản đóng góp."))
            return redirect("communities:ws_project", pk=project.pk)
    return _project_page(request, project, form)


def _period(request):
    from danvan.web.context import parse_day

    start = parse_day(request.GET.get("tu-ngay"))
    end = parse_day(request.GET.get("den-ngay"))
    return start, end


@officer_required(VIEW)
def ws_ledger(request):
    root = current_unit(request)
    start, end = _period(request)
    kind = request.GET.get("hinh-thuc", "")
    kind = kind if kind in ContributionKind.values else ""
    entries = selectors.ledger(root, user=request.user, kind=kind, start=start, end=end).order_by(
        "-on", "-pk"
    )
    page = paginate(request, entries, per_page=50)
    totals = selectors.contribution_totals(root, start, end, by=("kind",)) if root is not None else []
    labels = dict(ContributionKind.choices)
    for t in totals:
        t["label"] = labels.get(t["kind"], "")
    return render(
        request,
        "communities/ws_ledger.html",
        {
            "nav_active": "ledger",
            "page": page,
            "page_query": query_without_page(request),
            "root": root,
            "totals": totals,
            "kinds": ContributionKind.choices,
            "kind": kind,
            "start": start,
            "end": end,
        },
    )


@officer_required(VIEW)
def ws_ledger_xlsx(request):
    root = current_unit(request)
    start, end = _period(request)
    kind = request.GET.get("hinh-thuc", "")
    kind = kind if kind in ContributionKind.values else ""
    entries = selectors.ledger(root, user=request.user, kind=kind, start=start, end=end).order_by("on", "pk")
    totals = selectors.contribution_totals(root, start, end) if root is not None else []
    filters = query_without_page(request)
    try:
        data = services.ledger_export(
            actor=request.user, unit=root, entries=entries, totals=totals, filters=filters
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("communities:ws_ledger") + (f"?{filters}" if filters else ""))
    name = f"so-dong-gop-{root.code if root else 'tat-ca'}-{local_today():%Y%m%d}.xlsx"
    return download(data, name, XLSX)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))


@officer_required(MANAGE)
def ws_project_import(request, pk):
    project = access_project(request.user, pk, perm=MANAGE)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            imp = services.contribution_import_start(
                actor=request.user, project=project, uploaded_file=form.cleaned_data["file"]
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            return redirect("communities:ws_import", pk=imp.pk)
    return render(
        request,
        "communities/ws_import.html",
        {
            "nav_active": "projects",
            "project": project,
            "form": form,
            "columns": importing.COLUMNS,
            "imports": project.imports.order_by("-created_at")[:10],
        },
    )


@officer_required(MANAGE)
def ws_import_template(request):
    return download(importing.build_template(), "mau-nhap-dong-gop.xlsx", XLSX)


@officer_required(MANAGE)
def ws_import(request, pk):
    imp = access_contribution_import(request.user, pk, perm=MANAGE)
    return render(request, "communities/ws_import_status.html", {"nav_active": "projects", "imp": imp})


@officer_required(MANAGE)
def ws_reverse(request, pk):
    entry = access_contribution(request.user, pk, perm=MANAGE)
    already = entry.is_reversal or type(entry).objects.filter(reverses=entry).exists()
    form = ReverseForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not already:
        try:
            services.contribution_reverse(actor=request.user, entry=entry, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("Đã ghi bút toán điều chỉnh; khoản cũ được giữ nguyên trong sổ."))
            if entry.project_id:
                return redirect("communities:ws_project", pk=entry.project_id)
            return redirect("communities:ws_ledger")
    return render(
        request,
        "communities/ws_reverse.html",
        {"nav_active": "ledger", "entry": entry, "form": form, "already": already},
    )


@officer_required(MANAGE)
def ws_group_member_import(request, pk):
    group = access_group(request.user, pk, perm=MANAGE)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            imp = services.member_import_start(
                actor=request.user, group=group, uploaded_file=form.cleaned_data["file"]
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            return redirect("communities:ws_member_import", pk=imp.pk)
    return render(
        request,
        "communities/ws_member_import.html",
        {
            "nav_active": "communities",
            "group": group,
            "form": form,
            "columns": member_import.COLUMNS,
            "imports": group.imports.order_by("-created_at")[:10],
        },
    )


@officer_required(MANAGE)
def ws_member_import_template(request):
    return download(member_import.build_template(), "mau-nhap-thanh-vien.xlsx", XLSX)


@officer_required(MANAGE)
def ws_member_import(request, pk):
    imp = access_member_import(request.user, pk, perm=MANAGE)
    return render(
        request, "communities/ws_member_import_status.html", {"nav_active": "communities", "imp": imp}
    )


# ---------------------------------------------------------------- public pages


COMMUNES_LIST_ALL = 30  # more communes with rows than this: the public filter finds the commune by name


def _commune_filter(request, model) -> dict:
    """The public pages' commune filter, bounded at a province's scale: the communes holding rows of `model`
    as a list when they are few, otherwise a search by name (diacritics ignored) offering at most 20."""
    if selectors.stamped_commune_count(model) <= COMMUNES_LIST_ALL:
        return {"communes": selectors.communes_with(model), "commune_search": False}
    from danvan.units.selectors import commune_search

    query = search_words(request, "tim-xa")
    found = commune_search(query)[0] if query else []
    return {"communes": [], "commune_search": True, "commune_query": query, "communes_found": found}


# the honour board counts at most this many entries (20 pages of 50): a province's exact count costs more than
# the page; the pagination says "more than" and the commune filter narrows it
HONOUR_COUNT_LIMIT = 1000


def _public_commune(request):
    code = request.GET.get("xa", "").strip()[:32]
    return unit_by_code(code) if code else None


@public_page("communities", "units")
def directory(request):
    commune = _public_commune(request)
    kind = GroupKind.objects.filter(code=request.GET.get("loai", "")).first()
    groups = selectors.public_groups(commune, kind=kind).exclude(status=GroupStatus.DISSOLVED)
    page = paginate(request, groups, per_page=30)
    return render(
        request,
        "communities/directory.html",
        {
            "nav_active": "hoi-quan",
            "page": page,
            "page_query": query_without_page(request),
            "commune": commune,
            **_commune_filter(request, Group),
            "kinds": GroupKind.objects.all(),
            "kind": kind,
        },
    )


@public_page("communities", "units")
def group_page(request, pk):
    group = Group.objects.select_related("kind", "home_unit", "commune", "successor").filter(pk=pk).first()
    if group is None:
        raise Http404
    return render(
        request,
        "communities/group.html",
        {
            "nav_active": "hoi-quan",
            "group": group,
            "home_now": selectors.current_unit_of(group.home_unit),
            "board": selectors.current_board(group),
            "member_count": group.members.filter(left_on__isnull=True).count(),
            "meetings": group.meetings.all()[:10],
            "projects": selectors.projects_of_group(group)[:20],
        },
    )


@public_page("communities", "units")
def projects(request):
    commune = _public_commune(request)
    qs = selectors.projects_in(commune).order_by("-started_on", "-pk")
    page = paginate(request, qs, per_page=30)
    return render(
        request,
        "communities/projects.html",
        {
            "nav_active": "hoi-quan",
            "page": page,
            "page_query": query_without_page(request),
            "commune": commune,
            **_commune_filter(request, Project),
        },
    )


@public_page("communities", "units")
def project_page(request, pk):
    project = Project.objects.select_related("place", "commune", "criterion", "group").filter(pk=pk).first()
    if project is None:
        raise Http404
    return render(
        request,
        "communities/project.html",
        {
            "nav_active": "hoi-quan",
            "project": project,
            "money": selectors.money_by_source(project),
            "by_kind": selectors.project_contributions_by_kind(project),
            "honour": selectors.honour_board(project=project)[:50],
            "unnamed": selectors.unnamed_totals(project=project),
            "milestones": project.milestones.all(),
            "photos": project.photos.all(),
            "checks": project.supervision_checks.all(),
        },
    )


@public_page("communities", "units")
def open_projects_csv(request):
    rows = exports.open_projects(selectors.projects_in(_public_commune(request)).order_by("started_on", "pk"))
    response = HttpResponse(exports.open_projects_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cong-trinh.csv"'
    return response


@public_page("communities", "units")
def open_projects_json(request):
    rows = exports.open_projects(selectors.projects_in(_public_commune(request)).order_by("started_on", "pk"))
    return JsonResponse({"cong_trinh": rows}, json_dumps_params={"ensure_ascii": False})


@public_page("communities", "units")
def open_totals_json(request):
    """The ledger's totals by commune in force today and by kind (net of corrections), no names."""
    commune = _public_commune(request)
    rows = selectors.totals_by_current_commune(commune, by=("kind", "source"))
    return JsonResponse(
        {
            "tong_hop": [
                {
                    "xa": t["commune"].name,
                    "ma_xa": t["commune"].code,
                    "hinh_thuc": t["kind"],
                    "nguon": t["source"],
                    "gia_tri_dong": t["value"],
                    "so_luong": float(t["quantity"]),
                    "so_but_toan": t["entries"],
                }
                for t in rows
            ]
        },
        json_dumps_params={"ensure_ascii": False},
    )


@public_page("communities", "units")
def honour(request):
    commune = _public_commune(request)
    page = paginate(
        request, LateRows(selectors.honour_board(commune)), per_page=50, count_limit=HONOUR_COUNT_LIMIT
    )
    return render(
        request,
        "communities/honour.html",
        {
            "nav_active": "hoi-quan",
            "page": page,
            "page_query": query_without_page(request),
            "commune": commune,
            **_commune_filter(request, Project),
            # a province's sum over millions of entries: once per change of the ledger, not once a request
            "unnamed": pagecache.cached(
                f"communities:unnamed:{commune.pk if commune else ''}",
                ("communities",),
                lambda: selectors.unnamed_totals(commune),
            ),
        },
    )


# ---------------------------------------------------------------- workspace: a group's fund (quỹ)


def _fund_page(request, group, form=None):
    from .forms import FundForm

    can_manage = has_unit_perm(request.user, MANAGE, selectors.current_unit_of(group.home_unit))
    page = paginate(request, selectors.fund_entries(group), per_page=30)
    return render(
        request,
        "communities/ws_fund.html",
        {
            "nav_active": "communities",
            "group": group,
            "totals": selectors.fund_balance(group),
            "page": page,
            "page_query": query_without_page(request),
            "can_manage": can_manage,
            "form": form or FundForm(initial={"receipt_on": local_today(), "direction": "income"}),
        },
        status=400 if form is not None else 200,
    )


@officer_required(VIEW)
def ws_group_fund(request, pk):
    from .forms import FundForm

    if request.method != "POST":
        return _fund_page(request, access_group(request.user, pk))
    group = access_group(request.user, pk, perm=MANAGE)
    form = FundForm(request.POST, request.FILES)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            household = _household(data.pop("household_code"), group.home_unit)
            services.fund_post(actor=request.user, group=group, household=household, **data)
        except DomainError as exc:
            add_domain_error(form, exc, rename={"household": "household_code"})
        else:
            messages.success(request, _("Đã ghi sổ quỹ."))
            return redirect("communities:ws_group_fund", pk=group.pk)
    return _fund_page(request, group, form)


def _fund_entry(group, entry_pk):
    from .models import FundEntry

    entry = FundEntry.objects.filter(group=group, pk=entry_pk).select_related("group").first()
    if entry is None:
        raise Http404
    return entry


@officer_required(MANAGE)
def ws_fund_reverse(request, pk, entry_pk):
    group = access_group(request.user, pk, perm=MANAGE)
    entry = _fund_entry(group, entry_pk)
    already = entry.is_reversal or type(entry).objects.filter(reverses=entry).exists()
    form = ReverseForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not already:
        try:
            services.fund_reverse(actor=request.user, entry=entry, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("Đã ghi khoản điều chỉnh; khoản cũ được giữ nguyên trong sổ quỹ."))
            return redirect("communities:ws_group_fund", pk=group.pk)
    return render(
        request,
        "communities/ws_fund_reverse.html",
        {"nav_active": "communities", "group": group, "entry": entry, "form": form, "already": already},
    )


@officer_required(VIEW)
def ws_fund_receipt(request, pk, entry_pk):
    from django.http import FileResponse

    group = access_group(request.user, pk)
    entry = _fund_entry(group, entry_pk)
    if not entry.receipt_file:
        raise Http404
    name = "chung-tu-" + entry.receipt_no.replace("/", "-") + "." + entry.receipt_file.name.rsplit(".", 1)[-1]
    return FileResponse(entry.receipt_file.open("rb"), as_attachment=True, filename=name)


# ---------------------------------------------------------------- workspace: consolidation (củng cố)


@officer_required(VIEW)
def ws_weak_groups(request):
    """The groups under the officer's unit whose latest assessment is weak, with their consolidation plan."""
    root = current_unit(request)
    groups = selectors.weak_groups(root, user=request.user).order_by("name", "pk")
    page = paginate(request, groups, per_page=30)
    rows = selectors.with_plans(list(page.object_list), local_today())
    return render(
        request,
        "communities/ws_weak_groups.html",
        {
            "nav_active": "communities",
            "page": page,
            "rows": rows,
            "root": root,
            "page_query": query_without_page(request),
        },
    )


def _plan_page(request, group, forms_=None, status=200):
    from .forms import ActionCloseForm, PlanActionForm, PlanForm
    from .models import ConsolidationPlan

    today = local_today()
    can_manage = has_unit_perm(request.user, MANAGE, selectors.current_unit_of(group.home_unit))
    latest = group.assessments.select_related("level").first()
    plans = list(
        ConsolidationPlan.objects.filter(group=group)
        .select_related("assessment__level")
        .prefetch_related("actions__owner_unit")
    )
    selectors.plan_summaries(plans, today)
    forms_ = forms_ or {}
    for plan in plans:
        for a in plan.actions.all():
            a.overdue = a.is_overdue(today)
            if forms_.get("close_for") == a.pk:
                a.close_form = forms_["close"]
            else:
                a.close_form = ActionCloseForm(prefix=f"a{a.pk}", initial={"closed_on": today})
    can_open = (
        can_manage
        and latest is not None
        and latest.level.is_weak
        and not any(p.assessment_id == latest.pk for p in plans)
    )
    current = next((p for p in plans if p.completed_on is None), None)
    return render(
        request,
        "communities/ws_plan.html",
        {
            "nav_active": "communities",
            "group": group,
            "latest": latest,
            "plans": plans,
            "current": current,
            "can_manage": can_manage,
            "can_open": can_open,
            "today": today,
            "plan_form": forms_.get("plan") or PlanForm(initial={"opened_on": today}),
            "action_form": forms_.get("action")
            or PlanActionForm(root=group.commune, initial={"due_on": today}),
            "close_for": forms_.get("close_for"),
        },
        status=status,
    )


@officer_required(VIEW)
def ws_group_plan(request, pk):
    """A group's consolidation plans; POST `do` = open (a plan for the latest weak assessment), action (add
    one to the current plan) or close (an action, `action` its id)."""
    from .forms import ActionCloseForm, PlanActionForm, PlanForm
    from .models import ConsolidationAction, ConsolidationPlan

    if request.method != "POST":
        return _plan_page(request, access_group(request.user, pk))
    group = access_group(request.user, pk, perm=MANAGE)
    do = request.POST.get("do")
    if do == "open":
        form, key = PlanForm(request.POST), "plan"

        def run(data):
            latest = group.assessments.select_related("level").first()
            services.plan_open(actor=request.user, group=group, assessment=latest, **data)

        rename = {"assessment": None}
    elif do == "action":
        form, key = PlanActionForm(request.POST, root=group.commune), "action"

        def run(data):
            plan = ConsolidationPlan.objects.filter(group=group, completed_on__isnull=True).first()
            if plan is None:
                raise DomainError(_("Mô hình chưa có kế hoạch củng cố đang thực hiện."))
            services.plan_action_add(actor=request.user, plan=plan, **data)

        rename = {}
    elif do == "close":
        action = (
            ConsolidationAction.objects.filter(plan__group=group, pk=request.POST.get("action") or 0)
            .select_related("plan__group")
            .first()
            if (request.POST.get("action") or "").isdigit()
            else None
        )
        if action is None:
            raise Http404
        form, key = ActionCloseForm(request.POST, prefix=f"a{action.pk}"), "close"

        def run(data):
            services.plan_action_close(actor=request.user, action=action, **data)

        rename = {}
    else:
        raise Http404
    if form.is_valid():
        try:
            run(form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc, rename=rename)
        else:
            messages.success(request, _("Đã lưu kế hoạch củng cố."))
            return redirect("communities:ws_group_plan", pk=group.pk)
    extra = {key: form}
    if do == "close":
        extra["close_for"] = action.pk
    return _plan_page(request, group, extra, status=400)


# ---------------------------------------------------------------- workspace: a project's progress


def _progress_page(request, project, forms_=None, status=200):
    from .forms import HandOverForm, MilestoneForm, PhotoForm, ReachForm, ResolveForm, SupervisionForm

    today = local_today()
    forms_ = forms_ or {}
    milestones = list(project.milestones.all())
    for m in milestones:
        m.reach_form = (
            forms_["reach"]
            if forms_.get("reach_for") == m.pk
            else ReachForm(prefix=f"m{m.pk}", initial={"actual_on": today})
        )
    checks = list(project.supervision_checks.all())
    for c in checks:
        c.resolve_form = (
            forms_["resolve"]
            if forms_.get("resolve_for") == c.pk
            else ResolveForm(prefix=f"c{c.pk}", initial={"resolved_on": today})
        )
    return render(
        request,
        "communities/ws_progress.html",
        {
            "nav_active": "projects",
            "project": project,
            "can_manage": has_unit_perm(request.user, MANAGE, selectors.current_unit_of(project.place)),
            "milestones": milestones,
            "photos": project.photos.all(),
            "checks": checks,
            "milestone_form": forms_.get("milestone") or MilestoneForm(initial={"planned_on": today}),
            "photo_form": forms_.get("photo") or PhotoForm(initial={"taken_on": today}),
            "handover_form": forms_.get("handover")
            or HandOverForm(initial={"handed_over_on": today, "completed_on": project.completed_on or today}),
            "check_form": forms_.get("check") or SupervisionForm(initial={"checked_on": today}),
        },
        status=status,
    )


@officer_required(VIEW)
def ws_project_progress(request, pk):
    """A project's milestones, photos, hand-over and the community supervision board's checks; POST `do` =
    milestone, reach (`milestone` its id), photo, handover, check or resolve (`check` its id)."""
    from .forms import HandOverForm, MilestoneForm, PhotoForm, ReachForm, ResolveForm, SupervisionForm
    from .models import Milestone, SupervisionCheck

    if request.method != "POST":
        return _progress_page(request, access_project(request.user, pk))
    project = access_project(request.user, pk, perm=MANAGE)
    do = request.POST.get("do")
    extra = {}

    def child(model, key):
        value = request.POST.get(key) or ""
        row = model.objects.filter(project=project, pk=value).first() if value.isdigit() else None
        if row is None:
            raise Http404
        return row

    if do == "milestone":
        form = MilestoneForm(request.POST)

        def run(data):
            services.milestone_add(actor=request.user, project=project, **data)
    elif do == "reach":
        milestone = child(Milestone, "milestone")
        form = ReachForm(request.POST, prefix=f"m{milestone.pk}")
        extra["reach_for"] = milestone.pk

        def run(data):
            services.milestone_reach(actor=request.user, milestone=milestone, actual_on=data["actual_on"])
    elif do == "photo":
        form = PhotoForm(request.POST, request.FILES)

        def run(data):
            services.project_photo_add(
                actor=request.user,
                project=project,
                uploaded=data["image"],
                alt_text=data["alt_text"],
                taken_on=data["taken_on"],
            )
    elif do == "handover":
        form = HandOverForm(request.POST)

        def run(data):
            services.project_hand_over(actor=request.user, project=project, **data)
    elif do == "check":
        form = SupervisionForm(request.POST)

        def run(data):
            services.supervision_record(actor=request.user, project=project, **data)
    elif do == "resolve":
        check = child(SupervisionCheck, "check")
        form = ResolveForm(request.POST, prefix=f"c{check.pk}")
        extra["resolve_for"] = check.pk

        def run(data):
            services.supervision_resolve(actor=request.user, check=check, **data)
    else:
        raise Http404
    if form.is_valid():
        try:
            run(form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("Đã lưu tiến độ công trình."))
            return redirect("communities:ws_project_progress", pk=project.pk)
    extra[do] = form
    return _progress_page(request, project, extra, status=400)
