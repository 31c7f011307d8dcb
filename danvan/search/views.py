"""The public search page `/tim-kiem/?q=…[&don-vi=<code>][&trang=n]` (thin: parse → selector → render)."""

from django.core.paginator import Paginator
from django.shortcuts import render

from danvan.core.pagecache import public_page
from danvan.core.paging import query_without_page
from danvan.units.selectors import unit_by_code

from . import selectors
from .terms import MAX_QUERY_CHARS, query_terms

PER_PAGE = 20
# a query naming a kind of case also offers the form to file one (the kind chosen in advance)
CASE_KIND_WORDS = (
    ("khieu nai", "complaint"),
    ("to cao", "denunciation"),
    ("phan anh", "feedback"),
    ("kien nghi", "petition"),
)


def case_kinds_named(query: str) -> list[str]:
    """The kinds of case (codes of `cases.models.Kind`) that `query` names, unaccented ("khieu nai")."""
    text = f" {' '.join(query_terms(query).tokens)} "
    return [kind for words, kind in CASE_KIND_WORDS if f" {words} " in text]


class _Window:
    """What Paginator needs (a count and a slice) over one page of results already fetched."""

    def __init__(self, results: selectors.SearchResults):
        self.results = results

    def count(self) -> int:
        return self.results.total

    def __len__(self) -> int:
        return self.results.total

    def __getitem__(self, window: slice):
        return self.results.hits


def _page_number(raw: str | None) -> int:
    try:
        return max(1, int(raw or 1))
    except ValueError:
        return 1


@public_page("news", "disclosures", "answers", "units")
def search_page(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_CHARS]
    code = request.GET.get("don-vi", "").strip()
    scope_unit = unit_by_code(code) if code else None
    number = _page_number(request.GET.get("trang"))
    results = selectors.search(query, unit=scope_unit, limit=PER_PAGE, offset=(number - 1) * PER_PAGE)
    if results.total and not results.hits:  # a page past the end: show the last one
        number = (results.total - 1) // PER_PAGE + 1
        results = selectors.search(query, unit=scope_unit, limit=PER_PAGE, offset=(number - 1) * PER_PAGE)
    page = Paginator(_Window(results), PER_PAGE).page(number) if results.total else None
    return render(
        request,
        "search/search.html",
        {
            "nav_active": "search",
            "q": query,
            "results": results,
            "page": page,
            "page_query": query_without_page(request),
            "scope_unit": scope_unit,
            "scope_code": code if scope_unit else "",
            "file_kinds": _file_offers(query),
        },
    )


def _file_offers(query: str) -> list[dict]:
    from danvan.cases.models import Kind

    labels = dict(Kind.choices)
    return [{"kind": kind, "label": labels[kind]} for kind in case_kinds_named(query)]
