"""The portal's Atom feed (/feed/): the latest news, and whatever other modules add.

Extension point: a module appends an *item provider* to `FEED_PROVIDERS` (or calls
`register_feed_provider(fn)`): `fn(limit) -> iterable of FeedEntry`, its newest `limit` public items.
The feed merges every provider's entries, newest first, and keeps the first `FEED_SIZE`::

    from danvan.publishing.feeds import FeedEntry, register_feed_provider

    def disclosure_entries(limit):
        return [FeedEntry(title=d.title, link=d.get_absolute_url(), description=d.summary,
                          updated=d.published_at, kind="Công khai", unit_name=d.unit.name)
                for d in Disclosure.objects.public().select_related("unit")[:limit]]

    register_feed_provider(disclosure_entries)
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

FEED_SIZE = 30


@dataclass(frozen=True, kw_only=True)
class FeedEntry:
    title: str
    link: str
    updated: dt.datetime
    description: str = ""
    kind: str = ""
    unit_name: str = ""
    author: str = ""
    categories: tuple[str, ...] = field(default_factory=tuple)


def article_entries(limit: int) -> list[FeedEntry]:
    from .selectors import latest_articles

    return [
        FeedEntry(
            title=a.title,
            link=a.get_absolute_url(),
            updated=a.publish_at,
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


def feed_entries(limit: int = FEED_SIZE) -> list[FeedEntry]:
    entries = [e for provider in FEED_PROVIDERS for e in provider(limit)]
    epoch = timezone.make_aware(dt.datetime(1970, 1, 1))
    entries.sort(key=lambda e: e.updated or epoch, reverse=True)
    return entries[:limit]


class NewsFeed(Feed):
    feed_type = Atom1Feed
    title = "Tin tức dân vận và dân chủ ở cơ sở"
    subtitle = "Tin tức và thông tin công khai mới nhất của cổng thông tin dân vận."

    def link(self):
        from django.urls import reverse

        return reverse("publishing:article_list")

    def items(self):
        return feed_entries(FEED_SIZE)

    def item_title(self, item: FeedEntry):
        return f"[{item.kind}] {item.title}" if item.kind and item.kind != "Tin tức" else item.title

    def item_description(self, item: FeedEntry):
        return " · ".join(p for p in (item.unit_name, item.description) if p)

    def item_link(self, item: FeedEntry):
        return item.link

    def item_guid(self, item: FeedEntry):
        return item.link

    def item_pubdate(self, item: FeedEntry):
        return item.updated

    def item_updateddate(self, item: FeedEntry):
        return item.updated

    def item_author_name(self, item: FeedEntry):
        return item.author or item.unit_name or None

    def item_categories(self, item: FeedEntry):
        return item.categories
