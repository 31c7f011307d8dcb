"""Demo data for the communities module: Tràm Chim's Hội quán and self-managed groups in 2020 (under Thị trấn
Tràm Chim and Xã Tân Công Sính of the old Tam Nông district) and now (under Xã Tràm Chim, formed on 01/07/2025),
a Hội quán that became a cooperative, roads, a bridge and street lighting built with the people's money, land
and labour, and the honour board.

Everything is written through the services (so the rows carry their commune and province as they were, and the
trail reads in words). `seed(stdout=None)` is idempotent: it does nothing once the first group exists; the rows
come from random.Random(512), so a fresh database gets the same data.
"""

import datetime as dt
import random

from django.db import transaction

from danvan.core.formatting import local_today
from danvan.people.models import Household, User
from danvan.units.selectors import unit_by_code

from . import services
from .models import AssessmentLevel, Criterion, Group, GroupKind, Position

OLD_DAY = dt.date(2020, 6, 1)
RECENT_MEETING_DAYS = 10
FIRST = "Hội quán Khóm 2 Tràm Chim"

GROUPS = [
    # name, kind, unit code, on the day, founded, field, decision, members
    (
        FIRST,
        "hoi-quan",
        "30001-02",
        OLD_DAY,
        dt.date(2018, 8, 15),
        "Buôn bán nhỏ, dịch vụ du lịch Tràm Chim",
        "Quyết định 215/QĐ-UBND ngày 10/08/2018 của UBND thị trấn Tràm Chim",
        24,
    ),
    (
        "Hội quán Sen Tân Công Sính",
        "hoi-quan",
        "30007-01",
        OLD_DAY,
        dt.date(2019, 3, 20),
        "Trồng sen, nuôi cá",
        "Quyết định 48/QĐ-UBND ngày 15/03/2019 của UBND xã Tân Công Sính",
        18,
    ),
    (
        "Tổ tự quản bảo vệ môi trường Khóm 1",
        "to-moi-truong",
        "30001-01",
        OLD_DAY,
        dt.date(2020, 2, 10),
        "Thu gom rác, trồng hoa ven đường",
        "",
        12,
    ),
    (
        "Tổ an ninh trật tự tự quản Ấp 3 Tân Công Sính",
        "to-an-ninh",
        "30007-03",
        OLD_DAY,
        dt.date(2019, 9, 1),
        "Tuần tra, hoà giải ở cơ sở",
        "",
        10,
    ),
    (
        "Hợp tác xã Nông nghiệp Sen Tràm Chim",
        "hop-tac-xa",
        "30001-07",
        None,
        dt.date(2023, 6, 1),
        "Sản xuất, tiêu thụ sen và cá đồng",
        "Giấy chứng nhận đăng ký hợp tác xã số 1402000123 ngày 01/06/2023",
        15,
    ),
    (
        "Hội quán Ấp 8 Tràm Chim",
        "hoi-quan",
        "30001-08",
        None,
        dt.date(2025, 9, 10),
        "Trồng lúa, nuôi cá lóc",
        "Quyết định 112/QĐ-UBND ngày 05/09/2025 của UBND xã Tràm Chim",
        20,
    ),
    (
        "Tổ tự quản đèn đường Ấp 9",
        "to-tu-quan",
        "30001-09",
        None,
        dt.date(2025, 10, 1),
        "Thắp sáng đường quê, giữ gìn an ninh",
        "",
        9,
    ),
]
PROJECTS = [
    # name, kind, criterion, unit code, day, started, budget (state, people, sponsors, groups), progress, done
    (
        "Đường bê tông Khóm 2 – Khóm 3",
        "road",
        2,
        "30001-02",
        OLD_DAY,
        dt.date(2020, 3, 2),
        (420_000_000, 180_000_000, 60_000_000, 20_000_000),
        100,
        (dt.date(2020, 11, 30), dt.date(2020, 12, 15)),
    ),
    (
        "Cầu bê tông kênh Tân Công Sính",
        "bridge",
        2,
        "30007-01",
        OLD_DAY,
        dt.date(2021, 2, 1),
        (650_000_000, 120_000_000, 150_000_000, 30_000_000),
        100,
        (dt.date(2021, 9, 20), None),
    ),
    (
        "Tuyến đèn chiếu sáng Ấp 8 – Ấp 9",
        "lighting",
        4,
        "30001-08",
        None,
        dt.date(2025, 10, 15),
        (0, 90_000_000, 40_000_000, 20_000_000),
        60,
        None,
    ),
    (
        "Đường nhựa liên ấp 7 – 9 xã Tràm Chim",
        "road",
        2,
        "30001-07",
        None,
        dt.date(2026, 3, 1),
        (1_200_000_000, 250_000_000, 300_000_000, 50_000_000),
        35,
        None,
    ),
]
TOPICS = [
    "Bàn kế hoạch sản xuất vụ mới",
    "Trao đổi kinh nghiệm phòng trừ sâu bệnh",
    "Vận động góp sức làm đường, thắp sáng đường quê",
    "Sinh hoạt chuyên đề: chuyển đổi số trong bán hàng",
    "Tổng kết quỹ tương trợ, giúp hộ khó khăn",
    "Phổ biến pháp luật về đất đai, hoà giải ở cơ sở",
]
BUSINESSES = [
    "Công ty TNHH Thương mại Tân Phát",
    "Doanh nghiệp tư nhân Hoàng Long",
    "Cửa hàng vật liệu xây dựng Ba Tư",
]


