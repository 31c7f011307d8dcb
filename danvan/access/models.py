from django.conf import settings
from django.db import models
from django.db.models import F, Q

from .roles import Role


class RoleAssignment(models.Model):
    """`user` holds `role` on `unit` and its whole subtree from `valid_from` to `valid_to` (inclusive)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name="cán bộ",
    )
    role = models.CharField("vai trò", max_length=32, choices=Role.choices)
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="role_assignments", verbose_name="đơn vị"
    )
    valid_from = models.DateField("từ ngày")
    valid_to = models.DateField("đến ngày", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "phân quyền"
        verbose_name_plural = "phân quyền theo đơn vị"
        ordering = ["user", "unit__path", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "unit", "valid_from"], name="role_assignment_uniq"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="role_assignment_validity_order",
                violation_error_message="Ngày kết thúc phải sau ngày bắt đầu.",
            ),
        ]
        indexes = [models.Index(fields=["user", "valid_from"], name="role_assignment_user_idx")]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.unit}"

    def is_active_on(self, day) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)
