"""Demo data for citizen reception: 2020 (the 34 communes of the old Tam Nông district, the first half-year the
July 2020 review reported) and now (the communes in force today and the province).

- each commune's chair receives citizens every Monday (a Monday off moves to the next working day of the
  week) and its Party secretary on the 10th and 25th of each month; a few 2020 communes miss some weeks, so
  the compliance check has something to say; the province's chair receives on the 15th;
- now: the schedules valid from 01/07/2025, their days from three months ago to two months ahead, announced
  two weeks before each month; one of Tràm Chim's coming days is cancelled and replaced;
- the reception log: every demo case received on the reception channel (cases.demo) has its visit (the case
  opened at the desk; a denunciation's visit names nobody), plus visits that were guided on the spot, a group
  visit, a repeat visit linked to an earlier case and a refusal on an Art. 9 ground.

Dialogue conferences (`_seed_dialogues`, idempotent on its own): in Tràm Chim now, one conference held three
weeks ago on the agenda of real demo cases in progress (through the services, so each case records the
dialogue) with answers and commitments — one done, one overdue, one open — and one planned in ten days; in
2020, one conference of the old Tràm Chim held in May with its answers and commitments (written directly:
its cases were closed long ago, their dialogue steps are already in the cases demo).

`seed(stdout=None)` is idempotent (it does nothing once reception days exist) and derived from
random.Random(2026). Rows are written with bulk_create; the days come from the working-day calendar like the
services' (`services.schedule_slots` and the same move to the next working day).
"""

import datetime as dt
import random

from django.db import transaction

from danvan.cases.models import Case, Channel, Kind
from danvan.core.formatting import local_today
from danvan.rulebook.services import compute_deadline, work_calendar
from danvan.units.selectors import unit_by_code

from .models import (
    REFUSAL_CITATION,
    ReceptionSchedule,
    ReceptionSession,
    ReceptionVisit,
    SessionOrigin,
    SessionStatus,
    VisitOutcome,
)
from .rules import ANSWER_RULE
from .services import _landing_day, schedule_slots

OLD_DAY = dt.date(2020, 6, 1)
OLD_CODES = [str(c) for c in range(30001, 30035)]
CURRENT_CODES = ("30001", "30010", "30019", "30025", "30028", "30034")
OLD_RANGE = (dt.date(2020, 1, 1), dt.date(2020, 6, 30))
NOW_FROM = dt.date(2025, 7, 1)
CHAIRS = [
    "Nguyễn Văn Thành",
    "Trần Minh Đức",
    "Lê Hoàng Phúc",
    "Phạm Thị Ngọc Hà",
    "Võ Văn Lợi",
    "Đỗ Thanh Tùng",
]
SECRETARIES = ["Huỳnh Văn Sang", "Nguyễn Thị Kim Loan", "Lê Văn Quang", "Trương Công Minh", "Phan Thị Bé"]
CITIZENS = ["Nguyễn Văn Út", "Lê Thị Hai", "Trần Văn Ba", "Phạm Thị Tư", "Huỳnh Văn Năm", "Đặng Thị Sáu"]
GUIDED = [
    (
        "Hỏi thủ tục cấp đổi giấy chứng nhận quyền sử dụng đất",
        "Hướng dẫn nộp hồ sơ tại bộ phận một cửa của xã.",
    ),
    ("Hỏi chế độ hỗ trợ hộ nghèo năm nay", "Giải thích tiêu chí, hướng dẫn đăng ký với ban nhân dân ấp."),
    ("Hỏi thời gian cắt điện sửa lưới điện", "Cung cấp lịch cắt điện của điện lực, hướng dẫn gọi tổng đài."),
    ("Hỏi về hỗ trợ do ảnh hưởng dịch COVID-19", "Hướng dẫn lập hồ sơ theo Nghị quyết 42/NQ-CP tại ấp."),
]


def _units(codes, day):
    return [u for u in (unit_by_code(c, day) for c in codes) if u is not None]


