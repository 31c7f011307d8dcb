"""Paging, in one place for the screens and the API.

- Screens: `paginate(request, queryset)` → a Django Page; the template `web/_pagination.html` renders it (keeps
  the other query parameters). `?trang=` is forgiving: junk is the first page, a number past the end (however
  large) or below 1 is the last page, so a hand-edited address never fails.
- API: `bounded_int(raw, name=…, …)` reads one paging parameter strictly and refuses anything outside its range
  with a Vietnamese `DomainError` naming the parameter (the API answers 400). `danvan.api.schemas.Paging` uses it
  for `limit`/`offset` on every list endpoint. `MAX_OFFSET` keeps every offset far inside a 64-bit integer: a
  bigger one overflowed SQLite and PostgreSQL (HTTP 500) before.
- A page read in two steps: `LateRows(queryset)` stands for the queryset in `paginate` or the API's paging and
  reads a page's primary keys first — from an index alone when one holds the order and the filtered columns —,
  then those rows (the public honour board: a merged commune's page 86 → 3 ms at 5,000,000 entries).
- Long screens at a province's scale: `keyset_page(request, queryset, ordering)` → a `KeysetPage` (`?sau=` /
  `?truoc=` cursors, no count, no OFFSET); the template `web/_keyset_pagination.html` renders it.
"""

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q
from django.utils.functional import cached_property

from .errors import DomainError
from .formatting import group_thousands

# The deepest row an API list can start at: more than any list here holds (a province has ~33,000 units and
# at most a million cases), far below 2**63. Deeper reads need a narrower filter.
MAX_OFFSET = 1_000_000


class LateRows:
    """`queryset` read a page at a time in two steps: `queryset.values_list("pk")[page]`, then the rows of those
    keys (with the queryset's joins), in the same order. PostgreSQL walks an ordered index to the first rows
    that pass the filter; when the filter's columns are in that index (INCLUDE) the walk never touches the
    table, and only the page's rows are read from it. One row, a count, `order_by()` and iteration are the
    queryset's own."""

    ordered = True  # the Paginator's warning about unordered lists: the queryset's order is kept

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self) -> int:
        return self.queryset.count()

    def order_by(self, *fields):
        return self.queryset.order_by(*fields)

    def __len__(self) -> int:
        return self.count()

    def __iter__(self):
        return iter(self.queryset)

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self.queryset[key]
        keys = list(self.queryset.values_list("pk", flat=True)[key])
        rows = {row.pk: row for row in self.queryset.order_by().filter(pk__in=keys)}
        return [rows[pk] for pk in keys if pk in rows]


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


# ------------------------------------------------------------------------------------------- keyset pages
# A deep OFFSET page reads and throws away every row before it (the public decisions list at a province's
# scale: bench/m4_decisions.py). A keyset page starts where the previous one ended: `?sau=<cursor>` (the rows
# after the last row shown) or `?truoc=<cursor>` (the rows before the first), the cursor being the ordering's
# values of that row, opaque (base64 of JSON) and validated against the ordering's fields: anything that does
# not decode to them is the first page, never an error.

KEYSET_AFTER, KEYSET_BEFORE = "sau", "truoc"
_CURSOR_MAX = 512  # characters; a longer value is junk


def _field_of(model, name: str):
    return model._meta.get_field(name.lstrip("-"))


def _to_json(value):
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _from_json(field, raw):
    """`raw` (from a cursor) as a value of `field`; ValueError/TypeError when it is not one."""
    from django.db import models

    if isinstance(field, models.DateTimeField):
        if not isinstance(raw, str):
            raise TypeError(raw)
        return dt.datetime.fromisoformat(raw)
    if isinstance(field, models.DateField):
        if not isinstance(raw, str):
            raise TypeError(raw)
        return dt.date.fromisoformat(raw)
    if isinstance(field, models.IntegerField | models.AutoField | models.ForeignKey):
        if isinstance(raw, bool) or not isinstance(raw, int) or abs(raw) >= 2**63:
            raise TypeError(raw)
        return raw
    if isinstance(field, models.CharField | models.TextField):
        if not isinstance(raw, str):
            raise TypeError(raw)
        return raw
    raise TypeError(field)


def encode_cursor(row, ordering: tuple[str, ...]) -> str:
    values = [_to_json(getattr(row, _field_of(type(row), f).attname)) for f in ordering]
    return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(raw, model, ordering: tuple[str, ...]) -> list | None:
    """The ordering's values held by the cursor `raw`, or None for anything else (missing, junk, a value of the
    wrong type or number)."""
    if not raw or not isinstance(raw, str) or len(raw) > _CURSOR_MAX:
        return None
    try:
        data = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
        values = json.loads(data.decode())
        if not isinstance(values, list) or len(values) != len(ordering):
            return None
        return [_from_json(_field_of(model, f), v) for f, v in zip(ordering, values, strict=True)]
    except (ValueError, TypeError, UnicodeDecodeError, binascii.Error, RecursionError):
        return None


