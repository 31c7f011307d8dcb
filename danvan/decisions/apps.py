from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "danvan.decisions"
    label = "decisions"
    verbose_name = "Nhân dân bàn và quyết định"

    def ready(self):
        from danvan.core import pagecache

        from . import schedule  # noqa: F401  (registers the daily steps sweep)

        pagecache.watch_app("decisions", "decisions")  # /lay-y-kien/: decisions, results, initiatives
