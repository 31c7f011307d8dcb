import datetime as dt

from danvan.consultations import services
from danvan.decisions.tests.helpers import citizen, households  # noqa: F401  (re-exported for the tests)

OPENS = dt.date(2026, 3, 2)
CLOSES = OPENS + dt.timedelta(days=20)  # exactly the minimum (consultation.period: 20 calendar days)
DURING = OPENS + dt.timedelta(days=5)

SECTIONS = [
    ("Phần 1. Chỉ tiêu sử dụng đất", "Đất nông nghiệp giảm 12 ha để mở rộng khu dân cư."),
    ("Phần 2. Danh mục công trình", "Mở rộng đường liên ấp, xây trường mẫu giáo điểm Phú Hòa."),
]


def consultation(cast, actor=None, unit=None, **extra):
    data = dict(
        unit=unit or cast.commune,
        title="Lấy ý kiến dự thảo kế hoạch sử dụng đất năm 2026",
        subject="2",
        content="Lấy ý kiến Nhân dân về dự thảo kế hoạch sử dụng đất năm 2026 của xã.",
        forms=["meeting", "web", "box"],
        opens_on=OPENS,
        closes_on=CLOSES,
        sections=SECTIONS,
    )
    data.update(extra)
    return services.consultation_create(actor=actor or cast.hoa, **data)


def opened(cast, **extra):
    return services.consultation_open(actor=cast.hoa, consultation=consultation(cast, **extra))


def web_opinion(c, who, stance="agree", section=None, text="Đồng ý mở rộng đường liên ấp."):
    return services.opinion_submit(
        citizen=who, consultation=c, text=text, stance=stance, section=section, today=DURING
    )


def recorded(cast, c, stance="agree", section=None, channel="meeting", text="Đề nghị làm đường sớm."):
    return services.opinion_record(
        actor=cast.hoa,
        consultation=c,
        channel=channel,
        author_name="Hội nghị ấp Phú Hòa",
        text=text,
        stance=stance,
        section=section,
        received_on=DURING,
    )
