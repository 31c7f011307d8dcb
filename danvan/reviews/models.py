"""The periodic review (M9): reporting periods, manual indicators, unit reports and their issuers.

A `UnitReport` is the report of one administrative unit (a commune, a district, a province) for one
`ReportingPeriod`, issued in the name of one of its bodies (`issuer`: the Ban Dân vận of its Party committee,
its People's Committee, its Fatherland Front…). Its computed figures come from the indicator registry
(danvan/core/indicators.py) over the unit's subtree; on submission they are frozen in `figures` with their
provenance. Manual indicators (work not yet in the platform) are data (`ManualIndicator`) and their values
are entered per report (`ManualValue`). How a body's documents are headed — the superior body, its own
name, its document symbol, the place — is dated data (`DocumentIssuer`), since names change (the 2025 reform).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core import indicators as ind
from danvan.units.models import Unit, UnitKind


class PeriodKind(models.TextChoices):
    FIRST_HALF = "h1", _("6 tháng đầu năm")
    SECOND_HALF = "h2", _("6 tháng cuối năm")
    NINE_MONTHS = "m9", _("9 tháng")
    YEAR = "year", _("Năm")
    CUSTOM = "custom", _("Kỳ khác")


REPORTER_KINDS = [
    UnitKind.MOBILISATION_COMMISSION,
    UnitKind.PARTY_COMMITTEE,
    UnitKind.PEOPLES_COMMITTEE,
    UnitKind.FATHERLAND_FRONT,
]


class ReportingPeriod(models.Model):
    kind = models.CharField("loại kỳ", max_length=8, choices=PeriodKind.choices)
    title = models.CharField("tên kỳ báo cáo", max_length=255)
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày")
    cutoff = models.DateField("ngày chốt số liệu", help_text="Số liệu tính đến hết ngày này (vd. 15/6).")
    deadline = models.DateField("hạn gửi báo cáo")
    reporter_kind = models.CharField(
        "cơ quan báo cáo",
        max_length=32,
        choices=[(k.value, k.label) for k in REPORTER_KINDS],
        default=UnitKind.MOBILISATION_COMMISSION,
    )

    class Meta:
        verbose_name = "kỳ báo cáo"
        verbose_name_plural = "kỳ báo cáo"
        ordering = ["-start", "reporter_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter_kind", "start", "end"],
                name="reviews_period_uniq",
                violation_error_message="Đã có kỳ báo cáo này cho cơ quan báo cáo này.",
            ),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start"))
                & Q(cutoff__gte=models.F("start"))
                & Q(cutoff__lte=models.F("end")),
                name="reviews_period_dates",
                violation_error_message="Ngày chốt số liệu phải nằm trong kỳ báo cáo.",
            ),
        ]

    def __str__(self):
        return self.title


class ManualAggregation(models.TextChoices):
    SUM = ind.SUM, _("Cộng")
    LATEST = ind.LATEST, _("Số cuối kỳ")


class ManualIndicator(models.Model):
    """An indicator a unit enters itself (declared as data; the seed list is a data migration)."""

    key = models.CharField("mã chỉ tiêu", max_length=64, unique=True)
    label = models.CharField("tên chỉ tiêu", max_length=255)
    label_en = models.CharField("tên tiếng Anh", max_length=255)
    measure = models.CharField(
        "đơn vị tính", max_length=16, choices=[(m, m) for m in sorted(ind.MEASURES)], default=ind.COUNT
    )
    aggregation = models.CharField(
        "cách tổng hợp", max_length=8, choices=ManualAggregation.choices, default=ManualAggregation.SUM
    )
    section = models.CharField("mục báo cáo", max_length=32, choices=[(k, vi) for k, vi, _en in ind.SECTIONS])
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "chỉ tiêu nhập tay"
        verbose_name_plural = "chỉ tiêu nhập tay"
        ordering = ["order", "key"]

    def __str__(self):
        return self.label


class DocumentFormat(models.TextChoices):
    PARTY = "party", _("Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)")
    STATE = "state", _("Văn bản hành chính (Nghị định 30/2020/NĐ-CP)")


class DocumentIssuer(models.Model):
    """How `unit` (an issuing body) heads its documents from `valid_from` to `valid_to`."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="document_issuers")
    valid_from = models.DateField("áp dụng từ", null=True, blank=True)
    valid_to = models.DateField("áp dụng đến", null=True, blank=True)
    format = models.CharField("thể thức", max_length=8, choices=DocumentFormat.choices)
    superior_name = models.CharField("cơ quan cấp trên", max_length=255, blank=True)
    name = models.CharField("tên cơ quan ban hành", max_length=255)
    symbol = models.CharField("ký hiệu", max_length=32, help_text="vd. BDVHU, UBND")
    place = models.CharField("địa danh", max_length=64)
    signer_title = models.CharField("chức vụ người ký", max_length=255, blank=True)
    signer_name = models.CharField("người ký", max_length=128, blank=True)
    recipients = models.TextField("nơi nhận", blank=True, help_text="Mỗi dòng một nơi nhận.")

    class Meta:
        verbose_name = "thể thức cơ quan ban hành"
        verbose_name_plural = "thể thức cơ quan ban hành"
        ordering = ["unit", "-valid_from"]

    def __str__(self):
        return self.name


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Bị trả lại")
    APPROVED = "approved", _("Đã duyệt")