def _sessions_for(schedule, start, end, posted_lead_days, cal, skip=frozenset()):
    """The days of `schedule` in [start, end] as unsaved rows (a slot off moves within its week or month)."""
    rows, taken = [], set()
    weekdays = set(schedule.weekdays or ())
    for slot in schedule_slots(schedule, start, end):
        if slot in skip:
            continue
        day = _landing_day(slot, slot.weekday() not in weekdays, cal)
        if day is None or day in taken or day > end:
            continue
        taken.add(day)
        first = day.replace(day=1)
        rows.append(
            ReceptionSession(
                unit=schedule.unit,
                schedule=schedule,
                day=day,
                host_role=schedule.host_role,
                host_name=schedule.host_name,
                place=schedule.place,
                start_time=schedule.start_time,
                end_time=schedule.end_time,
                origin=SessionOrigin.SCHEDULE,
                moved_from=slot if day != slot else None,
                posted_on=first - dt.timedelta(days=posted_lead_days),
            )
        )
    return rows


def _schedules(unit, n, valid_from, valid_to, chair_name=None):
    place = f"Phòng tiếp công dân, trụ sở UBND {unit.name}"
    chair = ReceptionSchedule.objects.create(
        unit=unit,
        host_role="commune_chair",
        host_name=chair_name or CHAIRS[n % len(CHAIRS)],
        deputy_name="Phó Chủ tịch UBND xã",
        place=place,
        weekdays=[0],
        valid_from=valid_from,
        valid_to=valid_to,
    )
    secretary = ReceptionSchedule.objects.create(
        unit=unit,
        host_role="commune_party_secretary",
        host_name=SECRETARIES[n % len(SECRETARIES)],
        deputy_name="Phó Bí thư Thường trực Đảng uỷ",
        place=f"Trụ sở Đảng uỷ {unit.name}",
        month_days=[10, 25],
        valid_from=valid_from,
        valid_to=valid_to,
    )
    return chair, secretary


def _visits_for_cases(cases, receiver_of):
    rows = []
    for case in cases:
        visit = ReceptionVisit(
            unit=case.unit,
            visited_on=case.received_on,
            receiver_name=receiver_of(case.unit),
            subject=case.content,
            outcome=VisitOutcome.NEW_CASE,
            case=case,
        )
        if case.kind != Kind.DENUNCIATION:
            visit.citizen_name, visit.citizen_address = case.submitter_name, case.submitter_address
        d = compute_deadline(ANSWER_RULE, case.received_on)
        visit.answer_due, visit.answer_rule_key, visit.answer_citation = d.due, d.rule_key, d.citation
        rows.append(visit)
    return rows


def _other_visits(rng, unit, days, receiver, earlier_case):
    rows = []
    for day in rng.sample(days, min(3, len(days))):
        subject, guidance = rng.choice(GUIDED)
        rows.append(
            ReceptionVisit(
                unit=unit,
                visited_on=day,
                receiver_name=receiver,
                subject=subject,
                guidance=guidance,
                outcome=VisitOutcome.GUIDANCE,
                citizen_name=rng.choice(CITIZENS),
                citizen_address=unit.name,
            )
        )
    if days and rng.random() < 0.5:
        rows.append(
            ReceptionVisit(
                unit=unit,
                visited_on=rng.choice(days),
                receiver_name=receiver,
                is_group=True,
                people=rng.randint(6, 25),
                representatives="Ông Nguyễn Văn Bảy\nBà Trần Thị Tám",
                subject="Đoàn hộ dân hỏi về giá bồi thường khi mở rộng đường liên ấp",
                guidance="Giải thích phương án bồi thường đã niêm yết; hẹn đối thoại khi có giá đất mới.",
                outcome=VisitOutcome.GUIDANCE,
            )
        )
    if earlier_case is not None and days:
        later = [d for d in days if d > earlier_case.received_on]
        if later:
            day = rng.choice(later)
            d = compute_deadline(ANSWER_RULE, day)
            rows.append(
                ReceptionVisit(
                    unit=unit,
                    visited_on=day,
                    receiver_name=receiver,
                    subject="Công dân hỏi lại tiến độ giải quyết đơn đã gửi.",
                    outcome=VisitOutcome.EXISTING_CASE,
                    case=earlier_case,
                    answer_due=d.due,
                    answer_rule_key=d.rule_key,
                    answer_citation=d.citation,
                    citizen_name=earlier_case.submitter_name
                    if earlier_case.kind != Kind.DENUNCIATION
                    else "",
                )
            )
    if days and rng.random() < 0.3:
        rows.append(
            ReceptionVisit(
                unit=unit,
                visited_on=rng.choice(days),
                receiver_name=receiver,
                subject="Công dân trong tình trạng say rượu, la lối tại phòng tiếp dân.",
                outcome=VisitOutcome.REFUSED,
                refusal_ground="incapable",
                refusal_citation=REFUSAL_CITATION,
            )
        )
    return rows


