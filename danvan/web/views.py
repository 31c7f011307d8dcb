"""The public portal shell (home, unit directory and unit sections) and the officers' dashboard."""

import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.access.mixins import SESSION_UNIT_KEY, officer_required
from danvan.access.policy import grants, has_any_perm, has_unit_perm_on, is_system_admin
from danvan.cases import selectors as case_selectors
from danvan.core import pagecache
from danvan.core.formatting import local_today
from danvan.core.pagecache import public_page
from danvan.core.paging import paginate, query_without_page
from danvan.core.text import tokens
from danvan.disclosures.selectors import current_disclosures
from danvan.publishing.selectors import latest_articles
from danvan.reviews.public import public_figures
from danvan.units import selectors as unit_selectors
from danvan.units.models import Level

from .context import current_unit, history_context, units_on, view_day, working_units
from .figures import scope_figures

CHILDREN_SHOWN = 60  # a province has 3,000 communes: its page shows the first ones and links to the directory
DIRECTORY_PAGE = 60


def _section(request, unit):
    today = local_today()
    # A former unit is shown as it was on its last day.
    day = today if unit.is_valid_on(today) or unit.valid_to is None else unit.valid_to
    children_all = unit_selectors.children(unit, day=day, organisations=False)
    children = list(unit_selectors.with_latest_counts(children_all)[: CHILDREN_SHOWN + 1])
    more_children = children_all.count() if len(children) > CHILDREN_SHOWN else 0
    ancestors = unit_selectors.ancestors(unit)
    organisations = unit_selectors.children(unit, day=day, organisations=True)
    return render(
        request,
        "web/home.html",
        {
            "nav_active": "home" if unit == unit_selectors.portal_root_unit() else "units",
            "section_unit": unit,
            "articles": latest_articles(unit, limit=6),
            "disclosures": current_disclosures(unit, limit=5),
            "answers": case_selectors.as_public_answers(case_selectors.published_answers(unit=unit)[:4]),
            "ancestors": ancestors,
            # the footer's contact: the unit's own, else that of the nearest unit above it that has one
            "contact_unit": unit_selectors.contact_of(unit, ancestors),
            "child_units": children[:CHILDREN_SHOWN],
            "more_children": more_children,
            "organisations": organisations,
            # the figures of the whole subtree: computed once per change of the units (a count entered) or per
            # DANVAN_PAGECACHE_SECONDS, for signed-in visitors too (anonymous ones get the whole page cached)
            "totals": pagecache.cached(
                f"totals:{unit.pk}:{today.isoformat()}",
                ["units"],
                lambda: unit_selectors.subtree_totals(unit),
            ),
            "successions_out": unit.successions_out.select_related("successor"),
            "successions_in": unit.successions_in.select_related("predecessor"),
            "is_current": unit.is_valid_on(today),
            # the public indicators of the unit's latest approved review report (page-cache topic "reviews")
            "review_figures": pagecache.cached(
                f"review-figures:{unit.pk}:{get_language()}", ["reviews"], lambda: public_figures(unit)
            ),
        },
    )


@public_page("news", "disclosures", "answers", "units", "reviews")
def home(request):
    code = request.GET.get("don-vi")
    if code:
        return redirect("web:unit_section", code=code)
    unit = unit_selectors.portal_root_unit()
    if unit is None:
        return render(request, "web/empty_site.html")
    return _section(request, unit)


@public_page("news", "disclosures", "answers", "units", "reviews")
def unit_section(request, code):
    try:
        day = dt.date.fromisoformat(request.GET.get("ngay", ""))
    except ValueError:
        day = None
    unit = unit_selectors.unit_by_code(code, day)
    if unit is None:
        raise Http404("Không tìm thấy đơn vị.")
    return _section(request, unit)


@public_page("units")
def unit_directory(request):
    """Administrative units in force, province → commune, a page at a time and searchable by name without
    diacritics (`?q=`), optionally the children of one unit (`?trong=<code>`); the former units (before the
    reforms) likewise with `?truoc-day=1`, the first of them below the current ones otherwise."""
    from danvan.units.models import Unit

    today = local_today()
    kinds = [k for k, lvl in _levels() if lvl <= Level.COMMUNE]
    q = (request.GET.get("q") or "").strip()[:100]
    within = (
        unit_selectors.unit_by_code(request.GET.get("trong", "")[:32]) if request.GET.get("trong") else None
    )
    former_only = request.GET.get("truoc-day") == "1"
    base = Unit.objects.administrative().filter(kind__in=kinds)
    if within is not None:
        base = base.filter(parent=within)
    for token in tokens(q):
        base = base.filter(search_name__contains=token)
    current = base.valid_on(today).select_related("parent").natural()
    former = base.filter(valid_to__lt=today).select_related("parent").natural()
    page = paginate(request, former if former_only else current, per_page=DIRECTORY_PAGE)
    former_first = [] if former_only else list(former[: DIRECTORY_PAGE + 1])
    return render(
        request,
        "web/unit_directory.html",
        {
            "nav_active": "units",
            "page": page,
            "page_query": query_without_page(request),
            "former_only": former_only,
            "former": former_first[:DIRECTORY_PAGE],
            "more_former": former.count() if len(former_first) > DIRECTORY_PAGE else 0,
            "q": q,
            "within": within,
        },
    )


def _levels():
    from danvan.units.models import ADMIN_LEVEL

    return ADMIN_LEVEL.items()


@officer_required()
def workspace(request):
    """The officer's dashboard: their unit's figures (on the day shown: the last day of a dissolved unit),
    what they may still do there, open cases, notices. Mobilisation officers, leaders and supervisors see
    the figures of their scope for the half-year (`reports.view`)."""
    unit = current_unit(request)
    day = view_day(request)
    my_grants = grants(request.user)
    roots = units_on(unit, day)
    totals = None
    if roots:
        parts = [unit_selectors.subtree_totals(u, day) for u in roots]
        totals = {k: sum(p[k] for p in parts) for k in ("communities", "households", "voters")}
    history = history_context(request, day)
    from danvan.notifications.selectors import latest_for

    may_report = unit is not None and has_unit_perm_on(request.user, "reports.view", unit, day)
    return render(
        request,
        "web/workspace.html",
        {
            "nav_active": "dashboard",
            "unit": unit,
            "my_grants": my_grants,
            "historical_grants": [g for g in my_grants if g.historical],
            "totals": totals,
            "figures": scope_figures(roots, day) if may_report else None,
            "notifications": latest_for(request.user, limit=5),
            "cases": (
                case_selectors.dashboard_summary(request.user, unit=unit)
                if has_any_perm(request.user, "cases.view") and not history["unit_ended"]
                else None
            ),
            **history,
        },
    )


@require_POST
@officer_required()
def switch_unit(request):
    try:
        unit_id = int(request.POST.get("unit", ""))
    except ValueError:
        unit_id = None
    allowed = {pk for pk, _ in working_units(request.user)}
    if unit_id in allowed or (unit_id and is_system_admin(request.user)):
        request.session[SESSION_UNIT_KEY] = unit_id
        messages.success(request, _("Đã chuyển đơn vị làm việc."))
    else:
        messages.error(request, _("Bạn không có vai trò nào ở đơn vị đã chọn."))
    nxt = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}) or not nxt.startswith(
        "/can-bo/"
    ):
        nxt = "/can-bo/"
    # Detail pages belong to one unit; after switching, go back to the list of the same module.
    parts = [p for p in nxt.split("?")[0].split("/") if p]
    return redirect("/" + "/".join(parts[:2]) + "/" if len(parts) >= 2 else "/can-bo/")
