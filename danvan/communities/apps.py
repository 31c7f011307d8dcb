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

        from django.db.models.signals import post_delete, post_save

        post_save.connect(_public_changed, dispatch_uid="communities-pagecache-save")
        post_delete.connect(_public_changed, dispatch_uid="communities-pagecache-delete")


def _public_changed(sender, **kwargs):
    """Any row of the module written (groups, members, meetings, projects, the ledger…): the public pages
    (`/hoi-quan/`, cached for anonymous visitors) are rendered afresh. Bulk writes (the import) call
    `pagecache.changed` themselves. An import's progress rows are not shown publicly."""
    if sender._meta.app_label != "communities" or sender.__name__.endswith("Import"):
        return
    from danvan.core import pagecache

    pagecache.changed("communities")
