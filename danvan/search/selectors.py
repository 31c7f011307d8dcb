"""Reads of the search index: `search(query, …)` over all public content.

Matching is insensitive to diacritics: the query goes through the same normaliser as the stored text
(danvan.core.text.normalize) and every query word must be a word of the document (title, summary or
body); the last query word may be the start of a word, so "tram ch" already finds "Tràm Chim"
(danvan.search.terms explains why only the last one). Ranking, best first:

0. the whole title is the query — or a unit's kind word and the query ("tram chim" is the whole of "Xã Tràm
   Chim"): the unit, article or item the person named comes before everything that merely mentions it;
1. exact diacritics — the title contains the query as typed (NFC, case-insensitive), then the number of
   the query's words the title contains exactly: "Xã Đông" puts "Xã Đông Hòa" above "Xã Đồng Hòa" and
   "Xã Động Hòa", which unaccenting merges;
2. the unaccented query is a phrase of the unaccented title;
3. how many query words are in the title (a title match outranks a body match);
4. newest `published_at` first.

On PostgreSQL the match is ``vector @@ to_tsquery('simple', 'tram & chim:*')`` (GIN index); on SQLite a
LIKE per query word on the space-padded `norm_body` (" tram ", then " chim"). Both accept exactly the
same documents, and the ranking is the same SQL on both, so the two databases give the same order.
Normalised query words are ``[a-z0-9]+`` only, so building the raw tsquery from them is safe.

Cost: matching uses the index; ranking reads every matching row's short title columns (no ``ts_rank``,
which detoasts each row's tsvector and was 3–4× slower on broad queries), and counting stops at
MAX_COUNT. Empty or blank queries find nothing; queries are cut to 200 characters and 8 words.
"""

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import reduce
from operator import add

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Length
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from danvan.core.text import normalize
from danvan.units.models import NAME_KIND_WORDS, Unit

from .models import SearchDocument
from .terms import QueryTerms, query_terms

SNIPPET_CHARS = 240
MAX_COUNT = 1000  # counting every match of a one-word query over a million documents costs more than it tells


@dataclass(frozen=True)
class SearchHit:
    title: str
    summary: str
    url: str
    kind: str
    unit_name: str
    published_at: dt.datetime | None
    snippet: SafeString  # the summary, escaped, with the matching words in <mark>, cut around the first one

    @property
    def place(self) -> str:
        """The owning unit's name, unless the hit is that unit itself."""
        return self.unit_name if self.unit_name != self.title else ""


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int
    more: bool = False  # more than `total` (= MAX_COUNT) documents match; only the first ones are paged
    hits: list[SearchHit] = field(default_factory=list)
    limit: int = 20
    offset: int = 0

    def __iter__(self) -> Iterator[SearchHit]:
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    def __bool__(self) -> bool:
        return self.total > 0


def _flag(condition: Q) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def _count_of(conditions: Iterable[Q]) -> Case | Value:
    flags = [_flag(c) for c in conditions]
    return reduce(add, flags) if flags else Value(0, output_field=IntegerField())


def _tsquery(terms: QueryTerms) -> SearchQuery:
    return SearchQuery(terms.tsquery, search_type="raw", config="simple")


def matching(terms: QueryTerms, *, unit=None, kinds: Iterable[str] | None = None) -> QuerySet:
    """Public documents matching every word of `terms`, optionally within `unit`'s subtree and `kinds`."""
    qs = SearchDocument.objects.filter(is_public=True)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if kinds:
        qs = qs.filter(kind__in=list(kinds))
    if connection.vendor == "postgresql":
        return qs.filter(vector=_tsquery(terms))
    for pattern in terms.word_patterns:
        qs = qs.filter(norm_body__contains=pattern)
    return qs


def _whole_titles(terms: QueryTerms) -> list[str]:
    phrase = " ".join(terms.tokens)
    return [f" {phrase} ", *(f" {word} {phrase} " for word in NAME_KIND_WORDS)]


