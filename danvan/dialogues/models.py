"""Citizen reception (M3): regular reception schedules, the concrete reception days and the reception log.

- `ReceptionSchedule` (lịch tiếp công dân định kỳ): a unit's regular reception by one head (commune chair,
  commune Party secretary, provincial chair, head of an agency), on weekdays of each week and/or days of
  each month, at a place, with a deputy, valid from/to.
- `ReceptionSession` (buổi tiếp công dân): one concrete day, generated from a schedule (on the calendar's
  working days: a slot that falls on a holiday or a swapped-off day moves to the next working day of the
  same week or month, or is skipped) or added ad hoc; cancelled with a reason and optionally replaced by
  another day (`replaces`). `posted_on` is the day the session was announced (the notice rule).
- `ReceptionVisit` (sổ tiếp công dân): one visit — a citizen or a group (đoàn đông người) — and its outcome:
  a new case on the reception channel (opened through the cases intake service, so a denunciation's
  identity is encrypted there and the log keeps only the case's redacted copy), a link to an existing case,
  guidance on the spot or a refusal on a ground of Law 42/2013 Art. 9. For a denunciation the visit stores
  no name at all.

The legal minimum frequencies and the notice period are rulebook data (`rules.py` names the keys).
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel


class HostRole(models.TextChoices):
    COMMUNE_CHAIR = "commune_chair", _("Chủ tịch UBND xã")
    COMMUNE_PARTY_SECRETARY = "commune_party_secretary", _("Bí thư Đảng uỷ xã")
    PROVINCIAL_CHAIR = "provincial_chair", _("Chủ tịch UBND tỉnh")
    PROVINCIAL_PARTY_SECRETARY = "provincial_party_secretary", _("Bí thư Tỉnh uỷ")
    AGENCY_HEAD = "agency_head", _("Thủ trưởng cơ quan")
    OFFICER = "officer", _("Cán bộ tiếp công dân thường xuyên")


class ReceptionSchedule(TimeStampedModel):
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="reception_schedules", verbose_name="đơn vị"
    )
    host_role = models.CharField("chức danh người tiếp", max_length=32, choices=HostRole.choices)
    host_name = models.CharField("người tiếp", max_length=160)
    deputy_name = models.CharField("người tiếp thay khi vắng", max_length=160, blank=True)
    place = models.CharField("địa điểm", max_length=255)
    weekdays = models.JSONField("các thứ trong tuần", default=list, blank=True)  # 0 = Monday … 4 = Friday
    month_days = models.JSONField("các ngày trong tháng", default=list, blank=True)  # 1 … 31
    start_time = models.TimeField("giờ bắt đầu", default=dt.time(7, 30))
    end_time = models.TimeField("giờ kết thúc", default=dt.time(11, 30))
    valid_from = models.DateField("áp dụng từ ngày")
    valid_to = models.DateField("áp dụng đến ngày", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "lịch tiếp công dân định kỳ"
        verbose_name_plural = "lịch tiếp công dân định kỳ"
        ordering = ["unit", "host_role", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="reception_schedule_valid_range",
            )
        ]

    def __str__(self):
        return f"{self.get_host_role_display()} — {self.unit}"


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Theo lịch")
    CANCELLED = "cancelled", _("Đã huỷ")


class SessionOrigin(models.TextChoices):
    SCHEDULE = "schedule", _("Theo lịch định kỳ")
    AD_HOC = "ad_hoc", _("Tiếp đột xuất")
    REPLACEMENT = "replacement", _("Ngày tiếp thay thế")


class ReceptionSession(TimeStampedModel):
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="reception_sessions", verbose_name="đơn vị"
    )
    schedule = models.ForeignKey(
        ReceptionSchedule,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name="lịch định kỳ",
    )
    day = models.DateField("ngày tiếp")
    start_time = models.TimeField("giờ bắt đầu", default=dt.time(7, 30))
    end_time = models.TimeField("giờ kết thúc", default=dt.time(11, 30))
    host_role = models.CharField("chức danh người tiếp", max_length=32, choices=HostRole.choices)
    host_name = models.CharField("người tiếp", max_length=160)
    place = models.CharField("địa điểm", max_length=255)
    origin = models.CharField(
        "nguồn", max_length=16, choices=SessionOrigin.choices, default=SessionOrigin.SCHEDULE
    )
    status = models.CharField(
        "trạng thái", max_length=16, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    moved_from = models.DateField("dời từ ngày", null=True, blank=True)  # the slot fell on a day off
    posted_on = models.DateField("ngày thông báo lịch")
    cancel_reason = models.TextField("lý do huỷ", blank=True)
    replaces = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        verbose_name="thay cho buổi",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "buổi tiếp công dân"
        verbose_name_plural = "buổi tiếp công dân"
        ordering = ["day", "pk"]
        indexes = [models.Index(fields=["unit", "day"], name="reception_session_unit_day")]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "host_role", "day"],
                condition=Q(status="planned"),
                name="reception_session_one_per_host_day",
            )
        ]

    def __str__(self):
        return f"{self.get_host_role_display()} {self.day:%d/%m/%Y}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED


class VisitOutcome(models.TextChoices):
    NEW_CASE = "new_case", _("Tiếp nhận đơn, mở hồ sơ mới")
    EXISTING_CASE = "existing_case", _("Gắn với hồ sơ đã có")
    GUIDANCE = "guidance", _("Hướng dẫn, giải thích tại chỗ")
    REFUSED = "refused", _("Từ chối tiếp")


class RefusalGround(models.TextChoices):
    """The grounds to refuse reception, Law 42/2013/QH13 Art. 9 (REFUSAL_CITATION)."""

    INCAPABLE = (
        "incapable",
        _("Say do dùng chất kích thích, bệnh tâm thần hoặc bệnh làm mất khả năng nhận thức"),
    )
    DISORDERLY = "disorderly", _("Đe dọa, xúc phạm người tiếp công dân hoặc vi phạm nội quy nơi tiếp")
    ALREADY_SETTLED = (
        "already_settled",
        _(
            "Vụ việc đã giải quyết đúng pháp luật, đã rà soát, trả lời bằng văn bản nhưng vẫn cố tình khiếu nại kéo dài"
        ),
    )
    OTHER_LEGAL = "other_legal", _("Trường hợp khác theo quy định của pháp luật")


REFUSAL_CITATION = "Luật Tiếp công dân số 42/2013/QH13, Điều 9"


class ReceptionVisit(TimeStampedModel):
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="reception_visits", verbose_name="đơn vị"
    )
    session = models.ForeignKey(
        ReceptionSession,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name="buổi tiếp",
    )
    visited_on = models.DateField("ngày tiếp")
    receiver_name = models.CharField("người tiếp", max_length=160)
    # a single citizen's name and address; empty for a denunciation (kept encrypted on its case) and for
    # a group, whose representatives are named instead
    citizen_name = models.CharField("họ tên công dân", max_length=128, blank=True)
    citizen_address = models.CharField("địa chỉ", max_length=255, blank=True)
    is_group = models.BooleanField("đoàn đông người", default=False)
    people = models.PositiveIntegerField("số người", default=1)
    representatives = models.TextField("người đại diện", blank=True)
    subject = models.TextField("nội dung")
    outcome = models.CharField("kết quả", max_length=16, choices=VisitOutcome.choices)
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reception_visits",
        verbose_name="hồ sơ",
    )
    guidance = models.TextField("nội dung hướng dẫn, giải thích", blank=True)
    refusal_ground = models.CharField(
        "lý do từ chối", max_length=20, choices=RefusalGround.choices, blank=True
    )
    refusal_citation = models.CharField("căn cứ từ chối", max_length=255, blank=True)
    answer_due = models.DateField("hạn trả lời", null=True, blank=True)
    answer_rule_key = models.CharField(max_length=80, blank=True)
    answer_citation = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "lượt tiếp công dân"
        verbose_name_plural = "sổ tiếp công dân"
        ordering = ["-visited_on", "-pk"]
        indexes = [models.Index(fields=["unit", "-visited_on"], name="reception_visit_unit_day")]
        constraints = [
            models.CheckConstraint(condition=Q(people__gte=1), name="reception_visit_people_positive"),
            models.CheckConstraint(
                condition=~Q(outcome__in=["new_case", "existing_case"]) | Q(case__isnull=False),
                name="reception_visit_case_outcome_has_case",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="refused") | ~Q(refusal_ground=""),
                name="reception_visit_refusal_has_ground",
            ),
        ]

    def __str__(self):
        return f"{self.unit} {self.visited_on:%d/%m/%Y}"


# ---------------------------------------------------------------- dialogue conferences and commitments


class DialogueStatus(models.TextChoices):
    PLANNED = "planned", _("Đã lên kế hoạch")
    HELD = "held", _("Đã tổ chức")
    CANCELLED = "cancelled", _("Đã huỷ")


class Dialogue(TimeStampedModel):
    """A dialogue conference (hội nghị đối thoại): the host leader of a unit with the citizens, co-organised
    with the Fatherland Front and the mass organisations, on an agenda of cases and free topics."""

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="dialogues", verbose_name="đơn vị"
    )
    topic = models.CharField("chủ đề", max_length=255)
    host_name = models.CharField("người chủ trì", max_length=160)
    host_role = models.CharField("chức vụ người chủ trì", max_length=160)
    co_organisers = models.TextField("đơn vị phối hợp", blank=True)
    invitees = models.TextField("thành phần mời", blank=True)
    day = models.DateField("ngày đối thoại")
    start_time = models.TimeField("giờ bắt đầu", default=dt.time(8, 0))
    place = models.CharField("địa điểm", max_length=255)
    status = models.CharField(
        "trạng thái", max_length=16, choices=DialogueStatus.choices, default=DialogueStatus.PLANNED
    )
    summary = models.TextField("kết quả đối thoại", blank=True)
    attendance = models.TextField("thành phần tham dự", blank=True)
    cancel_reason = models.TextField("lý do huỷ", blank=True)
    held_on = models.DateField("ngày đã tổ chức", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "hội nghị đối thoại"
        verbose_name_plural = "hội nghị đối thoại"
        ordering = ["-day", "-pk"]
        indexes = [models.Index(fields=["unit", "day"], name="dialogue_unit_day")]

    def __str__(self):
        return f"{self.topic} {self.day:%d/%m/%Y}"

    @property
    def is_held(self) -> bool:
        return self.status == DialogueStatus.HELD


class AgendaItem(TimeStampedModel):
    dialogue = models.ForeignKey(
        Dialogue, on_delete=models.CASCADE, related_name="items", verbose_name="hội nghị đối thoại"
    )
    order = models.PositiveIntegerField("thứ tự", default=1)
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
        verbose_name="hồ sơ",
    )
    topic = models.CharField("nội dung", max_length=255)
    citizens_said = models.TextField("ý kiến của công dân", blank=True)
    answer = models.TextField("nội dung trả lời, giải thích", blank=True)
    outcome = models.TextField("kết quả", blank=True)

    class Meta:
        verbose_name = "nội dung đối thoại"
        verbose_name_plural = "nội dung đối thoại"
        ordering = ["dialogue", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dialogue", "case"], condition=Q(case__isnull=False), name="agenda_item_case_once"
            )
        ]

    def __str__(self):
        return f"{self.order}. {self.topic}"


class CommitmentStatus(models.TextChoices):
    OPEN = "open", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")
    DROPPED = "dropped", _("Không thực hiện")


COMMITMENT_ACTIVE = (CommitmentStatus.OPEN, CommitmentStatus.IN_PROGRESS)


class Commitment(TimeStampedModel):
    """A commitment (cam kết, kết luận giao việc) made at a dialogue or at a reception visit."""

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="commitments", verbose_name="đơn vị"
    )
    dialogue = models.ForeignKey(
        Dialogue,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name="hội nghị đối thoại",
    )
    visit = models.ForeignKey(
        ReceptionVisit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name="lượt tiếp công dân",
    )
    content = models.TextField("nội dung cam kết")
    owner_unit = models.CharField("đơn vị thực hiện", max_length=255)
    owner_person = models.CharField("người chịu trách nhiệm", max_length=160, blank=True)
    due = models.DateField("hạn hoàn thành")
    status = models.CharField(
        "trạng thái", max_length=16, choices=CommitmentStatus.choices, default=CommitmentStatus.OPEN
    )
    evidence = models.TextField("kết quả, minh chứng", blank=True)
    drop_reason = models.TextField("lý do không thực hiện", blank=True)
    closed_on = models.DateField("ngày kết thúc", null=True, blank=True)
    last_warned_on = models.DateField(null=True, blank=True, editable=False)  # the daily sweep's last warning
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "cam kết"
        verbose_name_plural = "cam kết"
        ordering = ["due", "pk"]
        indexes = [models.Index(fields=["unit", "status", "due"], name="commitment_unit_status_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(dialogue__isnull=False) | Q(visit__isnull=False), name="commitment_has_origin"
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(evidence=""), name="commitment_done_has_evidence"
            ),
            models.CheckConstraint(
                condition=~Q(status="dropped") | ~Q(drop_reason=""), name="commitment_dropped_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.owner_unit} {self.due:%d/%m/%Y}"

    @property
    def is_active(self) -> bool:
        return self.status in COMMITMENT_ACTIVE

    def is_overdue(self, today: dt.date | None = None) -> bool:
        from danvan.core.formatting import local_today

        return self.is_active and self.due < (today or local_today())

    @property
    def overdue(self) -> bool:
        return self.is_overdue()


class CommitmentNote(models.Model):
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="notes", verbose_name="cam kết"
    )
    written_on = models.DateField("ngày")
    status = models.CharField("trạng thái", max_length=16, choices=CommitmentStatus.choices)
    text = models.TextField("tiến độ")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tiến độ thực hiện cam kết"
        verbose_name_plural = "tiến độ thực hiện cam kết"
        ordering = ["commitment", "written_on", "pk"]

    def __str__(self):
        return f"{self.written_on:%d/%m/%Y}"


# ---------------------------------------------------------------- minutes, news drafts, evidence files


def minutes_upload_to(instance, filename):
    from danvan.core.storage import random_path

    return random_path("bien-ban-doi-thoai", filename)


def commitment_file_upload_to(instance, filename):
    from danvan.core.storage import random_path

    return random_path("minh-chung-cam-ket", filename)


def _private():
    from danvan.core.storage import private_storage

    return private_storage()


class MinutesStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ lập")
    RUNNING = "running", _("Đang lập biên bản")
    READY = "ready", _("Đã lập xong")
    FAILED = "failed", _("Lỗi khi lập biên bản")


class Minutes(models.Model):
    """The minutes (biên bản) of a held dialogue or of a reception day as a DOCX, written by a background task
    (`minutes.minutes_build`); the file is private (it names citizens) and is served through the access gate."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    dialogue = models.ForeignKey(
        Dialogue,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="minutes",
        verbose_name="hội nghị đối thoại",
    )
    session = models.ForeignKey(
        ReceptionSession,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="minutes",
        verbose_name="buổi tiếp công dân",
    )
    status = models.CharField(
        "trạng thái", max_length=16, choices=MinutesStatus.choices, default=MinutesStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    file = models.FileField("tệp", upload_to=minutes_upload_to, storage=_private, max_length=255, blank=True)
    file_name = models.CharField("tên tệp", max_length=255, blank=True)
    message = models.TextField("thông báo", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "biên bản"
        verbose_name_plural = "biên bản"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dialogue__isnull=False, session__isnull=True)
                | Q(dialogue__isnull=True, session__isnull=False),
                name="minutes_of_dialogue_or_session",
            )
        ]

    def __str__(self):
        return self.file_name or f"Biên bản {self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in (MinutesStatus.READY, MinutesStatus.FAILED)


