"""Officers' screens for the unit tree (thin: parse → access → selector/service → render)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.access.mixins import officer_required
from danvan.access.policy import has_unit_perm
from danvan.audit.selectors import audit_events_for
from danvan.core.errors import DomainError
from danvan.core.formatting import local_today
from danvan.core.paging import paginate, query_without_page
from danvan.web.context import current_unit, history_context, units_on, view_day

from . import selectors, services
from .access import access_unit_by_id
from .forms import CountForm, MapForm, UnitEditForm
from .models import UnitKind


@officer_required("units.view")
def unit_list(request):
    root = current_unit(request)
    day = view_day(request)
    q = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("loai", "")
    if kind not in UnitKind.values:
        kind = ""
    include_expired = request.GET.get("het-hieu-luc") == "1"
    roots = units_on(root, day)
    units = selectors.officer_unit_list(
        request.user, roots=roots, q=q, kind=kind, include_expired=include_expired, day=day
    )
    page = paginate(request, units, per_page=30)
    return render(
        request,
        "units/unit_list.html",
        {
            "nav_active": "units",
            "page": page,
            "page_query": query_without_page(request),
            "q": q,
            "kind": kind,
            "kinds": UnitKind.choices,
            "include_expired": include_expired,
            "root": root,
            "roots": roots,
            **history_context(request, day),
        },
    )


@officer_required("units.view")
def unit_detail(request, pk):
    day = view_day(request)
    unit = access_unit_by_id(request.user, pk, day=day)
    today = local_today()
    if not unit.is_valid_on(day) and unit.valid_to is not None and day > unit.valid_to:
        day = unit.valid_to  # a former unit is shown as it was on its last day
    map_form = MapForm(request.GET or None)
    mapped = None
    if map_form.is_valid():
        mapped = services.map_unit(unit, map_form.cleaned_data["day"])
    elif not unit.is_valid_on(today):
        mapped = services.map_unit(unit, today)
    return render(
        request,
        "units/unit_detail.html",
        {
            "nav_active": "units",
            "unit": unit,
            "ancestors": selectors.ancestors(unit),
            "children": selectors.with_latest_counts(selectors.children(unit, day=day), day=day),
            "counts": unit.counts.all()[:10],
            "successions_out": unit.successions_out.select_related("successor"),
            "successions_in": unit.successions_in.select_related("predecessor"),
            "totals": selectors.subtree_totals(unit, day),
            **history_context(request, day),
            "map_form": map_form,
            "mapped": mapped,
            "today": today,
            "can_manage": day == today and has_unit_perm(request.user, "units.manage", unit),
            "count_form": CountForm(initial={"as_of": today}),
            "audit_events": audit_events_for(unit, user=request.user, unit=unit),
        },
    )


@officer_required("units.manage")
def unit_edit(request, pk):
    unit = access_unit_by_id(request.user, pk, perm="units.manage")
    form = UnitEditForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_update(
                actor=request.user,
                unit=access_unit_by_id(request.user, pk, perm="units.manage"),
                **form.cleaned_data,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Đã lưu thông tin đơn vị."))
            return redirect("units:detail", pk=unit.pk)
    return render(request, "units/unit_edit.html", {"nav_active": "units", "unit": unit, "form": form})


@require_POST
@officer_required("units.manage")
def unit_count_add(request, pk):
    unit = access_unit_by_id(request.user, pk, perm="units.manage")
    form = CountForm(request.POST)
    if form.is_valid():
        try:
            services.community_count_set(actor=request.user, unit=unit, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã cập nhật số hộ và số cử tri."))
    else:
        errors = "; ".join(
            f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}"
            for f, e in form.errors.items()
        )
        messages.error(request, _("Chưa lưu được số liệu — %(errors)s") % {"errors": errors})
    return redirect("units:detail", pk=unit.pk)
