"""API keys of integrators: the organisations whose applications post citizens' cases through Open311.

A key belongs to one organisation (at most one key in use per organisation), is scoped to units (it may post
only to a case whose commune lies in one of their subtrees) and has its own hourly quota. Only the SHA-256 of
the secret is stored; the secret is shown once, when the key is created. A key is revoked, never deleted:
cases keep a reference to the key they came with.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class ApiKey(models.Model):
    organisation = models.CharField("tổ chức", max_length=200)
    organisation_norm = models.CharField(max_length=200, editable=False, db_index=True)
    contact = models.CharField(
        "người liên hệ", max_length=255, blank=True, help_text="Họ tên, số điện thoại hoặc thư điện tử."
    )
    units = models.ManyToManyField(
        "units.Unit",
        related_name="+",
        verbose_name="được gửi cho đơn vị",
        help_text="Khoá chỉ gửi được phản ánh cho các đơn vị này và các đơn vị trực thuộc.",
    )
    hourly_quota = models.PositiveIntegerField("số lượt gửi tối đa mỗi giờ", default=100)
    prefix = models.CharField("mã nhận diện", max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    note = models.TextField("ghi chú", blank=True)
    created_at = models.DateTimeField("cấp lúc", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người cấp",
        editable=False,
    )
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người thu hồi",
        editable=False,
    )
    revoke_reason = models.CharField("lý do thu hồi", max_length=255, blank=True, editable=False)

    class Meta:
        verbose_name = "khoá API"
        verbose_name_plural = "khoá API"
        ordering = ["organisation", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation_norm"],
                condition=Q(revoked_at__isnull=True),
                name="apikey_one_in_use_per_organisation",
                violation_error_message="Tổ chức này đã có một khoá đang dùng.",
            ),
            models.CheckConstraint(condition=Q(hourly_quota__gte=1), name="apikey_quota_positive"),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
