from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.storage import private_storage, random_path


class User(AbstractUser):
    """An officer or a citizen. Officers get their powers from role assignments on units (danvan.access)."""

    class Kind(models.TextChoices):
        OFFICER = "officer", "Cán bộ"
        CITIZEN = "citizen", "Công dân"

    kind = models.CharField("loại tài khoản", max_length=16, choices=Kind.choices, default=Kind.OFFICER)
    full_name = models.CharField("họ và tên", max_length=128, blank=True)
    phone = models.CharField("số điện thoại", max_length=16, blank=True, db_index=True)
    title = models.CharField("chức vụ", max_length=128, blank=True)
    verified_at = models.DateTimeField("xác minh lúc", null=True, blank=True)
    verified_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người xác minh",
    )
    household = models.ForeignKey(
        "people.Household",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accounts",
        verbose_name="hộ gia đình",
    )
    # The account's own phone, proved by a one-time code sent to it (sign-up by phone, or the profile page).
    # Cases and questions sent with a verified phone show in the citizen's area (danvan.citizens).
    phone_verified_at = models.DateTimeField("số điện thoại xác minh lúc", null=True, blank=True)
    preferred_unit = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="đơn vị làm việc mặc định",
    )

    class Meta:
        verbose_name = "tài khoản"
        verbose_name_plural = "tài khoản"
        constraints = [
            models.UniqueConstraint(fields=["phone"], condition=~Q(phone=""), name="user_phone_uniq"),
        ]

    def __str__(self):
        return self.full_name or self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return str(self)

    @property
    def public_name(self) -> str:
        """What other people read of this account (a trail, an opinion, a comment): its name — never a
        citizen's username, which is their phone number, as `display_name` falls back to; "Người dân" when a
        citizen gave no name."""
        from django.utils.translation import gettext

        name = (self.full_name or self.get_full_name()).strip()
        if name:
            return name
        return gettext("Người dân") if self.is_citizen else self.username

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def is_citizen(self) -> bool:
        return self.kind == self.Kind.CITIZEN

    @property
    def has_verified_phone(self) -> bool:
        return bool(self.phone) and self.phone_verified_at is not None


class Household(models.Model):
    """A household of a residential community (hamlet); its representative votes in community decisions."""

    code = models.CharField("mã hộ", max_length=32)
    hamlet = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="households", verbose_name="thôn, ấp, tổ dân phố"
    )
    # Denormalised at write time so per-commune statistics group by a column (ARCHITECTURE.md).
    commune = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="xã, phường"
    )
    address = models.CharField("địa chỉ", max_length=255)
    representative_name = models.CharField("đại diện hộ (chủ hộ)", max_length=128)
    phone = models.CharField("số điện thoại", max_length=16, blank=True)
    search_text = models.CharField(max_length=512, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "hộ gia đình"
        verbose_name_plural = "hộ gia đình"
        ordering = ["hamlet__path", "code"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "code"], name="household_code_per_commune_uniq")
        ]
        indexes = [models.Index(fields=["hamlet", "code"], name="household_hamlet_idx")]

    def __str__(self):
        return f"Hộ {self.representative_name} ({self.code})"


class Resident(models.Model):
    class Gender(models.TextChoices):
        MALE = "male", _("Nam")
        FEMALE = "female", _("Nữ")
        OTHER = "other", _("Khác")

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="members", verbose_name="hộ"
    )
    full_name = models.CharField("họ và tên", max_length=128)
    birth_year = models.PositiveSmallIntegerField("năm sinh")
    gender = models.CharField("giới tính", max_length=8, choices=Gender.choices)
    id_number = models.CharField("số định danh (CCCD)", max_length=12, blank=True)
    relation = models.CharField("quan hệ với chủ hộ", max_length=32, default="Chủ hộ")
    is_representative = models.BooleanField("đại diện hộ", default=False)

    class Meta:
        verbose_name = "nhân khẩu"
        verbose_name_plural = "nhân khẩu"
        ordering = ["household", "-is_representative", "birth_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["id_number"], condition=~Q(id_number=""), name="resident_id_number_uniq"
            ),
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(is_representative=True),
                name="one_representative_per_household",
            ),
        ]

    def __str__(self):
        return self.full_name


def import_upload_to(instance, filename):
    return random_path("nhap-ho-gia-dinh", filename)