@transaction.atomic
def seed(stdout=None) -> int:
    n = _seed_reception(stdout)
    _seed_dialogues(stdout)
    return n


def _seed_reception(stdout=None) -> int:
    if ReceptionSession.objects.exists():
        return 0
    rng = random.Random(2026)
    cal = work_calendar()
    today = local_today()
    sessions: list[ReceptionSession] = []
    visits: list[ReceptionVisit] = []

    # --- 2020: the old Tam Nông communes, first half-year
    old = _units(OLD_CODES, OLD_DAY)
    for n, unit in enumerate(old):
        chair, secretary = _schedules(unit, n, dt.date(2019, 1, 1), dt.date(2020, 12, 31))
        skip = set()
        if n % 7 == 3:  # a few communes miss weeks (the review's "chưa thực hiện nghiêm")
            skip = {d for d in schedule_slots(chair, *OLD_RANGE) if d.month in (3, 4) and d.day <= 14}
        sessions += _sessions_for(chair, *OLD_RANGE, 14, cal, skip)
        sessions += _sessions_for(secretary, *OLD_RANGE, 14, cal)

    # --- now: the communes in force today and the province
    now_start = max(NOW_FROM, (today - dt.timedelta(days=90)).replace(day=1))
    now_end = today + dt.timedelta(days=60)
    current = _units(CURRENT_CODES, today)
    from danvan.people.models import User

    tram_chim_chair = (
        User.objects.filter(username="lanhdao.tramchim").values_list("full_name", flat=True).first()
    )
    for n, unit in enumerate(current):
        chair, secretary = _schedules(
            unit, n + 1, NOW_FROM, None, chair_name=tram_chim_chair if unit.code == "30001" else None
        )
        sessions += _sessions_for(chair, now_start, now_end, 14, cal)
        sessions += _sessions_for(secretary, now_start, now_end, 14, cal)
    province = current[0].parent if current else None
    while province is not None and province.parent_id is not None:
        province = province.parent
    if province is not None:
        pchair = ReceptionSchedule.objects.create(
            unit=province,
            host_role="provincial_chair",
            host_name="Chủ tịch UBND tỉnh",
            deputy_name="Phó Chủ tịch UBND tỉnh",
            place="Trụ sở Tiếp công dân tỉnh",
            month_days=[15],
            valid_from=NOW_FROM,
        )
        sessions += _sessions_for(pchair, now_start, now_end, 14, cal)
    ReceptionSession.objects.bulk_create(sessions, batch_size=500)

    # one coming day of Tràm Chim cancelled and replaced
    coming = (
        ReceptionSession.objects.filter(unit__code="30001", host_role="commune_chair", day__gt=today)
        .order_by("day")
        .first()
    )
    if coming is not None:
        replacement_day = cal.next_working_day(coming.day)
        if not ReceptionSession.objects.filter(
            unit=coming.unit, host_role=coming.host_role, day=replacement_day, status=SessionStatus.PLANNED
        ).exists():
            coming.status = SessionStatus.CANCELLED
            coming.cancel_reason = "Chủ tịch UBND xã dự họp đột xuất tại tỉnh."
            coming.save(update_fields=["status", "cancel_reason"])
            ReceptionSession.objects.create(
                unit=coming.unit,
                schedule=coming.schedule,
                day=replacement_day,
                host_role=coming.host_role,
                host_name=coming.host_name,
                place=coming.place,
                origin=SessionOrigin.REPLACEMENT,
                posted_on=today,
                replaces=coming,
            )

    # --- the reception log
    receivers = {}

    def receiver_of(unit):
        if unit.pk not in receivers:
            row = ReceptionSchedule.objects.filter(unit=unit, host_role="commune_chair").order_by(
                "-valid_from"
            )
            receivers[unit.pk] = row.values_list("host_name", flat=True).first() or "Cán bộ tiếp công dân"
        return receivers[unit.pk]

    reception_cases = list(
        Case.objects.filter(channel=Channel.RECEPTION, idempotency_key__startswith="demo-").select_related(
            "unit"
        )
    )
    visits += _visits_for_cases(reception_cases, receiver_of)
    held = {}
    for s in ReceptionSession.objects.filter(day__lte=today, status=SessionStatus.PLANNED).values(
        "unit_id", "day"
    ):
        held.setdefault(s["unit_id"], []).append(s["day"])
    earlier = {}
    for c in (
        Case.objects.filter(idempotency_key__startswith="demo-")
        .exclude(kind=Kind.DENUNCIATION)
        .order_by("pk")
    ):
        earlier.setdefault(c.unit_id, c)
    for unit in old + current:
        visits += _other_visits(
            rng, unit, sorted(set(held.get(unit.pk, []))), receiver_of(unit), earlier.get(unit.pk)
        )
    ReceptionVisit.objects.bulk_create(visits, batch_size=500)
    if stdout is not None:
        stdout.write(f"  tiếp công dân: {len(sessions)} ngày tiếp, {len(visits)} lượt tiếp")
    return len(sessions)


