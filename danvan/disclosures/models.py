"""Disclosures (công khai thông tin, Luật Thực hiện dân chủ ở cơ sở 2022, Điều 11–13).

`DisclosureCategory` holds the 14 items a commune must disclose (Điều 11) as editable reference data, seeded
by migration 0002: item 4 and 13 are posted permanently; items 7–12 also go out on the loudspeaker system.
A `Disclosure` is one disclosed document of a unit: its category, the date of the decision it discloses, the
forms used (Điều 12 khoản 1), the posting period and the loudspeaker days. The rules (minimum posting,
loudspeaker days, the 5-working-day deadline) come from the rulebook and are checked by the services;
`is_late`/`publish_due` are stored so the register and the lists filter without recomputing.
`DisclosureQuestion` is a citizen's question on a disclosure; the asker's contact is never shown publicly.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel


class Form(models.TextChoices):
    """Forms of disclosure (Điều 12 khoản 1 Luật Thực hiện dân chủ ở cơ sở 2022)."""

    POSTING = "posting", _("Niêm yết tại trụ sở, nhà văn hoá")
    WEBSITE = "website", _("Cổng/Trang thông tin điện tử")
    LOUDSPEAKER = "loudspeaker", _("Hệ thống truyền thanh")
    HAMLET_HEAD = "hamlet_head", _("Thông qua trưởng thôn, tổ trưởng tổ dân phố")
    LETTER = "letter", _("Gửi văn bản")
    MEETING = "meeting", _("Hội nghị")
    RECEPTION = "reception", _("Tiếp công dân, tiếp xúc cử tri, báo chí")
    ORGANISATIONS = "organisations", _("Thông báo cho tổ chức chính trị - xã hội")
    SOCIAL = "social", _("Mạng xã hội, tin nhắn")
    OTHER = "other", _("Hình thức khác")


FORM_LABELS = dict(Form.choices)


class DisclosureCategory(models.Model):
    number = models.PositiveSmallIntegerField("số thứ tự", unique=True)
    name = models.CharField("nội dung công khai", max_length=500)
    citation = models.CharField("căn cứ pháp lý", max_length=255)
    permanent = models.BooleanField("niêm yết thường xuyên", default=False)
    loudspeaker_required = models.BooleanField("phải thông báo trên hệ thống truyền thanh", default=False)
    mandatory = models.BooleanField("bắt buộc đối với cấp xã", default=True)

    class Meta:
        verbose_name = "nội dung phải công khai"
        verbose_name_plural = "nội dung phải công khai"
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.name}"

    @property
    def short_name(self) -> str:
        return self.name if len(self.name) <= 70 else self.name[:67].rstrip(" ,;") + "…"


class Status(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đã công khai")
    WITHDRAWN = "withdrawn", _("Đã thu hồi")


class Disclosure(TimeStampedModel):
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="disclosures", verbose_name="đơn vị"
    )
    category = models.ForeignKey(
        DisclosureCategory, on_delete=models.PROTECT, related_name="disclosures", verbose_name="nội dung"
    )
    title = models.CharField("tiêu đề", max_length=300)
    body = models.TextField("nội dung", blank=True)
    decision_date = models.DateField("ngày của quyết định, văn bản")
    forms = models.JSONField("hình thức công khai", default=list)
    posting_start = models.DateField("niêm yết từ ngày")
    posting_end = models.DateField("niêm yết đến ngày", null=True, blank=True)
    loudspeaker_days = models.PositiveSmallIntegerField("số ngày thông báo trên loa", null=True, blank=True)
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField("công khai lúc", null=True, blank=True)
    publish_due = models.DateField("hạn công khai", null=True, blank=True)
    is_late = models.BooleanField("công khai muộn", default=False)
    withdrawn_reason = models.TextField("lý do thu hồi", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người tạo",
    )
    search_text = models.TextField(default="", editable=False)

    class Meta:
        verbose_name = "nội dung công khai"
        verbose_name_plural = "nội dung công khai"
        ordering = ["-posting_start", "-pk"]
        indexes = [
            models.Index(fields=["status", "-posting_start"], name="disclosure_public_idx"),
            models.Index(fields=["unit", "category", "posting_start"], name="disclosure_register_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("disclosures:detail", kwargs={"pk": self.pk})

    @property
    def form_labels(self) -> list[str]:
        return [FORM_LABELS.get(code, code) for code in self.forms or []]

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    def posting_state(self, day=None) -> str:
        """ "scheduled" (its posting starts after `day`, today by default), "current" or "expired"."""
        from danvan.core.formatting import local_today

        day = day or local_today()
        if self.posting_start > day:
            return "scheduled"
        if self.posting_end is not None and self.posting_end < day:
            return "expired"
        return "current"

    @property
    def is_scheduled(self) -> bool:
        return self.posting_state() == "scheduled"

    @property
    def is_expired(self) -> bool:
        return self.posting_state() == "expired"


def disclosure_upload_to(instance, filename):
    return f"cong-khai/{instance.disclosure_id}/{filename}"


class DisclosureFile(models.Model):
    disclosure = models.ForeignKey(
        Disclosure, on_delete=models.CASCADE, related_name="files", verbose_name="nội dung công khai"
    )
    file = models.FileField("tệp", upload_to=disclosure_upload_to, max_length=255)
    original_name = models.CharField("tên tệp", max_length=255)
    size = models.PositiveIntegerField("dung lượng")
    content_type = models.CharField("loại tệp", max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"
        ordering = ["pk"]

    def __str__(self):
        return self.original_name


class QuestionStatus(models.TextChoices):
    PENDING = "pending", _("Chờ trả lời")
    PUBLISHED = "published", _("Đã trả lời")
    REJECTED = "rejected", _("Không đăng")


class DisclosureQuestion(models.Model):
    disclosure = models.ForeignKey(
        Disclosure, on_delete=models.CASCADE, related_name="questions", verbose_name="nội dung công khai"
    )
    name = models.CharField("họ tên người hỏi", max_length=128, blank=True)
    # The citizen's account the question was asked from (signed in): it shows in their area with its answer.
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="disclosure_questions",
        verbose_name="tài khoản người hỏi",
        editable=False,
    )
    phone = models.CharField("số điện thoại", max_length=16, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    question = models.TextField("câu hỏi")
    status = models.CharField(
        "trạng thái", max_length=12, choices=QuestionStatus.choices, default=QuestionStatus.PENDING
    )
    answer = models.TextField("trả lời", blank=True)
    reject_reason = models.TextField("lý do không đăng", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField("trả lời lúc", null=True, blank=True)
    created_at = models.DateTimeField("gửi lúc", auto_now_add=True)

    class Meta:
        verbose_name = "câu hỏi của người dân"
        verbose_name_plural = "câu hỏi của người dân"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="disclosure_question_status_idx"),
            models.Index(fields=["phone"], name="disclosure_question_phone_idx"),
        ]

    def __str__(self):
        return self.question[:80]
