"""Community decisions (Law 10/2022/QH15 Arts. 15–24; Decree 59/2023 Arts. 3–5).

A `Decision` is one matter put to the households of a hamlet (or commune-wide, items 1–2). When voting opens
the roll is frozen: `RollEntry` holds every household of the hamlet on the voting day, each with its ballot
code, and `households_total` — the denominator of every threshold — is the roll's size, never those present.

Every household counted appears once in `HouseholdVote`, whatever the channel — a meeting tally (per cluster),
a household ballot tally, or an online vote — under a UNIQUE (decision, household) constraint, so a
household counted twice across channels or clusters is refused by the database as well as by the services.
A meeting or ballot `Tally` is entered as counts together with the households it covers (present at the
meeting or cluster, or whose ballots came back); its counts add up to exactly that many households. An online
vote carries its own choice. The result is the sum of the tallies and the online votes."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from danvan.core.models import TimeStampedModel

from .matters import MATTER_CHOICES


class Scope(models.TextChoices):
    HAMLET = "hamlet", "Thôn, tổ dân phố"
    COMMUNE = "commune", "Toàn xã"


class Proposer(models.TextChoices):
    # Art. 16
    COMMUNE_CHAIR = "commune_chair", "Chủ tịch UBND xã, sau khi thống nhất với Chủ tịch Ủy ban MTTQ xã"
    HAMLET_HEAD = (
        "hamlet_head",
        "Trưởng thôn, tổ trưởng tổ dân phố, sau khi thống nhất với Trưởng ban công tác Mặt trận",
    )
    INITIATIVE = "initiative", "Sáng kiến của công dân"


class Status(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    NOTICE = "notice", "Đã thông báo"
    VOTING = "voting", "Đang biểu quyết"
    TALLIED = "tallied", "Đã kiểm phiếu"
    PASSED = "passed", "Được thông qua"
    NOT_PASSED = "not_passed", "Không được thông qua"


CLOSED = (Status.TALLIED, Status.PASSED, Status.NOT_PASSED)


class Channel(models.TextChoices):
    MEETING = "meeting", "Họp cộng đồng dân cư"
    BALLOT = "ballot", "Phát phiếu lấy ý kiến hộ gia đình"
    ONLINE = "online", "Biểu quyết trực tuyến"


class Choice(models.TextChoices):
    YES = "yes", "Tán thành"
    NO = "no", "Không tán thành"
    OTHER = "other", "Ý kiến khác"


class Recognition(models.TextChoices):
    # Art. 21(2): recognised by the commune People's Committee (items 3–4) or the Front (item 5), or refused
    RECOGNISED = "recognised", "Đã công nhận"
    REFUSED = "refused", "Từ chối công nhận"


class Decision(TimeStampedModel):
    matter = models.CharField("nội dung (Điều 15)", max_length=2, choices=MATTER_CHOICES)
    scope = models.CharField("phạm vi", max_length=8, choices=Scope.choices, default=Scope.HAMLET)
    # Where it is decided: the hamlet, or the commune for a commune-wide matter (access is judged on it).
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="thôn, tổ dân phố hoặc xã"
    )
    commune = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="xã")
    title = models.CharField("tiêu đề", max_length=255)
    content = models.TextField("nội dung đưa ra bàn")
    proposer = models.CharField("người đề xuất", max_length=16, choices=Proposer.choices)
    voting_on = models.DateField("ngày biểu quyết")
    notice_on = models.DateField("ngày thông báo", null=True, blank=True)
    status = models.CharField("tình trạng", max_length=12, choices=Status.choices, default=Status.DRAFT)
    households_total = models.PositiveIntegerField("tổng số hộ", null=True, blank=True)
    online_poll_yes = models.PositiveIntegerField("số hộ đồng ý biểu quyết trực tuyến", null=True, blank=True)
    online_accepted = models.BooleanField("được biểu quyết trực tuyến", default=False)
    opened_at = models.DateTimeField("mở biểu quyết lúc", null=True, blank=True)
    closed_at = models.DateTimeField("kết thúc biểu quyết lúc", null=True, blank=True)
    yes_count = models.PositiveIntegerField("số hộ tán thành", null=True, blank=True)
    no_count = models.PositiveIntegerField("số hộ không tán thành", null=True, blank=True)
    other_count = models.PositiveIntegerField("số hộ có ý kiến khác", null=True, blank=True)
    counted_count = models.PositiveIntegerField("số hộ tham gia", null=True, blank=True)
    required = models.PositiveIntegerField("số hộ tán thành cần thiết", null=True, blank=True)
    rule_key = models.CharField("mã quy định áp dụng", max_length=80, blank=True)
    rule_citation = models.CharField("căn cứ", max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="người lập"
    )
    # A commune-wide decision (scope commune, unit the commune) is made of one hamlet-scope decision per hamlet
    # of the commune on the voting day (`part_of` points at it); its result counts the hamlets (commune.py).
    part_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
        verbose_name="thuộc việc toàn xã",
    )
    hamlets_total = models.PositiveIntegerField("tổng số thôn, tổ dân phố", null=True, blank=True)
    hamlets_passed = models.PositiveIntegerField("số thôn, tổ dân phố thông qua", null=True, blank=True)
    # The steps after the vote (steps.py; Law 10/2022 Arts. 18–22, Decree 59/2023 Art. 3).
    meeting_place = models.CharField("địa điểm họp", max_length=255, blank=True)
    meeting_time = models.TimeField("giờ họp", null=True, blank=True)
    hamlet_head_name = models.CharField(
        "họ tên Trưởng thôn, Tổ trưởng tổ dân phố", max_length=128, blank=True
    )
    front_head_name = models.CharField("họ tên Trưởng ban công tác Mặt trận", max_length=128, blank=True)
    documents_delivered_on = models.DateField("ngày gửi tài liệu đến từng hộ", null=True, blank=True)
    minutes_sent_on = models.DateField("ngày gửi biên bản đến UBND và Ủy ban MTTQ xã", null=True, blank=True)
    step_warned_on = models.DateField(null=True, blank=True, editable=False)
    recognition = models.CharField("công nhận", max_length=12, choices=Recognition.choices, blank=True)
    recognition_on = models.DateField("ngày công nhận hoặc từ chối", null=True, blank=True)
    recognition_number = models.CharField("số văn bản công nhận hoặc từ chối", max_length=64, blank=True)
    recognition_reason = models.TextField("lý do từ chối công nhận", blank=True)
    disclosure = models.ForeignKey(
        "disclosures.Disclosure",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="nội dung công khai",
    )
    disclosed_on = models.DateField("ngày công khai", null=True, blank=True)
    implemented_on = models.DateField("ngày tổ chức thực hiện", null=True, blank=True)
    implementation_note = models.TextField("kết quả tổ chức thực hiện", blank=True)
    project = models.ForeignKey(
        "communities.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="công trình",
    )
    amends = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
        verbose_name="sửa đổi quyết định",
    )
    amendment_reason = models.TextField("lý do sửa đổi", blank=True)
    annulled_on = models.DateField("ngày hủy bỏ", null=True, blank=True)
    annulment_number = models.CharField("số quyết định hủy bỏ", max_length=64, blank=True)
    annulment_reason = models.TextField("lý do hủy bỏ", blank=True)

    class Meta:
        verbose_name = "việc cộng đồng dân cư bàn và quyết định"
        verbose_name_plural = "việc cộng đồng dân cư bàn và quyết định"
        ordering = ["-voting_on", "-id"]
        indexes = [
            models.Index(fields=["commune", "-voting_on"], name="decision_commune_day_idx"),
            models.Index(fields=["status", "-voting_on"], name="decision_status_day_idx"),
            # The public list (`selectors.public_decisions`: every decision but drafts, newest vote first):
            # walked in order for a page instead of sorting the province's decisions, and counted from the
            # index alone (bench/m4_decisions.py). The condition is the selector's filter, written the same.
            models.Index(
                fields=["-voting_on", "-id"],
                name="decision_public_order_idx",
                condition=~Q(status=Status.DRAFT),
            ),
            # The public list of one commune (`?xa=`), paged by keyset in the same order: the page starts in
            # the index where the cursor points and reads 21 rows, however deep (migration 0005).
            models.Index(
                fields=["commune", "-voting_on", "-id"],
                name="decision_public_commune_idx",
                condition=~Q(status=Status.DRAFT),
            ),
            # The officers' list (drafts included), paged by keyset in the same order (migration 0005).
            models.Index(fields=["-voting_on", "-id"], name="decision_order_idx"),
        ]

    def __str__(self):
        return self.title

    @property
    def matter_info(self):
        from .matters import DECIDED

        return DECIDED[self.matter]

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED

    @property
    def is_commune_wide(self) -> bool:
        return self.scope == Scope.COMMUNE

    @property
    def is_annulled(self) -> bool:
        return self.annulled_on is not None

    @property
    def needs_recognition(self) -> bool:
        """Art. 21(2): the matter list says which items take effect only when recognised."""
        return bool(self.matter_info.recognised_by)


class RollEntry(models.Model):
    """A household of the roll frozen when voting opened, with the code printed on its ballot."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="roll")
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    ballot_code = models.CharField("mã phiếu", max_length=12)

    class Meta:
        verbose_name = "hộ trong danh sách biểu quyết"
        verbose_name_plural = "danh sách hộ biểu quyết"
        constraints = [
            models.UniqueConstraint(fields=["decision", "household"], name="decision_roll_household_uniq"),
            models.UniqueConstraint(fields=["decision", "ballot_code"], name="decision_roll_code_uniq"),
        ]

    def __str__(self):
        return self.ballot_code


