from django.contrib import admin
from django.core.exceptions import ValidationError

from danvan.core.admin import ServiceAdminMixin
from danvan.core.errors import DomainError

from . import services
from .models import CommunityCount, Succession, Unit


class CommunityCountInline(admin.TabularInline):
    model = CommunityCount
    extra = 0


@admin.register(Unit)
class UnitAdmin(ServiceAdminMixin, admin.ModelAdmin):
    """Creating and editing go through the unit services so the tree paths and the audit stay right."""

    list_display = ("name", "code", "kind", "parent", "valid_from", "valid_to")
    list_filter = ("kind", "valid_to")
    search_fields = ("name", "code", "search_name")
    list_select_related = ("parent",)
    raw_id_fields = ("parent",)
    readonly_fields = ("path", "depth")
    inlines = [CommunityCountInline]

    def get_readonly_fields(self, request, obj=None):
        return ("path", "depth", "parent", "kind", "code") if obj else ("path", "depth")

    def save_model(self, request, obj, form, change):
        try:
            if change:
                fields = {k: form.cleaned_data[k] for k in form.changed_data if k in services.EDITABLE_FIELDS}
                services.unit_update(actor=request.user, unit=Unit.objects.get(pk=obj.pk), **fields)
            else:
                created = services.unit_create(
                    actor=request.user,
                    code=obj.code,
                    name=obj.name,
                    kind=obj.kind,
                    parent=obj.parent,
                    valid_from=obj.valid_from,
                    valid_to=obj.valid_to,
                    short_name=obj.short_name,
                    is_remote=obj.is_remote,
                    address=obj.address,
                    phone=obj.phone,
                    email=obj.email,
                    note=obj.note,
                )
                obj.pk = created.pk
                obj.path = created.path
        except DomainError as exc:
            raise ValidationError(exc.message)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            if (
                not inline_form.has_changed()
                or not inline_form.cleaned_data
                or inline_form.cleaned_data.get("DELETE")
            ):
                continue
            data = inline_form.cleaned_data
            services.community_count_set(
                actor=request.user,
                unit=form.instance,
                as_of=data["as_of"],
                households=data["households"],
                voters=data["voters"],
                residents=data.get("residents"),
            )
        for obj in formset.deleted_objects:
            obj.delete()


@admin.register(Succession)
class SuccessionAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ("predecessor", "successor", "date", "kind", "share", "legal_basis")
    list_select_related = ("predecessor", "successor")
    raw_id_fields = ("predecessor", "successor")
    search_fields = ("predecessor__name", "successor__name")

    def save_model(self, request, obj, form, change):
        try:
            services.succession_create(
                actor=request.user,
                predecessor=obj.predecessor,
                successor=obj.successor,
                date=obj.date,
                share=obj.share,
                kind=obj.kind,
                legal_basis=obj.legal_basis,
            )
        except DomainError as exc:
            raise ValidationError(exc.message)
