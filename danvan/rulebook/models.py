"""The legal rulebook: every deadline, threshold and posting duration as dated, cited data.

A `LegalRule` is one version of a rule (`key`, e.g. "complaint.accept") valid from `valid_from` to
`valid_to` (inclusive, open when empty). Versions of one key never overlap (checked by the services), so
on any date at most one is in force; a later version takes over on its start date. A `DaySwap` is an
official swap of a working day (a make-up Saturday or a weekday off) that the working-day calendar reads.

Fractions are stored as decimals with six places (2/3 → 0.666667) and read back exactly with
`LegalRule.fraction` (the nearest fraction with a denominator up to 1000), so "at least 2/3" is compared
exactly. Because "more than 50%" and "at least 2/3" differ at the boundary, fraction and count rules carry a
`comparator`.
"""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel


class RuleUnit(models.TextChoices):
    CALENDAR_DAYS = "calendar_days", "ngày"
    WORKING_DAYS = "working_days", "ngày làm việc"
    MONTHS = "months", "tháng"
    FRACTION = "fraction", "tỷ lệ"
    COUNT = "count", "số lượng"


PERIOD_UNITS = frozenset({RuleUnit.CALENDAR_DAYS, RuleUnit.WORKING_DAYS, RuleUnit.MONTHS})
THRESHOLD_UNITS = frozenset({RuleUnit.FRACTION, RuleUnit.COUNT})


class Comparator(models.TextChoices):
    AT_LEAST = ">=", "từ … trở lên (≥)"
    MORE_THAN = ">", "trên (>)"
    AT_MOST = "<=", "không quá (≤)"


class SourceStatus(models.TextChoices):
    VERIFIED = "verified", _("Đã đối chiếu văn bản gốc")
    SECONDARY = "secondary", _("Theo nguồn thứ cấp")
    UNVERIFIED = "unverified", _("Chưa kiểm chứng")


class LegalRuleQuerySet(models.QuerySet):
    def in_force_on(self, day: dt.date):
        return self.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class LegalRule(TimeStampedModel):
    key = models.CharField(
        "mã quy định",
        max_length=80,
        db_index=True,
        help_text="Mã ổn định mà các phân hệ dùng, ví dụ complaint.accept.",
    )
    title = models.CharField("tên quy định", max_length=255)
    value = models.DecimalField("giá trị", max_digits=12, decimal_places=6)
    unit = models.CharField("đơn vị tính", max_length=16, choices=RuleUnit.choices)
    comparator = models.CharField(
        "cách so sánh",
        max_length=2,
        choices=Comparator.choices,
        blank=True,
        help_text="Chỉ dùng cho tỷ lệ và số lượng: “từ 2/3 trở lên” khác “trên 50%”.",
    )
    valid_from = models.DateField("hiệu lực từ ngày")
    valid_to = models.DateField(
        "hiệu lực đến ngày", null=True, blank=True, help_text="Để trống nếu còn hiệu lực."
    )
    citation = models.CharField("căn cứ pháp lý", max_length=500)
    source_status = models.CharField(
        "mức độ kiểm chứng", max_length=12, choices=SourceStatus.choices, default=SourceStatus.UNVERIFIED
    )
    note = models.TextField("ghi chú", blank=True)

    objects = LegalRuleQuerySet.as_manager()

    class Meta:
        verbose_name = "quy định pháp lý"
        verbose_name_plural = "bộ quy định pháp lý"
        ordering = ["key", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "valid_from"], name="rulebook_rule_key_from_uniq"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="rulebook_rule_valid_range",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.key}, từ {self.valid_from:%d/%m/%Y})"

    @property
    def area(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def is_period(self) -> bool:
        return self.unit in PERIOD_UNITS

    @property
    def fraction(self) -> Fraction:
        """The exact value: 0.666667 → 2/3, 0.5 → 1/2, 0.1 → 1/10, 200 → 200."""
        return Fraction(self.value).limit_denominator(1000)

    @property
    def whole_value(self) -> int | None:
        """The value as an int when it is whole (periods, counts), else None."""
        return int(self.value) if self.value == self.value.to_integral_value() else None

    def is_met(self, count: int, total: int | None = None) -> bool:
        """Is the threshold reached? Fraction rules compare `count / total`; count rules compare `count`.

        `is_met(134, 200)` for "≥ 2/3 of all households" is True (134/200 ≥ 2/3); `is_met(100, 200)` for
        "> 50%" is False.
        """
        if self.unit == RuleUnit.FRACTION:
            if not total:
                return False
            measured = Fraction(count, total)
        elif self.unit == RuleUnit.COUNT:
            measured = Fraction(count)
        else:
            raise ValueError(f"{self.key} is a period, not a threshold")
        target = self.fraction
        if self.comparator == Comparator.MORE_THAN:
            return measured > target
        if self.comparator == Comparator.AT_MOST:
            return measured <= target
        return measured >= target

    def value_display(self) -> str:
        """Human value with its unit: "10 ngày làm việc", "2/3", "trên 1/2", "từ 200 trở lên"."""
        if self.unit == RuleUnit.FRACTION:
            frac = self.fraction
            percent = frac * 100
            if percent.denominator == 1:
                text = f"{percent.numerator}%"
            else:
                text = f"{frac.numerator}/{frac.denominator}"
        elif self.unit == RuleUnit.COUNT:
            text = _plain_number(self.value)
        else:
            text = f"{_plain_number(self.value)} {self.get_unit_display()}"
        if self.comparator == Comparator.AT_LEAST:
            return f"từ {text} trở lên"
        if self.comparator == Comparator.MORE_THAN:
            return f"trên {text}"
        if self.comparator == Comparator.AT_MOST:
            return f"không quá {text}"
        return text


def _plain_number(value: Decimal) -> str:
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{int(value):,}".replace(",", ".")
    return format(value.normalize(), "f").replace(".", ",")


WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def weekday_name(day: dt.date) -> str:
    return WEEKDAYS[day.weekday()]


class SwapKind(models.TextChoices):
    WORKED = "worked", _("Làm bù")
    OFF = "off", _("Nghỉ bù")


class DaySwap(TimeStampedModel):
    """One official swap day: a make-up working day (usually a Saturday) or a weekday given off."""

    date = models.DateField("ngày", unique=True)
    kind = models.CharField("loại", max_length=8, choices=SwapKind.choices)
    paired_date = models.DateField(
        "ngày hoán đổi tương ứng",
        null=True,
        blank=True,
        help_text="Ngày nghỉ được bù bằng ngày làm này, hoặc ngày làm bù cho ngày nghỉ này.",
    )
    citation = models.CharField("căn cứ", max_length=500, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "ngày hoán đổi làm việc"
        verbose_name_plural = "ngày hoán đổi làm việc"
        ordering = ["date"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"

    @property
    def worked(self) -> bool:
        return self.kind == SwapKind.WORKED

    @property
    def weekday(self) -> str:
        return weekday_name(self.date)