AGENDA_TALK = [
    (
        "Bà con phản ánh đường ngập, đề nghị xã sớm nâng nền và làm cống thoát nước.",
        "UBND xã đã đưa đoạn đường vào kế hoạch đầu tư công năm nay, khởi công trong quý tới.",
        "Công dân thống nhất, đề nghị công khai tiến độ.",
    ),
    (
        "Đề nghị giải thích căn cứ tính tiền bồi thường và thời gian chi trả.",
        "Đại diện phòng chuyên môn giải thích đơn giá theo quyết định của UBND tỉnh; tiền chi trả trong 30 ngày.",
        "Công dân đồng ý với phương án chi trả.",
    ),
    (
        "Hỏi về việc nạo vét kênh nội đồng trước mùa lũ.",
        "Xã huy động ngày công lao động công ích và kinh phí hỗ trợ của huyện để nạo vét trước tháng 8.",
        "Các ấp đăng ký ngày công.",
    ),
]


def _seed_dialogues(stdout=None) -> int:
    from danvan.cases.models import IN_PROGRESS_STATUSES
    from danvan.people.models import User

    from . import services
    from .models import AgendaItem, Commitment, CommitmentNote, CommitmentStatus, Dialogue, DialogueStatus

    if Dialogue.objects.exists():
        return 0
    today = local_today()
    made = 0
    actor = (
        User.objects.filter(username="lanhdao.tramchim").first()
        or User.objects.filter(username="admin").first()
    )
    unit = unit_by_code("30001")
    if unit is not None and actor is not None:
        held_day = today - dt.timedelta(days=21)
        cases = list(
            Case.objects.filter(
                unit=unit,
                status__in=IN_PROGRESS_STATUSES,
                accepted_on__lte=held_day,
                received_on__gte=NOW_FROM,
            )
            .exclude(kind=Kind.DENUNCIATION)
            .order_by("pk")[:2]
        )
        host = actor.full_name
        common = {
            "actor": actor,
            "unit": unit,
            "host_name": host,
            "host_role": "Chủ tịch UBND xã",
            "co_organisers": "Ủy ban MTTQ Việt Nam xã Tràm Chim; Hội Nông dân xã; Hội Liên hiệp Phụ nữ xã",
            "place": "Hội trường UBND xã Tràm Chim",
        }
        d = services.dialogue_create(
            topic="Đối thoại với Nhân dân về giao thông nông thôn và bồi thường giải phóng mặt bằng",
            day=held_day,
            record_held=True,
            invitees="Đại diện các hộ dân có đơn; trưởng các ấp",
            **common,
        )
        items = [services.agenda_add(actor=actor, dialogue=d, case_id=c.pk) for c in cases]
        items.append(services.agenda_add(actor=actor, dialogue=d, topic="Nạo vét kênh nội đồng trước mùa lũ"))
        for item, (said, answer, outcome) in zip(items, AGENDA_TALK * 2, strict=False):
            services.agenda_answer(actor=actor, item=item, citizens_said=said, answer=answer, outcome=outcome)
        services.dialogue_hold(
            actor=actor,
            dialogue=d,
            held_on=held_day,
            attendance="62 hộ dân; đại diện Ủy ban MTTQ và các đoàn thể xã; công chức địa chính, giao thông",
            summary="Hội nghị thống nhất nâng nền đường liên ấp, chi trả tiền bồi thường trong 30 ngày và "
            "huy động ngày công nạo vét kênh trước mùa lũ.",
        )
        done = services.commitment_create(
            actor=actor,
            dialogue=d,
            content="Chi trả tiền bồi thường còn lại cho các hộ có đất bị thu hồi.",
            owner_unit="Ban quản lý dự án đầu tư xây dựng xã",
            owner_person="Nguyễn Văn Hậu",
            due=held_day + dt.timedelta(days=14),
        )
        services.commitment_update(
            actor=actor,
            commitment=done,
            status=CommitmentStatus.DONE,
            evidence="Đã chi trả đủ cho 12 hộ, có danh sách ký nhận.",
            today=held_day + dt.timedelta(days=10),
        )
        late = services.commitment_create(
            actor=actor,
            dialogue=d,
            content="Khảo sát, lập phương án làm cống thoát nước đoạn đường ngập.",
            owner_unit="Phòng Kinh tế xã",
            due=held_day + dt.timedelta(days=7),
        )
        services.commitment_update(
            actor=actor,
            commitment=late,
            status=CommitmentStatus.IN_PROGRESS,
            note="Đã khảo sát hiện trạng, đang chờ đơn vị tư vấn lập dự toán.",
            today=held_day + dt.timedelta(days=5),
        )
        services.commitment_create(
            actor=actor,
            dialogue=d,
            content="Nạo vét kênh nội đồng các ấp trước mùa lũ.",
            owner_unit="UBND xã, các ấp",
            due=today + dt.timedelta(days=45),
        )
        planned = services.dialogue_create(
            topic="Đối thoại về chính sách hỗ trợ hộ nghèo và nhà ở",
            day=today + dt.timedelta(days=10),
            **common,
        )
        services.agenda_add(actor=actor, dialogue=planned, topic="Tiêu chí rà soát hộ nghèo năm nay")
        _seed_participation(actor, planned)
        made += 2
        # the minutes of the held dialogue, written at once (the demo has no worker running)
        from .minutes import minutes_build
        from .models import Minutes

        minutes_build(Minutes.objects.create(unit=unit, dialogue=d, requested_by=actor).pk)

    # --- 2020: the old Tràm Chim (written directly: its cases are closed, their dialogue steps exist)
    old = _units(["30001"], OLD_DAY)
    if old:
        old_unit = old[0]
        day = dt.date(2020, 5, 21)
        d = Dialogue.objects.create(
            unit=old_unit,
            topic="Đối thoại về chuyển đổi cơ cấu cây trồng và thủy lợi nội đồng",
            host_name="Nguyễn Văn Thành",
            host_role="Chủ tịch UBND thị trấn",
            co_organisers="Ủy ban MTTQ Việt Nam thị trấn; Hội Nông dân thị trấn",
            day=day,
            place="Hội trường UBND thị trấn Tràm Chim",
            status=DialogueStatus.HELD,
            held_on=day,
            attendance="48 hộ dân",
            summary="Thống nhất lịch bơm tát, nạo vét kênh và hỗ trợ giống cho hộ chuyển đổi cây trồng.",
        )
        old_cases = list(
            Case.objects.filter(unit=old_unit, kind=Kind.COMPLAINT, events__action="dialogue")
            .distinct()
            .order_by("pk")[:1]
        )
        items = [
            AgendaItem(dialogue=d, order=i + 1, case=c, topic=c.title[:255]) for i, c in enumerate(old_cases)
        ]
        items.append(AgendaItem(dialogue=d, order=len(items) + 1, topic="Lịch bơm tát vụ Hè Thu"))
        for item, (said, answer, outcome) in zip(items, AGENDA_TALK[1:] + AGENDA_TALK, strict=False):
            item.citizens_said, item.answer, item.outcome = said, answer, outcome
        AgendaItem.objects.bulk_create(items)
        c1 = Commitment.objects.create(
            unit=old_unit,
            dialogue=d,
            content="Hỗ trợ giống lúa chất lượng cao cho hộ chuyển đổi.",
            owner_unit="Hội Nông dân thị trấn",
            due=dt.date(2020, 7, 15),
            status=CommitmentStatus.DONE,
            evidence="Đã cấp giống cho 35 hộ.",
            closed_on=dt.date(2020, 7, 10),
        )
        CommitmentNote.objects.create(
            commitment=c1, written_on=dt.date(2020, 7, 10), status=CommitmentStatus.DONE, text=c1.evidence
        )
        Commitment.objects.create(
            unit=old_unit,
            dialogue=d,
            content="Nạo vét kênh Phú Hiệp trước mùa lũ.",
            owner_unit="UBND thị trấn",
            due=dt.date(2020, 8, 1),
            status=CommitmentStatus.DROPPED,
            drop_reason="Huyện đưa kênh vào dự án nạo vét chung năm 2021.",
            closed_on=dt.date(2020, 7, 30),
        )
        made += 1
    if stdout is not None:
        stdout.write(f"  đối thoại: {made} hội nghị")
    return made


def _seed_participation(actor, planned) -> None:
    """The demo citizen registers for the planned dialogue and sends two questions (one accepted, one waiting);
    the Fatherland Front's chair is invited. Relative to the dialogue's day, so any "today" works."""
    from danvan.people.models import User

    from . import participation

    citizen = User.objects.filter(username="congdan", kind="citizen").first()
    if citizen is None:
        return
    participation.registration_create(actor=citizen, dialogue=planned)
    q = participation.question_send(
        actor=citizen,
        dialogue=planned,
        text="Hộ có người khuyết tật nhưng thu nhập vừa trên chuẩn có được xét hộ cận nghèo không?",
    )
    participation.question_moderate(actor=actor, question=q, accept=True)
    participation.question_send(
        actor=citizen,
        dialogue=planned,
        text="Xã có hỗ trợ vật liệu sửa nhà cho hộ nghèo trước mùa mưa bão năm nay không?",
    )
    participation.participant_add(
        actor=actor,
        dialogue=planned,
        kind="official",
        name="Lê Thị Mai",
        role="Chủ tịch Ủy ban MTTQ Việt Nam xã",
    )
