"""News of the publishing portal (Tin tức): categories and articles with their editorial workflow.

An article belongs to a unit (the owner); its workflow is draft → in review → published (or scheduled,
published by a background task when `publish_at` comes) → archived. The body is HTML sanitised by the
service on every save; `search_text` is the normalised title + summary + tags + byline for the officers'
diacritic-insensitive list filter. Writes go through `danvan.publishing.services`.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse


class Category(models.Model):
    name = models.CharField("tên chuyên mục", max_length=128, unique=True)
    slug = models.SlugField("đường dẫn", max_length=128, unique=True)
    position = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "chuyên mục tin"
        verbose_name_plural = "chuyên mục tin"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse('publishing:article_list')}?chuyen-muc={self.slug}"


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "Bản nháp"
    IN_REVIEW = "in_review", "Chờ duyệt"
    SCHEDULED = "scheduled", "Hẹn giờ đăng"
    PUBLISHED = "published", "Đã đăng"
    ARCHIVED = "archived", "Lưu trữ"


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ArticleStatus.PUBLISHED)


class Article(models.Model):
    Status = ArticleStatus

    title = models.CharField("tiêu đề", max_length=255)
    slug = models.SlugField("đường dẫn", max_length=200, unique=True)
    summary = models.TextField("tóm tắt", max_length=600, blank=True)
    body = models.TextField("nội dung", blank=True)
    cover = models.ImageField("ảnh đại diện", upload_to="tin-tuc/%Y/%m/", blank=True)
    cover_alt = models.CharField("mô tả ảnh", max_length=255, blank=True)
    cover_small = models.ImageField(upload_to="tin-tuc/%Y/%m/", blank=True, editable=False)
    cover_large = models.ImageField(upload_to="tin-tuc/%Y/%m/", blank=True, editable=False)
    cover_small_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_large_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    category = models.ForeignKey(
        Category,
        verbose_name="chuyên mục",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
    )
    tags = models.CharField("từ khoá", max_length=255, blank=True, help_text="Cách nhau bằng dấu phẩy.")
    byline = models.CharField("tác giả", max_length=200, blank=True)
    unit = models.ForeignKey(
        "units.Unit", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="articles"
    )
    status = models.CharField(
        "trạng thái", max_length=16, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    publish_at = models.DateTimeField("thời điểm đăng", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người duyệt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField("thời điểm duyệt", null=True, blank=True)
    review_note = models.TextField("ý kiến duyệt", blank=True)
    search_text = models.CharField(max_length=1000, blank=True, default="", editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "bài viết"
        verbose_name_plural = "bài viết"
        ordering = ["-publish_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-publish_at"], name="article_status_publish_idx"),
            models.Index(fields=["unit", "status", "-publish_at"], name="article_unit_status_idx"),
            models.Index(fields=["status", "-updated_at"], name="article_status_updated_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("publishing:article_detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]

    @property
    def status_badge(self) -> str:
        return {
            ArticleStatus.DRAFT: "badge-blue",
            ArticleStatus.IN_REVIEW: "badge-amber",
            ArticleStatus.SCHEDULED: "badge-amber",
            ArticleStatus.PUBLISHED: "badge-green",
            ArticleStatus.ARCHIVED: "badge-red",
        }.get(self.status, "")