class Tally(models.Model):
    """The counts of a meeting (or one residential cluster of it) or of the returned household ballots."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="tallies")
    channel = models.CharField("hình thức", max_length=8, choices=Channel.choices)
    cluster = models.CharField("cụm dân cư", max_length=128, blank=True)
    yes = models.PositiveIntegerField("tán thành")
    no = models.PositiveIntegerField("không tán thành")
    other = models.PositiveIntegerField("ý kiến khác, không biểu quyết")
    note = models.CharField("ghi chú", max_length=500, blank=True)
    # Decree 59/2023 Arts. 3–4: the counting board (or ballot team) and the two household witnesses, one name
    # a line, for the counting minutes (Form 02) and the ballot count (Form 04).
    counting_board = models.TextField("Ban kiểm phiếu, Tổ phát phiếu", blank=True)
    witnesses = models.TextField("đại diện hộ gia đình chứng kiến", blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "kết quả kiểm phiếu"
        verbose_name_plural = "kết quả kiểm phiếu"
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=["meeting", "ballot"]), name="decision_tally_channel_valid"
            )
        ]

    def __str__(self):
        return f"{self.get_channel_display()} {self.cluster}".strip()

    @property
    def households(self) -> int:
        return self.yes + self.no + self.other

    @property
    def board_names(self) -> list[str]:
        return [x.strip() for x in self.counting_board.splitlines() if x.strip()]

    @property
    def witness_names(self) -> list[str]:
        return [x.strip() for x in self.witnesses.splitlines() if x.strip()]


class HouseholdVote(models.Model):
    """One counted household, once per decision whatever the channel (the UNIQUE constraint)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="votes")
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    channel = models.CharField("hình thức", max_length=8, choices=Channel.choices)
    tally = models.ForeignKey(Tally, null=True, blank=True, on_delete=models.CASCADE, related_name="votes")
    # Only an online vote carries its own choice; a meeting or ballot household is counted in its tally.
    choice = models.CharField("lựa chọn", max_length=8, choices=Choice.choices, blank=True)
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "hộ đã được tính phiếu"
        verbose_name_plural = "hộ đã được tính phiếu"
        constraints = [
            models.UniqueConstraint(fields=["decision", "household"], name="decision_vote_household_once"),
            models.CheckConstraint(
                condition=(Q(channel="online", tally__isnull=True) & ~Q(choice=""))
                | (~Q(channel="online") & Q(tally__isnull=False) & Q(choice="")),
                name="decision_vote_channel_shape",
            ),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} ({self.household_id})"


