"""Pages of commune-wide decisions: the officers' creation and aggregated result (hamlets passed, not passed,
pending; the threshold and the rule cited) at /can-bo/lay-y-kien/toan-xa/…, and the public page. Fetched through
`access_decision`; every write through `commune.py`."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.access.mixins import officer_required
from danvan.access.policy import has_unit_perm
from danvan.audit.selectors import audit_events_for
from danvan.core.errors import DomainError
from danvan.core.forms import run_form
from danvan.core.pagecache import public_page
from danvan.web.context import current_unit

from . import commune, selectors
from .access import access_decision
from .forms import CommuneDecisionForm, NoticeForm
from .models import Status

VIEW, MANAGE = "decisions.view", "decisions.manage"


@officer_required(MANAGE)
def ws_commune_new(request):
    root = current_unit(request)
    if root is None or not root.is_commune or not has_unit_perm(request.user, MANAGE, root):
        messages.info(request, _("Hãy chọn một xã, phường làm đơn vị làm việc để lập việc toàn xã."))
        return redirect("decisions:ws_list")
    form = CommuneDecisionForm(request.POST or None)
    made = run_form(
        request,
        form,
        lambda **data: commune.commune_decision_create(actor=request.user, commune=root, **data),
        _("Đã lập việc toàn xã và các phần của từng thôn, tổ dân phố."),
    )
    if made:
        return redirect("decisions:ws_commune", made.pk)
    return render(
        request, "decisions/ws_commune_form.html", {"nav_active": "decisions", "form": form, "root": root}
    )


def _whole(user, pk, perm=VIEW):
    decision = access_decision(user, pk, perm)
    if not decision.is_commune_wide:
        raise Http404("Không tìm thấy.")
    return decision


@officer_required(VIEW)
def ws_commune(request, pk):
    decision = _whole(request.user, pk)
    return render(
        request,
        "decisions/ws_commune.html",
        {
            "nav_active": "decisions",
            "d": decision,
            "result": commune.commune_result(decision),
            "can_manage": has_unit_perm(request.user, MANAGE, decision.unit),
            "notice_form": NoticeForm(initial={"notice_on": decision.voting_on}),
            "audit_events": audit_events_for(decision, user=request.user, unit=decision.commune),
            "Status": Status,
        },
    )


def _post(request, pk, action, success):
    decision = _whole(request.user, pk, MANAGE)
    try:
        message = action(decision)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, message or success)
    return redirect("decisions:ws_commune", decision.pk)


@require_POST
@officer_required(MANAGE)
def ws_commune_notice(request, pk):
    form = NoticeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ngày thông báo không hợp lệ."))
        return redirect("decisions:ws_commune", pk)
    return _post(
        request,
        pk,
        lambda d: commune.commune_notice(actor=request.user, decision=d, **form.cleaned_data) and None,
        _("Đã ghi nhận thông báo cho việc toàn xã và các thôn."),
    )


@require_POST
@officer_required(MANAGE)
def ws_commune_open(request, pk):
    def act(d):
        _d, skipped = commune.commune_open(actor=request.user, decision=d)
        if skipped:
            return _("Đã mở biểu quyết; chưa mở được ở: %(names)s (chưa có hộ trong sổ).") % {
                "names": ", ".join(skipped)
            }
        return None

    return _post(request, pk, act, _("Đã mở biểu quyết ở các thôn, tổ dân phố."))


@require_POST
@officer_required(MANAGE)
def ws_commune_close(request, pk):
    return _post(
        request,
        pk,
        lambda d: commune.commune_close(actor=request.user, decision=d) and None,
        _("Đã kết thúc việc toàn xã và công bố kết quả."),
    )


@public_page("decisions", "units")
def public_commune(request, pk):
    decision = selectors.public_decisions().filter(pk=pk, scope="commune").first()
    if decision is None:
        raise Http404("Không tìm thấy.")
    return render(
        request,
        "decisions/public_commune.html",
        {
            "d": decision,
            "result": commune.commune_result(decision),
            "closed": selectors.result_visible(decision),
            "nav_active": "decisions",
            "Status": Status,
        },
    )
