"""The portal's Atom feed (/feed/): the latest news, and whatever other modules add.

Extension point: a module appends an *item provider* to `FEED_PROVIDERS` (or calls
`register_feed_provider(fn)`): `fn(limit) -> iterable of FeedEntry`, its newest `limit` public items, each with
a stable `key` ("disclosure/12": the kind and the row's id, never its title or slug, which may change), the
moment it was first published (`published`) and the last time it changed (`updated`)::

    from danvan.publishing.feeds import FeedEntry, register_feed_provider

    def disclosure_entries(limit):
        return [FeedEntry(key=f"disclosure/{d.pk}", title=d.title, link=d.get_absolute_url(),
                          description=d.summary, published=d.published_at, updated=d.updated_at,
                          kind="Công khai", unit_name=d.unit.name)
                for d in Disclosure.objects.public().select_related("unit")[:limit]]

    register_feed_provider(disclosure_entries)

The feed keeps `FEED_SIZE` entries, newest `updated` first. Each provider has an equal share of them, and the
share one leaves unused goes to the newest entries of the others: a module that publishes dozens of items a
week (disclosures) cannot push the news out of the feed. Every entry's `<id>` is a tag URI (RFC 4151) built
from the request's host and the entry's key — `tag:danvan.example.gov.vn,2026:article/12` — so it is absolute
(RFC 4287 requires an IRI) and stays the same when a title, a slug or the feed's order changes.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

FEED_SIZE = 30


TAG_DATE = "2026"  # the tag URIs' date (RFC 4151): fixed, so that an entry's id never changes


@dataclass(frozen=True, kw_only=True)
class FeedEntry:
    title: str
    link: str
    updated: dt.datetime
    key: str = ""
    published: dt.datetime | None = None
    description: str = ""
    kind: str = ""
    unit_name: str = ""
    author: str = ""
    categories: tuple[str, ...] = field(default_factory=tuple)


def article_entries(limit: int) -> list[FeedEntry]:
    from .selectors import latest_articles

    return [
        FeedEntry(
            key=f"article/{a.pk}",
            title=a.title,
            link=a.get_absolute_url(),
            published=a.publish_at,
            # edited after it went out: the edit; scheduled and published later: the publication
            updated=max(d for d in (a.publish_at, a.updated_at) if d is not None),
            description=a.summary,
            kind="Tin tức",
            unit_name=a.unit.name,
            author=a.byline,
            categories=tuple(c for c in (a.category.name if a.category_id else "", *a.tag_list) if c),
        )
        for a in latest_articles(None, limit=limit)
    ]


FEED_PROVIDERS: list[Callable[[int], Iterable[FeedEntry]]] = [article_entries]


def register_feed_provider(provider: Callable[[int], Iterable[FeedEntry]]) -> None:
    if provider not in FEED_PROVIDERS:
        FEED_PROVIDERS.append(provider)


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _newest_first(entries) -> list[FeedEntry]:
    return sorted(entries, key=lambda e: e.updated or _EPOCH, reverse=True)


def feed_entries(limit: int = FEED_SIZE) -> list[FeedEntry]:
    """The `limit` entries of the feed: each provider's share of its newest, then the newest of the rest."""
    lists = [_newest_first(provider(limit)) for provider in FEED_PROVIDERS]
    share = -(-limit // max(1, len(lists)))
    chosen = [e for entries in lists for e in entries[:share]]
    rest = _newest_first(e for entries in lists for e in entries[share:])
    chosen += rest[: max(0, limit - len(chosen))]
    return _newest_first(chosen)[:limit]


@dataclass(frozen=True)
class _Item:
    entry: FeedEntry
    guid: str


def tag_uri(host: str, key: str) -> str:
    """`tag:<host>,<TAG_DATE>:<key>` for an entry; the host without its port (a tag authority is a name)."""
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return f"tag:{name.strip('[]').lower()},{TAG_DATE}:{key}"


class NewsFeed(Feed):
    feed_type = Atom1Feed
    title = "Tin tức dân vận và dân chủ ở cơ sở"
    subtitle = "Tin tức và thông tin công khai mới nhất của cổng thông tin dân vận."

    def link(self):
        from django.urls import reverse

        return reverse("publishing:article_list")

    def get_object(self, request, *args, **kwargs):
        return request.get_host()

    def items(self, host):
        return [_Item(e, tag_uri(host, e.key or e.link)) for e in feed_entries(FEED_SIZE)]

    def item_title(self, item: _Item):
        e = item.entry
        return f"[{e.kind}] {e.title}" if e.kind and e.kind != "Tin tức" else e.title

    def item_description(self, item: _Item):
        return " · ".join(p for p in (item.entry.unit_name, item.entry.description) if p)

    def item_link(self, item: _Item):
        return item.entry.link

    def item_guid(self, item: _Item):
        return item.guid

    def item_guid_is_permalink(self, item: _Item):
        return False

    def item_pubdate(self, item: _Item):
        return item.entry.published or item.entry.updated

    def item_updateddate(self, item: _Item):
        return item.entry.updated

    def item_author_name(self, item: _Item):
        return item.entry.author or item.entry.unit_name or None

    def item_categories(self, item: _Item):
        return item.entry.categories