class DialogueArticle(models.Model):
    """The draft news article (M1) made from a held dialogue's summary: one per dialogue, so a second request
    opens the same draft."""

    dialogue = models.OneToOneField(
        Dialogue, on_delete=models.CASCADE, related_name="article_link", verbose_name="hội nghị đối thoại"
    )
    article = models.OneToOneField(
        "publishing.Article", on_delete=models.CASCADE, related_name="dialogue_link", verbose_name="bài viết"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "bài viết về hội nghị đối thoại"
        verbose_name_plural = "bài viết về hội nghị đối thoại"

    def __str__(self):
        return str(self.article)


class CommitmentFile(models.Model):
    """A file proving a commitment done (a photo, a scanned decision), validated by content (core.files)."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="files", verbose_name="cam kết"
    )
    file = models.FileField("tệp", upload_to=commitment_file_upload_to, storage=_private, max_length=255)
    original_name = models.CharField("tên tệp", max_length=255)
    size = models.PositiveIntegerField("dung lượng", default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tệp minh chứng cam kết"
        verbose_name_plural = "tệp minh chứng cam kết"
        ordering = ["commitment", "pk"]

    def __str__(self):
        return self.original_name


# ---------------------------------------------------------------- citizens' registrations and questions


class ModerationStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    ACCEPTED = "accepted", _("Đã chấp nhận")
    REJECTED = "rejected", _("Không chấp nhận")


class DialogueRegistration(TimeStampedModel):
    """A citizen account's registration to attend an upcoming dialogue (one per account and dialogue),
    moderated by the dialogue's unit."""

    dialogue = models.ForeignKey(
        Dialogue, on_delete=models.CASCADE, related_name="registrations", verbose_name="hội nghị đối thoại"
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="dialogue_registrations",
        verbose_name="tài khoản",
    )
    status = models.CharField(
        "trạng thái", max_length=16, choices=ModerationStatus.choices, default=ModerationStatus.PENDING
    )
    reject_reason = models.TextField("lý do không chấp nhận", blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "đăng ký tham dự đối thoại"
        verbose_name_plural = "đăng ký tham dự đối thoại"
        ordering = ["dialogue", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dialogue", "account"], name="dialogue_registration_once"),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(reject_reason=""),
                name="dialogue_registration_rejected_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.dialogue} — {self.get_status_display()}"


class DialogueQuestion(TimeStampedModel):
    """A question a citizen account sends in advance to an upcoming dialogue, moderated; an accepted one may
    become a free topic of the agenda (`agenda_item`). The public page shows accepted questions, never who
    asked."""

    dialogue = models.ForeignKey(
        Dialogue, on_delete=models.CASCADE, related_name="questions", verbose_name="hội nghị đối thoại"
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="dialogue_questions",
        verbose_name="tài khoản",
    )
    text = models.TextField("câu hỏi, ý kiến")
    status = models.CharField(
        "trạng thái", max_length=16, choices=ModerationStatus.choices, default=ModerationStatus.PENDING
    )
    reject_reason = models.TextField("lý do không chấp nhận", blank=True)
    agenda_item = models.OneToOneField(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="question",
        verbose_name="nội dung đối thoại",
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "câu hỏi gửi trước hội nghị đối thoại"
        verbose_name_plural = "câu hỏi gửi trước hội nghị đối thoại"
        ordering = ["dialogue", "created_at", "pk"]
        indexes = [models.Index(fields=["dialogue", "status"], name="dialogue_question_status")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(reject_reason=""),
                name="dialogue_question_rejected_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(agenda_item__isnull=True) | Q(status="accepted"),
                name="dialogue_question_agenda_only_accepted",
            ),
        ]

    def __str__(self):
        return f"{self.dialogue} — {self.get_status_display()}"


# ---------------------------------------------------------------- invited citizens, officials, attendance


class ParticipantKind(models.TextChoices):
    CITIZEN = "citizen", _("Công dân được mời")
    OFFICIAL = "official", _("Đại biểu, cán bộ")


class Attendance(models.TextChoices):
    UNKNOWN = "unknown", _("Chưa ghi")
    PRESENT = "present", _("Có mặt")
    ABSENT = "absent", _("Vắng mặt")


class DialogueParticipant(TimeStampedModel):
    """Someone invited to a dialogue — a citizen (an account, a resident or a household of the registry, or a
    free name and role, e.g. a case's complainant: never a denouncer) or an official — and whether they came."""

    dialogue = models.ForeignKey(
        Dialogue, on_delete=models.CASCADE, related_name="participants", verbose_name="hội nghị đối thoại"
    )
    kind = models.CharField("thành phần", max_length=16, choices=ParticipantKind.choices)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dialogue_invitations",
        verbose_name="tài khoản",
    )
    resident = models.ForeignKey(
        "people.Resident", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    household = models.ForeignKey(
        "people.Household", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField("họ tên", max_length=160)
    role = models.CharField("chức vụ, tư cách", max_length=255, blank=True)
    attendance = models.CharField(
        "tham dự", max_length=16, choices=Attendance.choices, default=Attendance.UNKNOWN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "thành phần mời dự đối thoại"
        verbose_name_plural = "thành phần mời dự đối thoại"
        ordering = ["dialogue", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dialogue", "account"],
                condition=Q(account__isnull=False),
                name="dialogue_participant_account_once",
            ),
            models.UniqueConstraint(
                fields=["dialogue", "resident"],
                condition=Q(resident__isnull=False),
                name="dialogue_participant_resident_once",
            ),
        ]

    def __str__(self):
        return self.name
