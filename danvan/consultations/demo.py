"""Demo consultations in Xã Tràm Chim (idempotent), seeded after the decisions' demo: the consultation on the
commune's land-use plan 2026, finished — its period 40 to 20 days before the seeding day, a dozen opinions from
the web (the demo citizen, when verified), meetings, the box, the hotline and the mass organisations, every one
accepted or explained, the synthesis published and the People's Committee's decision recorded —, and one open
consultation on the draft democracy regulation of the commune, which the demo citizen can answer."""

import datetime as dt

from danvan.core.formatting import local_today
from danvan.people.models import User
from danvan.units.selectors import unit_by_code

from . import services
from .models import Consultation

LAND_USE = [
    (
        "Phần 1. Chỉ tiêu sử dụng đất năm 2026",
        "Đất trồng lúa giảm 12,5 ha để mở rộng khu dân cư khóm 2 và xây dựng đường liên ấp; đất nuôi trồng "
        "thủy sản giữ nguyên.",
    ),
    (
        "Phần 2. Danh mục công trình, dự án thực hiện trong năm",
        "Mở rộng đường Nguyễn Văn Trỗi (1,2 km), xây trường mẫu giáo điểm ấp 7, mở rộng chợ Tràm Chim.",
    ),
    (
        "Phần 3. Diện tích đất thu hồi, chuyển mục đích sử dụng",
        "Thu hồi 4,3 ha của 27 hộ; bồi thường, hỗ trợ theo bảng giá đất của tỉnh năm 2026.",
    ),
]

# (section index or None, channel, author, stance, text, response, response text)
OPINIONS = [
    (
        0,
        "meeting",
        "Hội nghị khóm 2",
        "agree",
        "Thống nhất mở rộng khu dân cư, đề nghị ưu tiên hộ nghèo.",
        "accepted",
        "Bổ sung ưu tiên bố trí nền cho hộ nghèo, hộ cận nghèo.",
    ),
    (
        0,
        "meeting",
        "Hội nghị ấp 7",
        "disagree",
        "Đề nghị giữ diện tích lúa của ấp 7, không chuyển đổi.",
        "explained",
        "Diện tích chuyển đổi nằm ở khóm 2, không thuộc đất lúa của ấp 7.",
    ),
    (
        1,
        "meeting",
        "Hội nghị ấp 7",
        "agree",
        "Cần xây trường mẫu giáo điểm ấp 7 sớm.",
        "accepted",
        "Đưa trường mẫu giáo điểm ấp 7 vào danh mục quý II.",
    ),
    (
        1,
        "box",
        "Ông Nguyễn Văn Tư, khóm 3",
        "other",
        "Đề nghị làm thêm cống thoát nước khi mở rộng đường.",
        "accepted",
        "Bổ sung hạng mục cống thoát nước dọc tuyến.",
    ),
    (
        1,
        "hotline",
        "Bà Lê Thị Sáu, khóm 1",
        "agree",
        "Ủng hộ mở rộng chợ, đề nghị có bãi giữ xe.",
        "accepted",
        "Bố trí bãi giữ xe trong phương án mở rộng chợ.",
    ),
    (
        2,
        "organisation",
        "Hội Nông dân xã",
        "disagree",
        "Mức hỗ trợ chuyển đổi nghề còn thấp.",
        "explained",
        "Mức hỗ trợ theo quy định của tỉnh; xã kiến nghị tỉnh xem xét nâng mức.",
    ),
    (
        2,
        "organisation",
        "Hội Liên hiệp Phụ nữ xã",
        "agree",
        "Đề nghị tổ chức đào tạo nghề cho phụ nữ bị thu hồi đất.",
        "accepted",
        "Phối hợp Hội mở lớp đào tạo nghề trong năm 2026.",
    ),
    (
        2,
        "box",
        "Phiếu góp ý khóm 4",
        "other",
        "Cần công khai danh sách hộ bị thu hồi.",
        "accepted",
        "Danh sách được niêm yết tại trụ sở và nhà văn hóa các khóm, ấp.",
    ),
    (
        None,
        "meeting",
        "Hội nghị đối thoại với Nhân dân",
        "agree",
        "Thống nhất với dự thảo kế hoạch.",
        "accepted",
        "Ghi nhận.",
    ),
    (
        None,
        "hotline",
        "Ông Trần Văn Bảy, ấp 8",
        "other",
        "Đề nghị kéo dài thời gian lấy ý kiến.",
        "explained",
        "Thời gian lấy ý kiến đã theo quy định (ít nhất 20 ngày); các ý kiến sau vẫn được ghi nhận khi thực hiện.",
    ),
]
WEB = [
    (
        0,
        "agree",
        "Đồng ý mở rộng khu dân cư, đề nghị làm đường trước khi giao nền.",
        "accepted",
        "Đường nội bộ được làm trước khi giao nền.",
    ),
    (1, "agree", "Mở rộng đường Nguyễn Văn Trỗi là cần thiết.", "accepted", "Ghi nhận, giữ trong danh mục."),
]

