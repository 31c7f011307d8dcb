from django.contrib import admin

from .models import Disclosure, DisclosureCategory, DisclosureFile


@admin.register(DisclosureCategory)
class DisclosureCategoryAdmin(admin.ModelAdmin):
    list_display = ("number", "name", "permanent", "loudspeaker_required", "mandatory", "citation")
    list_editable = ("permanent", "loudspeaker_required", "mandatory")
    ordering = ("number",)


class FileInline(admin.TabularInline):
    model = DisclosureFile
    extra = 0
    can_delete = False
    readonly_fields = ("original_name", "size", "content_type", "uploaded_by", "created_at", "file")


@admin.register(Disclosure)
class DisclosureAdmin(admin.ModelAdmin):
    """Read-mostly: disclosures are written through the officers' screens (services, audit trail)."""

    list_display = ("title", "unit", "category", "status", "posting_start", "posting_end", "is_late")
    list_filter = ("status", "is_late", "category")
    search_fields = ("title", "unit__name")
    list_select_related = ("unit", "category")
    inlines = [FileInline]

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]
