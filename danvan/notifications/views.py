from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from danvan.access.mixins import officer_required
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
