"""Demo community decisions in Xã Tràm Chim (idempotent): road contributions passed and not passed, a hamlet
head election decided by a meeting then a ballot, an item-6 matter open for online voting after an accepting
poll (the demo citizen's hamlet), and a draft. Voting days are the seeding day, so the roll (households
registered by the end of the voting day) holds the demo households whatever the clock says; the notices and
the documents of items 1–3 went out three days before. Also a commune-wide road contribution (every hamlet's
meeting; passed by ≥ 2/3 of the hamlets) and, when the demo citizen is verified, two citizens' initiatives of the
citizen's hamlet: one that reached the community, one collecting consents.

A board election (item 5: the community investment supervision board), passed at the meeting and awaiting
the Front's recognition.

The steps after the vote (`seed_steps`): the minutes of every closed decision sent, the road meeting's counting
board and witnesses recorded (Form 02), the hamlet head's election and a convention recognised by the People's
Committee, another convention refused in writing with its reason."""

import datetime as dt

from django.db.models import Count
from django.utils import timezone

from danvan.core.errors import DomainError
from danvan.core.formatting import local_today
from danvan.people.models import Household, User
from danvan.units.models import COMMUNITY_KINDS, Unit
from danvan.units.selectors import unit_by_code

from . import commune, initiatives, services, steps
from .models import Decision, RollEntry


def _tally(actor, d, households, channel, yes_share):
    ids = [h.pk for h in households]
    yes = int(len(ids) * yes_share)
    if channel == "ballot":
        ids = list(
            RollEntry.objects.filter(decision=d, household_id__in=ids).values_list("ballot_code", flat=True)
        )
    services.tally_record(
        actor=actor, decision=d, channel=channel, households=ids, yes=yes, no=len(ids) - yes, other=0
    )