class UnitReport(models.Model):
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="review_reports")
    issuer = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="issued_review_reports", null=True, blank=True
    )
    status = models.CharField(max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    number = models.PositiveIntegerField("số văn bản", null=True, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    sections = models.JSONField("nội dung", default=dict)
    # frozen on submission: {key: value} of every computed and manual indicator, and where they come from
    figures = models.JSONField(default=dict, blank=True)
    figures_on = models.DateField(null=True, blank=True)
    provenance = models.CharField(max_length=500, blank=True)
    return_comment = models.TextField("ý kiến trả lại", blank=True)
    submitted_on = models.DateField(null=True, blank=True)
    approved_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        "people.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "báo cáo sơ kết"
        verbose_name_plural = "báo cáo sơ kết"
        ordering = ["-period__start", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit"],
                name="reviews_report_uniq",
                violation_error_message="Đơn vị đã có báo cáo cho kỳ này.",
            )
        ]

    def __str__(self):
        return f"{self.period.title} — {self.unit.name}"

    @property
    def frozen(self) -> bool:
        return self.status in (ReportStatus.SUBMITTED, ReportStatus.APPROVED)


class ManualValue(models.Model):
    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="manual_values")
    indicator = models.ForeignKey(ManualIndicator, on_delete=models.PROTECT, related_name="values")
    value = models.DecimalField(max_digits=18, decimal_places=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="reviews_manual_uniq")]

    def __str__(self):
        return f"{self.indicator}: {self.value}"


class Conference(models.Model):
    """The review conference (hội nghị sơ kết) where `report` is presented."""

    report = models.OneToOneField(UnitReport, on_delete=models.CASCADE, related_name="conference")
    day = models.DateField("ngày tổ chức")
    place = models.CharField("địa điểm", max_length=255, blank=True)
    chair = models.CharField("chủ trì", max_length=255, help_text="Họ tên, chức vụ")
    # [{"name": "Trần Văn A", "title": "Phó trưởng Ban Dân vận Tỉnh uỷ"}]
    guests = models.JSONField("khách mời", default=list, blank=True)
    commendations = models.TextField("khen thưởng", blank=True, help_text="Mỗi dòng một tập thể, cá nhân.")
    article = models.ForeignKey(
        "publishing.Article", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "hội nghị sơ kết"
        verbose_name_plural = "hội nghị sơ kết"

    def __str__(self):
        return f"Hội nghị sơ kết {self.report.period.title} — {self.report.unit.name}"


class Direction(models.Model):
    """One of the directions and tasks of the next period (section II of `report`): what, by which units of
    the report's subtree, by when. Editable while the report is (draft or returned), frozen with it on
    submission; `as_task_dict` is the stable shape a directives module will turn into tasks."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="directions")
    title = models.CharField("nhiệm vụ", max_length=500)
    units = models.ManyToManyField(Unit, related_name="+", verbose_name="đơn vị thực hiện")
    due = models.DateField("thời hạn")
    note = models.CharField("ghi chú", max_length=1000, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "phương hướng, nhiệm vụ kỳ tới"
        verbose_name_plural = "phương hướng, nhiệm vụ kỳ tới"
        ordering = ["report", "order", "pk"]

    def __str__(self):
        return self.title

    def as_task_dict(self) -> dict:
        """{"title", "due" (ISO date), "note", "units": [{"id", "code", "name"}], "source": {"report", "unit",
        "period"}} — what a task needs, independent of this model's fields."""
        return {
            "title": self.title,
            "due": self.due.isoformat(),
            "note": self.note,
            "units": [{"id": u.pk, "code": u.code, "name": u.name} for u in self.units.all().natural()],
            "source": {
                "report": self.report_id,
                "unit": self.report.unit.code,
                "period": self.report.period.title,
            },
        }


# ---------------------------------------------------------------- the report's files, made in the background


def rendering_upload_to(instance, filename):
    from danvan.core.storage import random_path

    return random_path("bao-cao-so-ket", filename)


def _private():
    from danvan.core.storage import private_storage

    return private_storage()


class RenderingStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ tạo tệp")
    RENDERING = "rendering", _("Đang tạo tệp")
    READY = "ready", _("Đã tạo xong")
    FAILED = "failed", _("Lỗi khi tạo tệp")


class ReportRendering(models.Model):
    """The DOCX and PDF of `report` as its content was when asked for (`digest`, a hash of
    documents.Content), written by a background task (renderings.rendering_build). A report that changes has
    another digest: its page then asks for a new rendering. The files are private, served through the
    report's access gate."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="renderings")
    digest = models.CharField("mã nội dung", max_length=64)
    status = models.CharField(
        "trạng thái", max_length=16, choices=RenderingStatus.choices, default=RenderingStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    docx = models.FileField(
        "tệp Word", upload_to=rendering_upload_to, storage=_private, max_length=255, blank=True
    )
    pdf = models.FileField(
        "tệp PDF", upload_to=rendering_upload_to, storage=_private, max_length=255, blank=True
    )
    message = models.TextField("thông báo", blank=True)
    requested_by = models.ForeignKey(
        "people.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "tệp báo cáo sơ kết"
        verbose_name_plural = "tệp báo cáo sơ kết"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["report", "digest"], name="reviews_rendering_digest")]

    def __str__(self):
        return f"Tệp báo cáo {self.report_id} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (RenderingStatus.READY, RenderingStatus.FAILED)
