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
