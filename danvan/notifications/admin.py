from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "user", "created_at", "read_at")
    list_select_related = ("user",)
    search_fields = ("title",)
    readonly_fields = ("user", "title", "body", "url", "created_at", "read_at", "emailed_at", "sms_sent_at")

    def has_add_permission(self, request):
        return False
