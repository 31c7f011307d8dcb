"""Pagination for lists: `paginate(request, queryset)` → a Django Page; the template
`web/_pagination.html` renders it (keeps the other query parameters)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts at most `count_limit` + 1 rows: on a province's million cases an exact count costs more than
    the page itself. `capped` says there are more; the pages stop at the limit (narrow the filter)."""

    def __init__(self, object_list, per_page, count_limit: int, **kwargs):
        self.count_limit = count_limit
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def count(self):
        return self.object_list.order_by()[: self.count_limit + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.count_limit


def paginate(request, queryset, per_page: int = 25, count_limit: int | None = None):
    if count_limit:
        paginator = CappedPaginator(queryset, per_page, count_limit)
    else:
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
