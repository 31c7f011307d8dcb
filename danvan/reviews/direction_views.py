"""Officers' screens of the next period's directions (section II of a report): add, edit, remove (thin: parse →
access → service → render)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from danvan.access.mixins import officer_required
from danvan.core.errors import DomainError
from danvan.core.forms import run_form

from . import directions
from .access import access_report
from .forms import DirectionForm
from .models import Direction


def _direction_or_404(report, did) -> Direction:
    direction = Direction.objects.filter(report=report, pk=did).prefetch_related("units").first()
    if direction is None:
        raise Http404
    return direction


def _form_page(request, report, form, direction=None):
    return render(
        request,
        "reviews/ws_direction.html",
        {"report": report, "form": form, "direction": direction, "nav_active": "reviews"},
    )


@officer_required("reviews.prepare")
def ws_direction_add(request, pk):
    report = access_report(request.user, pk, "reviews.prepare")
    form = DirectionForm(request.POST or None, units=directions.unit_choices(report))
    if run_form(
        request,
        form,
        lambda **data: directions.direction_add(actor=request.user, report=report, **data),
        _("Đã thêm nhiệm vụ kỳ tới."),
    ):
        return redirect("reviews:ws_report", pk=report.pk)
    return _form_page(request, report, form)


@officer_required("reviews.prepare")
def ws_direction_edit(request, pk, did):
    report = access_report(request.user, pk, "reviews.prepare")
    direction = _direction_or_404(report, did)
    initial = {
        "title": direction.title,
        "units": [str(u.pk) for u in direction.units.all()],
        "due": direction.due,
        "note": direction.note,
    }
    choices = directions.unit_choices(report)
    known = {u.pk for u in choices}
    choices += [u for u in direction.units.all() if u.pk not in known]
    form = DirectionForm(request.POST or None, initial=initial, units=choices)
    if run_form(
        request,
        form,
        lambda **data: directions.direction_update(
            actor=request.user, report=report, direction=direction, **data
        ),
        _("Đã sửa nhiệm vụ kỳ tới."),
    ):
        return redirect("reviews:ws_report", pk=report.pk)
    return _form_page(request, report, form, direction)


@officer_required("reviews.prepare")
def ws_direction_remove(request, pk, did):
    """GET: the confirmation; POST: remove."""
    report = access_report(request.user, pk, "reviews.prepare")
    direction = _direction_or_404(report, did)
    error = None
    if request.method == "POST":
        try:
            directions.direction_remove(actor=request.user, report=report, direction=direction)
        except DomainError as exc:
            error = exc.message
        else:
            from django.contrib import messages

            messages.success(request, _("Đã xoá nhiệm vụ kỳ tới."))
            return redirect("reviews:ws_report", pk=report.pk)
    return render(
        request,
        "reviews/ws_direction_remove.html",
        {"report": report, "direction": direction, "error": error, "nav_active": "reviews"},
    )