REGULATION = [
    (
        "Chương I. Những quy định chung",
        "Phạm vi điều chỉnh, đối tượng áp dụng, nguyên tắc thực hiện dân chủ ở xã.",
    ),
    (
        "Chương II. Những nội dung công khai",
        "Nội dung, hình thức và thời điểm công khai thông tin cho Nhân dân.",
    ),
    ("Chương III. Nhân dân bàn và quyết định", "Nội dung, hình thức Nhân dân bàn và quyết định trực tiếp."),
]


def seed(stdout=None) -> None:
    commune = unit_by_code("30001")
    actor = User.objects.filter(username="danvan.tramchim").first()
    if commune is None or actor is None or Consultation.objects.filter(commune=commune).exists():
        return
    today = local_today()
    opens = today - dt.timedelta(days=40)
    c = services.consultation_create(
        actor=actor,
        unit=commune,
        title="Lấy ý kiến Nhân dân về dự thảo kế hoạch sử dụng đất năm 2026 của xã Tràm Chim",
        subject="2",
        content=(
            "Ủy ban nhân dân xã lấy ý kiến Nhân dân về dự thảo kế hoạch sử dụng đất năm 2026 qua hội nghị tại "
            "các khóm, ấp, hòm thư góp ý, đường dây nóng, Cổng thông tin điện tử của xã và qua Ủy ban Mặt trận "
            "Tổ quốc, các tổ chức chính trị – xã hội. Văn phòng HĐND và UBND xã tổng hợp, tiếp thu, giải trình."
        ),
        forms=["dialogue", "meeting", "box", "hotline", "organisation", "web"],
        opens_on=opens,
        closes_on=opens + dt.timedelta(days=20),
        sections=LAND_USE,
        sent_to_council_on=opens - dt.timedelta(days=3),
        sent_to_front_on=opens - dt.timedelta(days=3),
    )
    c = services.consultation_open(actor=actor, consultation=c)
    sections = list(c.sections.all())
    answers = []
    for n, (idx, channel, author, stance, text, response, reply) in enumerate(OPINIONS):
        o = services.opinion_record(
            actor=actor,
            consultation=c,
            channel=channel,
            author_name=author,
            text=text,
            stance=stance,
            section=sections[idx] if idx is not None else None,
            received_on=opens + dt.timedelta(days=2 + n),
        )
        answers.append((o, response, reply))
    citizen = User.objects.filter(username="congdan").select_related("household").first()
    if citizen is not None and services.lives_in(citizen, commune) and citizen.is_verified:
        for n, (idx, stance, text, response, reply) in enumerate(WEB):
            o = services.opinion_submit(
                citizen=citizen,
                consultation=c,
                text=text,
                stance=stance,
                section=sections[idx],
                today=opens + dt.timedelta(days=5 + n),
            )
            answers.append((o, response, reply))
        from danvan.core import ratelimit

        ratelimit.clear(services._limit_key(citizen))  # the demo citizen may still give opinions today
    c = services.consultation_close(actor=actor, consultation=c)
    for o, response, reply in answers:
        services.opinion_respond(actor=actor, opinion=o, response=response, text=reply)
    c = services.synthesis_publish(actor=actor, consultation=c, published_on=opens + dt.timedelta(days=23))
    services.outcome_record(
        actor=actor,
        consultation=c,
        text=(
            "Ủy ban nhân dân xã hoàn chỉnh dự thảo theo các ý kiến đã tiếp thu và trình Hội đồng nhân dân xã "
            "thông qua kế hoạch sử dụng đất năm 2026."
        ),
        follows_majority=True,
        decided_on=opens + dt.timedelta(days=28),
    )
    open_one = services.consultation_create(
        actor=actor,
        unit=commune,
        title="Lấy ý kiến Nhân dân về dự thảo Quy chế thực hiện dân chủ ở xã Tràm Chim",
        subject="7",
        content="Lấy ý kiến Nhân dân về dự thảo Quy chế thực hiện dân chủ ở xã, trước khi Ủy ban nhân dân xã ban hành.",
        forms=["meeting", "web", "box"],
        opens_on=today - dt.timedelta(days=3),
        closes_on=today + dt.timedelta(days=20),
        sections=REGULATION,
        sent_to_council_on=today - dt.timedelta(days=5),
        sent_to_front_on=today - dt.timedelta(days=5),
    )
    open_one = services.consultation_open(actor=actor, consultation=open_one)
    services.opinion_record(
        actor=actor,
        consultation=open_one,
        channel="meeting",
        author_name="Hội nghị khóm 1",
        text="Đề nghị quy định rõ thời gian niêm yết tại nhà văn hóa khóm.",
        stance="other",
        section=open_one.sections.all()[1],
        received_on=today - dt.timedelta(days=1),
    )
    if stdout is not None:
        stdout.write("  Lấy ý kiến Nhân dân: 2 việc ở Xã Tràm Chim.")
