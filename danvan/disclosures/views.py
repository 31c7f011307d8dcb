"""Public and officers' screens of the disclosures module (thin: parse → access → service/selector → render)."""

import datetime as dt

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.access.mixins import citizen_required, officer_required
from danvan.access.policy import has_unit_perm
from danvan.audit.selectors import audit_events_for
from danvan.citizens.area import render_area
from danvan.core.documents import DOCX
from danvan.core.errors import DomainError
from danvan.core.formatting import local_today
from danvan.core.http import client_ip, download, search_words
from danvan.core.pagecache import public_page
from danvan.core.paging import paginate, query_without_page
from danvan.core.spreadsheets import XLSX
from danvan.units.models import COMMUNE_KINDS, Unit
from danvan.units.selectors import COMMUNE_LIST_ALL, commune_search, portal_root_unit, unit_by_code
from danvan.web.context import current_unit

from . import exports, selectors, services
from .access import access_disclosure_by_id, access_disclosure_file_by_id, access_question_by_id
from .forms import AnswerForm, DisclosureForm, FileForm, FilterForm, QuestionForm, ReasonForm
from .models import DisclosureFile, QuestionStatus, Status


def _ctx(request, **extra) -> dict:
    return {"nav_active": "disclosures", **extra}


def _ws_ctx(request, **extra) -> dict:
    return {"nav_active": "disclosures", "current_unit": current_unit(request), **extra}


def _client_ip(request) -> str:
    return client_ip(request)


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


# ---------------------------------------------------------------- public


def _unit_from_param(value: str):
    """`?don-vi=30001` is the unit in force with that code; `?don-vi=30001@2025-06-30` the one in force on
    that date (codes are reused across the 2025 reform)."""
    if not value:
        return None
    code, _, day = value.partition("@")
    try:
        on = dt.date.fromisoformat(day) if day else None
    except ValueError:
        on = None
    return unit_by_code(code, on)


@public_page("disclosures", "units")
def disclosure_list(request):
    cats = selectors.categories()
    form = FilterForm(request.GET or None, categories=cats)
    values = form.values()
    code = (request.GET.get("don-vi") or "").strip()
    unit = _unit_from_param(code)
    qs = selectors.public_list(unit=unit, category=values["category"], state=values["state"], q=values["q"])
    page = paginate(request, qs, per_page=20)
    filtered = bool(code or values["category"] or values["state"] or values["q"])
    return render(
        request,
        "disclosures/list.html",
        _ctx(
            request,
            page=page,
            page_query=query_without_page(request),
            form=form,
            unit=unit,
            unit_code=code,
            unit_options=selectors.units_with_disclosures(),
            filtered=filtered,
        ),
    )


@public_page("disclosures", "units")
def disclosure_detail(request, pk):
    disclosure = selectors.public_detail(pk)
    if disclosure is None:
        raise Http404(_("Không tìm thấy nội dung công khai."))
    citizen = request.user if getattr(request.user, "kind", None) == "citizen" else None
    initial = {"name": citizen.full_name, "phone": citizen.phone, "email": citizen.email} if citizen else None
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_ask(
                disclosure=disclosure, ip=_client_ip(request), asker=citizen, **form.cleaned_data
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                _("Câu hỏi của bạn đã được gửi, cán bộ sẽ trả lời và công khai câu trả lời tại trang này."),
            )
            return redirect(disclosure.get_absolute_url() + "#hoi-dap")
    return render(
        request,
        "disclosures/detail.html",
        _ctx(
            request,
            disclosure=disclosure,
            files=list(disclosure.files.all()),
            checks=services.rule_checks(disclosure),
            questions=selectors.published_questions(disclosure),
            form=form,
        ),
        status=400 if request.method == "POST" else 200,
    )


