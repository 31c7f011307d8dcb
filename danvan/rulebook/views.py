"""Officers' pages of the rulebook: the rules in force (with the swap days) and the deadline calculator."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danvan.access.mixins import officer_required
from danvan.access.policy import has_any_perm
from danvan.core.errors import DomainError
from danvan.core.formatting import local_today

from . import selectors, services
from .forms import DeadlineForm, InForceForm
from .models import weekday_name

# The weekday names of `models.WEEKDAYS` (stay Vietnamese in the data and the API), marked here so that the
# catalogue has them: capitalised as in "Hạn cuối: Thứ Hai, …", lower case inside a sentence.
WEEKDAY_MESSAGES = (
    gettext_noop("Thứ Hai"),
    gettext_noop("Thứ Ba"),
    gettext_noop("Thứ Tư"),
    gettext_noop("Thứ Năm"),
    gettext_noop("Thứ Sáu"),
    gettext_noop("Thứ Bảy"),
    gettext_noop("Chủ nhật"),
    gettext_noop("thứ hai"),
    gettext_noop("thứ ba"),
    gettext_noop("thứ tư"),
    gettext_noop("thứ năm"),
    gettext_noop("thứ sáu"),
    gettext_noop("thứ bảy"),
    gettext_noop("chủ nhật"),
)


@officer_required("rules.view")
def rule_list(request):
    form = InForceForm(request.GET or None)
    day = form.day()
    context = {
        "nav_active": "rules",
        "form": form,
        "day": day,
        "is_today": day == local_today(),
        "areas": selectors.rules_by_area(day),
        "swaps": selectors.swaps(),
        "can_manage": has_any_perm(request.user, "rules.manage"),
    }
    return render(request, "rulebook/rule_list.html", context)


@officer_required("rules.view")
def deadline(request):
    if "start" in request.GET:
        form = DeadlineForm(request.GET)
    else:  # first visit, or a "Tính hạn" link from the rule list that only names the rule
        form = DeadlineForm(initial={"rule": request.GET.get("rule", ""), "start": local_today()})
    result = error = None
    skipped = []
    if form.is_bound and form.is_valid():
        try:
            result = services.compute_deadline(form.cleaned_data["rule"], form.cleaned_data["start"])
        except DomainError as exc:
            error = exc.message
        else:
            skipped = services.work_calendar().non_working_days(result.start, result.due)
    context = {
        "nav_active": "rules",
        "form": form,
        "result": result,
        "error": error,
        "skipped": skipped,
        "due_weekday": _(weekday_name(result.due)) if result else "",
        "start_weekday": _(weekday_name(result.start).lower()) if result else "",
    }
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "rulebook/_deadline_result.html", context)
    return render(request, "rulebook/deadline.html", context)
