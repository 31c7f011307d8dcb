"""Consultations of the people (Law 10/2022/QH15 Arts. 25–28): matters the authority consults the people on
before it decides.

A `Consultation` is the plan (Art. 27: content, forms, timeline, sent to the People's Council and the Front)
with the draft document in ordered `Section`s. During the period (at least `consultation.period` from the
rulebook) the people give `Opinion`s — per section or on the whole — on the web (a verified citizen of the
consulted area) or through an officer who enters those from a meeting, the box, the hotline or the mass
organisations. Each opinion is answered: accepted (tiếp thu) or explained (giải trình). The synthesis is
published only when every opinion is answered (Art. 28); the authority's decision is then recorded, with the
explanation the law requires when it goes against the majority opinion."""

from django.conf import settings
from django.db import models

from danvan.core.models import TimeStampedModel
from danvan.decisions.matters import CONSULTED, GRASSROOTS

SUBJECT_CHOICES = [(str(item), f"{item}. {title}") for item, title in CONSULTED.items()]


def subject_citation(subject) -> str:
    return f"{GRASSROOTS}, Điều 25, khoản {subject}"


class Status(models.TextChoices):
    DRAFT = "draft", "Dự thảo kế hoạch"
    OPEN = "open", "Đang lấy ý kiến"
    CLOSED = "closed", "Đã kết thúc lấy ý kiến"
    PUBLISHED = "published", "Đã công khai báo cáo tổng hợp"
    DECIDED = "decided", "Đã có quyết định"


PUBLIC_STATUSES = (Status.OPEN, Status.CLOSED, Status.PUBLISHED, Status.DECIDED)
SYNTHESIS_STATUSES = (Status.PUBLISHED, Status.DECIDED)


class Form(models.TextChoices):
    # Art. 26
    DIALOGUE = "dialogue", "Hội nghị đối thoại giữa Ủy ban nhân dân xã với Nhân dân"
    MEETING = "meeting", "Cuộc họp của cộng đồng dân cư"
    BALLOT = "ballot", "Phát phiếu lấy ý kiến hộ gia đình"
    BOX = "box", "Hòm thư góp ý"
    HOTLINE = "hotline", "Đường dây nóng"
    ORGANISATION = "organisation", "Thông qua Ban công tác Mặt trận và các tổ chức chính trị – xã hội"
    WEB = "web", "Cổng thông tin điện tử"


class Channel(models.TextChoices):
    WEB = "web", "Trên cổng thông tin điện tử"
    MEETING = "meeting", "Tại cuộc họp, hội nghị"
    BOX = "box", "Qua hòm thư góp ý, phiếu lấy ý kiến"
    HOTLINE = "hotline", "Qua đường dây nóng"
    ORGANISATION = "organisation", "Qua Mặt trận, tổ chức chính trị – xã hội"


OFFICER_CHANNELS = (Channel.MEETING, Channel.BOX, Channel.HOTLINE, Channel.ORGANISATION)


class Stance(models.TextChoices):
    AGREE = "agree", "Đồng ý"
    DISAGREE = "disagree", "Không đồng ý"
    OTHER = "other", "Ý kiến khác"


class Response(models.TextChoices):
    ACCEPTED = "accepted", "Tiếp thu"
    EXPLAINED = "explained", "Giải trình"


