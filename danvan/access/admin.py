from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

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


# Second-factor devices change only through danvan.access.services (audited): the officer's own account page,
# and the reset action below. django-otp's own admin pages (which show the secret keys) are removed.
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "full_name", "kind", "email", "phone", "is_active", "is_staff", "two_factor")
    actions = ["reset_two_factor"]
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

    def get_queryset(self, request):
        enrolled = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(has_two_factor=Exists(enrolled))

    @admin.display(boolean=True, description="xác thực hai lớp", ordering="has_two_factor")
    def two_factor(self, obj):
        return obj.has_two_factor

    @admin.action(description="Đặt lại xác thực hai lớp (cán bộ mất điện thoại và mã dự phòng)")
    def reset_two_factor(self, request, queryset):
        done = 0
        for user in queryset:
            try:
                done += services.two_factor_reset(actor=request.user, user=user)
            except DomainError as exc:
                self.message_user(request, exc.message, messages.ERROR)
                return
        self.message_user(
            request,
            f"Đã đặt lại xác thực hai lớp của {done} tài khoản; lần đăng nhập tới họ sẽ bật lại.",
            messages.SUCCESS,
        )


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
