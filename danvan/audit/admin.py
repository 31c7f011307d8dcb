from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is append-only, nobody edits or deletes it here."""

    list_display = ("at", "actor", "action", "object_repr", "unit")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "action")
    list_select_related = ("actor", "unit")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
