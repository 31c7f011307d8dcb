"""Pages of community decisions: the officers' list, a decision's steps and result (/can-bo/lay-y-kien/…),
and the public list with results after closing (/lay-y-kien/). Every decision is fetched through
`access_decision`; every write goes through the services."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.access.mixins import citizen_required, officer_required
from danvan.access.policy import has_unit_perm, scope_under
from danvan.audit.selectors import audit_events_for
from danvan.citizens.area import render_area
from danvan.core.errors import DomainError, NotFoundOrForbidden
from danvan.core.forms import add_domain_error, run_form
from danvan.core.http import search_words
from danvan.core.pagecache import public_page
from danvan.core.paging import keyset_page, paginate, query_without_page
from danvan.web.context import current_unit

from . import selectors, services
from . import steps as decision_steps
from .access import access_decision, access_own_decision
from .forms import DecisionForm, NoticeDetailsForm, PollForm, TallyForm, VoteForm
from .models import Channel, Decision, Status
from .thresholds import threshold
from .timeline import timeline

VIEW, MANAGE = "decisions.view", "decisions.manage"


@officer_required(VIEW)
def ws_list(request):
    root = current_unit(request)
    rows = scope_under(
        Decision.objects.select_related("unit", "commune"), request.user, VIEW, root, unit_field="unit"
    )
    page = keyset_page(request, rows, selectors.LIST_ORDER, per_page=30)
    return render(
        request,
        "decisions/ws_list.html",
        {
            "nav_active": "decisions",
            "page": page,
            "root": root,
            "can_manage": root is not None and root.is_commune and has_unit_perm(request.user, MANAGE, root),
        },
    )


@officer_required(MANAGE)
def ws_new(request):
    root = current_unit(request)
    if root is None or not root.is_commune:
        messages.info(
            request, _("Hãy chọn một xã, phường làm đơn vị làm việc để lập việc bàn và quyết định.")
        )
        return redirect("decisions:ws_list")
    form = DecisionForm(request.POST or None, root=root)
    made = run_form(
        request,
        form,
        lambda **data: services.decision_create(actor=request.user, **data),
        _("Đã lập việc đưa ra cộng đồng dân cư bàn và quyết định."),
    )
    if made:
        return redirect("decisions:ws_detail", made.pk)
    return render(request, "decisions/ws_form.html", {"nav_active": "decisions", "form": form, "root": root})


def _threshold_words(decision: Decision) -> str:
    if not decision.households_total:
        return ""
    try:
        return threshold(
            decision.matter, decision.scope, decision.households_total, decision.voting_on
        ).words()
    except DomainError as exc:
        return exc.message


def _next_steps(d: Decision, can_manage: bool, can_recognise: bool) -> list[tuple[str, str]]:
    """The steps that may come next (the services decide; this only chooses the links to show)."""
    closed = d.status in (Status.PASSED, Status.NOT_PASSED)
    live = not d.is_annulled
    waiting_recognition = d.status == Status.PASSED and d.needs_recognition and not d.recognition
    rows = []
    if can_manage and d.status in (Status.DRAFT, Status.NOTICE) and d.matter_info.documents_before:
        if d.documents_delivered_on is None:
            rows.append(("gui-tai-lieu", _("Ghi nhận đã gửi tài liệu đến từng hộ")))
    if can_manage and closed and d.minutes_sent_on is None:
        rows.append(("gui-bien-ban", _("Ghi nhận đã gửi biên bản")))
    if can_recognise and live and waiting_recognition and d.minutes_sent_on:
        rows.append(("cong-nhan", _("Ghi văn bản công nhận hoặc từ chối")))
    if (
        can_manage
        and live
        and closed
        and d.minutes_sent_on
        and not waiting_recognition
        and not d.disclosure_id
    ):
        rows.append(("cong-khai", _("Công khai kết quả")))
    if can_manage and decision_steps.in_effect(d) and d.disclosure_id and not d.implemented_on:
        rows.append(("thuc-hien", _("Ghi kết quả tổ chức thực hiện")))
    if can_manage and live and d.status == Status.PASSED:
        rows.append(("sua-doi", _("Lập việc sửa đổi quyết định")))
    return rows


def _documents(d: Decision) -> list[tuple[str, str, str]]:
    """(label, the DOCX's address, the PDF's address) of the decision's forms that can be written now."""
    from django.urls import reverse

    def links(label, kind):
        return (
            label,
            reverse("decisions:ws_document", args=[d.pk, kind]),
            reverse("decisions:ws_document_pdf", args=[d.pk, kind]),
        )

    rows = []
    if d.notice_on:
        rows.append(links(_("Mẫu số 01 — Thông báo cuộc họp"), "thong-bao"))
    if d.status in (Status.PASSED, Status.NOT_PASSED):
        rows.append(links(_("Biên bản kết quả bàn và quyết định (Điều 20)"), "bien-ban"))
        if d.votes.filter(channel=Channel.ONLINE).exists():
            rows.append(links(_("Mẫu số 03 — Kết quả biểu quyết trực tuyến"), "truc-tuyen"))
    return rows


