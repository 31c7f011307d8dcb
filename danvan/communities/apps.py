from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    name = "danvan.communities"
    label = "communities"
    verbose_name = "Hội quán, tổ tự quản, công trình và đóng góp"

    def ready(self):
        from danvan.publishing.sitemaps import STATIC_PAGES

        for name in ("communities:directory", "communities:projects", "communities:honour"):
            if name not in STATIC_PAGES:
                STATIC_PAGES.append(name)

        from danvan.core import pagecache

        # any row of the module written (groups, members, meetings, projects, the ledger…): the public pages
        # (/hoi-quan/) are rendered afresh; an import's progress rows are not shown publicly (the import's bulk
        # writes call pagecache.changed themselves)
        pagecache.watch_app(
            "communities", "communities", skip=lambda model: model.__name__.endswith("Import")
        )