class InitiativeStatus(models.TextChoices):
    COLLECTING = "collecting", "Đang lấy ý kiến đồng thuận"
    REACHED = "reached", "Đủ số hộ đồng thuận, đưa ra cộng đồng dân cư"
    APPROVED = "approved", "Ban công tác Mặt trận đồng ý đưa ra cộng đồng dân cư"
    DRAFTED = "drafted", "Đã lập dự thảo việc bàn và quyết định"


class Initiative(TimeStampedModel):
    """A citizens' initiative (Law 10/2022 Art. 16): a matter a citizen of a hamlet proposes for the community to
    decide. It reaches the community when the households consenting (each consent valid
    `decision.initiative_consent_validity`) reach `decision.initiative_consent` of the hamlet's households, or,
    below that, when the Front work committee approves it (`approved_reason`)."""

    hamlet = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="thôn, tổ dân phố"
    )
    commune = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="xã")
    matter = models.CharField("nội dung (Điều 15)", max_length=2, choices=MATTER_CHOICES)
    title = models.CharField("tiêu đề", max_length=255)
    content = models.TextField("nội dung sáng kiến")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="công dân đề xuất",
    )
    proposed_on = models.DateField("ngày đề xuất")
    status = models.CharField(
        "tình trạng", max_length=12, choices=InitiativeStatus.choices, default=InitiativeStatus.COLLECTING
    )
    reached_on = models.DateField("ngày đưa ra cộng đồng dân cư", null=True, blank=True)
    consents_at_reach = models.PositiveIntegerField("số hộ đồng thuận khi đưa ra", null=True, blank=True)
    households_at_reach = models.PositiveIntegerField("tổng số hộ khi đưa ra", null=True, blank=True)
    approved_reason = models.TextField("lý do Ban công tác Mặt trận đồng ý", blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người ghi nhận đồng ý",
    )
    decision = models.OneToOneField(
        Decision,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiative",
        verbose_name="việc bàn và quyết định",
    )

    class Meta:
        verbose_name = "sáng kiến của công dân"
        verbose_name_plural = "sáng kiến của công dân"
        ordering = ["-proposed_on", "-id"]
        indexes = [
            models.Index(fields=["hamlet", "status"], name="initiative_hamlet_status_idx"),
            models.Index(fields=["commune", "-proposed_on"], name="initiative_commune_day_idx"),
        ]

    def __str__(self):
        return self.title

    @property
    def matter_info(self):
        from .matters import DECIDED

        return DECIDED[self.matter]

    @property
    def is_open(self) -> bool:
        return self.status == InitiativeStatus.COLLECTING


class InitiativeConsent(models.Model):
    """One household's consent to an initiative — once per household (the UNIQUE constraint), valid until
    `valid_until`; given by a verified citizen in the area or recorded by an officer from a meeting or in
    writing (Art. 16 lets consents be collected either way)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="consents")
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    given_on = models.DateField("ngày đồng thuận")
    valid_until = models.DateField("có giá trị đến ngày")
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "ý kiến đồng thuận sáng kiến"
        verbose_name_plural = "ý kiến đồng thuận sáng kiến"
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "household"], name="initiative_consent_household_once"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("given_on")), name="initiative_consent_validity_order"
            ),
        ]
        indexes = [models.Index(fields=["initiative", "valid_until"], name="initiative_consent_valid_idx")]

    def __str__(self):
        return f"{self.initiative_id}: {self.household_id}"
