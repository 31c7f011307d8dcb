from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from danvan.access.mixins import citizen_required, officer_required
from danvan.citizens.area import render_area
from danvan.core.paging import paginate, query_without_page

from . import selectors, services


@officer_required()
def notification_list(request):
    page = paginate(request, selectors.inbox(request.user), per_page=30)
    return render(
        request,
        "notifications/list.html",
        {
            "nav_active": "notifications",
            "page": page,
            "page_query": query_without_page(request),
        },
    )


@require_POST
@officer_required()
def notification_mark_read(request):
    n = services.mark_read(user=request.user)
    if n:
        text = ngettext(
            "Đã đánh dấu %(n)d thông báo là đã đọc.", "Đã đánh dấu %(n)d thông báo là đã đọc.", n
        ) % {"n": n}
    else:
        text = _("Không còn thông báo chưa đọc.")
    messages.success(request, text)
    return redirect("notifications:list")


# ---------------------------------------------------------------- the citizen's area


@citizen_required()
def my_notifications(request):
    page = paginate(request, selectors.inbox(request.user), per_page=30)
    return render_area(
        request,
        "notifications/area_list.html",
        {
            "page": page,
            "page_query": query_without_page(request),
            "unread": selectors.unread_count(request.user),
        },
        active="thong-bao",
    )


@require_POST
@citizen_required()
def my_notifications_read(request):
    """Mark the citizen's notices read: all of them, or the one posted (`thong-bao`)."""
    one = request.POST.get("thong-bao")
    ids = [int(one)] if one and one.isdigit() else None
    n = services.mark_read(user=request.user, notification_ids=ids)
    if ids is None:
        messages.success(
            request, _("Đã đánh dấu tất cả thông báo là đã đọc.") if n else _("Không còn thông báo chưa đọc.")
        )
    return redirect("notifications:mine")