class HouseholdImport(models.Model):
    """One upload of a household register (.xlsx), processed by a background task, all-or-nothing."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ xử lý")
        RUNNING = "running", _("Đang xử lý")
        DONE = "done", _("Đã nhập xong")
        REJECTED = "rejected", _("Bị từ chối (có lỗi)")
        FAILED = "failed", _("Lỗi hệ thống")

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="xã, phường"
    )
    actor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name="người nhập")
    file = models.FileField("tệp", upload_to=import_upload_to, storage=private_storage)
    original_name = models.CharField("tên tệp", max_length=255)
    status = models.CharField("trạng thái", max_length=16, choices=Status.choices, default=Status.PENDING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    households_created = models.PositiveIntegerField(default=0)
    residents_created = models.PositiveIntegerField(default=0)
    errors = models.JSONField("lỗi theo dòng", default=list, blank=True)
    # All errors are counted; only the first MAX_STORED_ERRORS are kept in `errors` for the report.
    error_count = models.PositiveIntegerField("số lỗi", default=0)
    message = models.TextField("thông báo", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "lượt nhập sổ hộ"
        verbose_name_plural = "lượt nhập sổ hộ"
        ordering = ["-created_at"]

    MAX_STORED_ERRORS = 1000

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0 if self.status in {self.Status.PENDING, self.Status.RUNNING} else 100
        return min(100, round(100 * self.processed_rows / self.total_rows))

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.REJECTED, self.Status.FAILED}


class VerificationCode(models.Model):
    """A one-time code sent by SMS, for one purpose: to link a citizen's account to a household (sent to the
    household's registered phone), to prove the account's own phone, or to create an account with a phone
    number (before the account exists: `user` is empty).

    Only a keyed hash of the code is stored. A code lives 10 minutes and allows 5 attempts.
    """

    class Purpose(models.TextChoices):
        HOUSEHOLD = "household", "Gắn tài khoản với hộ gia đình"
        PHONE = "phone", "Xác minh số điện thoại của tài khoản"
        SIGNUP = "signup", "Tạo tài khoản bằng số điện thoại"

    purpose = models.CharField("mục đích", max_length=16, choices=Purpose.choices, default=Purpose.HOUSEHOLD)
    user = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="verification_codes",
        verbose_name="tài khoản",
    )
    household = models.ForeignKey(
        Household,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="hộ gia đình",
    )
    phone = models.CharField("gửi tới số", max_length=16)
    code_hash = models.CharField(max_length=64)
    attempts = models.PositiveSmallIntegerField("số lần nhập sai", default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField("hết hạn lúc")
    used_at = models.DateTimeField("đã dùng lúc", null=True, blank=True)

    class Meta:
        verbose_name = "mã xác minh"
        verbose_name_plural = "mã xác minh một lần"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="verification_code_user_idx"),
            models.Index(fields=["phone", "purpose", "-created_at"], name="verification_code_phone_idx"),
        ]

    def __str__(self):
        return f"Mã xác minh cho {self.user or self.phone} ({self.get_purpose_display()})"


class HouseholdRequest(models.Model):
    """A citizen's request to the commune about the household registry, answered by its officers: to link the
    account to the citizen's household (`citizens.verify` on the hamlet: the officer finds the household and
    confirms, as when the citizen comes to the office), or to correct what the registry holds about the
    citizen's own household (`households.manage`: the officer edits the register and answers)."""

    class Kind(models.TextChoices):
        LINK = "link", _("Gắn tài khoản với hộ gia đình")
        CORRECTION = "correction", _("Đề nghị điều chỉnh thông tin hộ")

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ xã xử lý")
        DONE = "done", _("Đã xử lý")
        DECLINED = "declined", _("Không thực hiện")

    citizen = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="household_requests", verbose_name="công dân"
    )
    kind = models.CharField("loại yêu cầu", max_length=16, choices=Kind.choices)
    hamlet = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="thôn, ấp, tổ dân phố"
    )
    # Denormalised at write time: the commune's queue is a filter on a column.
    commune = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="xã, phường"
    )
    household = models.ForeignKey(
        Household,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
        verbose_name="hộ gia đình",
    )
    representative_name = models.CharField("chủ hộ (người dân khai)", max_length=128, blank=True)
    address = models.CharField("địa chỉ (người dân khai)", max_length=255, blank=True)
    relation = models.CharField("quan hệ với chủ hộ", max_length=32, blank=True)
    message = models.TextField("nội dung", blank=True)
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.PENDING)
    answer = models.TextField("trả lời của xã", blank=True)
    answered_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="người trả lời"
    )
    answered_at = models.DateTimeField("trả lời lúc", null=True, blank=True)
    created_at = models.DateTimeField("gửi lúc", auto_now_add=True)

    class Meta:
        verbose_name = "yêu cầu về sổ hộ gia đình"
        verbose_name_plural = "yêu cầu của người dân về sổ hộ gia đình"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["commune", "status", "created_at"], name="household_request_queue_idx"),
            models.Index(fields=["citizen", "-created_at"], name="household_request_citizen_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["citizen"],
                condition=Q(kind="link", status="pending"),
                name="one_pending_link_request_per_citizen",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.citizen}"
