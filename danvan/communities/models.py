"""Self-governing groups (Hội quán, cooperatives, self-managed teams), community projects and the ledger of
the people's contributions (M5).

Reference data — the kinds of group, the assessment scale, the national criteria of new rural construction —
are rows (seeded by data migrations, edited in the admin), never choices in code: no official assessment
scale exists (reference/legal-and-domain.md §5) and the criteria change with each national programme.

The contribution ledger is append-only: a posted entry is never edited; a correction is a reversing entry
(`reverses`) written by `services.contribution_reverse`. Every entry carries the commune and the province of
its place as they were when it was written (ARCHITECTURE.md, high-volume records), so totals group by a
column instead of walking the unit tree.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.storage import private_storage, random_path

# ---------------------------------------------------------------- reference data


class GroupKind(models.Model):
    code = models.SlugField("mã", max_length=32, unique=True)
    name = models.CharField("tên loại", max_length=128)
    name_en = models.CharField("tên tiếng Anh", max_length=128, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    is_cooperative = models.BooleanField("là hợp tác xã", default=False)
    meeting_every_days = models.PositiveSmallIntegerField(
        "chu kỳ sinh hoạt (ngày)",
        default=30,
        help_text="Một nhóm không sinh hoạt quá số ngày này (cộng phần cho phép trễ trong bộ quy định) bị "
        "đánh dấu.",
    )

    class Meta:
        verbose_name = "loại mô hình tự quản"
        verbose_name_plural = "loại mô hình tự quản"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class AssessmentLevel(models.Model):
    """A grade of the (unofficial) assessment scale: tốt, khá, trung bình, yếu."""

    code = models.SlugField("mã", max_length=32, unique=True)
    name = models.CharField("mức xếp loại", max_length=64)
    name_en = models.CharField("tên tiếng Anh", max_length=64, blank=True)
    rank = models.PositiveSmallIntegerField("thứ bậc", help_text="1 là cao nhất.")
    is_weak = models.BooleanField("cần củng cố", default=False)

    class Meta:
        verbose_name = "mức xếp loại"
        verbose_name_plural = "thang xếp loại mô hình"
        ordering = ["rank"]

    def __str__(self):
        return self.name


class Criterion(models.Model):
    """A criterion of the national set for new rural communes (e.g. tiêu chí 2 Giao thông)."""

    number = models.PositiveSmallIntegerField("số thứ tự")
    name = models.CharField("tên tiêu chí", max_length=128)
    name_en = models.CharField("tên tiếng Anh", max_length=128, blank=True)
    citation = models.CharField("căn cứ", max_length=255)
    valid_from = models.DateField("áp dụng từ")
    valid_to = models.DateField("áp dụng đến", null=True, blank=True)

    class Meta:
        verbose_name = "tiêu chí nông thôn mới"
        verbose_name_plural = "tiêu chí nông thôn mới"
        ordering = ["-valid_from", "number"]
        constraints = [models.UniqueConstraint(fields=["number", "valid_from"], name="criterion_number_uniq")]

    def __str__(self):
        return f"Tiêu chí {self.number}: {self.name}"


# ---------------------------------------------------------------- groups


class GroupStatus(models.TextChoices):
    ACTIVE = "active", _("Đang hoạt động")
    PAUSED = "paused", _("Tạm ngừng")
    DISSOLVED = "dissolved", _("Đã giải thể")
    COOPERATIVE = "cooperative", _("Đã chuyển thành hợp tác xã")


class Group(models.Model):
    name = models.CharField("tên", max_length=200)
    kind = models.ForeignKey(GroupKind, on_delete=models.PROTECT, related_name="groups", verbose_name="loại")
    home_unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="địa bàn (ấp, xã)"
    )
    commune = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="xã", editable=False
    )
    province = models.ForeignKey(
        "units.Unit",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="tỉnh",
        editable=False,
    )
    field = models.CharField("ngành nghề, lĩnh vực", max_length=200, blank=True)
    description = models.TextField("hoạt động", blank=True)
    founded_on = models.DateField("ngày thành lập")
    decision = models.CharField("quyết định, văn bản ra mắt", max_length=255, blank=True)
    rules = models.TextField("quy chế sinh hoạt", blank=True)
    meeting_every_days = models.PositiveSmallIntegerField(
        "chu kỳ sinh hoạt (ngày)", null=True, blank=True, help_text="Để trống: theo loại mô hình."
    )
    status = models.CharField(
        "tình trạng", max_length=16, choices=GroupStatus.choices, default=GroupStatus.ACTIVE
    )
    status_on = models.DateField("ngày đổi tình trạng", null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        verbose_name="hợp tác xã kế tục",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "mô hình tự quản"
        verbose_name_plural = "mô hình tự quản"
        ordering = ["name"]
        indexes = [
            models.Index(fields=["commune", "kind"], name="group_commune_kind_idx"),
            models.Index(fields=["province", "status"], name="group_province_status_idx"),
        ]

    def __str__(self):
        return self.name

    @property
    def cadence_days(self) -> int:
        return self.meeting_every_days or self.kind.meeting_every_days


class Member(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members", verbose_name="mô hình")
    full_name = models.CharField("họ và tên", max_length=128)
    household = models.ForeignKey(
        "people.Household",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="hộ gia đình",
    )
    role = models.CharField("vai trò", max_length=64, blank=True, default="Thành viên")
    joined_on = models.DateField("ngày vào")
    left_on = models.DateField("ngày ra", null=True, blank=True)

    class Meta:
        verbose_name = "thành viên"
        verbose_name_plural = "thành viên"
        ordering = ["full_name", "pk"]

    def __str__(self):
        return self.full_name


class Position(models.TextChoices):
    HEAD = "head", _("Chủ nhiệm")
    DEPUTY = "deputy", _("Phó chủ nhiệm")
    SECRETARY = "secretary", _("Thư ký")
    TREASURER = "treasurer", _("Thủ quỹ")
    MEMBER = "member", _("Thành viên ban điều hành")


class BoardMember(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="board", verbose_name="mô hình")
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="seats", verbose_name="thành viên"
    )
    position = models.CharField("chức danh", max_length=16, choices=Position.choices)
    term_from = models.DateField("nhiệm kỳ từ")
    term_to = models.DateField("nhiệm kỳ đến", null=True, blank=True)

    class Meta:
        verbose_name = "thành viên ban điều hành"
        verbose_name_plural = "ban điều hành"
        ordering = ["position", "term_from"]

    def __str__(self):
        return f"{self.get_position_display()}: {self.member.full_name}"


class Meeting(models.Model):
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="meetings", verbose_name="mô hình"
    )
    held_on = models.DateField("ngày sinh hoạt")
    topic = models.CharField("chủ đề", max_length=255)
    attendance = models.PositiveIntegerField("số người tham dự")
    outcome = models.TextField("kết quả", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        verbose_name = "buổi sinh hoạt"
        verbose_name_plural = "buổi sinh hoạt"
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["group", "-held_on"], name="meeting_group_day_idx")]

    def __str__(self):
        return f"{self.topic} ({self.held_on:%d/%m/%Y})"


class Assessment(models.Model):
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="assessments", verbose_name="mô hình"
    )
    level = models.ForeignKey(
        AssessmentLevel, on_delete=models.PROTECT, related_name="+", verbose_name="xếp loại"
    )
    assessed_on = models.DateField("ngày đánh giá")
    assessor = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="cơ quan đánh giá"
    )
    notes = models.TextField("nhận xét theo tiêu chí", blank=True)

    class Meta:
        verbose_name = "đánh giá, xếp loại"
        verbose_name_plural = "đánh giá, xếp loại"
        ordering = ["-assessed_on", "-pk"]

    def __str__(self):
        return f"{self.level} ({self.assessed_on:%d/%m/%Y})"


# ---------------------------------------------------------------- projects


class ProjectKind(models.TextChoices):
    ROAD = "road", _("Đường giao thông nông thôn")
    BRIDGE = "bridge", _("Cầu")
    LIGHTING = "lighting", _("Đèn chiếu sáng")
    CANAL = "canal", _("Kênh mương, thuỷ lợi")
    SCHOOL = "school", _("Trường học")
    CULTURAL_HOUSE = "cultural_house", _("Nhà văn hoá")
    OTHER = "other", _("Công trình khác")


class ProjectStatus(models.TextChoices):
    OPEN = "open", _("Đang thi công")
    COMPLETED = "completed", _("Đã hoàn thành")
    HANDED_OVER = "handed_over", _("Đã bàn giao")


CLOSED_PROJECT_STATUSES = (ProjectStatus.COMPLETED, ProjectStatus.HANDED_OVER)


class Source(models.TextChoices):
    STATE = "state", _("Ngân sách nhà nước")
    PEOPLE = "people", _("Nhân dân đóng góp")
    SPONSORS = "sponsors", _("Mạnh thường quân, doanh nghiệp")
    GROUPS = "groups", _("Hội quán, tổ tự quản")


class Project(models.Model):
    name = models.CharField("tên công trình", max_length=255)
    kind = models.CharField("loại công trình", max_length=16, choices=ProjectKind.choices)
    criterion = models.ForeignKey(
        Criterion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="tiêu chí nông thôn mới",
    )
    place = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="địa bàn"
    )
    commune = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="xã", editable=False
    )
    province = models.ForeignKey(
        "units.Unit",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="tỉnh",
        editable=False,
    )
    group = models.ForeignKey(
        Group,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name="mô hình vận động",
    )
    description = models.TextField("mô tả", blank=True)
    decision = models.CharField("quyết định phê duyệt", max_length=255, blank=True)
    budget_state = models.BigIntegerField("ngân sách nhà nước (đồng)", default=0)
    budget_people = models.BigIntegerField("nhân dân đóng góp (đồng)", default=0)
    budget_sponsors = models.BigIntegerField("mạnh thường quân, doanh nghiệp (đồng)", default=0)
    budget_groups = models.BigIntegerField("hội quán, tổ tự quản (đồng)", default=0)
    started_on = models.DateField("ngày khởi công")
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    status = models.CharField(
        "tình trạng", max_length=16, choices=ProjectStatus.choices, default=ProjectStatus.OPEN
    )
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    handed_over_on = models.DateField("ngày bàn giao", null=True, blank=True)
    handed_over_to = models.CharField("bàn giao cho", max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "công trình"
        verbose_name_plural = "công trình"
        ordering = ["-started_on", "-pk"]
        indexes = [models.Index(fields=["commune", "status"], name="project_commune_status_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="project_progress_range"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_PROJECT_STATUSES

    @property
    def budget_total(self) -> int:
        return self.budget_state + self.budget_people + self.budget_sponsors + self.budget_groups


# ---------------------------------------------------------------- contributions


class ContributorKind(models.TextChoices):
    HOUSEHOLD = "household", _("Hộ gia đình")
    PERSON = "person", _("Cá nhân")
    BUSINESS = "business", _("Doanh nghiệp")
    GROUP = "group", _("Hội quán, tổ tự quản")
    ANONYMOUS = "anonymous", _("Nhà hảo tâm giấu tên")


# where a contributor's money counts in a project's budget by source
SOURCE_OF_CONTRIBUTOR = {
    ContributorKind.HOUSEHOLD: Source.PEOPLE,
    ContributorKind.PERSON: Source.PEOPLE,
    ContributorKind.BUSINESS: Source.SPONSORS,
    ContributorKind.GROUP: Source.GROUPS,
    ContributorKind.ANONYMOUS: Source.SPONSORS,
}


class ContributionKind(models.TextChoices):
    CASH = "cash", _("Tiền mặt")
    MATERIALS = "materials", _("Vật tư, vật liệu")
    LABOUR = "labour", _("Ngày công lao động")
    LAND = "land", _("Hiến đất")


class Display(models.TextChoices):
    EXACT = "exact", _("Đúng số tiền")
    ROUNDED = "rounded", _("Số tiền làm tròn")


class Contribution(models.Model):
    project = models.ForeignKey(
        Project,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name="công trình",
    )
    purpose = models.CharField("mục đích (khi không thuộc công trình)", max_length=255, blank=True)
    contributor_kind = models.CharField("người đóng góp là", max_length=16, choices=ContributorKind.choices)
    contributor_name = models.CharField("tên người đóng góp", max_length=200, blank=True)
    household = models.ForeignKey(
        "people.Household",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="hộ gia đình",
    )
    contributor_group = models.ForeignKey(
        Group,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name="mô hình đóng góp",
    )
    source = models.CharField("nguồn", max_length=16, choices=Source.choices, editable=False)
    kind = models.CharField("hình thức", max_length=16, choices=ContributionKind.choices)
    quantity = models.DecimalField("số lượng", max_digits=14, decimal_places=2, null=True, blank=True)
    quantity_unit = models.CharField("đơn vị tính", max_length=32, blank=True)
    value_vnd = models.BigIntegerField("giá trị (đồng)")
    value_basis = models.CharField("căn cứ quy đổi", max_length=255, blank=True)
    on = models.DateField("ngày đóng góp")
    receipt_no = models.CharField("số biên nhận", max_length=64, blank=True)
    consent_named = models.BooleanField("đồng ý nêu tên công khai", default=False)
    display = models.CharField(
        "cách hiện số tiền", max_length=8, choices=Display.choices, default=Display.EXACT
    )
    place = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="địa bàn"
    )
    commune = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="xã", editable=False
    )
    province = models.ForeignKey(
        "units.Unit",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="tỉnh",
        editable=False,
    )
    reverses = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
        verbose_name="điều chỉnh cho bút toán",
        editable=False,
    )
    reason = models.CharField("lý do điều chỉnh", max_length=255, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "khoản đóng góp"
        verbose_name_plural = "sổ đóng góp"
        ordering = ["-on", "-pk"]
        indexes = [
            models.Index(fields=["province", "on"], name="contrib_province_day_idx"),
            models.Index(fields=["commune", "on"], name="contrib_commune_day_idx"),
            models.Index(fields=["project", "on"], name="contrib_project_day_idx"),
            # the public honour board: consenting entries, largest first, read from the index's head; the place
            # columns included, so a unit's board walks the index alone to its page's keys (core.paging.LateRows)
            # instead of reading each row the walk passes (a merged commune's page 86 → 3 ms at 5,000,000 rows)
            models.Index(
                models.F("value_vnd").desc(),
                models.F("on").desc(),
                models.F("id").desc(),
                include=["province", "commune", "place"],
                condition=Q(consent_named=True, reverses__isnull=True),
                name="contrib_honour_idx",
            ),
            # a commune's board: its entries in the board's order, straight from the index
            models.Index(
                models.F("commune"),
                models.F("value_vnd").desc(),
                models.F("on").desc(),
                models.F("id").desc(),
                condition=Q(consent_named=True, reverses__isnull=True),
                name="contrib_honour_commune_idx",
            ),
        ]

    def __str__(self):
        who = self.contributor_name or self.get_contributor_kind_display()
        return f"{who}: {self.get_kind_display()} ({self.on:%d/%m/%Y})"

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None


# ---------------------------------------------------------------- imports


def contribution_import_upload_to(instance, filename):
    return random_path("nhap-dong-gop", filename)


class ContributionImport(models.Model):
    """One upload of contributions to a project (.xlsx), checked whole by a background task: every row is
    written, or none (the per-row report says what to fix)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ xử lý")
        RUNNING = "running", _("Đang xử lý")
        DONE = "done", _("Đã nhập xong")
        REJECTED = "rejected", _("Bị từ chối (có lỗi)")
        FAILED = "failed", _("Lỗi hệ thống")

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="imports", verbose_name="công trình"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="người nhập"
    )
    file = models.FileField("tệp", upload_to=contribution_import_upload_to, storage=private_storage)
    original_name = models.CharField("tên tệp", max_length=255)
    status = models.CharField("trạng thái", max_length=16, choices=Status.choices, default=Status.PENDING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField("lỗi theo dòng", default=list, blank=True)
    error_count = models.PositiveIntegerField("số lỗi", default=0)
    message = models.TextField("thông báo", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    MAX_STORED_ERRORS = 1000

    class Meta:
        verbose_name = "lượt nhập đóng góp"
        verbose_name_plural = "lượt nhập đóng góp"
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.REJECTED, self.Status.FAILED}

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0 if not self.is_finished else 100
        return min(100, round(100 * self.processed_rows / self.total_rows))


# ---------------------------------------------------------------- group funds (quỹ)


class FundDirection(models.TextChoices):
    INCOME = "income", _("Khoản thu")
    SPENDING = "spending", _("Khoản chi")


class FundCategory(models.TextChoices):
    DUES = "dues", _("Hội phí, phí sinh hoạt")
    CONTRIBUTION = "contribution", _("Đóng góp, ủng hộ")
    SUPPORT = "support", _("Tài trợ, hỗ trợ")
    SPENDING = "spending", _("Chi hoạt động")


INCOME_CATEGORIES = (FundCategory.DUES, FundCategory.CONTRIBUTION, FundCategory.SUPPORT)


def fund_receipt_upload_to(instance, filename):
    return random_path("quy-chung-tu", filename)


class FundEntry(models.Model):
    """One line of a group's fund book: money in (dues, contributions, support) or out, with its receipt
    (phiếu thu, phiếu chi). Append-only like the contribution ledger: a correction is the reversing entry
    (`reverses`, same direction, negated amount) written by `services.fund_reverse`, at most once."""

    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, related_name="fund_entries", verbose_name="mô hình"
    )
    direction = models.CharField("thu hay chi", max_length=8, choices=FundDirection.choices)
    category = models.CharField("loại khoản", max_length=16, choices=FundCategory.choices)
    amount_vnd = models.BigIntegerField("số tiền (đồng)")
    description = models.CharField("nội dung", max_length=255)
    party_name = models.CharField("người nộp, người nhận", max_length=200, blank=True)
    household = models.ForeignKey(
        "people.Household",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="hộ nộp",
    )
    receipt_no = models.CharField("số chứng từ", max_length=64)
    receipt_on = models.DateField("ngày chứng từ")
    receipt_file = models.FileField(
        "tệp chứng từ", upload_to=fund_receipt_upload_to, storage=private_storage, max_length=255, blank=True
    )
    reverses = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
        verbose_name="điều chỉnh cho khoản",
        editable=False,
    )
    reason = models.CharField("lý do điều chỉnh", max_length=255, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "khoản thu chi quỹ"
        verbose_name_plural = "sổ quỹ"
        ordering = ["-receipt_on", "-pk"]
        indexes = [models.Index(fields=["group", "-receipt_on"], name="fund_group_day_idx")]

    def __str__(self):
        return f"{self.get_direction_display()} {self.receipt_no} ({self.receipt_on:%d/%m/%Y})"

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None

    @property
    def signed_vnd(self) -> int:
        return self.amount_vnd if self.direction == FundDirection.INCOME else -self.amount_vnd


# ---------------------------------------------------------------- consolidation (củng cố)


class ConsolidationPlan(models.Model):
    """The plan to consolidate a group assessed weak (`AssessmentLevel.is_weak`): actions with owners and due
    dates. It is complete (`completed_on`) when its last open action is closed with at least one done."""

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="consolidation_plans", verbose_name="mô hình"
    )
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="plans", verbose_name="theo đánh giá"
    )
    goal = models.TextField("mục tiêu củng cố")
    opened_on = models.DateField("ngày lập kế hoạch")
    completed_on = models.DateField("ngày hoàn thành củng cố", null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        verbose_name = "kế hoạch củng cố"
        verbose_name_plural = "kế hoạch củng cố"
        ordering = ["-opened_on", "-pk"]

    def __str__(self):
        return f"Củng cố {self.group} ({self.opened_on:%d/%m/%Y})"


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Đang thực hiện")
    DONE = "done", _("Đã xong")
    DROPPED = "dropped", _("Không thực hiện")


class ConsolidationAction(models.Model):
    plan = models.ForeignKey(
        ConsolidationPlan, on_delete=models.CASCADE, related_name="actions", verbose_name="kế hoạch"
    )
    title = models.CharField("việc cần làm", max_length=255)
    owner_unit = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="đơn vị phụ trách",
    )
    owner_person = models.CharField("người phụ trách", max_length=128, blank=True)
    due_on = models.DateField("hạn hoàn thành")
    status = models.CharField(
        "tình trạng", max_length=8, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    closed_on = models.DateField("ngày kết thúc", null=True, blank=True)
    note = models.TextField("kết quả, lý do", blank=True)

    class Meta:
        verbose_name = "việc củng cố"
        verbose_name_plural = "việc củng cố"
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title

    def is_overdue(self, today) -> bool:
        return self.status == ActionStatus.OPEN and self.due_on < today


# ---------------------------------------------------------------- project details


class Milestone(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="milestones", verbose_name="công trình"
    )
    name = models.CharField("mốc", max_length=200)
    planned_on = models.DateField("ngày dự kiến")
    actual_on = models.DateField("ngày thực tế", null=True, blank=True)

    class Meta:
        verbose_name = "mốc tiến độ"
        verbose_name_plural = "mốc tiến độ"
        ordering = ["planned_on", "pk"]

    def __str__(self):
        return self.name


def project_photo_upload_to(instance, filename):
    return random_path("cong-trinh/anh", filename)


class ProjectPhoto(models.Model):
    """A photo of a project, public: re-encoded as JPEG without its metadata (a phone photo carries its GPS
    position), with the text that describes it to a screen reader."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="photos", verbose_name="công trình"
    )
    image = models.ImageField("ảnh", upload_to=project_photo_upload_to, max_length=255)
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    alt_text = models.CharField("mô tả ảnh", max_length=255)
    taken_on = models.DateField("ngày chụp", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ảnh công trình"
        verbose_name_plural = "ảnh công trình"
        ordering = ["taken_on", "pk"]

    def __str__(self):
        return self.alt_text


class SupervisionCheck(models.Model):
    """A check by the Community Investment Supervision Board (Ban giám sát đầu tư của cộng đồng). Public on
    the project page: the board members are named, nobody else."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="supervision_checks", verbose_name="công trình"
    )
    checked_on = models.DateField("ngày giám sát")
    members = models.CharField("thành viên ban giám sát", max_length=500)
    findings = models.TextField("kết quả giám sát")
    recommendations = models.TextField("kiến nghị", blank=True)
    resolved = models.BooleanField("kiến nghị đã được giải quyết", default=False)
    resolved_on = models.DateField("ngày giải quyết", null=True, blank=True)
    resolution = models.TextField("cách giải quyết", blank=True)

    class Meta:
        verbose_name = "lượt giám sát đầu tư của cộng đồng"
        verbose_name_plural = "giám sát đầu tư của cộng đồng"
        ordering = ["-checked_on", "-pk"]

    def __str__(self):
        return f"Giám sát {self.checked_on:%d/%m/%Y}"


def member_import_upload_to(instance, filename):
    return random_path("nhap-thanh-vien", filename)


class MemberImport(models.Model):
    """One upload of a group's members (.xlsx), checked whole by a background task like `ContributionImport`:
    every row is written, or none (the per-row report says what to fix)."""

    Status = ContributionImport.Status

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="imports", verbose_name="mô hình")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="người nhập"
    )
    file = models.FileField("tệp", upload_to=member_import_upload_to, storage=private_storage)
    original_name = models.CharField("tên tệp", max_length=255)
    status = models.CharField(
        "trạng thái", max_length=16, choices=ContributionImport.Status.choices, default="pending"
    )
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField("lỗi theo dòng", default=list, blank=True)
    error_count = models.PositiveIntegerField("số lỗi", default=0)
    message = models.TextField("thông báo", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    MAX_STORED_ERRORS = 1000

    class Meta:
        verbose_name = "lượt nhập thành viên"
        verbose_name_plural = "lượt nhập thành viên"
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name

    is_finished = ContributionImport.is_finished
    progress_percent = ContributionImport.progress_percent
