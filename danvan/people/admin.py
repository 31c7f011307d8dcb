"""Admin views of the household registry. Read-only: households are domain records, changed only through
the workspace screens (services), so the invariants (one representative, search text) and the audit
trail stay right. The admin is for looking things up."""

from django.contrib import admin

from .models import Household, HouseholdImport, Resident, VerificationCode


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ResidentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Resident
    extra = 0
    fields = ("full_name", "relation", "is_representative", "birth_year", "gender", "id_number")
    readonly_fields = fields
    ordering = ("-is_representative", "birth_year")


@admin.register(Household)
class HouseholdAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("code", "representative_name", "hamlet", "commune", "address", "phone", "updated_at")
    list_select_related = ("hamlet", "commune")
    search_fields = ("code", "representative_name", "address", "search_text", "members__id_number")
    list_filter = ("commune",)
    readonly_fields = (
        "code",
        "hamlet",
        "commune",
        "address",
        "representative_name",
        "phone",
        "created_at",
        "updated_at",
    )
    fields = readonly_fields
    inlines = [ResidentInline]
    show_full_result_count = False


@admin.register(HouseholdImport)
class HouseholdImportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "original_name",
        "unit",
        "actor",
        "status",
        "total_rows",
        "households_created",
        "residents_created",
        "error_count",
        "created_at",
        "finished_at",
    )
    list_select_related = ("unit", "actor")
    list_filter = ("status",)
    search_fields = ("original_name", "unit__name", "actor__username", "actor__full_name")
    date_hierarchy = "created_at"
    readonly_fields = (
        "unit",
        "actor",
        "file",
        "original_name",
        "status",
        "total_rows",
        "processed_rows",
        "households_created",
        "residents_created",
        "error_count",
        "message",
        "errors",
        "created_at",
        "finished_at",
    )
    fields = readonly_fields


@admin.register(VerificationCode)
class VerificationCodeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("user", "household", "phone", "attempts", "created_at", "expires_at", "used_at")
    list_select_related = ("user", "household")
    search_fields = ("user__username", "phone", "household__code")
    exclude = ("code_hash",)