def seed(stdout=None) -> None:
    commune = unit_by_code("30001")
    actor = User.objects.filter(username="danvan.tramchim").first()
    if commune is None or actor is None or Decision.objects.filter(commune=commune).exists():
        return
    today = local_today()
    hamlets = [
        h
        for h in Unit.objects.filter(parent=commune, kind__in=COMMUNITY_KINDS).order_by("path")
        if Household.objects.filter(hamlet=h).exists()
    ]
    if not hamlets:
        return
    citizen = User.objects.filter(username="congdan").select_related("household").first()
    citizen_hamlet = citizen.household.hamlet if citizen and citizen.household_id else hamlets[0]

    def made(hamlet, matter, title, content):
        d = services.decision_create(
            actor=actor,
            matter=matter,
            unit=hamlet,
            title=title,
            content=content,
            proposer="hamlet_head",
            voting_on=today,
        )
        before = today - dt.timedelta(days=3)
        d = services.decision_notice(
            actor=actor,
            decision=d,
            notice_on=before,
            place=f"Nhà văn hóa {hamlet.name}",
            meeting_time=dt.time(19, 30),
            hamlet_head="Nguyễn Văn Hùng",
            front_head="Trần Thị Mai",
        )
        if d.matter_info.documents_before:
            d = steps.documents_deliver(actor=actor, decision=d, delivered_on=before)
        return d

    def households_of(hamlet):
        return list(Household.objects.filter(hamlet=hamlet).order_by("code"))

    first, second = hamlets[0], hamlets[-1]
    road = made(
        first, "1", f"Bê tông hóa đường liên tổ {first.name}", "Mỗi hộ góp 500.000 đồng và 2 ngày công."
    )
    road = services.voting_open(actor=actor, decision=road)
    hh = households_of(first)
    _tally(actor, road, hh[: max(1, len(hh) * 9 // 10)], "meeting", 0.8)
    services.voting_close(actor=actor, decision=road)

    lights = made(second, "2", f"Quỹ thắp sáng đường quê {second.name}", "Mỗi hộ góp 20.000 đồng mỗi tháng.")
    lights = services.voting_open(actor=actor, decision=lights)
    hh = households_of(second)
    _tally(actor, lights, hh[: max(1, len(hh) * 7 // 10)], "meeting", 0.6)
    services.voting_close(actor=actor, decision=lights)

    head = made(
        first,
        "4",
        f"Bầu Trưởng ấp {first.name}",
        "Bầu Trưởng ấp nhiệm kỳ mới; Ban công tác Mặt trận giới thiệu ứng cử viên.",
    )
    head = services.voting_open(actor=actor, decision=head)
    hh = households_of(first)
    half = len(hh) // 2
    _tally(actor, head, hh[:half], "meeting", 0.8)
    _tally(actor, head, hh[half : half + max(1, len(hh) // 3)], "ballot", 0.7)
    services.voting_close(actor=actor, decision=head)

    # item 5: the community investment supervision board, elected at the meeting; the Front recognises it
    board = made(
        second,
        "5",
        f"Bầu Ban Giám sát đầu tư của cộng đồng {second.name}",
        "Bầu 5 thành viên Ban Giám sát đầu tư của cộng đồng giám sát công trình đường giao thông nông thôn; "
        "Ban công tác Mặt trận giới thiệu danh sách.",
    )
    board = services.voting_open(actor=actor, decision=board)
    hh = households_of(second)
    _tally(actor, board, hh[: max(1, len(hh) * 17 // 20)], "meeting", 0.75)
    services.voting_close(actor=actor, decision=board)

    conventions = []
    for hamlet, title in (
        (first, f"Hương ước {first.name}"),
        (second, f"Quy ước nếp sống văn minh {second.name}"),
    ):
        c = services.voting_open(
            actor=actor,
            decision=made(hamlet, "3", title, "Dự thảo hương ước, quy ước đã niêm yết lấy ý kiến 30 ngày."),
        )
        hh = households_of(hamlet)
        _tally(actor, c, hh[: max(1, len(hh) * 9 // 10)], "meeting", 0.7)
        conventions.append(services.voting_close(actor=actor, decision=c))
    seed_steps(actor, today, road=road, lights=lights, head=head, conventions=conventions, board=board)

    festival = made(
        citizen_hamlet,
        "6",
        f"Tổ chức ngày hội đại đoàn kết {citizen_hamlet.name}",
        "Chọn ngày và mức đóng góp tự nguyện.",
    )
    total = Household.objects.filter(hamlet=citizen_hamlet).count()
    services.online_poll_record(actor=actor, decision=festival, yes=total // 2 + 1)
    services.voting_open(actor=actor, decision=festival)

    services.decision_create(
        actor=actor,
        matter="6",
        unit=second,
        title=f"Trồng cây xanh tuyến đường trung tâm {second.name}",
        content="Dự thảo: mỗi tổ nhận chăm sóc một đoạn đường.",
        proposer="initiative",
        voting_on=today,
    )
    _commune_wide(actor, commune, today)
    proposed = _initiatives(actor, citizen, today)
    if stdout:
        stdout.write(
            f"Dân bàn, dân quyết: 8 việc mẫu, 1 việc toàn xã và {proposed} sáng kiến ở Xã Tràm Chim."
        )


def _commune_wide(actor, commune_unit, today) -> None:
    """A commune-wide road contribution: every hamlet meets; all but the last pass, so ≥ 2/3 of the hamlets."""
    whole = commune.commune_decision_create(
        actor=actor,
        matter="1",
        commune=commune_unit,
        title="Nhựa hóa đường trục xã (toàn xã)",
        content="Mỗi hộ góp 300.000 đồng và 1 ngày công; ngân sách xã hỗ trợ phần còn lại.",
        voting_on=today,
    )
    before = today - dt.timedelta(days=3)
    whole = commune.commune_notice(actor=actor, decision=whole, notice_on=before)
    whole = steps.documents_deliver(actor=actor, decision=whole, delivered_on=before)
    whole, _skipped = commune.commune_open(actor=actor, decision=whole)
    parts = list(whole.parts.filter(status="voting").order_by("unit__path"))
    for n, part in enumerate(parts):
        hh = list(Household.objects.filter(hamlet=part.unit).order_by("code"))
        yes = len(hh) // 2 if n == len(parts) - 1 and len(parts) > 2 else len(hh) - len(hh) // 5
        services.tally_record(
            actor=actor,
            decision=part,
            channel="meeting",
            households=[h.pk for h in hh],
            yes=yes,
            no=len(hh) - yes,
            other=0,
        )
        services.voting_close(actor=actor, decision=part)
    try:
        commune.commune_close(actor=actor, decision=whole)
    except DomainError:
        pass  # a hamlet without households keeps it open; the page shows which


def _initiatives(actor, citizen, today) -> int:
    """One initiative that reached the community (consents recorded from a meeting) and one collecting
    consents, proposed by the demo citizen when the account is verified and linked to a household."""
    if citizen is None or not citizen.is_verified or citizen.household_id is None:
        return 0
    hamlet = citizen.household.hamlet
    others = list(Household.objects.filter(hamlet=hamlet).exclude(pk=citizen.household_id).order_by("code"))
    lights = initiatives.initiative_propose(
        citizen=citizen,
        matter="6",
        title=f"Lắp đèn năng lượng mặt trời đường đê {hamlet.name}",
        content="Mỗi hộ góp 150.000 đồng lắp 20 đèn năng lượng mặt trời dọc đường đê bao.",
    )
    need = initiatives.standing(lights, today).required or 1
    if need > 1 and others:
        initiatives.initiative_consents_record(
            actor=actor,
            initiative=lights,
            household_codes=[h.code for h in others[: need - 1]],
            given_on=today,
        )
    # collecting: in the commune's largest hamlet (where one household is below 10 %), by a verified neighbour
    largest = (
        Household.objects.filter(commune=citizen.household.commune)
        .values("hamlet")
        .annotate(n=Count("pk"))
        .order_by("-n", "hamlet")
        .first()
    )
    if largest is None:
        return 1
    first = Household.objects.filter(hamlet_id=largest["hamlet"]).order_by("code").first()
    neighbour, _new = User.objects.get_or_create(
        username="congdan.langgieng",
        defaults=dict(
            kind=User.Kind.CITIZEN,
            full_name=first.representative_name,
            household=first,
            verified_at=timezone.now(),
        ),
    )
    if _new:
        neighbour.set_unusable_password()
        neighbour.save()
    trees = initiatives.initiative_propose(
        citizen=neighbour,
        matter="6",
        title=f"Trồng hàng cây sao dọc kênh {first.hamlet.name}",
        content="Mỗi tổ nhận trồng và chăm sóc 50 cây sao; vận động con em xa quê hỗ trợ cây giống.",
    )
    return 2 if trees.status == "collecting" else 1


def seed_steps(actor, today, *, road, lights, head, conventions, board=None) -> None:
    leader = User.objects.filter(username="lanhdao.tramchim").first() or actor
    tally = road.tallies.first()
    steps.counting_record(
        actor=actor,
        tally=tally,
        board=["Lê Văn Tâm", "Phạm Thị Hoa", "Đỗ Văn Lợi"],
        witnesses=["Nguyễn Văn Bảy", "Trần Thị Út"],
    )
    for d in (road, lights, head, *conventions, *([board] if board else [])):
        d.refresh_from_db()
        steps.minutes_send(actor=actor, decision=d, sent_on=today)
    for d in (head, conventions[0]):
        if d.status == "passed":
            steps.recognition_record(
                actor=leader,
                decision=d,
                outcome="recognised",
                decided_on=today,
                number=f"{d.pk:02d}/QĐ-UBND",
            )
    refused = conventions[1]
    if refused.status == "passed":
        steps.recognition_record(
            actor=leader,
            decision=refused,
            outcome="refused",
            decided_on=today,
            number=f"{refused.pk:02d}/UBND-VP",
            reason="Điều 5 của quy ước đặt mức phạt tiền thay cho xử phạt hành chính, trái Nghị định 61/2023/NĐ-CP; "
            "đề nghị sửa đổi và biểu quyết lại.",
        )