class Consultation(TimeStampedModel):
    # The commune or the hamlet consulted (access is judged on it); `commune` is the commune either way.
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="địa bàn lấy ý kiến"
    )
    commune = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="xã")
    title = models.CharField("tiêu đề", max_length=255)
    subject = models.CharField("nội dung lấy ý kiến (Điều 25)", max_length=2, choices=SUBJECT_CHOICES)
    content = models.TextField("nội dung kế hoạch lấy ý kiến")
    forms = models.JSONField("hình thức lấy ý kiến (Điều 26)", default=list)
    opens_on = models.DateField("ngày bắt đầu lấy ý kiến")
    closes_on = models.DateField("ngày kết thúc lấy ý kiến")
    period_rule = models.CharField("quy định về thời gian lấy ý kiến", max_length=80, blank=True)
    period_citation = models.CharField("căn cứ thời gian lấy ý kiến", max_length=500, blank=True)
    sent_to_council_on = models.DateField("ngày gửi kế hoạch đến Hội đồng nhân dân xã", null=True, blank=True)
    sent_to_front_on = models.DateField("ngày gửi kế hoạch đến Ủy ban MTTQ xã", null=True, blank=True)
    status = models.CharField("tình trạng", max_length=12, choices=Status.choices, default=Status.DRAFT)
    opened_at = models.DateTimeField("mở lấy ý kiến lúc", null=True, blank=True)
    closed_at = models.DateTimeField("kết thúc lấy ý kiến lúc", null=True, blank=True)
    published_on = models.DateField("ngày công khai báo cáo tổng hợp", null=True, blank=True)
    majority_stance = models.CharField(
        "ý kiến chiếm đa số", max_length=12, choices=Stance.choices, blank=True
    )
    outcome_text = models.TextField("quyết định của cơ quan có thẩm quyền", blank=True)
    outcome_on = models.DateField("ngày quyết định", null=True, blank=True)
    outcome_follows_majority = models.BooleanField("theo ý kiến đa số", null=True, blank=True)
    outcome_explanation = models.TextField("giải thích khi quyết định khác ý kiến đa số", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="người lập"
    )

    class Meta:
        verbose_name = "cuộc lấy ý kiến Nhân dân"
        verbose_name_plural = "các cuộc lấy ý kiến Nhân dân"
        ordering = ["-opens_on", "-id"]
        indexes = [
            models.Index(fields=["commune", "-opens_on"], name="consultation_commune_day_idx"),
            models.Index(fields=["status", "-opens_on"], name="consultation_status_day_idx"),
        ]

    def __str__(self):
        return self.title

    @property
    def subject_citation(self) -> str:
        return subject_citation(self.subject)

    @property
    def forms_display(self) -> list[str]:
        labels = dict(Form.choices)
        return [labels[f] for f in self.forms if f in labels]

    @property
    def synthesis_public(self) -> bool:
        return self.status in SYNTHESIS_STATUSES


class Section(models.Model):
    """One ordered part of the draft document put to the people."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField("thứ tự")
    heading = models.CharField("tiêu đề phần", max_length=255)
    text = models.TextField("nội dung phần")

    class Meta:
        verbose_name = "phần của dự thảo"
        verbose_name_plural = "các phần của dự thảo"
        ordering = ["consultation", "position"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "position"], name="consultation_section_pos_uniq")
        ]

    def __str__(self):
        return self.heading


class Opinion(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="opinions")
    # None: an opinion on the draft as a whole
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.PROTECT, related_name="opinions", verbose_name="phần"
    )
    channel = models.CharField("kênh", max_length=16, choices=Channel.choices)
    # The author: the citizen's account for a web opinion; a name or an organisation for one an officer entered.
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_opinions",
        verbose_name="công dân",
    )
    author_name = models.CharField("người, tổ chức góp ý", max_length=255, blank=True)
    text = models.TextField("nội dung ý kiến")
    stance = models.CharField("ý kiến", max_length=12, choices=Stance.choices)
    received_on = models.DateField("ngày nhận")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="người ghi nhận",
    )
    response = models.CharField("tiếp thu, giải trình", max_length=12, choices=Response.choices, blank=True)
    response_text = models.TextField("nội dung tiếp thu, giải trình", blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="người trả lời",
    )
    responded_on = models.DateField("ngày trả lời", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ý kiến góp ý"
        verbose_name_plural = "các ý kiến góp ý"
        ordering = ["consultation", "section__position", "pk"]
        indexes = [
            models.Index(fields=["consultation", "section"], name="opinion_consultation_idx"),
            models.Index(fields=["citizen", "-created_at"], name="opinion_citizen_idx"),
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def author_display(self) -> str:
        """What a reader sees of the author: a web opinion's citizen by name only (`User.public_name`)."""
        if self.channel == Channel.WEB:
            return self.citizen.public_name if self.citizen else "Người dân"
        return self.author_name
