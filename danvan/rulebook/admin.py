"""Admin of the rulebook. Every save and delete goes through the services, so overlapping versions are refused
(shown next to the field) and the audit trail is written."""

from django import forms
from django.contrib import admin

from danvan.core.errors import DomainError

from . import services
from .models import DaySwap, LegalRule


class LegalRuleAdminForm(forms.ModelForm):
    """Runs the services' checks (`rule_check`) during validation so a refusal shows on the form."""

    class Meta:
        model = LegalRule
        fields = [
            "key",
            "title",
            "value",
            "unit",
            "comparator",
            "valid_from",
            "valid_to",
            "citation",
            "source_status",
            "note",
        ]

    def _post_clean(self):
        super()._post_clean()  # copies cleaned_data onto self.instance
        if self.errors:
            return
        try:
            services.rule_check(self.instance)
        except DomainError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, exc.message)


@admin.register(LegalRule)
class LegalRuleAdmin(admin.ModelAdmin):
    form = LegalRuleAdminForm
    list_display = ("key", "title", "value", "unit", "comparator", "valid_from", "valid_to", "source_status")
    list_filter = ("unit", "source_status", "valid_to")
    search_fields = ("key", "title", "citation", "note")
    ordering = ("key", "valid_from")
    date_hierarchy = "valid_from"
    fieldsets = (
        (None, {"fields": ("key", "title", ("value", "unit", "comparator"))}),
        ("Hiệu lực", {"fields": (("valid_from", "valid_to"),)}),
        ("Căn cứ", {"fields": ("citation", "source_status", "note")}),
    )

    def get_readonly_fields(self, request, obj=None):
        return ("key",) if obj else ()

    def save_model(self, request, obj, form, change):
        data = {name: getattr(obj, name) for name in services.RULE_FIELDS}
        if change:
            saved = services.rule_update(actor=request.user, rule=obj, **data)
        else:
            saved = services.rule_create(actor=request.user, key=obj.key, **data)
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        # Versions are closed (valid_to), never deleted: old cases must keep the rule they were computed with.
        return False


class DaySwapAdminForm(forms.ModelForm):
    class Meta:
        model = DaySwap
        fields = ["date", "kind", "paired_date", "citation", "note"]

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        try:
            services.swap_check(
                date=self.instance.date, kind=self.instance.kind, paired_date=self.instance.paired_date
            )
        except DomainError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, exc.message)


@admin.register(DaySwap)
class DaySwapAdmin(admin.ModelAdmin):
    form = DaySwapAdminForm
    list_display = ("date", "kind", "paired_date", "citation")
    list_filter = ("kind",)
    search_fields = ("citation", "note")
    date_hierarchy = "date"
    ordering = ("-date",)

    def save_model(self, request, obj, form, change):
        if change and "date" in form.changed_data:
            services.swap_delete(actor=request.user, swap=DaySwap.objects.get(pk=obj.pk))
        saved = services.swap_set(
            actor=request.user,
            date=obj.date,
            kind=obj.kind,
            paired_date=obj.paired_date,
            citation=obj.citation,
            note=obj.note,
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.swap_delete(actor=request.user, swap=obj)

    def delete_queryset(self, request, queryset):
        for swap in queryset:
            services.swap_delete(actor=request.user, swap=swap)
