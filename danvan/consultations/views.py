"""Pages of consultations: the officers' list and a consultation's plan, opinions and synthesis
(/can-bo/lay-y-kien/y-kien/…), the public list and page with the web opinion form (/lay-y-kien/y-kien/…), and
the citizen's own opinions (/tai-khoan/y-kien/). Every consultation is fetched through an access function;
every write goes through the services."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.access.mixins import citizen_required, officer_required
from danvan.access.policy import has_unit_perm, scope_under
from danvan.audit.selectors import audit_events_for
from danvan.citizens.area import render_area
from danvan.core.documents import DOCX
from danvan.core.errors import DomainError, NotFoundOrForbidden
from danvan.core.formatting import local_today
from danvan.core.forms import add_domain_error, run_form
from danvan.core.http import download
from danvan.core.pagecache import public_page
from danvan.core.paging import paginate, query_without_page
from danvan.web.context import current_unit

from . import selectors, services
from .access import access_consultation, access_opinion, access_public_consultation
from .forms import ConsultationForm, OpinionForm, OutcomeForm, PlanSentForm, RecordForm, RespondForm
from .models import Consultation, Status

VIEW, MANAGE = "consultations.view", "consultations.manage"
NAV = "consultations"


@officer_required(VIEW)
def ws_list(request):
    root = current_unit(request)
    rows = scope_under(
        Consultation.objects.select_related("unit", "commune"), request.user, VIEW, root, unit_field="unit"
    )
    status = request.GET.get("tinh-trang", "")
    if status in Status.values:
        rows = rows.filter(status=status)
    else:
        status = ""
    page = paginate(request, rows, per_page=30)
    return render(
        request,
        "consultations/ws_list.html",
        {
            "nav_active": NAV,
            "page": page,
            "page_query": query_without_page(request),
            "root": root,
            "status": status,
            "statuses": Status.choices,
            "can_manage": root is not None and root.is_commune and has_unit_perm(request.user, MANAGE, root),
        },
    )


@officer_required(MANAGE)
def ws_new(request):
    root = current_unit(request)
    if root is None or not root.is_commune:
        messages.info(request, _("Hãy chọn một xã, phường làm đơn vị làm việc để lập kế hoạch lấy ý kiến."))
        return redirect("consultations:ws_list")
    form = ConsultationForm(request.POST or None, root=root)
    made = run_form(
        request,
        form,
        lambda **_data: services.consultation_create(actor=request.user, **form.service_data()),
        _("Đã lập kế hoạch lấy ý kiến Nhân dân."),
    )
    if made:
        return redirect("consultations:ws_detail", made.pk)
    return render(request, "consultations/ws_form.html", {"nav_active": NAV, "form": form, "root": root})


def _detail_context(request, c: Consultation, **forms) -> dict:
    can_manage = has_unit_perm(request.user, MANAGE, c.unit)
    synthesis = selectors.synthesis_of(c)
    answerable = can_manage and c.status in (Status.OPEN, Status.CLOSED)
    return {
        "nav_active": NAV,
        "c": c,
        "can_manage": can_manage,
        "answerable": answerable,
        "synthesis": synthesis,
        "sections": list(c.sections.all()),
        "record_form": forms.get("record_form")
        or RecordForm(consultation=c, initial={"received_on": local_today()}),
        "respond_form": RespondForm(),
        "plan_form": forms.get("plan_form")
        or PlanSentForm(initial={"council_on": c.sent_to_council_on, "front_on": c.sent_to_front_on}),
        "respond_errors": forms.get("respond_errors", {}),
        "outcome_form": forms.get("outcome_form") or OutcomeForm(initial={"decided_on": local_today()}),
        "audit_events": audit_events_for(c, user=request.user, unit=c.commune),
        "Status": Status,
    }


@officer_required(VIEW)
def ws_detail(request, pk):
    c = access_consultation(request.user, pk)
    return render(request, "consultations/ws_detail.html", _detail_context(request, c))


def _post(request, pk, action, success, confirm_message=None):
    c = access_consultation(request.user, pk, MANAGE)
    if confirm_message and request.POST.get("confirm") != "1":
        messages.error(request, confirm_message)
        return redirect("consultations:ws_detail", c.pk)
    try:
        action(c)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect("consultations:ws_detail", c.pk)


@require_POST
@officer_required(MANAGE)
def ws_open(request, pk):
    return _post(
        request,
        pk,
        lambda c: services.consultation_open(actor=request.user, consultation=c),
        _("Đã bắt đầu lấy ý kiến Nhân dân."),
    )


@require_POST
@officer_required(MANAGE)
def ws_close(request, pk):
    return _post(
        request,
        pk,
        lambda c: services.consultation_close(actor=request.user, consultation=c),
        _("Đã kết thúc lấy ý kiến."),
        _(
            "Hãy đánh dấu xác nhận trước khi kết thúc: sau khi kết thúc người dân không gửi ý kiến trực tuyến được nữa."
        ),
    )


@require_POST
@officer_required(MANAGE)
def ws_publish(request, pk):
    return _post(
        request,
        pk,
        lambda c: services.synthesis_publish(actor=request.user, consultation=c),
        _("Đã công khai báo cáo tổng hợp ý kiến."),
        _(
            "Hãy đánh dấu xác nhận trước khi công khai: sau khi công khai không sửa được nội dung tiếp thu, giải trình."
        ),
    )


def _form_post(request, pk, make_form, service, success: str, form_key: str):
    """The officers' forms of a consultation's page: on a valid POST the service runs and the page is shown
    again with `success`; a refusal shows the page with the form and its errors (400)."""
    c = access_consultation(request.user, pk, MANAGE)
    if request.method != "POST":
        return redirect("consultations:ws_detail", c.pk)
    form = make_form(c)
    made = run_form(
        request, form, lambda **data: service(actor=request.user, consultation=c, **data), success
    )
    if made:
        return redirect("consultations:ws_detail", c.pk)
    return render(
        request, "consultations/ws_detail.html", _detail_context(request, c, **{form_key: form}), status=400
    )


@officer_required(MANAGE)
def ws_plan_sent(request, pk):
    """Art. 27: the dates the plan went to the commune People's Council and the Front."""
    return _form_post(
        request,
        pk,
        lambda c: PlanSentForm(request.POST),
        services.plan_sent,
        _("Đã ghi ngày gửi kế hoạch."),
        "plan_form",
    )


