from django.conf import settings
from django.db import models


class Notification(models.Model):
    """An in-app notification; e-mail and SMS copies are sent by a background task.

    A notice that asks for an action carries a `topic` naming it ("article:12:review", "case:7:new"); when
    someone does that action, the service that did it calls `notices_done(topic=…)` and the notice is done
    for every recipient (`done_at`, `done_note` says by whom and how). A notice without a topic only informs.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name="người nhận",
    )
    title = models.CharField("tiêu đề", max_length=255)
    body = models.TextField("nội dung", blank=True)
    url = models.CharField("đường dẫn", max_length=500, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    sms_sent_at = models.DateTimeField(null=True, blank=True)
    topic = models.CharField("việc cần làm", max_length=100, blank=True, db_index=True)
    done_at = models.DateTimeField("đã xử lý lúc", null=True, blank=True)
    done_note = models.CharField("đã xử lý", max_length=255, blank=True)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at", "-created_at"], name="notification_inbox_idx")]

    def __str__(self):
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
