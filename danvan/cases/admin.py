from django.contrib import admin

from .models import Case, Field


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "order", "active")
    list_editable = ("order", "active")
    ordering = ("order",)


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Read-only, without any identity column: cases are handled through the officers' screens."""

    list_display = ("code", "kind", "title", "unit", "status", "received_on", "resolve_due")
    list_filter = ("kind", "status", "channel", "field")
    search_fields = ("code", "title")
    list_select_related = ("unit",)
    exclude = (
        "protected_identity",
        "contact_digest",
        "submitter_name",
        "submitter_phone",
        "submitter_address",
        "submitter_email",
        "search_text",
        "idempotency_key",
    )
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        excluded = set(self.exclude)
        return [f.name for f in self.model._meta.fields if f.name not in excluded]
