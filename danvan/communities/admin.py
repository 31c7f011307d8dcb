"""Django admin for the reference data of the communities module (kinds of group, assessment scale, the
criteria of new rural construction). The ledger and the registry are kept through the workspace, never here."""

from django.contrib import admin

from .models import AssessmentLevel, Criterion, GroupKind


@admin.register(GroupKind)
class GroupKindAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "order", "is_cooperative", "meeting_every_days")


@admin.register(AssessmentLevel)
class AssessmentLevelAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "rank", "is_weak")


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ("number", "name", "valid_from", "valid_to", "citation")
    list_filter = ("valid_from",)
