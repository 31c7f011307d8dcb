"""Demo conventions in Xã Tràm Chim (idempotent; run by seed_demo after decisions' demo): three hamlets —
one hương ước in force, recognised by the People's Committee, with this year's annual review; one quy ước in
its comment period with comments and a response (the demo citizen's hamlet when there is one); one hương ước
in force being amended (version 2 in drafting with an added article, version 1 still in force). The adoption
vote of each goes through decisions (matter item 3), the voting day the seeding day as decisions' demo does,
the comment period having closed two weeks before."""

import datetime as dt

from danvan.core.formatting import local_today
from danvan.decisions import services as decision_services
from danvan.decisions import steps
from danvan.people.models import Household, User
from danvan.units.models import COMMUNITY_KINDS, Unit
from danvan.units.selectors import unit_by_code

from . import services
from .models import Convention, Kind

ARTICLES = [
    (
        "Phạm vi điều chỉnh",
        "{Kind} này quy định các chuẩn mực ứng xử của người dân trong {place} về nếp sống văn minh, giữ gìn an ninh "
        "trật tự, bảo vệ môi trường và giúp đỡ nhau trong cuộc sống.",
    ),
    (
        "Việc cưới, việc tang",
        "Tổ chức cưới hỏi tiết kiệm, không kéo dài quá một ngày; việc tang thực hiện nếp sống văn minh, không "
        "mở nhạc sau 22 giờ, không rải vàng mã trên đường.",
    ),
    (
        "Giữ gìn vệ sinh môi trường",
        "Mỗi hộ phân loại rác tại nguồn, không xả rác xuống kênh mương; tham gia làm vệ sinh đường {place} vào sáng "
        "Chủ nhật cuối tháng.",
    ),
    (
        "Khen thưởng và xử lý vi phạm",
        "Hộ thực hiện tốt được biểu dương tại hội nghị tổng kết ngày 18 tháng 11; hộ vi phạm được nhắc nhở, góp ý "
        "tại cuộc họp {place}. Việc xử lý không thay thế xử phạt theo quy định của pháp luật.",
    ),
]


def _hamlets(commune):
    return [
        h
        for h in Unit.objects.filter(parent=commune, kind__in=COMMUNITY_KINDS).order_by("path")
        if Household.objects.filter(hamlet=h).exists()
    ]


def _place_word(hamlet) -> str:
    """The hamlet's kind as a common noun ("ấp", "khóm"), for the demo's texts."""
    return hamlet.get_kind_display().lower()


def _draft(actor, hamlet, title, kind=Kind.HUONG_UOC):
    place = _place_word(hamlet)
    c = services.convention_create(
        actor=actor,
        hamlet=hamlet,
        title=title,
        kind=kind,
        preamble=f"Để xây dựng {hamlet.name} văn minh, đoàn kết, Nhân dân trong {place} thống nhất {kind.label.lower()} này.",
    )
    for heading, text in ARTICLES:
        text = text.format(Kind=kind.label, place=place)
        services.article_add(actor=actor, version=c.latest, heading=heading, text=text)
    return c


