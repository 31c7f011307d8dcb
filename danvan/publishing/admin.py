from django.contrib import admin

from .models import Article, Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "slug")


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    """Read-only: articles are written and moved through their workflow in the officers' screens (the
    services keep the sanitising, the audit trail and the search index right)."""

    list_display = ("title", "unit", "category", "status", "publish_at", "updated_at")
    list_filter = ("status", "category")
    search_fields = ("title", "slug", "search_text")
    list_select_related = ("unit", "category")
    raw_id_fields = ("unit", "created_by", "reviewed_by")
    date_hierarchy = "publish_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
