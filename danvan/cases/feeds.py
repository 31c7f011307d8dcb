"""Published answers in the portal's Atom feed and sitemap (extension points of danvan.publishing).

Entries are built from `selectors.as_public_answers`, so a feed item carries no personal data either.
"""

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.utils import timezone

from danvan.publishing.feeds import FeedEntry

from . import selectors


def _moment(day: dt.date | None) -> dt.datetime | None:
    """An answer is dated by the day it was resolved: noon of that day, never later than now."""
    if day is None:
        return None
    return min(timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0))), timezone.now())


def answer_entries(limit: int) -> list[FeedEntry]:
    rows = selectors.as_public_answers(selectors.published_answers()[:limit])
    return [
        FeedEntry(
            key=f"answer/{a.code}",
            title=a.title,
            link=a.get_absolute_url(),
            published=_moment(a.resolved_on),
            updated=_moment(a.resolved_on),
            description=a.answer[:300],
            kind="Trả lời phản ánh, kiến nghị",
            unit_name=a.unit_name,
            categories=tuple(c for c in (a.field_name,) if c),
        )
        for a in rows
    ]


class AnswerSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5
    limit = 5000

    def items(self):
        return selectors.published_answers().select_related(None).only("code", "resolved_on")

    def location(self, item):
        from django.urls import reverse

        return reverse("cases:answer", kwargs={"code": item.code})

    def lastmod(self, item):
        return _moment(item.resolved_on)
