"""Pagination for lists: `paginate(request, queryset)` → a Django Page; the template
`web/_pagination.html` renders it (keeps the other query parameters)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator


def paginate(request, queryset, per_page: int = 25):
    paginator = Paginator(queryset, per_page)
    number = request.GET.get("trang") or 1
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("trang", None)
    return params.urlencode()