@officer_required(VIEW)
def ws_detail(request, pk):
    decision = access_decision(request.user, pk)
    if decision.is_commune_wide:
        return redirect("decisions:ws_commune", decision.pk)
    can_manage = has_unit_perm(request.user, MANAGE, decision.unit)
    can_recognise = has_unit_perm(request.user, decision_steps.RECOGNISE, decision.unit)
    result = selectors.tally_of(decision) if decision.status != Status.DRAFT else None
    return render(
        request,
        "decisions/ws_detail.html",
        {
            "nav_active": "decisions",
            "d": decision,
            "can_manage": can_manage,
            "result": result,
            "closed": selectors.result_visible(decision),
            "threshold_words": _threshold_words(decision),
            "tallies": decision.tallies.all(),
            "notice_form": NoticeDetailsForm(
                initial={"notice_on": decision_steps.notice_latest(decision)[0]}
                if decision.status == Status.DRAFT
                else None
            ),
            "timeline": timeline(decision),
            "next_steps": _next_steps(decision, can_manage, can_recognise),
            "can_annul": can_recognise and decision.status == Status.PASSED and not decision.is_annulled,
            "documents": _documents(decision),
            "poll_form": PollForm(),
            "tally_form": TallyForm(),
            "audit_events": audit_events_for(decision, user=request.user, unit=decision.commune),
            "Status": Status,
        },
    )


def _post(request, pk, action, success):
    decision = access_decision(request.user, pk, MANAGE)
    try:
        action(decision)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect("decisions:ws_detail", decision.pk)


@require_POST
@officer_required(MANAGE)
def ws_notice(request, pk):
    form = NoticeDetailsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ngày thông báo hoặc giờ họp không hợp lệ."))
        return redirect("decisions:ws_detail", pk)
    return _post(
        request,
        pk,
        lambda d: services.decision_notice(actor=request.user, decision=d, **form.cleaned_data),
        _("Đã ghi nhận thông báo."),
    )


@require_POST
@officer_required(MANAGE)
def ws_poll(request, pk):
    form = PollForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Số hộ đồng ý không hợp lệ."))
        return redirect("decisions:ws_detail", pk)
    return _post(
        request,
        pk,
        lambda d: services.online_poll_record(actor=request.user, decision=d, **form.cleaned_data),
        _("Đã ghi kết quả thăm dò."),
    )


@require_POST
@officer_required(MANAGE)
def ws_open(request, pk):
    return _post(
        request, pk, lambda d: services.voting_open(actor=request.user, decision=d), _("Đã mở biểu quyết.")
    )


