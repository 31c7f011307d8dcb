"""Disclosures in the portal's Atom feed and sitemap (extension points of danvan.publishing)."""

from django.contrib.sitemaps import Sitemap

from danvan.publishing.feeds import FeedEntry

from .models import Disclosure, Status


def disclosure_entries(limit: int) -> list[FeedEntry]:
    rows = (
        Disclosure.objects.filter(status=Status.PUBLISHED, published_at__isnull=False)
        .select_related("unit", "category")
        .order_by("-published_at", "-pk")[:limit]
    )
    return [
        FeedEntry(
            key=f"disclosure/{d.pk}",
            title=d.title,
            link=d.get_absolute_url(),
            published=d.published_at,
            updated=max(d.published_at, d.updated_at),
            description=d.body[:300],
            kind="Công khai",
            unit_name=d.unit.name,
            categories=(d.category.name,),
        )
        for d in rows
    ]


class DisclosureSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7
    limit = 5000

    def items(self):
        return Disclosure.objects.filter(status=Status.PUBLISHED).order_by("-published_at", "-pk")

    def lastmod(self, item):
        return item.published_at
