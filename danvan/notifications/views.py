from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from danvan.access.mixins import officer_required
from danvan.core.paging import paginate, query_without_page

from . import selectors, services


@officer_required()
def notification_list(request):
    page = paginate(request, selectors.inbox(request.user), per_page=30)
    return render(request, "notifications/list.html", {
        "nav_active": "notifications", "page": page, "page_query": query_without_page(request),
    })


@require_POST
@officer_required()
def notification_mark_read(request):
    n = services.mark_read(user=request.user)
    messages.success(request, f"Đã đánh dấu {n} thông báo là đã đọc." if n else "Không còn thông báo chưa đọc.")
    return redirect("notifications:list")
