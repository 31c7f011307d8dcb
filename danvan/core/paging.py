"""Paging, in one place for the screens and the API.

- Screens: `paginate(request, queryset)` → a Django Page; the template `web/_pagination.html` renders it (keeps
  the other query parameters). `?trang=` is forgiving: junk is the first page, a number past the end (however
  large) or below 1 is the last page, so a hand-edited address never fails.
- API: `bounded_int(raw, name=…, …)` reads one paging parameter strictly and refuses anything outside its range
  with a Vietnamese `DomainError` naming the parameter (the API answers 400). `danvan.api.schemas.Paging` uses it
  for `limit`/`offset` on every list endpoint. `MAX_OFFSET` keeps every offset far inside a 64-bit integer: a
  bigger one overflowed SQLite and PostgreSQL (HTTP 500) before.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.functional import cached_property

from .errors import DomainError
from .formatting import group_thousands

# The deepest row an API list can start at: more than any list here holds (a province has ~33,000 units and
# at most a million cases), far below 2**63. Deeper reads need a narrower filter.
MAX_OFFSET = 1_000_000


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


def paginate(request, queryset, per_page: int = 25, count_limit: int | None = None, *, param: str = "trang"):
    """`param`: the query parameter of the page number (a second list on the same page uses its own)."""
    if count_limit:
        paginator = CappedPaginator(queryset, per_page, count_limit)
    else:
        paginator = Paginator(queryset, per_page)
    number = request.GET.get(param) or 1
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def query_without_page(request, param: str = "trang") -> str:
    params = request.GET.copy()
    params.pop(param, None)
    return params.urlencode()


def bounded_int(raw, *, name: str, default: int, minimum: int, maximum: int) -> int:
    """`raw` (a query-string value, or an int) as an integer in [minimum, maximum]; missing or empty is
    `default`. Anything else — junk, a decimal, a sign alone, a number out of range however long — raises
    `DomainError(field=name)` with a message that names the parameter and its range."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return default
    if isinstance(raw, bool):
        number = None
    elif isinstance(raw, int):
        number = raw
    else:
        text = str(raw).strip()
        digits = text[1:] if text[:1] in "+-" else text
        # ASCII digits only: int() would also take "١٢" or "1_000", and a 5,000-digit string costs time
        number = int(text) if digits.isascii() and digits.isdigit() and len(digits) <= 30 else None
    if number is None or not minimum <= number <= maximum:
        raise DomainError(
            f"Tham số {name} phải là số nguyên từ {group_thousands(minimum)} đến {group_thousands(maximum)}.",
            field=name,
        )
    return number
