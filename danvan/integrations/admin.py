"""Admin of the integrators' API keys (system administrators only, `integrations.manage`).

Every write goes through `danvan.integrations.services` (permission check and audit). On creation the secret
is shown once, on the page that answers the form, and never again: only its hash is stored.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.html import format_html_join

from danvan.access.policy import has_any_perm
from danvan.core.admin import ServiceAdminMixin
from danvan.core.errors import DomainError

from . import services
from .models import ApiKey


@admin.register(ApiKey)
class ApiKeyAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ("organisation", "shown_prefix", "scope", "hourly_quota", "created_at", "state")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    search_fields = ("organisation", "prefix", "contact")
    autocomplete_fields = ("units",)
    actions = ["revoke_selected"]
    fields = ("organisation", "contact", "units", "hourly_quota", "note")

    # -- who may see and change keys

    def has_module_permission(self, request):
        return has_any_perm(request.user, services.PERMISSION)

    def has_view_permission(self, request, obj=None):
        return has_any_perm(request.user, services.PERMISSION)

    def has_add_permission(self, request):
        return has_any_perm(request.user, services.PERMISSION)

    def has_change_permission(self, request, obj=None):
        return has_any_perm(request.user, services.PERMISSION) and (obj is None or obj.is_active)

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, never deleted: cases keep the key they came with

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        base = ("shown_prefix", "created_at", "created_by", "used_this_hour")
        if not obj.is_active:
            base += ("revoked_at", "revoked_by", "revoke_reason")
        return ("organisation", *base)

    def get_fields(self, request, obj=None):
        fields = list(self.fields)
        if obj is not None:
            fields += [f for f in self.get_readonly_fields(request, obj) if f not in fields]
        return fields

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("units")

    # -- columns

    @admin.display(description="mã nhận diện")
    def shown_prefix(self, obj):
        return f"{services.SECRET_PREFIX}{obj.prefix}_…"

    @admin.display(description="được gửi cho")
    def scope(self, obj):
        return format_html_join(", ", "{}", ((u.name,) for u in obj.units.all()))

    @admin.display(description="trạng thái")
    def state(self, obj):
        if obj.is_active:
            return "Đang dùng"
        return f"Đã thu hồi ngày {date_format(obj.revoked_at, 'd/m/Y')}"

    @admin.display(description="đã gửi trong giờ này")
    def used_this_hour(self, obj):
        return f"{services.api_key_used(obj)} / {obj.hourly_quota}"

    # -- writes through the services

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            if change:
                services.api_key_update(
                    actor=request.user,
                    key=obj,
                    units=list(data["units"]),
                    hourly_quota=data["hourly_quota"],
                    contact=data.get("contact", ""),
                    note=data.get("note", ""),
                )
            else:
                key, secret = services.api_key_create(
                    actor=request.user,
                    organisation=data["organisation"],
                    units=list(data["units"]),
                    hourly_quota=data["hourly_quota"],
                    contact=data.get("contact", ""),
                    note=data.get("note", ""),
                )
                obj.pk = key.pk
                obj._new_secret = secret
        except DomainError as exc:
            raise ValidationError(exc.message)

    def save_related(self, request, form, formsets, change):
        pass  # the services set the units (and audit the change)

    def response_add(self, request, obj, post_url_continue=None):
        secret = getattr(obj, "_new_secret", None)
        if not secret:
            return super().response_add(request, obj, post_url_continue)
        key = ApiKey.objects.prefetch_related("units").get(pk=obj.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": "Đã cấp khoá API",
            "key": key,
            "secret": secret,
            "opts": self.model._meta,
        }
        response = TemplateResponse(request, "integrations/admin/key_created.html", context)
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description="Thu hồi các khoá đã chọn")
    def revoke_selected(self, request, queryset):
        done = 0
        for key in queryset.filter(revoked_at__isnull=True):
            try:
                services.api_key_revoke(actor=request.user, key=key, reason="Thu hồi trong trang quản trị.")
                done += 1
            except DomainError as exc:
                self.message_user(request, exc.message, messages.ERROR)
        if done:
            self.message_user(request, f"Đã thu hồi {done} khoá.", messages.SUCCESS)