def ranked(qs: QuerySet, terms: QueryTerms) -> QuerySet:
    """`qs` best first (see the module docstring)."""
    exact_phrase = terms.exact_phrase_pattern
    return qs.annotate(
        whole_title=_flag(Q(norm_title__in=_whole_titles(terms))),
        exact_phrase=_flag(Q(exact_title__contains=exact_phrase)) if exact_phrase else Value(0),
        exact_words=_count_of(Q(exact_title__contains=p) for p in terms.exact_patterns),
        title_phrase=_flag(Q(norm_title__contains=terms.phrase_pattern)),
        title_words=_count_of(Q(norm_title__contains=p) for p in terms.word_patterns),
    ).order_by(
        "-whole_title",
        "-exact_phrase",
        "-exact_words",
        "-title_phrase",
        "-title_words",
        F("published_at").desc(nulls_last=True),
        # among equals, the shorter title is the closer match ("Xã Tràm Chim" before "Đảng uỷ xã Tràm Chim")
        Length("norm_title").asc(),
        "-pk",
    )


def search(
    query: str, *, unit=None, kinds: Iterable[str] | None = None, limit: int = 20, offset: int = 0
) -> SearchResults:
    """Public content matching `query`, best first: how many match (`total`, counted up to
    MAX_COUNT — `more` says there are more) and the hits from `offset` to `offset + limit`. `unit`
    limits to documents owned by that unit or its subtree; `kinds` to these kind labels ("Đơn vị",
    "Tin tức", …). Three queries at most (count, page, unit names); none for an empty query."""
    terms = query_terms(query)
    kinds = list(kinds) if kinds else None
    if not terms or limit <= 0:
        return SearchResults(query=query or "", total=0, limit=limit, offset=offset)
    qs = matching(terms, unit=unit, kinds=kinds)
    total = qs.values("pk")[: MAX_COUNT + 1].count()
    more = total > MAX_COUNT
    total = min(total, MAX_COUNT)
    if offset >= total:
        return SearchResults(query=query, total=total, more=more, limit=limit, offset=offset)
    rows = list(
        ranked(qs, terms).values("title", "summary", "url", "kind", "unit_id", "published_at")[
            offset : min(offset + limit, total)
        ]
    )
    unit_ids = {r["unit_id"] for r in rows if r["unit_id"]}
    unit_names = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name")) if unit_ids else {}
    hits = [
        SearchHit(
            title=r["title"],
            summary=r["summary"],
            url=r["url"],
            kind=r["kind"],
            unit_name=unit_names.get(r["unit_id"], ""),
            published_at=r["published_at"],
            snippet=snippet(r["summary"], terms.tokens),
        )
        for r in rows
    ]
    return SearchResults(query=query, total=total, more=more, hits=hits, limit=limit, offset=offset)


_WORD_OR_NOT = re.compile(r"([^\W_]+)")


def snippet(text: str, tokens: Iterable[str], width: int = SNIPPET_CHARS) -> SafeString:
    """`text` escaped, with each word matching a query token (unaccented word prefix) in ``<mark>``,
    cut to about `width` characters around the first match."""
    tokens = tuple(tokens)
    if not text:
        return mark_safe("")
    parts = _WORD_OR_NOT.split(text)  # odd indexes are words
    first = (
        next((i for i in range(1, len(parts), 2) if normalize(parts[i]).startswith(tokens)), None)
        if tokens
        else None
    )
    start_char = sum(len(p) for p in parts[:first]) if first is not None else 0
    cut_from = 0
    if len(text) > width and start_char > width // 3:
        cut_from = start_char - width // 3
    cut_to = cut_from + width
    out, pos = [], 0
    for i, part in enumerate(parts):
        begin, pos = pos, pos + len(part)
        if pos <= cut_from or begin >= cut_to:
            continue
        if i % 2 and tokens and normalize(part).startswith(tokens):
            out.append(f"<mark>{escape(part)}</mark>")
        else:
            out.append(escape(part))
    html = "".join(out).strip()
    if cut_from > 0:
        html = "… " + html
    if cut_to < len(text):
        html += " …"
    return mark_safe(html)  # every piece of text above is escaped