def disclosure_file(request, pk):
    f = DisclosureFile.objects.select_related("disclosure").filter(pk=pk).first()
    if f is None or f.disclosure.status != Status.PUBLISHED:
        raise Http404(_("Không tìm thấy tệp."))
    return FileResponse(f.file.open("rb"), as_attachment=True, filename=f.original_name)


def _quarter_params(request) -> tuple[int, int]:
    year, quarter = selectors.quarter_of(local_today())
    try:
        year = int(request.GET.get("nam") or year)
        quarter = int(request.GET.get("quy") or quarter)
    except ValueError:
        raise Http404(_("Quý không hợp lệ."))
    if not (1 <= quarter <= 4 and 2000 <= year <= 2100):
        raise Http404(_("Quý không hợp lệ."))
    return year, quarter


def _register_commune(request, year: int, quarter: int) -> Unit | None:
    start, end = selectors.quarter_bounds(year, quarter)
    day = min(end, local_today())
    code = (request.GET.get("don-vi") or "").strip()
    if code:
        unit = unit_by_code(code, day)
        if unit is None or unit.kind not in COMMUNE_KINDS:
            raise Http404(_("Không tìm thấy xã, phường."))
        return unit
    return selectors.communes_in_quarter(year, quarter, within=portal_root_unit()).first()


REGISTER_LIST_ALL = COMMUNE_LIST_ALL  # the public register lists at most this many communes; more: a search
REGISTER_COMMUNES_PER_PAGE = 30  # communes a page of the officers' register (a row of 14 statuses each)


def _communes_named(query: str, year: int, quarter: int) -> list[Unit]:
    """The portal's communes in force at the quarter's end (or today) whose name matches `query`, ranked as
    every public commune search ranks them (`units.selectors.commune_search`)."""
    _start, end = selectors.quarter_bounds(year, quarter)
    day = min(end, local_today())
    return commune_search(query, within=portal_root_unit(), day=day)[0]


def _quarter_nav(year: int, quarter: int) -> dict:
    prev = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    nxt = (year, quarter + 1) if quarter < 4 else (year + 1, 1)
    return {"prev": prev, "next": nxt}


@public_page("disclosures", "units")
def register_page(request):
    year, quarter = _quarter_params(request)
    commune = _register_commune(request, year, quarter)
    reg = selectors.register(commune, year, quarter) if commune else None
    communes = selectors.communes_in_quarter(year, quarter, within=portal_root_unit())
    # a few communes: a list to choose from; a province's thousands: found by name (the page stays small)
    query = search_words(request, "tim")
    unit_search = communes[: REGISTER_LIST_ALL + 1].count() > REGISTER_LIST_ALL
    return render(
        request,
        "disclosures/register.html",
        _ctx(
            request,
            reg=reg,
            year=year,
            quarter=quarter,
            communes=[] if unit_search else list(communes),
            unit_search=unit_search,
            query=query,
            found=_communes_named(query, year, quarter) if unit_search and query else [],
            nav=_quarter_nav(year, quarter),
            years=range(local_today().year, 2018, -1),
        ),
    )


def _export_register(request):
    year, quarter = _quarter_params(request)
    commune = _register_commune(request, year, quarter)
    if commune is None:
        raise Http404(_("Không tìm thấy xã, phường."))
    return selectors.register(commune, year, quarter)


def register_docx(request):
    reg = _export_register(request)
    name = f"so-theo-doi-cong-khai-{reg.commune.code}-{reg.year}-q{reg.quarter}.docx"
    return download(exports.register_docx(reg), name, DOCX)


def register_xlsx(request):
    reg = _export_register(request)
    name = f"so-theo-doi-cong-khai-{reg.commune.code}-{reg.year}-q{reg.quarter}.xlsx"
    return download(exports.register_xlsx(reg), name, XLSX)


# ---------------------------------------------------------------- officers


