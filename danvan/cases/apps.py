from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "danvan.cases"
    label = "cases"
    verbose_name = "Phản ánh, kiến nghị, khiếu nại, tố cáo"

    def ready(self):
        from danvan.publishing.feeds import register_feed_provider
        from danvan.publishing.sitemaps import STATIC_PAGES, sitemaps

        from . import schedule  # noqa: F401  (registers the daily deadline sweep)
        from .feeds import AnswerSitemap, answer_entries

        register_feed_provider(answer_entries)
        sitemaps["answers"] = AnswerSitemap
        for name in ("cases:answers", "cases:submit", "cases:track"):
            if name not in STATIC_PAGES:
                STATIC_PAGES.append(name)
