"""Base models shared by every domain app."""

from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        abstract = True


class ScheduledRun(models.Model):
    """The last day a daily job of `danvan.core.schedule` was enqueued (one row per job name)."""

    name = models.CharField("công việc", max_length=100, unique=True)
    last_day = models.DateField("ngày chạy gần nhất")
    last_at = models.DateTimeField("lúc")

    class Meta:
        verbose_name = "lần chạy theo lịch"
        verbose_name_plural = "lần chạy theo lịch"

    def __str__(self) -> str:
        return f"{self.name} ({self.last_day:%d/%m/%Y})"
