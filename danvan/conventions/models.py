"""Conventions of a residential community (hương ước, quy ước; Decree 61/2023/NĐ-CP; Law 10/2022 Art. 15 item 3).

A `Convention` belongs to one hamlet. Its text is kept by version (`ConventionVersion`, numbered 1, 2, …): an
amendment is a new version, drafted, commented and adopted by the same procedure, while the version in force
stays in force until the new one is recognised. A version's text is its `Article` rows.

The vote and the recognition are not done here: `put_to_vote` creates a decisions.Decision of matter item 3,
and the vote, tallies, thresholds and the People's Committee's recognition happen in decisions. A version's
status follows that decision (`services.sync_version`, run by decisions' services through `danvan.decisions.followers`), with the meeting
quorum of Decree 61 (`convention.adoption_quorum`) applied here when the result is read."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from danvan.core.models import TimeStampedModel


class Kind(models.TextChoices):
    HUONG_UOC = "huong_uoc", "Hương ước"
    QUY_UOC = "quy_uoc", "Quy ước"


class VersionStatus(models.TextChoices):
    DRAFTING = "drafting", "Đang soạn thảo"
    COMMENT = "comment", "Đang lấy ý kiến"
    VOTING = "voting", "Đưa ra cộng đồng dân cư biểu quyết"
    ADOPTED = "adopted", "Đã được thông qua, chờ công nhận"
    NOT_ADOPTED = "not_adopted", "Không được thông qua"
    RECOGNISED = "recognised", "Đã được công nhận, có hiệu lực"
    REFUSED = "refused", "Bị từ chối công nhận"
    SUPERSEDED = "superseded", "Đã được thay thế bằng bản sửa đổi"


class Status(models.TextChoices):
    DRAFTING = "drafting", "Đang soạn thảo"
    COMMENT = "comment", "Đang lấy ý kiến"
    VOTING = "voting", "Đang biểu quyết"
    ADOPTED = "adopted", "Đã được thông qua, chờ công nhận"
    NOT_ADOPTED = "not_adopted", "Không được thông qua"
    REFUSED = "refused", "Bị từ chối công nhận"
    IN_FORCE = "in_force", "Đang có hiệu lực"
    SUSPENDED = "suspended", "Bị tạm ngưng thi hành"
    ANNULLED = "annulled", "Bị bãi bỏ"


class Convention(TimeStampedModel):
    hamlet = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="thôn, tổ dân phố"
    )
    commune = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="xã")
    title = models.CharField("tên", max_length=255)
    kind = models.CharField("loại", max_length=12, choices=Kind.choices, default=Kind.HUONG_UOC)
    status = models.CharField("tình trạng", max_length=12, choices=Status.choices, default=Status.DRAFTING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="người lập"
    )

    class Meta:
        verbose_name = "hương ước, quy ước"
        verbose_name_plural = "hương ước, quy ước"
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["commune", "status"], name="convention_commune_status_idx"),
            models.Index(fields=["hamlet", "status"], name="convention_hamlet_status_idx"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def name_after_kind(self) -> str:
        """The name without its kind word: officers type "Hương ước ấp Phú Hòa" as often as "ấp Phú Hòa"."""
        kind, title = self.get_kind_display(), self.title.strip()
        if title.lower().startswith(kind.lower() + " "):
            return title[len(kind) :].strip()
        return title

    @property
    def full_name(self) -> str:
        """ "Hương ước ấp Phú Hòa", whichever way the title was typed (never "Hương ước Hương ước …")."""
        return f"{self.get_kind_display()} {self.name_after_kind}"

    @property
    def versions_newest(self):
        return self.versions.order_by("-number")

    @property
    def latest(self):
        return self.versions.order_by("-number").first()

    @property
    def in_force(self):
        """The version recognised and in force (None while none is)."""
        return self.versions.filter(status=VersionStatus.RECOGNISED).order_by("-number").first()


class ConventionVersion(TimeStampedModel):
    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("lần")
    status = models.CharField(
        "tình trạng", max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFTING
    )
    preamble = models.TextField("lời nói đầu", blank=True)
    amendment_reason = models.TextField("lý do sửa đổi, bổ sung", blank=True)
    opens_on = models.DateField("ngày bắt đầu niêm yết lấy ý kiến", null=True, blank=True)
    closes_on = models.DateField("ngày kết thúc lấy ý kiến", null=True, blank=True)
    decision = models.OneToOneField(
        "decisions.Decision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="convention_version",
        verbose_name="việc biểu quyết thông qua",
    )
    meeting_present = models.PositiveIntegerField("số hộ có mặt tại cuộc họp", null=True, blank=True)
    quorum_met = models.BooleanField("cuộc họp đủ số hộ có mặt", null=True, blank=True)
    recognised_on = models.DateField("ngày công nhận", null=True, blank=True)
    refused_on = models.DateField("ngày từ chối công nhận", null=True, blank=True)
    recognition_number = models.CharField("số quyết định của UBND xã", max_length=64, blank=True)

    class Meta:
        verbose_name = "bản hương ước, quy ước"
        verbose_name_plural = "các bản hương ước, quy ước"
        ordering = ["convention", "number"]
        constraints = [
            models.UniqueConstraint(fields=["convention", "number"], name="convention_version_number_uniq"),
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True) | Q(closes_on__gte=models.F("opens_on")),
                name="convention_version_period_order",
            ),
        ]

    def __str__(self):
        return f"{self.convention.title} (lần {self.number})"

    @property
    def is_drafting(self) -> bool:
        return self.status == VersionStatus.DRAFTING


class Article(models.Model):
    version = models.ForeignKey(ConventionVersion, on_delete=models.CASCADE, related_name="articles")
    number = models.PositiveIntegerField("điều số")
    heading = models.CharField("tên điều", max_length=255)
    text = models.TextField("nội dung")

    class Meta:
        verbose_name = "điều"
        verbose_name_plural = "các điều"
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="convention_article_number_uniq")
        ]

    def __str__(self):
        return f"Điều {self.number}. {self.heading}"


class Comment(models.Model):
    """An opinion on a draft during its comment period: from a verified citizen of the hamlet on the web, or
    entered by an officer (a meeting, a suggestion box, copies sent to households), with the drafting group's
    response."""

    version = models.ForeignKey(ConventionVersion, on_delete=models.CASCADE, related_name="comments")
    article = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        verbose_name="điều",
    )
    author_name = models.CharField("người góp ý", max_length=128)
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField("nội dung góp ý")
    created_at = models.DateTimeField(auto_now_add=True)
    response = models.TextField("ý kiến của Tổ soạn thảo", blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "ý kiến góp ý"
        verbose_name_plural = "ý kiến góp ý"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.author_name}: {self.text[:40]}"


class MeasureKind(models.TextChoices):
    SUSPENSION = "suspension", "Tạm ngưng thi hành"
    ANNULMENT = "annulment", "Bãi bỏ"


class Measure(models.Model):
    """A suspension (whole or in part, with a deadline to fix it) or an annulment by the commune People's
    Committee (Decree 61/2023)."""

    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField("biện pháp", max_length=12, choices=MeasureKind.choices)
    decided_on = models.DateField("ngày quyết định")
    authority = models.CharField("cơ quan quyết định", max_length=255)
    number = models.CharField("số văn bản", max_length=64)
    reason = models.TextField("lý do")
    articles = models.CharField("các điều bị tạm ngưng", max_length=255, blank=True)
    fix_by = models.DateField("thời hạn khắc phục", null=True, blank=True)
    lifted_on = models.DateField("ngày hết tạm ngưng", null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tạm ngưng, bãi bỏ hương ước, quy ước"
        verbose_name_plural = "tạm ngưng, bãi bỏ hương ước, quy ước"
        ordering = ["-decided_on", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"


class AnnualReview(models.Model):
    """The yearly review of the convention's implementation (Decree 61/2023; 18 November or another day)."""

    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveIntegerField("năm")
    held_on = models.DateField("ngày tổ chức")
    findings = models.TextField("kết quả thực hiện")
    proposals = models.TextField("kiến nghị, đề xuất sửa đổi", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tổng kết thực hiện hương ước, quy ước"
        verbose_name_plural = "tổng kết thực hiện hương ước, quy ước"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["convention", "year"], name="convention_review_year_uniq")
        ]

    def __str__(self):
        return f"{self.convention.title} {self.year}"
