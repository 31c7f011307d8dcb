"""Demo community decisions in Xã Tràm Chim (idempotent): road contributions passed and not passed, a hamlet
head election decided by a meeting then a ballot, an item-6 matter open for online voting after an accepting
poll (the demo citizen's hamlet), and a draft. Voting days are the seeding day, so the roll (households
registered by the end of the voting day) holds the demo households whatever the clock says."""

from danvan.core.formatting import local_today
from danvan.people.models import Household, User
from danvan.units.models import COMMUNITY_KINDS, Unit
from danvan.units.selectors import unit_by_code

from . import services
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
        return services.decision_notice(actor=actor, decision=d, notice_on=today)

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
    if stdout:
        stdout.write("Dân bàn, dân quyết: 5 việc mẫu ở Xã Tràm Chim.")
