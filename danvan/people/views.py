"""Officers' screens of the household registry (thin: parse → access → service/selector → render)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.access.mixins import officer_required
from danvan.access.policy import has_any_perm, has_unit_perm
from danvan.audit.selectors import audit_events_for
from danvan.core.errors import DomainError, NotFoundOrForbidden
from danvan.core.http import download
from danvan.core.paging import paginate, query_without_page
from danvan.core.spreadsheets import XLSX
from danvan.web.context import DAY_PARAM, current_unit, history_context, parse_day, units_on, view_day

from . import selectors, services
from .access import access_household_by_id, access_household_import_by_id, access_household_request_by_id
from .forms import (
    CitizenVerifyForm,
    HouseholdCreateForm,
    HouseholdFilterForm,
    HouseholdForm,
    HouseholdImportForm,
    HouseholdSearchForm,
    RequestAnswerForm,
    ResidentForm,
)


def _ctx(request, **extra) -> dict:
    return {"nav_active": "households", "current_unit": current_unit(request), **extra}


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _resident_or_404(household, resident_pk):
    resident = household.members.filter(pk=resident_pk).first()
    if resident is None:
        raise NotFoundOrForbidden(f"resident {resident_pk}")
    resident.household = household
    return resident


# ---------------------------------------------------------------- households


@officer_required("households.view")
def household_list(request):
    unit = current_unit(request)
    day = view_day(request)
    roots = units_on(unit, day)
    hamlets = selectors.hamlet_options(request.user, unit, day=day, roots=roots)
    form = HouseholdFilterForm(request.GET or None, hamlets=hamlets)
    form.is_valid()
    q = form.cleaned_data.get("q", "") if hasattr(form, "cleaned_data") else ""
    hamlet = form.cleaned_data.get("hamlet") if hasattr(form, "cleaned_data") else None
    page = paginate(request, selectors.household_list(request.user, q=q, hamlet=hamlet, day=day, roots=roots))
    history = history_context(request, day)
    can_manage = not history["view_past"] and (
        has_unit_perm(request.user, "households.manage", unit)
        if unit
        else has_any_perm(request.user, "households.manage")
    )
    return render(
        request,
        "people/household_list.html",
        _ctx(
            request,
            may_answer=_may_answer_requests(request.user),
            pending_requests=(
                selectors.household_request_queue(request.user, unit=unit).count()
                if _may_answer_requests(request.user)
                else 0
            ),
            page=page,
            page_query=query_without_page(request),
            form=form,
            filtered=bool(q or hamlet),
            can_manage=can_manage,
            **history,
        ),
    )


@officer_required("households.view")
def household_detail(request, pk):
    day = parse_day(request.GET.get(DAY_PARAM))
    household = access_household_by_id(request.user, pk, day=day)
    can_verify = has_unit_perm(request.user, "citizens.verify", household.hamlet)
    return render(
        request,
        "people/household_detail.html",
        _ctx(
            request,
            household=household,
            members=selectors.household_members(household),
            accounts=selectors.household_accounts(household),
            audit_events=audit_events_for(household, user=request.user, unit=household.hamlet),
            can_manage=has_unit_perm(request.user, "households.manage", household.hamlet),
            can_verify=can_verify,
            verify_form=CitizenVerifyForm() if can_verify else None,
            requests=(
                list(
                    household.requests.filter(status="pending")
                    .select_related("citizen")
                    .order_by("created_at")
                )
                if has_unit_perm(request.user, "households.manage", household.hamlet)
                else []
            ),
        ),
    )


@officer_required("households.manage")
def household_create(request):
    hamlets = selectors.hamlet_options(
        request.user, current_unit(request), perm="households.manage", in_force=True
    )
    initial = {"hamlet": request.GET.get("ap")} if request.GET.get("ap") else None
    form = HouseholdCreateForm(request.POST or None, hamlets=hamlets, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            household = services.household_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                _("Đã thêm hộ %(code)s — %(name)s.")
                % {"code": household.code, "name": household.representative_name},
            )
            return redirect("people:household_detail", pk=household.pk)
    return render(request, "people/household_form.html", _ctx(request, form=form, household=None))


@officer_required("households.manage")
def household_update(request, pk):
    household = access_household_by_id(request.user, pk, perm="households.manage")
    hamlets = selectors.hamlet_options(
        request.user, services.commune_of(household.hamlet), perm="households.manage", in_force=True
    )
    if household.hamlet not in hamlets:
        hamlets.insert(0, household.hamlet)
    initial = {
        "hamlet": household.hamlet_id,
        "code": household.code,
        "address": household.address,
        "phone": household.phone,
    }
    form = HouseholdForm(request.POST or None, hamlets=hamlets, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if data["hamlet"] == household.hamlet:
            data.pop("hamlet")
        try:
            services.household_update(actor=request.user, household=household, **data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin hộ."))
            return redirect("people:household_detail", pk=household.pk)
    return render(request, "people/household_form.html", _ctx(request, form=form, household=household))


@officer_required("households.manage")
def household_delete(request, pk):
    household = access_household_by_id(request.user, pk, perm="households.manage")
    error = None
    if request.method == "POST":
        try:
            services.household_delete(actor=request.user, household=household)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(
                request,
                _("Đã xoá hộ %(code)s — %(name)s.")
                % {"code": household.code, "name": household.representative_name},
            )
            return redirect("people:household_list")
    return render(
        request,
        "people/household_confirm_delete.html",
        _ctx(
            request,
            household=household,
            error=error,
            member_count=household.members.count(),
            account_count=household.accounts.count(),
        ),
    )


# ---------------------------------------------------------------- residents


@officer_required("households.manage")
def resident_add(request, pk):
    household = access_household_by_id(request.user, pk, perm="households.manage")
    form = ResidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            resident = services.resident_add(actor=request.user, household=household, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã thêm nhân khẩu %(name)s.") % {"name": resident.full_name})
            return redirect("people:household_detail", pk=household.pk)
    return render(
        request, "people/resident_form.html", _ctx(request, form=form, household=household, resident=None)
    )


@officer_required("households.manage")
def resident_update(request, pk, resident_pk):
    household = access_household_by_id(request.user, pk, perm="households.manage")
    resident = _resident_or_404(household, resident_pk)
    initial = {
        f: getattr(resident, f)
        for f in ("full_name", "birth_year", "gender", "id_number", "relation", "is_representative")
    }
    form = ResidentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v != initial[k]}
        try:
            if data:
                services.resident_update(actor=request.user, resident=resident, **data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã lưu nhân khẩu %(name)s.") % {"name": resident.full_name})
            return redirect("people:household_detail", pk=household.pk)
    return render(
        request, "people/resident_form.html", _ctx(request, form=form, household=household, resident=resident)
    )


@officer_required("households.manage")
def resident_remove(request, pk, resident_pk):
    household = access_household_by_id(request.user, pk, perm="households.manage")
    resident = _resident_or_404(household, resident_pk)
    error = None
    if request.method == "POST":
        try:
            services.resident_remove(actor=request.user, resident=resident)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("Đã xoá nhân khẩu %(name)s khỏi hộ.") % {"name": resident.full_name})
            return redirect("people:household_detail", pk=household.pk)
    return render(
        request,
        "people/resident_confirm_remove.html",
        _ctx(request, household=household, resident=resident, error=error),
    )


# ---------------------------------------------------------------- citizen accounts


@require_POST
@officer_required("citizens.verify")
def citizen_verify(request, pk):
    household = access_household_by_id(request.user, pk, perm="citizens.verify")
    form = CitizenVerifyForm(request.POST)
    if form.is_valid():
        citizen = selectors.find_citizen(form.cleaned_data["account"])
        if citizen is None:
            messages.error(
                request, _("Không tìm thấy tài khoản công dân với tên đăng nhập hoặc số điện thoại này.")
            )
        else:
            try:
                services.citizen_verify(actor=request.user, citizen=citizen, household=household)
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request,
                    _("Đã xác minh tài khoản %(name)s và gắn với hộ này.") % {"name": citizen.display_name},
                )
    else:
        messages.error(request, _("Hãy nhập tên đăng nhập hoặc số điện thoại của tài khoản công dân."))
    return redirect("people:household_detail", pk=household.pk)


@require_POST
@officer_required("citizens.verify")
def citizen_unlink(request, pk, user_pk):
    household = access_household_by_id(request.user, pk, perm="citizens.verify")
    citizen = household.accounts.filter(pk=user_pk).first()
    if citizen is None:
        raise NotFoundOrForbidden(f"account {user_pk}")
    try:
        services.citizen_unlink(actor=request.user, citizen=citizen)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Đã gỡ liên kết tài khoản %(name)s khỏi hộ.") % {"name": citizen.display_name}
        )
    return redirect("people:household_detail", pk=household.pk)


# ---------------------------------------------------------------- Excel import


@officer_required("households.manage")
def household_import(request):
    communes = selectors.import_communes(request.user)
    form = HouseholdImportForm(request.POST or None, request.FILES or None, communes=communes)
    if request.method == "POST" and form.is_valid():
        try:
            row = services.household_import_start(
                actor=request.user,
                commune=form.cleaned_data["commune"],
                uploaded_file=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            return redirect("people:household_import_status", pk=row.pk)
    return render(
        request,
        "people/household_import.html",
        _ctx(
            request,
            form=form,
            communes=communes,
            imports=selectors.household_import_list(request.user),
        ),
    )


@officer_required("households.manage")
def household_import_template(request):
    communes = selectors.import_communes(request.user)
    chosen = request.GET.get("xa")
    commune = next((c for c in communes if str(c.pk) == chosen), None)
    if commune is None and len(communes) == 1:
        commune = communes[0]
    return download(services.household_import_template(commune), "mau-nhap-so-ho-gia-dinh.xlsx", XLSX)


@officer_required("households.manage")
def household_import_status(request, pk):
    row = access_household_import_by_id(request.user, pk)
    return render(request, "people/household_import_status.html", _ctx(request, imp=row))


@officer_required("households.manage")
def household_import_progress(request, pk):
    """The status card alone, polled by htmx while the import runs."""
    row = access_household_import_by_id(request.user, pk)
    response = render(request, "people/_import_status.html", {"imp": row})
    response["Cache-Control"] = "no-store"
    return response


# ---------------------------------------------------------------- citizens' requests (the commune's queue)


def _may_answer_requests(user) -> bool:
    return has_any_perm(user, "citizens.verify") or has_any_perm(user, "households.manage")


@officer_required("households.view")
def request_list(request):
    """Citizens' requests to the commune: to link their account to a household, to correct the register."""
    if not _may_answer_requests(request.user):
        raise NotFoundOrForbidden("household requests")
    status = request.GET.get("trang-thai", "pending")
    if status not in {"pending", "done", "declined", ""}:
        status = "pending"
    page = paginate(
        request, selectors.household_request_queue(request.user, status=status, unit=current_unit(request))
    )
    return render(
        request,
        "people/request_list.html",
        _ctx(request, page=page, page_query=query_without_page(request), status=status),
    )