@require_POST
@officer_required(MANAGE)
def ws_close(request, pk):
    access_decision(request.user, pk, MANAGE)  # out of scope: 404 before anything else
    if request.POST.get("confirm") != "1":  # closing cannot be undone: no tally can be added afterwards
        messages.error(
            request,
            _(
                "Hãy đánh dấu xác nhận trước khi kết thúc: sau khi kết thúc không ghi thêm kết quả kiểm phiếu được."
            ),
        )
        return redirect("decisions:ws_detail", pk)
    return _post(
        request,
        pk,
        lambda d: services.voting_close(actor=request.user, decision=d),
        _("Đã kết thúc biểu quyết và tính kết quả."),
    )


@officer_required(MANAGE)
def ws_tally(request, pk):
    decision = access_decision(request.user, pk, MANAGE)
    form = TallyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        codes = data["households"]
        try:
            services.tally_record(
                actor=request.user,
                decision=decision,
                channel=data["channel"],
                **(
                    {"household_codes": codes}
                    if data["channel"] == Channel.MEETING
                    else {"households": codes}
                ),
                yes=data["yes"],
                no=data["no"],
                other=data["other"],
                cluster=data["cluster"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("Đã ghi kết quả kiểm phiếu."))
            return redirect("decisions:ws_detail", decision.pk)
    return render(
        request, "decisions/ws_tally.html", {"nav_active": "decisions", "d": decision, "form": form}
    )


# ---------------------------------------------------------------------------------------------- public


def _public_commune_filter(request) -> dict:
    """The public list's commune filter at a province's scale (~3,000 communes, never listed whole):
    `?xa=<commune code>` narrows the list, `?tim-xa=<words>` finds communes by name (diacritics ignored, at
    most COMMUNE_RESULTS offered)."""
    from danvan.units.selectors import commune_search, unit_by_code

    code = (request.GET.get("xa") or "").strip()[:32]
    commune = unit_by_code(code) if code else None
    if commune is not None and not commune.is_commune:
        commune = None
    query = search_words(request, "tim-xa")
    found, total = commune_search(query) if query else ([], 0)
    return {
        "commune": commune,
        "commune_unknown": bool(code) and commune is None,
        "commune_query": query,
        "communes_found": found,
        "communes_more": max(total - len(found), 0),
    }


@public_page("decisions", "units")
def public_list(request):
    filters = _public_commune_filter(request)
    page = keyset_page(request, selectors.public_decisions(filters["commune"]), selectors.LIST_ORDER, 20)
    return render(
        request,
        "decisions/public_list.html",
        {"page": page, "Status": Status, "nav_active": "decisions", **filters},
    )


@public_page("decisions", "units")
def public_detail(request, pk):
    decision = selectors.public_decisions().filter(pk=pk).first()
    if decision is None:
        raise Http404("Không tìm thấy.")
    if decision.is_commune_wide:
        return redirect("decisions:public_commune", decision.pk)
    return render(
        request,
        "decisions/public_detail.html",
        {"d": decision, "closed": selectors.result_visible(decision), "nav_active": "decisions"},
    )


# ------------------------------------------------------------------------------------- citizen's area


@citizen_required()
def my_votes(request):
    page = paginate(request, selectors.decisions_of_household(request.user))
    return render_area(
        request,
        "decisions/area_votes.html",
        {"page": page, "page_query": query_without_page(request), "Status": Status},
        active="ho-bieu-quyet",
    )


@citizen_required()
def my_vote(request, pk):
    try:
        decision = access_own_decision(request.user, pk)
    except NotFoundOrForbidden:
        raise Http404("Không tìm thấy.")
    form = VoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.online_vote_cast(
                citizen=request.user, decision=decision, choice=form.cleaned_data["choice"]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã ghi nhận biểu quyết của hộ."))
        return redirect("decisions:my_vote", decision.pk)
    vote = selectors.own_vote(decision, request.user)
    can_vote = (
        vote is None
        and decision.status == Status.VOTING
        and decision.online_accepted
        and decision.matter_info.online_allowed
    )
    return render_area(
        request,
        "decisions/area_vote.html",
        {
            "d": decision,
            "vote": vote,
            "can_vote": can_vote,
            "form": form,
            "closed": selectors.result_visible(decision),
        },
        active="ho-bieu-quyet",
    )
