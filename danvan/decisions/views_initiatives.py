"""Pages of citizens' initiatives (Art. 16): the citizen's area (propose, consent for the household), the officers'
list and page (record consents from a meeting or in writing, the Front work committee's approval, the draft
decision) and the public list of a hamlet's open initiatives — counts only, no personal data. Fetched through the
`access_*` gates; every write through `initiatives.py`."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.access.mixins import citizen_required, officer_required
from danvan.access.policy import has_unit_perm
from danvan.audit.selectors import audit_events_for
from danvan.citizens.area import render_area
from danvan.core.errors import DomainError, NotFoundOrForbidden
from danvan.core.formatting import local_today
from danvan.core.forms import add_domain_error, run_form
from danvan.core.pagecache import public_page
from danvan.core.paging import paginate, query_without_page
from danvan.web.context import current_unit

from . import initiatives, selectors
from .access import access_hamlet_initiative, access_initiative
from .forms import ApproveForm, ConsentsForm, DraftForm, InitiativeForm
from .models import Decision, InitiativeStatus

VIEW, MANAGE = "decisions.view", "decisions.manage"
AREA = "sang-kien"


# ---------------------------------------------------------------------------------------------- officers


@officer_required(VIEW)
def ws_initiatives(request):
    root = current_unit(request)
    rows = selectors.initiatives_in_scope(request.user, root).order_by("-proposed_on", "-pk")
    status = request.GET.get("tinh-trang", "")
    if status in InitiativeStatus.values:
        rows = rows.filter(status=status)
    page = paginate(request, selectors.with_consent_counts(rows, local_today()), per_page=30)
    return render(
        request,
        "decisions/ws_initiatives.html",
        {
            "nav_active": "decisions",
            "page": page,
            "page_query": query_without_page(request),
            "root": root,
            "statuses": InitiativeStatus.choices,
            "status": status,
        },
    )


@officer_required(VIEW)
def ws_initiative(request, pk, forms=None):
    initiative = access_initiative(request.user, pk)
    forms = forms or {}
    return render(
        request,
        "decisions/ws_initiative.html",
        {
            "nav_active": "decisions",
            "i": initiative,
            "standing": initiatives.standing(initiative),
            "can_manage": has_unit_perm(request.user, MANAGE, initiative.hamlet),
            "consents_form": forms.get("consents") or ConsentsForm(initial={"given_on": local_today()}),
            "approve_form": forms.get("approve") or ApproveForm(),
            "draft_form": forms.get("draft") or DraftForm(),
            "audit_events": audit_events_for(initiative, user=request.user, unit=initiative.hamlet),
            "Status": InitiativeStatus,
        },
    )


def _officer_post(request, pk, key, form_class, action, success):
    initiative = access_initiative(request.user, pk, MANAGE)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            result = action(initiative, form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, success)
            if isinstance(result, Decision):
                return redirect("decisions:ws_detail", result.pk)
            return redirect("decisions:ws_initiative", initiative.pk)
    return ws_initiative(request, initiative.pk, forms={key: form})


@require_POST
@officer_required(MANAGE)
def ws_initiative_consents(request, pk):
    return _officer_post(
        request,
        pk,
        "consents",
        ConsentsForm,
        lambda i, data: initiatives.initiative_consents_record(
            actor=request.user,
            initiative=i,
            household_codes=data["households"],
            given_on=data["given_on"],
        ),
        _("Đã ghi ý kiến đồng thuận của các hộ."),
    )


@require_POST
@officer_required(MANAGE)
def ws_initiative_approve(request, pk):
    return _officer_post(
        request,
        pk,
        "approve",
        ApproveForm,
        lambda i, data: initiatives.initiative_approve(actor=request.user, initiative=i, **data) and None,
        _("Đã ghi nhận Ban công tác Mặt trận đồng ý đưa sáng kiến ra cộng đồng dân cư."),
    )


@require_POST
@officer_required(MANAGE)
def ws_initiative_draft(request, pk):
    return _officer_post(
        request,
        pk,
        "draft",
        DraftForm,
        lambda i, data: initiatives.initiative_to_decision(actor=request.user, initiative=i, **data),
        _("Đã lập dự thảo việc bàn và quyết định từ sáng kiến."),
    )


# ------------------------------------------------------------------------------------------------ public


@public_page("decisions", "units")
def public_initiatives(request):
    code = (request.GET.get("thon") or "").strip()
    hamlet = None
    if code:
        hamlet = selectors.hamlet_by_code(code)
        if hamlet is None:
            raise Http404("Không tìm thấy.")
    rows = selectors.with_consent_counts(selectors.open_initiatives(hamlet), local_today())
    page = paginate(request, rows, per_page=20)
    return render(
        request,
        "decisions/public_initiatives.html",
        {
            "page": page,
            "page_query": query_without_page(request),
            "hamlet": hamlet,
            "nav_active": "decisions",
        },
    )


# ------------------------------------------------------------------------------------- citizen's area


@citizen_required()
def my_initiatives(request):
    rows = selectors.with_consent_counts(
        selectors.initiatives_of_own_hamlet(request.user).order_by("-proposed_on", "-pk"), local_today()
    )
    page = paginate(request, rows)
    return render_area(
        request,
        "decisions/area_initiatives.html",
        {"page": page, "page_query": query_without_page(request), "Status": InitiativeStatus},
        active=AREA,
    )


@citizen_required()
def my_initiative_new(request):
    form = InitiativeForm(request.POST or None)
    made = run_form(
        request,
        form,
        lambda **data: initiatives.initiative_propose(citizen=request.user, **data),
        _("Đã gửi sáng kiến; hộ của bạn là hộ đồng thuận đầu tiên."),
    )
    if made:
        return redirect("decisions:my_initiative", made.pk)
    return render_area(request, "decisions/area_initiative_form.html", {"form": form}, active=AREA)


@citizen_required()
def my_initiative(request, pk):
    try:
        initiative = access_hamlet_initiative(request.user, pk)
    except NotFoundOrForbidden:
        raise Http404("Không tìm thấy.")
    if request.method == "POST":
        try:
            initiatives.initiative_consent(citizen=request.user, initiative=initiative)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã ghi nhận hộ của bạn đồng thuận sáng kiến."))
        return redirect("decisions:my_initiative", initiative.pk)
    return render_area(
        request,
        "decisions/area_initiative.html",
        {
            "i": initiative,
            "standing": initiatives.standing(initiative),
            "consent": selectors.own_consent(initiative, request.user),
            "today": local_today(),
            "Status": InitiativeStatus,
        },
        active=AREA,
    )