def _in_force(actor, leader, hamlet, title, today):
    c = _draft(actor, hamlet, title)
    services.comment_period_open(
        actor=actor,
        version=c.latest,
        opens_on=today - dt.timedelta(days=45),
        closes_on=today - dt.timedelta(days=14),
    )
    d = services.put_to_vote(actor=actor, version=c.latest, voting_on=today)
    before = today - dt.timedelta(days=3)
    d = decision_services.decision_notice(
        actor=actor,
        decision=d,
        notice_on=before,
        place=f"Nhà văn hóa {hamlet.name}",
        meeting_time=dt.time(19, 30),
        hamlet_head="Nguyễn Văn Hùng",
        front_head="Trần Thị Mai",
    )
    d = steps.documents_deliver(actor=actor, decision=d, delivered_on=before)
    d = decision_services.voting_open(actor=actor, decision=d)
    ids = list(Household.objects.filter(hamlet=hamlet).order_by("code").values_list("pk", flat=True))
    present = ids[: max(1, len(ids) * 9 // 10)]
    yes = max(len(present) * 8 // 10, len(ids) // 2 + 1)
    yes = min(yes, len(present))
    decision_services.tally_record(
        actor=actor, decision=d, channel="meeting", households=present, yes=yes, no=len(present) - yes
    )
    d = decision_services.voting_close(actor=actor, decision=d)
    if d.status != "passed":
        return c
    d = steps.minutes_send(actor=actor, decision=d, sent_on=today)
    steps.recognition_record(
        actor=leader, decision=d, outcome="recognised", decided_on=today, number=f"{d.pk:02d}/QĐ-UBND"
    )
    c.refresh_from_db()
    return c


def seed(stdout=None) -> None:
    commune = unit_by_code("30001")
    actor = User.objects.filter(username="danvan.tramchim").first()
    if commune is None or actor is None or Convention.objects.filter(commune=commune).exists():
        return
    leader = User.objects.filter(username="lanhdao.tramchim").first() or actor
    hamlets = _hamlets(commune)
    if len(hamlets) < 3:
        return
    today = local_today()
    citizen = User.objects.filter(username="congdan").select_related("household").first()
    commenting = citizen.household.hamlet if citizen and citizen.household_id else None
    if commenting not in hamlets:
        commenting = hamlets[1]
    others = [h for h in hamlets if h != commenting]

    first = _in_force(actor, leader, others[0], f"Hương ước {others[0].name}", today)
    if first.status == "in_force":
        services.annual_review_record(
            actor=actor,
            convention=first,
            year=today.year,
            held_on=today,
            findings="Các hộ thực hiện tốt việc phân loại rác và nếp sống văn minh trong việc cưới, việc tang; "
            "còn một số hộ mở nhạc sau 22 giờ.",
            proposals="Bổ sung quy định về giữ gìn an ninh trật tự khi tổ chức tiệc tại nhà.",
        )

    draft = _draft(actor, commenting, f"Quy ước nếp sống văn minh {commenting.name}", kind=Kind.QUY_UOC)
    services.comment_period_open(
        actor=actor,
        version=draft.latest,
        opens_on=today - dt.timedelta(days=5),
        closes_on=today + dt.timedelta(days=25),
    )
    second = draft.latest.articles.get(number=2)
    c1 = services.comment_add(
        version=draft.latest,
        actor=actor,
        author_name="Ông Nguyễn Văn Tư (họp tổ 3)",
        article=second,
        text="Đề nghị cho phép tiệc cưới tổ chức trong hai ngày với gia đình ở xa về.",
    )
    services.comment_respond(
        actor=actor,
        comment=c1,
        response="Tổ soạn thảo giải trình: giữ một ngày để tiết kiệm; gia đình có thể đón khách ở xa vào hôm trước.",
    )
    services.comment_add(
        version=draft.latest,
        actor=actor,
        author_name="Bà Lê Thị Năm (hòm thư góp ý)",
        text="Nên bổ sung điều về giúp đỡ hộ nghèo, hộ neo đơn.",
    )

    amended = _in_force(actor, leader, others[1], f"Hương ước {others[1].name}", today)
    if amended.status == "in_force":
        v2 = services.amend(
            actor=actor,
            convention=amended,
            reason="Bổ sung quy định về phòng, chống bạo lực gia đình theo kiến nghị tổng kết.",
        )
        services.article_add(
            actor=actor,
            version=v2,
            heading="Phòng, chống bạo lực gia đình",
            text=f"Các gia đình trong {_place_word(others[1])} không để xảy ra bạo lực gia đình; tổ hòa giải kịp "
            "thời hòa giải mâu thuẫn.",
        )
    if stdout is not None:
        stdout.write("Đã tạo hương ước, quy ước mẫu.")