@officer_required("disclosures.edit")
def ws_list(request):
    unit = current_unit(request)
    cats = selectors.categories()
    form = FilterForm(request.GET or None, categories=cats, officer=True)
    values = form.values()
    qs = selectors.officer_list(request.user, unit=unit, **values)
    page = paginate(request, qs)
    return render(
        request,
        "disclosures/ws_list.html",
        _ws_ctx(
            request,
            page=page,
            page_query=query_without_page(request),
            form=form,
            filtered=any(values.values()),
        ),
    )


def _form_kwargs(request, disclosure=None) -> dict:
    units = selectors.editable_units(request.user)
    if disclosure is not None and disclosure.unit not in units:
        units.insert(0, disclosure.unit)
    return {"units": units, "categories": selectors.categories()}


def _save(request, form, disclosure=None):
    """Check every rule (all messages per field), then call the service; returns the disclosure or None."""
    data = dict(form.cleaned_data)
    if data.get("category") is not None and data.get("posting_start") and data.get("decision_date"):
        errors = services.rule_violations(
            category=data["category"],
            decision_date=data["decision_date"],
            forms=data.get("forms") or [],
            posting_start=data["posting_start"],
            posting_end=data.get("posting_end"),
            loudspeaker_days=data.get("loudspeaker_days"),
        )
        for exc in errors:
            _form_error(form, exc)
        if errors:
            return None
    try:
        if disclosure is None:
            return services.disclosure_create(actor=request.user, **data)
        return services.disclosure_update(actor=request.user, disclosure=disclosure, **data)
    except DomainError as exc:
        _form_error(form, exc)
        return None


@officer_required("disclosures.edit")
def ws_create(request):
    form = DisclosureForm(request.POST or None, **_form_kwargs(request))
    if request.method == "POST" and form.is_valid():
        d = _save(request, form)
        if d is not None:
            messages.success(request, _("Đã lưu bản nháp “%(title)s”.") % {"title": d.title})
            return redirect("disclosures:ws_detail", pk=d.pk)
    return render(request, "disclosures/ws_form.html", _ws_ctx(request, form=form, disclosure=None))


@officer_required("disclosures.edit")
def ws_edit(request, pk):
    d = access_disclosure_by_id(request.user, pk)
    initial = {
        "unit": d.unit_id,
        "category": d.category_id,
        "title": d.title,
        "body": d.body,
        "decision_date": d.decision_date,
        "forms": d.forms,
        "posting_start": d.posting_start,
        "posting_end": d.posting_end,
        "loudspeaker_days": d.loudspeaker_days,
    }
    form = DisclosureForm(request.POST or None, initial=initial, **_form_kwargs(request, d))
    if request.method == "POST" and form.is_valid():
        if _save(request, form, d) is not None:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("disclosures:ws_detail", pk=d.pk)
    return render(request, "disclosures/ws_form.html", _ws_ctx(request, form=form, disclosure=d))


@officer_required("disclosures.edit")
def ws_detail(request, pk):
    d = access_disclosure_by_id(request.user, pk)
    return render(
        request,
        "disclosures/ws_detail.html",
        _ws_ctx(
            request,
            disclosure=d,
            files=list(d.files.all()),
            checks=services.rule_checks(d),
            questions=list(d.questions.order_by("-created_at")[:50]),
            file_form=FileForm(),
            withdraw_form=ReasonForm(),
            audit_events=audit_events_for(d, user=request.user, unit=d.unit),
        ),
    )


@officer_required("disclosures.edit")
@require_POST
def ws_publish(request, pk):
    d = access_disclosure_by_id(request.user, pk)
    try:
        d = services.disclosure_publish(actor=request.user, disclosure=d)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if d.is_late:
            messages.warning(
                request,
                _("Đã công khai, nhưng muộn so với hạn %(due)s.")
                % {"due": d.publish_due.strftime("%d/%m/%Y")},
            )
        else:
            messages.success(request, _("Đã công khai trên cổng thông tin."))
    return redirect("disclosures:ws_detail", pk=d.pk)