def _months(start: dt.date, end: dt.date, step: int = 1):
    day = dt.date(start.year, start.month, min(start.day, 28))
    while day <= end:
        yield day
        month = day.month - 1 + step
        day = dt.date(day.year + month // 12, month % 12 + 1, day.day)


@transaction.atomic
def seed(stdout=None) -> dict:
    if Group.objects.filter(name=FIRST).exists():
        return {}
    actor = User.objects.filter(username="danvan.tramchim").first()
    leader = User.objects.filter(username="lanhdao.tramchim").first() or actor
    rng = random.Random(512)
    today = local_today()
    groups = {}
    for name, kind, code, day, founded, field, decision, size in GROUPS:
        unit = unit_by_code(code, day)
        if unit is None:
            continue
        group = services.group_create(
            actor=actor,
            name=name,
            kind=GroupKind.objects.get(code=kind),
            home_unit=unit,
            founded_on=founded,
            field=field,
            decision=decision,
            description=f"{name} sinh hoạt theo tinh thần “3 không, 3 tự, 3 cùng”: không hành chính hoá, "
            "không ép buộc, không phô trương; tự nguyện, tự quản, tự chủ; cùng làm, cùng hưởng, cùng phát triển.",
            rules="Sinh hoạt định kỳ mỗi tháng một lần; thành viên tự nguyện đóng góp quỹ; mọi việc bàn bạc dân chủ.",
        )
        groups[name] = group
        households = list(Household.objects.filter(hamlet=unit).order_by("code")[:size])
        members = []
        for i, household in enumerate(households):
            joined = founded + dt.timedelta(days=rng.randint(0, 200) if i > 5 else 0)
            members.append(
                services.member_add(
                    actor=actor,
                    group=group,
                    household=household,
                    joined_on=min(joined, today),
                    role="Thành viên",
                )
            )
        for member, position in zip(
            members,
            [Position.HEAD, Position.DEPUTY, Position.DEPUTY, Position.SECRETARY, Position.TREASURER],
            strict=False,
        ):
            services.board_add(actor=actor, group=group, member=member, position=position, term_from=founded)
        lapsed = name.startswith("Tổ an ninh")
        last = dt.date(2024, 2, 1) if lapsed else today
        days = list(_months(founded + dt.timedelta(days=20), last, 1 if len(members) > 15 else 2))
        if not lapsed and (not days or (today - days[-1]).days > RECENT_MEETING_DAYS):
            days.append(
                today - dt.timedelta(days=RECENT_MEETING_DAYS)
            )  # an active group met lately, whatever today is
        for n, held in enumerate(days):
            services.meeting_record(
                actor=actor,
                group=group,
                held_on=held,
                topic=TOPICS[n % len(TOPICS)],
                attendance=max(1, len(members) - rng.randint(0, 5)),
                outcome="Thống nhất phân công thực hiện; ban điều hành theo dõi, báo cáo ở buổi sau.",
            )
    levels = {lv.code: lv for lv in AssessmentLevel.objects.all()}
    commune = unit_by_code("30001")
    for name, level, day in [
        (FIRST, "tot", dt.date(2020, 12, 20)),
        ("Tổ an ninh trật tự tự quản Ấp 3 Tân Công Sính", "yeu", dt.date(2024, 6, 15)),
        ("Hội quán Ấp 8 Tràm Chim", "kha", dt.date(2026, 6, 20)),
    ]:
        if name in groups:
            services.assessment_record(
                actor=actor,
                group=groups[name],
                level=levels[level],
                assessed_on=day,
                assessor=commune,
                notes="Sinh hoạt đều, thành viên tham gia đông."
                if level != "yeu"
                else "Không sinh hoạt từ đầu năm 2024; cần củng cố ban điều hành.",
            )
    sen = groups.get("Hội quán Sen Tân Công Sính")
    coop = groups.get("Hợp tác xã Nông nghiệp Sen Tràm Chim")
    if sen and coop:
        services.group_set_status(
            actor=actor, group=sen, status="cooperative", on=dt.date(2023, 6, 1), successor=coop
        )

    criteria = {c.number: c for c in Criterion.objects.filter(valid_to__isnull=True)}
    entries = 0
    lead_groups = [
        FIRST,
        "Hội quán Sen Tân Công Sính",
        "Hội quán Ấp 8 Tràm Chim",
        "Hợp tác xã Nông nghiệp Sen Tràm Chim",
    ]
    for (name, kind, criterion, code, day, started, budget, progress, done), lead in zip(
        PROJECTS, lead_groups, strict=False
    ):
        place = unit_by_code(code, day)
        if place is None:
            continue
        project = services.project_create(
            actor=actor,
            name=name,
            kind=kind,
            criterion=criteria.get(criterion),
            place=place,
            group=groups.get(lead),
            started_on=started,
            progress=0 if done else progress,
            budget_state=budget[0],
            budget_people=budget[1],
            budget_sponsors=budget[2],
            budget_groups=budget[3],
            decision=f"Quyết định phê duyệt của UBND ngày {started - dt.timedelta(days=30):%d/%m/%Y}",
            description="Theo phương châm “Nhà nước và Nhân dân cùng làm”: Nhân dân góp tiền, hiến đất, góp ngày công.",
        )
        households = list(Household.objects.filter(hamlet=place).order_by("code")[:30])
        span = max(1, ((done[0] if done else today) - started).days)
        for i, household in enumerate(households):
            on = started + dt.timedelta(days=rng.randint(0, span))
            roll = rng.random()
            common = dict(
                actor=actor,
                project=project,
                contributor_kind="household",
                household=household,
                on=min(on, today),
                receipt_no=f"BN-{project.pk:03d}-{i + 1:03d}",
                consent_named=rng.random() < 0.7,
                display="rounded" if rng.random() < 0.3 else "exact",
            )
            if roll < 0.55:
                services.contribution_post(
                    kind="cash", value_vnd=rng.choice([500, 1000, 2000, 3000, 5000]) * 1000, **common
                )
            elif roll < 0.75 and kind == "road":
                area = rng.choice([20, 35, 50, 80, 120])
                services.contribution_post(
                    kind="land",
                    quantity=area,
                    value_vnd=area * 150_000,
                    value_basis="150.000 đ/m² theo bảng giá đất của tỉnh",
                    **common,
                )
            elif roll < 0.9:
                days = rng.choice([2, 4, 6, 10])
                services.contribution_post(
                    kind="labour",
                    quantity=days,
                    value_vnd=days * 250_000,
                    value_basis="250.000 đ một ngày công lao động phổ thông",
                    **common,
                )
            else:
                bags = rng.choice([10, 20, 40])
                services.contribution_post(
                    kind="materials",
                    quantity=bags,
                    quantity_unit="bao xi măng",
                    value_vnd=bags * 90_000,
                    value_basis="90.000 đ một bao theo hoá đơn",
                    **common,
                )
            entries += 1
        services.contribution_post(
            actor=actor,
            project=project,
            contributor_kind="business",
            contributor_name=BUSINESSES[len(name) % 3],
            kind="cash",
            value_vnd=budget[2] // 2,
            on=started + dt.timedelta(days=10),
            receipt_no="BN-DN-01",
            consent_named=True,
        )
        if groups.get(lead):
            services.contribution_post(
                actor=actor,
                project=project,
                contributor_kind="group",
                contributor_group=groups[lead],
                kind="cash",
                value_vnd=budget[3],
                on=started + dt.timedelta(days=15),
                consent_named=True,
            )
        anonymous = services.contribution_post(
            actor=actor,
            project=project,
            contributor_kind="anonymous",
            kind="cash",
            value_vnd=10_000_000,
            on=started + dt.timedelta(days=20),
            receipt_no="BN-HT-01",
        )
        entries += 3
        if kind == "lighting":  # a receipt entered twice, corrected by a reversing entry
            services.contribution_reverse(actor=leader, entry=anonymous, reason="Trùng biên nhận BN-HT-01")
        if done:
            services.project_update(
                actor=actor,
                project=project,
                status="handed_over" if done[1] else "completed",
                completed_on=done[0],
                handed_over_on=done[1],
                handed_over_to="UBND xã Tràm Chim" if done[1] else "",
            )
    details = seed_funds_plans_progress(actor, groups, levels, commune, rng)
    if stdout:
        stdout.write(
            f"  hội quán, tổ tự quản: {len(groups)}; công trình: {len(PROJECTS)}; khoản đóng góp: {entries}"
        )
    return {"groups": len(groups), "contributions": entries, **details}


def _demo_photo(colour, label: str):
    """A plain picture (a demo has no photographs): sky, a road and the label's first letters as stripes."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (960, 540), (170, 205, 230))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 300, 960, 540], fill=colour)
    draw.polygon([(380, 540), (580, 540), (500, 300), (460, 300)], fill=(200, 200, 195))
    for i, ch in enumerate(label[:12]):
        draw.rectangle([40 + i * 70, 60, 80 + i * 70, 60 + (ord(ch) % 7 + 2) * 20], fill=(250, 250, 245))
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=80)
    return SimpleUploadedFile("anh.jpg", buf.getvalue(), content_type="image/jpeg")


def seed_funds_plans_progress(actor, groups, levels, commune, rng) -> dict:
    """The funds of the Hội quán (dues of member households, support, spending, a corrected receipt), the
    consolidation of two weak groups (one done, one with an overdue action) and the projects' milestones,
    photos and community supervision checks. Every date is a fixed past day, or clamped to today."""
    from .models import GroupStatus, Project, ProjectStatus

    today = local_today()
    fund_lines = 0
    for name, group in groups.items():
        if group.status != GroupStatus.ACTIVE or group.kind.code != "hoi-quan":
            continue
        households = [m.household for m in group.members.filter(household__isnull=False)[:12]]
        for year in (2024, 2025, 2026):
            day = dt.date(year, 1, 15)
            if day < group.founded_on or day > today:
                continue
            for i, household in enumerate(households):
                services.fund_post(
                    actor=actor,
                    group=group,
                    direction="income",
                    category="dues",
                    amount_vnd=120_000,
                    description=f"Hội phí năm {year}",
                    household=household,
                    receipt_no=f"PT-{year}-{i + 1:03d}",
                    receipt_on=day,
                )
                fund_lines += 1
            services.fund_post(
                actor=actor,
                group=group,
                direction="income",
                category="support",
                amount_vnd=rng.choice([2, 3, 5]) * 1_000_000,
                description="Doanh nghiệp du lịch hỗ trợ hoạt động",
                party_name=BUSINESSES[year % 3],
                receipt_no=f"PT-{year}-HT",
                receipt_on=day + dt.timedelta(days=20),
            )
            services.fund_post(
                actor=actor,
                group=group,
                direction="spending",
                amount_vnd=len(households) * 50_000 + 500_000,
                description="Nước uống, tài liệu cho các buổi sinh hoạt",
                party_name="Thủ quỹ hội quán",
                receipt_no=f"PC-{year}-01",
                receipt_on=day + dt.timedelta(days=40),
            )
            fund_lines += 2
        if name == FIRST:
            wrong = services.fund_post(
                actor=actor,
                group=group,
                direction="spending",
                amount_vnd=300_000,
                description="Thăm hỏi thành viên ốm đau",
                party_name="Thủ quỹ hội quán",
                receipt_no="PC-2025-07",
                receipt_on=dt.date(2025, 7, 10),
            )
            services.fund_reverse(actor=actor, entry=wrong, reason="Ghi trùng phiếu chi PC-2025-06")
            fund_lines += 2

    plans = 0
    security = groups.get("Tổ an ninh trật tự tự quản Ấp 3 Tân Công Sính")
    if security is not None:
        weak = security.assessments.filter(level__is_weak=True).first()
        plan = services.plan_open(
            actor=actor,
            group=security,
            assessment=weak,
            goal="Kiện toàn tổ, khôi phục sinh hoạt định kỳ, phân công tuần tra ban đêm.",
            opened_on=dt.date(2024, 6, 20),
        )
        first = services.plan_action_add(
            actor=actor,
            plan=plan,
            title="Bầu bổ sung tổ trưởng",
            due_on=dt.date(2024, 7, 31),
            owner_unit=commune,
            owner_person="Ban Công tác Mặt trận ấp",
        )
        services.plan_action_add(
            actor=actor,
            plan=plan,
            title="Khôi phục sinh hoạt hằng tháng",
            due_on=dt.date(2024, 9, 30),
            owner_person="Tổ trưởng tổ an ninh",
        )  # still open, past its due date: shows overdue on the board
        services.plan_action_close(
            actor=actor,
            action=first,
            status="done",
            note="Đã bầu tổ trưởng mới.",
            closed_on=dt.date(2024, 7, 25),
        )
        plans += 1
    environment = groups.get("Tổ tự quản bảo vệ môi trường Khóm 1")
    if environment is not None:
        weak = services.assessment_record(
            actor=actor,
            group=environment,
            level=levels["yeu"],
            assessed_on=dt.date(2025, 3, 10),
            assessor=commune,
            notes="Thành viên giảm, thu gom rác không đều.",
        )
        plan = services.plan_open(
            actor=actor,
            group=environment,
            assessment=weak,
            goal="Vận động thêm hộ tham gia, chia lịch thu gom.",
            opened_on=dt.date(2025, 3, 15),
        )
        actions = [
            (
                services.plan_action_add(
                    actor=actor, plan=plan, title=t, due_on=due, owner_person="Tổ trưởng"
                ),
                closed,
            )
            for t, due, closed in [
                ("Vận động thêm 10 hộ tham gia", dt.date(2025, 5, 31), dt.date(2025, 5, 20)),
                ("Lập lịch thu gom rác theo tuần", dt.date(2025, 4, 30), dt.date(2025, 4, 10)),
            ]
        ]
        for action, closed in actions:
            services.plan_action_close(
                actor=actor, action=action, status="done", note="Đã thực hiện.", closed_on=closed
            )
        services.assessment_record(
            actor=actor,
            group=environment,
            level=levels["kha"],
            assessed_on=dt.date(2025, 12, 1),
            assessor=commune,
            notes="Đã củng cố: sinh hoạt đều, thu gom rác theo lịch.",
        )
        plans += 1

    checks = photos = 0
    colours = [(110, 150, 80), (90, 130, 160), (140, 120, 90)]
    for n, project in enumerate(Project.objects.filter(name__in=[p[0] for p in PROJECTS]).order_by("pk")):
        end = project.completed_on or today
        services.milestone_add(
            actor=actor,
            project=project,
            name="Khởi công",
            planned_on=project.started_on,
            actual_on=project.started_on,
        )
        middle = project.started_on + dt.timedelta(days=max(1, (end - project.started_on).days // 2))
        services.milestone_add(
            actor=actor,
            project=project,
            name="Hoàn thành phần nền, móng",
            planned_on=middle,
            actual_on=middle if middle <= today and project.progress >= 50 else None,
        )
        services.milestone_add(
            actor=actor,
            project=project,
            name="Hoàn thành, nghiệm thu",
            planned_on=project.completed_on or project.started_on + dt.timedelta(days=365),
            actual_on=project.completed_on,
        )
        services.project_photo_add(
            actor=actor,
            project=project,
            uploaded=_demo_photo(colours[n % 3], project.name),
            alt_text=f"{project.get_kind_display()}: {project.name}, ảnh chụp trong lúc thi công",
            taken_on=min(middle, today),
        )
        photos += 1
        check = services.supervision_record(
            actor=actor,
            project=project,
            checked_on=min(project.started_on + dt.timedelta(days=30), today),
            members="Nguyễn Văn Út (Trưởng ban), Trần Thị Hạnh, Lê Văn Bé",
            findings="Thi công đúng thiết kế được duyệt; vật liệu đúng chủng loại; có bảng công khai kinh phí.",
            recommendations="Bổ sung biển báo an toàn tại hai đầu công trình." if n % 2 == 0 else "",
        )
        checks += 1
        if n % 2 == 0 and project.status != ProjectStatus.OPEN:
            services.supervision_resolve(
                actor=actor,
                check=check,
                resolved_on=min(check.checked_on + dt.timedelta(days=7), today),
                resolution="Đơn vị thi công đã lắp biển báo.",
            )
    return {"fund_lines": fund_lines, "plans": plans, "checks": checks, "photos": photos}