def _beyond(ordering: tuple[str, ...], values: list, *, forward: bool) -> Q:
    """The rows after (`forward`) or before the row whose ordering values are `values`: for ("-a", "-b"),
    after is a < va OR (a = va AND b < vb). The first field's bound is also given alone (a <= va), which lets
    a database start an index scan there instead of filtering from the first row."""
    condition = Q(pk__in=[])
    equal = Q()
    for name, value in zip(ordering, values, strict=True):
        field = name.lstrip("-")
        descending = name.startswith("-")
        lookup = "lt" if descending == forward else "gt"
        condition |= equal & Q(**{f"{field}__{lookup}": value})
        equal &= Q(**{field: value})
    first = ordering[0]
    bound = "lte" if first.startswith("-") == forward else "gte"
    return Q(**{f"{first.lstrip('-')}__{bound}": values[0]}) & condition


def _reversed(ordering: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f[1:] if f.startswith("-") else f"-{f}" for f in ordering)


@dataclass
class KeysetPage:
    object_list: list
    has_next: bool
    has_previous: bool
    next_cursor: str = ""
    previous_cursor: str = ""
    query: str = ""  # the other query parameters, kept by the links

    def _link(self, param: str, cursor: str) -> str:
        return "?" + (f"{self.query}&" if self.query else "") + f"{param}={cursor}"

    @property
    def next_link(self) -> str:
        return self._link(KEYSET_AFTER, self.next_cursor) if self.has_next else ""

    @property
    def previous_link(self) -> str:
        return self._link(KEYSET_BEFORE, self.previous_cursor) if self.has_previous else ""

    @property
    def first_link(self) -> str:
        return "?" + self.query if self.query else "?"

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def keyset_paginate(
    queryset, ordering, *, after: str | None = None, before: str | None = None, per_page: int = 25
) -> KeysetPage:
    """A page of `queryset` in `ordering` (non-null fields of its model — dates, date-times, integers, foreign
    keys, text —, "-" for descending, ending with a unique one such as "-id"): the first page, or the
    `per_page` rows after the cursor `after` (else before the cursor `before`). A cursor that does not decode,
    or that leads to no row, gives the first page. Queries: the page (one more row than shown, to know whether
    another lies beyond it) and, away from the first page, whether a row lies on the other side."""
    ordering = tuple(ordering)
    model = queryset.model
    forward, values = True, decode_cursor(after, model, ordering)
    if values is None:
        values = decode_cursor(before, model, ordering)
        forward = values is None
    rows: list = []
    if values is not None:
        qs = queryset.filter(_beyond(ordering, values, forward=forward))
        rows = list(qs.order_by(*(ordering if forward else _reversed(ordering)))[: per_page + 1])
    if not rows:  # the first page: no cursor, junk, or a cursor past the end
        rows = list(queryset.order_by(*ordering)[: per_page + 1])
        more = len(rows) > per_page
        rows = rows[:per_page]
        return KeysetPage(
            rows,
            has_next=more,
            has_previous=False,
            next_cursor=encode_cursor(rows[-1], ordering) if more else "",
        )
    more = len(rows) > per_page
    rows = rows[:per_page]
    if forward:
        has_next = more
        has_previous = queryset.filter(_beyond(ordering, _values(rows[0], ordering), forward=False)).exists()
    else:
        rows.reverse()
        has_previous = more
        has_next = queryset.filter(_beyond(ordering, _values(rows[-1], ordering), forward=True)).exists()
    return KeysetPage(
        rows,
        has_next=has_next,
        has_previous=has_previous,
        next_cursor=encode_cursor(rows[-1], ordering) if has_next else "",
        previous_cursor=encode_cursor(rows[0], ordering) if has_previous else "",
    )


def _values(row, ordering: tuple[str, ...]) -> list:
    return [getattr(row, _field_of(type(row), f).attname) for f in ordering]


def keyset_page(request, queryset, ordering, per_page: int = 25) -> KeysetPage:
    """`keyset_paginate` from the request's `?sau=` / `?truoc=`; the page's links keep the other parameters."""
    page = keyset_paginate(
        queryset,
        ordering,
        after=request.GET.get(KEYSET_AFTER),
        before=request.GET.get(KEYSET_BEFORE),
        per_page=per_page,
    )
    params = request.GET.copy()
    for param in (KEYSET_AFTER, KEYSET_BEFORE, "trang"):
        params.pop(param, None)
    page.query = params.urlencode()
    return page