@officer_required("disclosures.edit")
def ws_withdraw(request, pk):
    d = access_disclosure_by_id(request.user, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.disclosure_withdraw(actor=request.user, disclosure=d, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã thu hồi nội dung khỏi cổng thông tin."))
            return redirect("disclosures:ws_detail", pk=d.pk)
    return render(request, "disclosures/ws_withdraw.html", _ws_ctx(request, disclosure=d, form=form))


@officer_required("disclosures.edit")
@require_POST
def ws_file_add(request, pk):
    d = access_disclosure_by_id(request.user, pk)
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.disclosure_file_add(actor=request.user, disclosure=d, uploaded=form.cleaned_data["file"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã đính kèm tệp."))
    else:
        messages.error(request, _("Vui lòng chọn tệp cần đính kèm."))
    return redirect("disclosures:ws_detail", pk=d.pk)


@officer_required("disclosures.edit")
@require_POST
def ws_file_remove(request, pk, file_pk):
    f = access_disclosure_file_by_id(request.user, file_pk)
    if f.disclosure_id != int(pk):
        raise Http404
    services.disclosure_file_remove(actor=request.user, file=f)
    messages.success(request, _("Đã xoá tệp “%(name)s”.") % {"name": f.original_name})
    return redirect("disclosures:ws_detail", pk=pk)


@officer_required("disclosures.answer")
def ws_questions(request):
    status = request.GET.get("trang-thai") or QuestionStatus.PENDING
    if status not in QuestionStatus.values:
        status = QuestionStatus.PENDING
    qs = selectors.question_queue(request.user, status=status, unit=current_unit(request))
    page = paginate(request, qs)
    return render(
        request,
        "disclosures/ws_questions.html",
        _ws_ctx(
            request,
            page=page,
            page_query=query_without_page(request),
            status=status,
            statuses=QuestionStatus.choices,
            answer_form=AnswerForm(),
            reject_form=ReasonForm(),
        ),
    )


@officer_required("disclosures.answer")
@require_POST
def ws_answer(request, pk):
    q = access_question_by_id(request.user, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.question_answer(actor=request.user, question=q, answer=form.cleaned_data["answer"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã đăng câu trả lời và báo cho người hỏi."))
    else:
        messages.error(request, _("Vui lòng nhập nội dung trả lời."))
    return redirect(reverse("disclosures:ws_questions"))


@officer_required("disclosures.answer")
@require_POST
def ws_reject(request, pk):
    q = access_question_by_id(request.user, pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.question_reject(actor=request.user, question=q, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã không đăng câu hỏi."))
    else:
        messages.error(request, _("Vui lòng nhập lý do."))
    return redirect(reverse("disclosures:ws_questions"))


@officer_required("disclosures.register")
def ws_register(request):
    year, quarter = _quarter_params(request)
    within = current_unit(request)
    page = paginate(
        request,
        selectors.communes_in_quarter(year, quarter, within=within, user=request.user),
        REGISTER_COMMUNES_PER_PAGE,
    )
    registers = selectors.register_matrix(list(page.object_list), year, quarter)
    return render(
        request,
        "disclosures/ws_register.html",
        _ws_ctx(
            request,
            registers=registers,
            page=page,
            page_query=query_without_page(request),
            categories=[c for c in selectors.categories() if c.mandatory],
            year=year,
            quarter=quarter,
            nav=_quarter_nav(year, quarter),
            can_edit_unit=within is not None and has_unit_perm(request.user, "disclosures.edit", within),
        ),
    )


@citizen_required()
def my_questions(request):
    """The citizen's questions on disclosures and their answers (asked from the account or its verified
    phone)."""
    page = paginate(request, selectors.questions_of(request.user))
    return render_area(
        request,
        "disclosures/area_questions.html",
        {"page": page, "page_query": query_without_page(request)},
        active="cau-hoi",
    )
