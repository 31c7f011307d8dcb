"""Citizen cases (M2): feedback, petitions, complaints and denunciations in one `Case` with a `kind`.

- `Field` is editable reference data (lĩnh vực), seeded by migration 0002.
- `Case` holds the workflow state and the statutory deadlines, each stored with the rule key and citation of
  the rule version in force on the day that started its clock. For a denunciation **every** identity and contact
  field lives only in `protected_identity` (encrypted, see `protection.py`); the plain submitter fields stay
  empty. `search_text` is normalised title/content/place and never contains identity data.
- `CaseEvent` is the timeline (public note shown on the tracking page; internal note for officers only).
- `CaseAttachment` is a file validated by its content.
- `latitude`/`longitude`/`media_url` and `api_key` come from an integrator's application (Open311 POST):
  officers see them on the case page; the public Open311 answers never show them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import TimeStampedModel
from danvan.core.storage import private_storage, random_path


class Kind(models.TextChoices):
    FEEDBACK = "feedback", pgettext_lazy("case kind", "Phản ánh")
    PETITION = "petition", pgettext_lazy("case kind", "Kiến nghị")
    COMPLAINT = "complaint", pgettext_lazy("case kind", "Khiếu nại")
    DENUNCIATION = "denunciation", pgettext_lazy("case kind", "Tố cáo")


class Channel(models.TextChoices):
    WEB = "web", _("Cổng thông tin")
    RECEPTION = "reception", _("Tiếp công dân")
    LETTER = "letter", _("Thư, đơn")
    PHONE = "phone", _("Điện thoại")
    TRANSFERRED = "transferred", _("Cơ quan khác chuyển đến")


class Status(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    ACCEPTED = "accepted", _("Đã thụ lý")
    DECLINED = "declined", _("Không thụ lý")
    TRANSFERRED = "transferred", _("Đã chuyển đơn vị khác")
    VERIFYING = "verifying", _("Đang xác minh")
    DIALOGUE = "dialogue", _("Đã đối thoại")
    RESOLVED = "resolved", _("Đã giải quyết")
    CLOSED = "closed", _("Đã đóng")
    MERGED = "merged", _("Đã gộp")


OPEN_STATUSES = (
    Status.RECEIVED,
    Status.ACCEPTED,
    Status.TRANSFERRED,
    Status.VERIFYING,
    Status.DIALOGUE,
)
IN_PROGRESS_STATUSES = (Status.ACCEPTED, Status.VERIFYING, Status.DIALOGUE)
DONE_STATUSES = (Status.RESOLVED, Status.CLOSED)


class Outcome(models.TextChoices):
    RIGHT = "right", _("Đúng")
    PARTLY = "partly", _("Đúng một phần")
    WRONG = "wrong", _("Sai")


class Complexity(models.TextChoices):
    COMPLEX = "complex", _("Phức tạp")
    ESPECIALLY = "especially_complex", _("Đặc biệt phức tạp")


class Field(models.Model):
    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("lĩnh vực", max_length=120)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


def resolution_upload_to(instance, filename):
    return random_path("don-thu/giai-quyet", filename)


class Case(TimeStampedModel):
    code = models.CharField("mã hồ sơ", max_length=16, unique=True)
    kind = models.CharField("loại", max_length=16, choices=Kind.choices)
    channel = models.CharField("kênh tiếp nhận", max_length=16, choices=Channel.choices, default=Channel.WEB)
    field = models.ForeignKey(
        Field, null=True, blank=True, on_delete=models.PROTECT, related_name="cases", verbose_name="lĩnh vực"
    )
    title = models.CharField("tiêu đề", max_length=300)
    content = models.TextField("nội dung")
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="cases", verbose_name="đơn vị giải quyết"
    )
    commune = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="xã"
    )
    hamlet = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="ấp"
    )
    place_address = models.CharField("địa điểm", max_length=255, blank=True)
    # where and what an integrator's application reported (Open311): shown to officers only, never fetched
    latitude = models.DecimalField("vĩ độ", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("kinh độ", max_digits=9, decimal_places=6, null=True, blank=True)
    media_url = models.URLField("liên kết ảnh, tài liệu", max_length=500, blank=True)
    api_key = models.ForeignKey(
        "integrations.ApiKey",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="gửi qua ứng dụng",
        editable=False,
    )
    status = models.CharField("trạng thái", max_length=16, choices=Status.choices, default=Status.RECEIVED)
    # submitter (never filled for denunciations: see protected_identity)
    submitter_name = models.CharField("họ tên", max_length=128, blank=True)
    submitter_phone = models.CharField("số điện thoại", max_length=16, blank=True)
    submitter_address = models.CharField("địa chỉ", max_length=255, blank=True)
    submitter_email = models.EmailField("thư điện tử", blank=True)
    protected_identity = models.TextField("danh tính được bảo vệ (mã hoá)", blank=True, editable=False)
    contact_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    is_anonymous = models.BooleanField("nặc danh", default=False)
    consent_publish = models.BooleanField("đồng ý công khai câu trả lời", default=False)
    public_interest = models.BooleanField("vấn đề chung của cộng đồng", default=False)
    # complaints
    decision_ref = models.CharField("quyết định, hành vi bị khiếu nại", max_length=255, blank=True)
    act_known_on = models.DateField("ngày biết được quyết định, hành vi", null=True, blank=True)
    instance = models.PositiveSmallIntegerField("lần giải quyết", default=1)
    first_instance = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals",
        verbose_name="hồ sơ giải quyết lần đầu",
    )
    is_complex = models.BooleanField("vụ việc phức tạp", default=False)
    is_remote = models.BooleanField("vùng sâu, vùng xa", default=False)
    multi_site = models.BooleanField("xác minh ở nhiều địa điểm", default=False)
    # deadlines
    received_on = models.DateField("ngày tiếp nhận")
    accept_due = models.DateField("hạn thụ lý / xử lý ban đầu", null=True, blank=True)
    accept_rule_key = models.CharField(max_length=80, blank=True)
    accept_citation = models.CharField(max_length=500, blank=True)
    accepted_on = models.DateField("ngày thụ lý", null=True, blank=True)
    accept_late = models.BooleanField("thụ lý muộn", default=False)
    resolve_due = models.DateField("hạn giải quyết", null=True, blank=True)
    resolve_rule_key = models.CharField(max_length=80, blank=True)
    resolve_citation = models.CharField(max_length=500, blank=True)
    extensions = models.PositiveSmallIntegerField("số lần gia hạn", default=0)
    complexity = models.CharField("mức độ phức tạp", max_length=20, choices=Complexity.choices, blank=True)
    extension_reasons = models.JSONField("lý do gia hạn", default=list, blank=True)
    transferred_from = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="chuyển từ",
    )
    transfer_late = models.BooleanField("chuyển đơn muộn", default=False)
    # the day the receiving unit got the case: its deadlines and figures count from here (not from receipt)
    transferred_on = models.DateField("ngày nhận chuyển đến", null=True, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handled_cases",
        verbose_name="người xử lý",
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged", verbose_name="gộp vào"
    )
    outcome = models.CharField("kết luận", max_length=8, choices=Outcome.choices, blank=True)
    answer = models.TextField("trả lời, kết quả giải quyết", blank=True)
    decline_reason = models.TextField("lý do không thụ lý", blank=True)
    resolved_on = models.DateField("ngày giải quyết", null=True, blank=True)
    # the document that carries the resolution (Quyết định giải quyết khiếu nại, Kết luận nội dung tố cáo,
    # văn bản trả lời): its number, date, signer and file, as the law's forms ask
    resolution_number = models.CharField("số văn bản giải quyết", max_length=64, blank=True)
    resolution_date = models.DateField("ngày ký văn bản giải quyết", null=True, blank=True)
    resolution_signer = models.CharField("người ký văn bản giải quyết", max_length=160, blank=True)
    resolution_file = models.FileField(
        "tệp văn bản giải quyết",
        upload_to=resolution_upload_to,
        storage=private_storage,
        max_length=255,
        blank=True,
    )
    resolution_file_name = models.CharField("tên tệp văn bản giải quyết", max_length=255, blank=True)
    closed_on = models.DateField("ngày đóng", null=True, blank=True)
    rating = models.PositiveSmallIntegerField("đánh giá", null=True, blank=True)
    rating_comment = models.TextField("nhận xét", blank=True)
    search_text = models.TextField(default="", editable=False)
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    last_warned_on = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The citizen's account the case was filed from (the public form, signed in): it shows in their area and
    # its notices reach them in the app. Never set on a denunciation — a plain link would name the denouncer
    # to whoever reads the row —, whose account is only a keyed digest (`protection.account_digest`).
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="tài khoản công dân",
        editable=False,
    )
    account_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    class Meta:
        verbose_name = "hồ sơ phản ánh, kiến nghị, khiếu nại, tố cáo"
        verbose_name_plural = "hồ sơ phản ánh, kiến nghị, khiếu nại, tố cáo"
        ordering = ["-received_on", "-pk"]
        indexes = [
            # covering (PostgreSQL): the overdue and due-soon counts read no table page
            models.Index(
                fields=["unit", "status", "resolve_due"], include=["accept_due"], name="case_inbox_idx"
            ),
            # open cases by kind under a unit (inbox filters, counts): index-only on PostgreSQL
            models.Index(
                fields=["status", "kind", "unit"],
                include=["accept_due", "resolve_due", "received_on", "field"],
                name="case_open_cover_idx",
            ),
            # the inbox order (running deadline first, NULLS LAST) is a PostgreSQL-only index: migration 0004
            # published answers, newest first (selectors.published_answers)
            models.Index(
                models.F("resolved_on").desc(),
                models.F("id").desc(),
                name="case_published_idx",
                condition=Q(consent_publish=True, public_interest=True, status__in=["resolved", "closed"])
                & ~Q(kind="denunciation")
                & ~Q(answer=""),
            ),
            models.Index(fields=["commune", "status", "-received_on"], name="case_commune_idx"),
            models.Index(fields=["status", "resolve_due"], name="case_due_idx"),
            models.Index(fields=["received_on"], name="case_received_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="case_rating_1_5"
            ),
            models.CheckConstraint(
                condition=~Q(kind="denunciation")
                | (
                    Q(submitter_name="")
                    & Q(submitter_phone="")
                    & Q(submitter_address="")
                    & Q(submitter_email="")
                ),
                name="case_denouncer_identity_protected",
            ),
            models.CheckConstraint(
                condition=~Q(kind="denunciation") | Q(account__isnull=True),
                name="case_denouncer_account_protected",
            ),
        ]

    def __str__(self):
        return f"{self.code} — {self.title[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_denunciation(self) -> bool:
        return self.kind == Kind.DENUNCIATION

    @property
    def resolution_document_label(self) -> str:
        """What the law calls the document that resolves this kind of case."""
        return str(RESOLUTION_DOCUMENTS.get(self.kind, RESOLUTION_DOCUMENTS[Kind.FEEDBACK]))

    @property
    def current_due(self):
        """The deadline that runs now: acceptance before thụ lý, resolution after."""
        if not self.is_open:
            return None
        if self.status in (Status.RECEIVED, Status.TRANSFERRED):
            return self.accept_due or self.resolve_due
        return self.resolve_due


RESOLUTION_DOCUMENTS = {
    Kind.COMPLAINT: _("Quyết định giải quyết khiếu nại"),
    Kind.DENUNCIATION: _("Kết luận nội dung tố cáo"),
    Kind.FEEDBACK: _("Văn bản trả lời"),
    Kind.PETITION: _("Văn bản trả lời"),
}


EVENT_LABELS = {
    "submit": _("Tiếp nhận"),
    "classify": _("Phân loại"),
    "assign": _("Phân công"),
    "accept": _("Thụ lý"),
    "decline": _("Không thụ lý"),
    "transfer": _("Chuyển đơn"),
    "verify": _("Xác minh"),
    "dialogue": _("Đối thoại"),
    "extend": _("Gia hạn"),
    "resolve": _("Giải quyết"),
    "close": _("Đóng hồ sơ"),
    "reopen": _("Mở lại"),
    "merge": _("Gộp vào hồ sơ khác"),
    "merge_in": _("Nhận hồ sơ gộp"),
    "appeal": _("Khiếu nại lần hai"),
    "rate": _("Người dân đánh giá"),
}


class CaseEvent(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events", verbose_name="hồ sơ")
    at = models.DateTimeField("lúc")
    action = models.CharField("thao tác", max_length=32)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    public_note = models.TextField("ghi chú công khai", blank=True)
    internal_note = models.TextField("ghi chú nội bộ", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "diễn biến hồ sơ"
        verbose_name_plural = "diễn biến hồ sơ"
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["case", "at"], name="case_event_idx")]

    def __str__(self):
        return f"{self.case_id} {self.action}"

    @property
    def action_label(self) -> str:
        return str(EVENT_LABELS.get(self.action, self.action))

    @property
    def to_status_label(self) -> str:
        return str(Status(self.to_status).label) if self.to_status in Status.values else self.to_status


def minutes_upload_to(instance, filename):
    return random_path("don-thu/doi-thoai", filename)


class CaseDialogue(models.Model):
    """The case's own record of a dialogue with the citizen (Luật Khiếu nại 2011, Điều 30 and 39): when it
    was held, who took part and the minutes (biên bản). A later dialogues module keeps its meetings in its
    own model and links them here (`CaseDialogue.event`, `Case.dialogues`)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="dialogues", verbose_name="hồ sơ")
    event = models.OneToOneField(
        CaseEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="dialogue", editable=False
    )
    held_on = models.DateField("ngày đối thoại")
    place = models.CharField("địa điểm", max_length=255, blank=True)
    participants = models.TextField("thành phần tham dự")
    note = models.TextField("nội dung, kết quả đối thoại")
    minutes = models.FileField(
        "biên bản đối thoại", upload_to=minutes_upload_to, storage=private_storage, max_length=255, blank=True
    )
    minutes_name = models.CharField("tên tệp biên bản", max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "buổi đối thoại"
        verbose_name_plural = "buổi đối thoại"
        ordering = ["held_on", "pk"]

    def __str__(self):
        return f"{self.case_id} {self.held_on:%d/%m/%Y}"


def attachment_upload_to(instance, filename):
    return random_path("don-thu", filename)


class CaseAttachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments", verbose_name="hồ sơ")
    file = models.FileField("tệp", upload_to=attachment_upload_to, storage=private_storage, max_length=255)
    original_name = models.CharField("tên tệp", max_length=255)
    size = models.PositiveIntegerField("dung lượng")
    content_type = models.CharField("loại tệp", max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"
        ordering = ["pk"]

    def __str__(self):
        return self.original_name


def held_upload_to(instance, filename):
    return random_path("tep-dang-giu", filename)


class HeldAttachment(models.Model):
    """A file a citizen chose on the public case form, kept while they correct other fields: held against
    the form's token (a random value of that form only) in the private storage, listed on the form with a
    way to remove it, and turned into the case's attachment when the case is sent. Held files older than a
    day are deleted by the daily job `cases.held_attachments_expire`."""

    token = models.CharField(max_length=64, db_index=True)
    file = models.FileField(upload_to=held_upload_to, storage=private_storage, max_length=255)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "tệp đang giữ cho đơn chưa gửi"
        verbose_name_plural = "tệp đang giữ cho đơn chưa gửi"
        ordering = ["pk"]

    def __str__(self):
        return self.original_name
