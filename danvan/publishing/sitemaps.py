"""The sitemap (/sitemap.xml).

Extension points: `sitemaps` is the dict passed to `django.contrib.sitemaps.views.sitemap` — another app
adds its own section with `sitemaps["disclosures"] = DisclosureSitemap`; `STATIC_PAGES` lists the URL
names of the portal's fixed pages (append to it).
"""

from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse

from .models import Article

STATIC_PAGES: list[str] = [
    "web:home",
    "publishing:article_list",
    "web:unit_directory",
    "search:search",
]


class StaticPagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return list(STATIC_PAGES)

    def location(self, item):
        try:
            return reverse(item)
        except NoReverseMatch:
            return "/"


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 5000

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "updated_at", "publish_at")
            .order_by("-publish_at", "-pk")
        )

    def lastmod(self, article):
        return article.updated_at


sitemaps: dict[str, type[Sitemap]] = {"static": StaticPagesSitemap, "news": ArticleSitemap}
