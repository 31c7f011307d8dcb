"""The review's dashboard for officers, /can-bo/so-ket/bang-dieu-khien/?unit=&period=&indicator= (thin: parse →
access → selectors → render). Charts are inline SVG drawn on the server: the page needs no JavaScript."""

from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from danvan.access.mixins import officer_required
from danvan.access.policy import grants
from danvan.core.formatting import format_date, local_today
from danvan.units.models import Unit

from . import charts, dashboard
from .access import access_review_unit
from .forms import DashboardForm
from .models import ReportingPeriod, UnitReport
from .selectors import REPORTING_KINDS, reports_in_scope

UNITS_LISTED = 300


def _unit_choices(user, extra: Unit | None) -> list[Unit]:
    """The units to pick from: those of the officer's roles (reviews.view), the units reporting to them, and
    the units of the reports in the officer's scope (former units included); the unit asked for, if any."""
    own = [g.unit_id for g in grants(user) if "reviews.view" in g.perms]
    reported = list(
        reports_in_scope(user).order_by().values_list("unit_id", flat=True).distinct()[:UNITS_LISTED]
    )
    qs = Unit.objects.filter(kind__in=REPORTING_KINDS)
    units = list(qs.filter(pk__in=own))
    units += list(qs.filter(parent_id__in=own).natural()[:UNITS_LISTED])
    units += list(qs.filter(pk__in=reported))
    if extra is not None:
        units.append(extra)
    seen, out = set(), []
    for u in sorted(units, key=lambda u: (u.valid_to is not None, u.path)):
        if u.pk not in seen:
            seen.add(u.pk)
            out.append(u)
    return out


def _unit_label(u: Unit) -> str:
    if u.valid_to is None:
        return u.name
    return _("%(name)s (đến ngày %(day)s)") % {"name": u.name, "day": format_date(u.valid_to)}


def _default_period(unit: Unit, periods: list[ReportingPeriod]) -> ReportingPeriod | None:
    mine = UnitReport.objects.filter(unit=unit).order_by("-period__end").values_list("period_id", flat=True)
    first = next(iter(mine[:1]), None)
    by_pk = {p.pk: p for p in periods}
    if first in by_pk:
        return by_pk[first]
    today = local_today()
    return next((p for p in periods if p.start <= today and unit.is_valid_on(p.end)), None) or (
        periods[0] if periods else None
    )


def _figure(chart):
    if chart is None:
        return None
    # our own SVG: every text in it was escaped by ElementTree when it was written
    return {"chart": chart, "svg": mark_safe(charts.svg(chart))}


@officer_required("reviews.view")
def ws_dashboard(request):
    periods = list(ReportingPeriod.objects.order_by("-start", "reporter_kind"))
    chosen_period = next((p for p in periods if str(p.pk) == request.GET.get("period")), None)
    asked = request.GET.get("unit")
    unit = None
    if asked:
        day = chosen_period.end if chosen_period else None
        unit = access_review_unit(request.user, asked, day)  # 404 outside the officer's scope
    units = _unit_choices(request.user, unit)
    if unit is None and units:
        unit = units[0]
    period = chosen_period or (_default_period(unit, periods) if unit else None)
    board = dashboard.build(unit, period, request.GET.get("indicator")) if unit and period else None
    kinds = {p.reporter_kind for p in periods}
    form = DashboardForm(
        request.GET or None,
        units=[(u.pk, _unit_label(u)) for u in units],
        periods=[
            (p.pk, p.title + (f" — {p.get_reporter_kind_display()}" if len(kinds) > 1 else ""))
            for p in periods
        ],
        lines=[(ln.key, dashboard.label_of(ln)) for ln in (board.lines if board else [])],
        initial={
            "unit": unit.pk if unit else None,
            "period": period.pk if period else None,
            "indicator": board.focus.key if board and board.focus else "",
        },
    )
    if form.is_bound:
        form.is_valid()  # shows what was refused beside its field; the page falls back to the defaults
    context = {"form": form, "board": board, "unit": unit, "period": period, "nav_active": "reviews"}
    if board is not None:
        context.update(
            {
                "key_figure": _figure(board.key_chart()),
                "over_figure": _figure(board.over_periods_chart()),
                "three_figure": _figure(board.three_periods_chart()),
                "children_figure": _figure(board.children_chart()),
                "focus_label": dashboard.label_of(board.focus) if board.focus else "",
            }
        )
    return render(request, "reviews/ws_dashboard.html", context)