@officer_required("households.view")
def request_detail(request, pk):
    """One request: a link request shows the households of the hamlet that match the head of household the
    citizen named; the officer links the right one, or declines with the reason."""
    req = access_household_request_by_id(request.user, pk)
    answer_form = RequestAnswerForm(request.POST or None)
    action = request.POST.get("action") if request.method == "POST" else None
    if action in {"approve", "decline"} and answer_form.is_valid():
        answer = answer_form.cleaned_data["answer"]
        try:
            if action == "approve":
                household = None
                if req.kind == req.Kind.LINK:
                    household = access_household_by_id(
                        request.user, request.POST.get("household"), "citizens.verify"
                    )
                services.household_request_approve(
                    actor=request.user, request=req, household=household, answer=answer
                )
            else:
                services.household_request_decline(actor=request.user, request=req, answer=answer)
        except DomainError as exc:
            _form_error(answer_form, exc)
        except NotFoundOrForbidden:
            answer_form.add_error(None, _("Hãy chọn hộ gia đình trong danh sách để gắn tài khoản."))
        else:
            messages.success(
                request,
                _("Đã trả lời yêu cầu và báo cho %(name)s.") % {"name": req.citizen.display_name},
            )
            return redirect("people:request_list")
    search = HouseholdSearchForm(request.GET or None)
    q = search.cleaned_data.get("q", "") if search.is_valid() else ""
    candidates = (
        selectors.link_candidates(request.user, req, q)
        if req.kind == req.Kind.LINK and req.status == req.Status.PENDING
        else []
    )
    return render(
        request,
        "people/request_detail.html",
        _ctx(
            request,
            req=req,
            answer_form=answer_form,
            search=search,
            candidates=candidates,
            audit_events=audit_events_for(req, user=request.user, unit=req.hamlet),
        ),
        status=400 if action else 200,
    )