@officer_required(MANAGE)
def ws_record(request, pk):
    return _form_post(
        request,
        pk,
        lambda c: RecordForm(request.POST, consultation=c),
        services.opinion_record,
        _("Đã ghi nhận ý kiến."),
        "record_form",
    )


@require_POST
@officer_required(MANAGE)
def ws_respond(request, pk, opinion_pk):
    c = access_consultation(request.user, pk, MANAGE)
    opinion = access_opinion(request.user, c, opinion_pk)
    form = RespondForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chọn tiếp thu hoặc giải trình."))
        return redirect(reverse("consultations:ws_detail", args=[c.pk]) + f"#y-kien-{opinion.pk}")
    try:
        services.opinion_respond(actor=request.user, opinion=opinion, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã ghi nội dung trả lời ý kiến."))
    return redirect(reverse("consultations:ws_detail", args=[c.pk]) + f"#y-kien-{opinion.pk}")


@officer_required(MANAGE)
def ws_outcome(request, pk):
    return _form_post(
        request,
        pk,
        lambda c: OutcomeForm(request.POST),
        services.outcome_record,
        _("Đã ghi quyết định của cơ quan có thẩm quyền."),
        "outcome_form",
    )


@officer_required(VIEW)
def ws_synthesis_docx(request, pk):

    from . import documents

    c = access_consultation(request.user, pk)
    try:
        data = documents.synthesis_docx(c)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("consultations:ws_detail", c.pk)
    return download(data, documents.file_name(c), DOCX)


# ---------------------------------------------------------------------------------------------- public


@public_page("decisions", "units")
def public_list(request):
    page = paginate(request, selectors.public_consultations(), per_page=20)
    return render(
        request,
        "consultations/public_list.html",
        {"page": page, "page_query": query_without_page(request), "nav_active": "decisions"},
    )


@public_page("decisions", "units")
def public_detail(request, pk):
    try:
        c = access_public_consultation(pk)
    except NotFoundOrForbidden:
        raise Http404("Không tìm thấy.")
    can_submit = services.may_submit(request.user, c)
    form, failed_section = None, None
    if request.method == "POST":
        form = OpinionForm(request.POST)
        if form.is_valid():
            try:
                services.opinion_submit(citizen=request.user, consultation=c, **form.cleaned_data)
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                messages.success(request, _("Đã gửi ý kiến của bạn. Cảm ơn bạn đã tham gia góp ý."))
                return redirect("consultations:public_detail", c.pk)
        failed_section = request.POST.get("section", "")
    return render(
        request,
        "consultations/public_detail.html",
        {
            "nav_active": "decisions",
            "c": c,
            "sections": list(c.sections.all()),
            "synthesis": selectors.synthesis_of(c) if c.synthesis_public else None,
            "can_submit": can_submit,
            "form": form,
            "failed_section": failed_section,
            "blank_form": OpinionForm(),
            "needs_login": not request.user.is_authenticated and c.status == Status.OPEN,
            "cannot_submit": request.user.is_authenticated and c.status == Status.OPEN and not can_submit,
        },
        status=400 if form is not None else 200,
    )


# ------------------------------------------------------------------------------------- citizen's area


@citizen_required()
def my_opinions(request):
    page = paginate(request, selectors.opinions_of_citizen(request.user))
    return render_area(
        request,
        "consultations/area_opinions.html",
        {"page": page, "page_query": query_without_page(request), "Status": Status},
        active="y-kien",
    )
