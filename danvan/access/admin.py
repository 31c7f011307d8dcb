from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError

from danvan.core.admin import ServiceAdminMixin
from danvan.core.errors import DomainError
from danvan.people.models import User

from . import services
from .models import RoleAssignment


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    raw_id_fields = ("unit",)
    fk_name = "user"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "full_name", "kind", "email", "phone", "is_active", "is_staff")
    list_filter = ("kind", "is_active", "is_staff", "is_superuser")
    search_fields = ("username", "full_name", "email", "phone")
    fieldsets = BaseUserAdmin.fieldsets + (
        (
            "danvan",
            {"fields": ("kind", "full_name", "phone", "title", "verified_at", "household", "preferred_unit")},
        ),
    )
    raw_id_fields = ("household", "preferred_unit", "verified_by")
    inlines = [RoleAssignmentInline]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ServiceAdminMixin, admin.ModelAdmin):
    """Granting and ending roles go through danvan.access.services (permission check + audit)."""

    list_display = ("user", "role", "unit", "valid_from", "valid_to")
    list_filter = ("role",)
    search_fields = ("user__username", "user__full_name", "unit__name")
    list_select_related = ("user", "unit")
    raw_id_fields = ("user", "unit")

    def get_readonly_fields(self, request, obj=None):
        return ("user", "role", "unit", "valid_from") if obj else ()

    def save_model(self, request, obj, form, change):
        try:
            if change and obj.valid_to is None:
                raise DomainError("Vai trò đã giao chỉ sửa được ngày kết thúc: hãy nhập ngày kết thúc.")
            if change:
                services.role_end(
                    actor=request.user, assignment=RoleAssignment.objects.get(pk=obj.pk), on=obj.valid_to
                )
            else:
                created = services.role_grant(
                    actor=request.user,
                    user=obj.user,
                    role=obj.role,
                    unit=obj.unit,
                    valid_from=obj.valid_from,
                    valid_to=obj.valid_to,
                    note=obj.note,
                )
                obj.pk = created.pk
        except DomainError as exc:
            raise ValidationError(exc.message)
