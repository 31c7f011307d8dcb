from django.apps import AppConfig


class DisclosuresConfig(AppConfig):
    name = "danvan.disclosures"
    label = "disclosures"
    verbose_name = "Công khai"

    def ready(self):
        from danvan.publishing.feeds import register_feed_provider
        from danvan.publishing.sitemaps import STATIC_PAGES, sitemaps

        from .feeds import DisclosureSitemap, disclosure_entries

        register_feed_provider(disclosure_entries)
        sitemaps["disclosures"] = DisclosureSitemap
        for name in ("disclosures:list", "disclosures:register"):
            if name not in STATIC_PAGES:
                STATIC_PAGES.append(name)
