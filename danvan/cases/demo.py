"""Demo data for citizen cases: a few hundred cases in 2020 (the 34 communes of the old Tam Nông district,
codes 30001..30034 in force on 01/06/2020) and now (the communes 30001, 30010, 30019, 30025, 30028, 30034 in
force today), of every kind, channel and status: some overdue, some duplicates merged, some second-instance
complaints, denunciations with encrypted identities.

`seed(stdout=None)` is idempotent (cases carry the idempotency key "demo-<n>", existing ones are skipped) and
derived from random.Random(2026), so a re-run makes the same rows. Rows are written with bulk_create; the
deadlines come from the rulebook like the services' (compute_deadline on the day that starts the clock).
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from danvan.core.errors import DomainError
from danvan.core.formatting import local_today
from danvan.core.text import normalize
from danvan.rulebook.services import compute_deadline
from danvan.units.models import COMMUNITY_KINDS, Unit
from danvan.units.selectors import unit_by_code

from .models import Case, CaseEvent, Channel, Field, Kind, Outcome, Status
from .protection import contact_digest, encrypt_identity
from .services import CODE_ALPHABET, CODE_PREFIX

OLD_DAY = dt.date(2020, 6, 1)
OLD_CODES = [str(c) for c in range(30001, 30035)]
CURRENT_CODES = ("30001", "30010", "30019", "30025", "30028", "30034")
OLD_COUNT = 160
CURRENT_COUNT = 220

TOPICS = {
    "dat-dai": [
        (
            "Tranh chấp ranh giới đất giữa hai hộ ở {p}",
            "Hộ bên cạnh lấn sang khoảng 1,5 m đất vườn, đã hoà giải ở ấp nhưng không thành.",
        ),
        (
            "Chậm cấp giấy chứng nhận quyền sử dụng đất",
            "Nộp hồ sơ từ ba tháng trước nhưng chưa được cấp giấy, không được hẹn ngày trả.",
        ),
        (
            "Bồi thường đất làm đường chưa thỏa đáng",
            "Đơn giá bồi thường đất vườn thấp hơn giá thị trường nhiều lần.",
        ),
    ],
    "moi-truong": [
        (
            "Nhà máy xay lúa gây tiếng ồn ban đêm ở {p}",
            "Nhà máy xay lúa chạy suốt đêm, tiếng ồn và bụi trấu ảnh hưởng các hộ xung quanh.",
        ),
        (
            "Xả nước thải chăn nuôi heo ra kênh",
            "Trại heo xả nước thải chưa xử lý ra kênh, nước kênh bốc mùi hôi.",
        ),
        ("Rác thải tồn đọng ven đường {p}", "Rác không được thu gom nhiều ngày, gây mùi và ruồi muỗi."),
    ],
    "ha-tang-giao-thong": [
        (
            "Đường liên ấp {p} ngập sâu sau mưa",
            "Mỗi khi mưa lớn đoạn đường ngập 30–40 cm, học sinh đi học khó khăn.",
        ),
        ("Cầu khỉ {p} xuống cấp nguy hiểm", "Cầu gỗ bắc qua kênh đã mục, nhiều người đi qua bị té."),
        (
            "Đèn chiếu sáng đường {p} hư hỏng",
            "Đèn đường tắt nhiều tuần, buổi tối rất tối, dễ xảy ra tai nạn.",
        ),
    ],
    "chinh-sach-xa-hoi": [
        (
            "Chưa nhận tiền hỗ trợ theo Nghị quyết 42",
            "Gia đình thuộc hộ cận nghèo nhưng chưa nhận được tiền hỗ trợ do dịch COVID-19.",
        ),
        (
            "Xét hộ nghèo chưa đúng đối tượng ở {p}",
            "Một số hộ có điều kiện khá vẫn có tên trong danh sách hộ nghèo.",
        ),
        (
            "Đề nghị hỗ trợ sửa nhà cho gia đình chính sách",
            "Nhà của mẹ liệt sĩ bị dột nát, đề nghị xã hỗ trợ sửa chữa.",
        ),
    ],
    "thu-tuc-hanh-chinh": [
        (
            "Chậm giải quyết hồ sơ đăng ký hộ tịch",
            "Hồ sơ khai sinh cho cháu quá hẹn năm ngày vẫn chưa có kết quả.",
        ),
        (
            "Đề nghị niêm yết công khai thủ tục tại bộ phận một cửa",
            "Người dân không biết cần giấy tờ gì, phải đi lại nhiều lần.",
        ),
    ],
    "an-ninh-trat-tu": [
        (
            "Thanh niên tụ tập đua xe ban đêm ở {p}",
            "Nhóm thanh niên đua xe, nẹt pô gây mất trật tự sau 22 giờ.",
        ),
        (
            "Cán bộ thu tiền không có biên lai",
            "Cán bộ ấp thu tiền đóng góp làm đường nhưng không đưa biên lai.",
        ),
    ],
}
# (field, title, content, answer): a denunciation's conclusion is about the conduct denounced
DENUNCIATION_TOPICS = [
    (
        "dat-dai",
        "Tố cáo cán bộ địa chính nhận tiền khi làm hồ sơ đất",
        "Cán bộ địa chính yêu cầu nộp thêm tiền ngoài quy định mới nhận hồ sơ.",
        "Kết luận nội dung tố cáo: qua xác minh, cán bộ địa chính có thu thêm khoản tiền ngoài lệ phí của hai hộ. "
        "Chủ tịch UBND xã đã yêu cầu hoàn trả, kiểm điểm và xử lý kỷ luật khiển trách cán bộ vi phạm.",
    ),
    (
        "chinh-sach-xa-hoi",
        "Tố cáo sai phạm trong xét duyệt hỗ trợ",
        "Danh sách hỗ trợ có tên người thân của cán bộ không đủ điều kiện.",
        "Kết luận nội dung tố cáo: hai trường hợp trong danh sách không đủ điều kiện đã bị đưa ra khỏi danh sách, "
        "khoản hỗ trợ đã nhận được thu hồi; tổ bình xét được kiện toàn và danh sách được niêm yết lại.",
    ),
    (
        "moi-truong",
        "Tố cáo khai thác cát trái phép trên sông",
        "Ghe hút cát hoạt động ban đêm gây sạt lở bờ sông.",
        "Kết luận nội dung tố cáo: UBND xã phối hợp Công an xã bắt quả tang một ghe hút cát không phép, lập biên "
        "bản chuyển cấp huyện xử phạt; tổ tự quản ven sông được giao theo dõi ban đêm.",
    ),
]
ANSWERS = {
    "dat-dai": [
        "Ngày làm việc tại thực địa, cán bộ địa chính xã đã đo đạc lại ranh giới theo bản đồ địa chính năm 2015 "
        "và tổ chức hoà giải; hai hộ thống nhất cắm lại mốc ranh. Trường hợp còn vướng mắc, công dân có thể gửi "
        "đơn đến Tòa án nhân dân huyện theo quy định.",
        "Hồ sơ cấp giấy chứng nhận đã được bổ sung trích lục và chuyển Văn phòng đăng ký đất đai; dự kiến trả "
        "kết quả trong 15 ngày. UBND xã đã nhắc nhở bộ phận một cửa ghi rõ ngày hẹn trả.",
    ],
    "moi-truong": [
        "UBND xã đã kiểm tra, lập biên bản và yêu cầu chủ cơ sở chỉ hoạt động từ 6 giờ đến 21 giờ, lắp lưới che "
        "bụi trấu trong 30 ngày. Tổ tự quản ấp sẽ theo dõi việc thực hiện.",
        "Đoàn kiểm tra xã đã yêu cầu trại chăn nuôi ngưng xả thải ra kênh, đầu tư hầm biogas; trường hợp tái "
        "phạm sẽ lập hồ sơ đề nghị xử phạt vi phạm hành chính.",
        "Tổ thu gom rác đã bổ sung lịch thu gom hai lần mỗi tuần tại tuyến đường này và đặt thêm thùng rác "
        "công cộng.",
    ],
    "ha-tang-giao-thong": [
        "UBND xã đã khảo sát, đưa tuyến đường vào kế hoạch nâng cấp năm sau theo phương thức Nhà nước và Nhân "
        "dân cùng làm; trước mắt đã nạo vét cống thoát nước hai bên đường.",
        "Xã đã cắm biển cảnh báo, gia cố tạm mặt cầu và vận động Nhân dân góp ngày công, kinh phí xây cầu bê "
        "tông; MTTQ xã đã phát động quyên góp.",
        "Điện lực huyện đã thay bóng và sửa tủ điện; đèn chiếu sáng đã hoạt động lại bình thường.",
    ],
    "chinh-sach-xa-hoi": [
        "Qua rà soát, gia đình đủ điều kiện hưởng hỗ trợ; hồ sơ đã được bổ sung và chi trả qua tài khoản của chủ hộ.",
        "Ban chỉ đạo giảm nghèo xã đã rà soát lại danh sách, đưa ra bình xét công khai tại cuộc họp ấp và điều "
        "chỉnh những trường hợp không đúng đối tượng.",
    ],
    "thu-tuc-hanh-chinh": [
        "UBND xã đã xin lỗi công dân vì trả kết quả trễ hạn, nhắc nhở công chức phụ trách và niêm yết đầy đủ "
        "thủ tục, lệ phí tại bộ phận một cửa.",
    ],
    "khac": [
        "UBND xã đã kiểm tra thực tế, làm việc với các bên liên quan và có biện pháp khắc phục; kết quả được "
        "thông báo tại cuộc họp ấp gần nhất.",
    ],
}
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi"]
GIVEN = ["Văn Hùng", "Thị Mai", "Văn Tâm", "Thị Lan", "Minh Trí", "Thị Hồng", "Văn Lợi", "Thanh Sang"]
KIND_WEIGHTS = [(Kind.FEEDBACK, 45), (Kind.PETITION, 20), (Kind.COMPLAINT, 20), (Kind.DENUNCIATION, 15)]
CHANNELS = [Channel.WEB, Channel.WEB, Channel.RECEPTION, Channel.LETTER, Channel.PHONE, Channel.TRANSFERRED]


def _due(key: str, start: dt.date):
    try:
        return compute_deadline(key, start)
    except DomainError:
        return None


def _code(rng: random.Random, kind: str, on: dt.date, used: set) -> str:
    while True:
        code = f"{CODE_PREFIX[kind]}{on:%y}-" + "".join(rng.choice(CODE_ALPHABET) for _ in range(6))
        if code not in used:
            used.add(code)
            return code


def _pick_kind(rng: random.Random) -> str:
    return rng.choices([k for k, _ in KIND_WEIGHTS], weights=[w for _, w in KIND_WEIGHTS])[0]


def _build(rng, n, commune, hamlets, fields, on, today, used) -> tuple[Case, list[tuple]]:
    kind = _pick_kind(rng)
    field_code = rng.choice(list(TOPICS))
    place = rng.choice(hamlets).name if hamlets else commune.name
    conclusion = ""
    if kind == Kind.DENUNCIATION:
        field_code, title, content, conclusion = rng.choice(DENUNCIATION_TOPICS)
    else:
        title, content = rng.choice(TOPICS[field_code])
    title = title.format(p=place)
    name = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"
    phone = "09" + "".join(rng.choice("0123456789") for _ in range(8))
    anonymous = kind in (Kind.FEEDBACK, Kind.PETITION) and rng.random() < 0.2
    case = Case(
        code=_code(rng, kind, on, used),
        kind=kind,
        channel=rng.choice(CHANNELS),
        field=fields[field_code],
        title=title,
        content=content,
        unit=commune,
        commune=commune,
        hamlet=rng.choice(hamlets) if hamlets and rng.random() < 0.7 else None,
        place_address=place,
        received_on=on,
        is_remote=commune.is_remote,
        is_anonymous=anonymous,
        consent_publish=rng.random() < 0.5,
        idempotency_key=f"demo-{n}",
        created_at=timezone.now(),
        updated_at=timezone.now(),
    )
    if kind == Kind.DENUNCIATION:
        case.protected_identity = encrypt_identity({"name": name, "phone": phone, "address": f"Ấp {place}"})
        case.contact_digest = contact_digest(phone)
    elif not anonymous:
        case.submitter_name, case.submitter_phone, case.submitter_address = name, phone, f"Ấp {place}"
        case.contact_digest = contact_digest(phone)
    if kind == Kind.COMPLAINT:
        case.decision_ref = f"Quyết định số {rng.randint(10, 400)}/QĐ-UBND"
        case.act_known_on = on - dt.timedelta(days=rng.randint(3, 60))
        case.is_complex = rng.random() < 0.25
    accept_key = {
        Kind.COMPLAINT: "complaint.accept",
        Kind.DENUNCIATION: "denunciation.process",
    }.get(kind, "feedback.forward")
    d = _due(accept_key, on)
    if d:
        case.accept_due, case.accept_rule_key, case.accept_citation = d.due, d.rule_key, d.citation
    events = [("submit", "", Status.RECEIVED, "Đã tiếp nhận đơn.", on)]
    age = (today - on).days
    # the further in the past, the further along the workflow
    roll = rng.random()
    if age < 8 and roll < 0.7:
        target = Status.RECEIVED
    elif age < 8:  # too recent to be settled
        target = Status.ACCEPTED
    elif roll < 0.06:
        target = Status.DECLINED
    elif roll < 0.1:
        target = Status.TRANSFERRED
    elif age < 60 and roll < 0.55:
        target = rng.choice([Status.ACCEPTED, Status.VERIFYING, Status.DIALOGUE])
    elif age >= 60 and roll < 0.2:
        target = rng.choice([Status.ACCEPTED, Status.VERIFYING])  # overdue
    else:
        target = rng.choice([Status.RESOLVED, Status.CLOSED, Status.CLOSED])
    if target == Status.DECLINED:
        case.decline_reason = (
            "Đơn không thuộc thẩm quyền giải quyết của UBND xã (Luật Khiếu nại 2011, Điều 11)."
        )
        events.append(
            (
                "decline",
                Status.RECEIVED,
                Status.DECLINED,
                f"Không thụ lý: {case.decline_reason}",
                on + dt.timedelta(days=3),
            )
        )
    elif target == Status.TRANSFERRED:
        events.append(
            (
                "transfer",
                Status.RECEIVED,
                Status.TRANSFERRED,
                "Đã chuyển đến cơ quan có thẩm quyền.",
                on + dt.timedelta(days=2),
            )
        )
    elif target != Status.RECEIVED:
        accepted_on = min(today, on + dt.timedelta(days=rng.randint(1, 12)))
        case.accepted_on = accepted_on
        case.accept_late = bool(case.accept_due and accepted_on > case.accept_due)
        if kind == Kind.COMPLAINT:
            key = (
                "complaint.resolve_first"
                + ("_remote" if case.is_remote else "")
                + ("_complex" if case.is_complex else "")
            )
            rd = _due(key, accepted_on)
        elif kind == Kind.DENUNCIATION:
            rd = _due("denunciation.resolve", accepted_on)
        else:
            rd = _due("reception.answer", on)
        if rd:
            case.resolve_due, case.resolve_rule_key, case.resolve_citation = rd.due, rd.rule_key, rd.citation
        events.append(("accept", Status.RECEIVED, Status.ACCEPTED, "Đã thụ lý giải quyết.", accepted_on))
        step = accepted_on
        if (
            target in (Status.VERIFYING, Status.DIALOGUE, Status.RESOLVED, Status.CLOSED)
            and rng.random() < 0.7
        ):
            step = min(today, step + dt.timedelta(days=rng.randint(1, 8)))
            events.append(("verify", Status.ACCEPTED, Status.VERIFYING, "Đang xác minh nội dung.", step))
        if target == Status.DIALOGUE or (target in (Status.RESOLVED, Status.CLOSED) and rng.random() < 0.3):
            step = min(today, step + dt.timedelta(days=rng.randint(1, 8)))
            events.append(
                (
                    "dialogue",
                    Status.VERIFYING,
                    Status.DIALOGUE,
                    f"Đã tổ chức đối thoại ngày {step:%d/%m/%Y}.",
                    step,
                )
            )
        if target in (Status.RESOLVED, Status.CLOSED):
            span = max(1, ((case.resolve_due or on + dt.timedelta(days=30)) - accepted_on).days)
            resolved_on = min(today, accepted_on + dt.timedelta(days=rng.randint(2, int(span * 1.3) + 2)))
            resolved_on = max(resolved_on, step)  # after the verification and the dialogue
            case.resolved_on = resolved_on
            case.answer = conclusion or rng.choice(ANSWERS.get(field_code, ANSWERS["khac"]))
            if kind in (Kind.COMPLAINT, Kind.DENUNCIATION):
                case.outcome = rng.choice(Outcome.values)
            case.public_interest = case.consent_publish and kind != Kind.DENUNCIATION and rng.random() < 0.5
            events.append(
                ("resolve", Status.VERIFYING, Status.RESOLVED, "Đã có kết quả giải quyết.", resolved_on)
            )
            if rng.random() < 0.6:
                case.rating = rng.choices([5, 4, 3, 2, 1], weights=[35, 35, 15, 10, 5])[0]
            if target == Status.CLOSED:
                case.closed_on = min(today, resolved_on + dt.timedelta(days=rng.randint(1, 10)))
                events.append(("close", Status.RESOLVED, Status.CLOSED, "Hồ sơ đã kết thúc.", case.closed_on))
    case.status = target
    case.search_text = normalize(
        " ".join(
            [case.code, case.title, case.content, case.place_address, case.decision_ref, case.field.name]
        )
    )
    return case, events


def _communes(codes, day):
    found = []
    for code in codes:
        unit = unit_by_code(code, day)
        if unit is not None:
            found.append(unit)
    return found


def _hamlets(communes):
    by_parent: dict[int, list] = {}
    for h in Unit.objects.filter(parent__in=communes, kind__in=list(COMMUNITY_KINDS)).natural():
        by_parent.setdefault(h.parent_id, []).append(h)
    return by_parent


LEADER_ACTIONS = {"resolve", "close", "decline", "extend"}


def _unit_officers(unit_ids) -> dict:
    """unit id → (case officer, leader) among the demo accounts holding those roles there (or None)."""
    from danvan.access.models import RoleAssignment
    from danvan.access.roles import Role

    found: dict[int, list] = {}
    rows = RoleAssignment.objects.filter(
        unit_id__in=unit_ids, role__in=[Role.CASE_OFFICER, Role.LEADER]
    ).select_related("user")
    for r in rows.order_by("pk"):
        pair = found.setdefault(r.unit_id, [None, None])
        slot = 0 if r.role == Role.CASE_OFFICER else 1
        pair[slot] = pair[slot] or r.user
    return {k: tuple(v) for k, v in found.items()}


@transaction.atomic
def seed(stdout=None) -> int:
    today = local_today()
    existing = set(
        Case.objects.filter(idempotency_key__startswith="demo-").values_list("idempotency_key", flat=True)
    )
    if existing:
        if stdout:
            stdout.write(f"Đơn thư mẫu đã có ({len(existing)} hồ sơ), bỏ qua.")
        return 0
    fields = {f.code: f for f in Field.objects.all()}
    if not fields:
        return 0
    rng = random.Random(2026)
    used = set(Case.objects.values_list("code", flat=True))
    old = _communes(OLD_CODES, OLD_DAY)
    current = _communes(CURRENT_CODES, today)
    hamlets = _hamlets(old + current)
    plans = []
    n = 0
    for communes, count, start, end in (
        (old, OLD_COUNT, dt.date(2020, 1, 2), dt.date(2020, 12, 28)),
        (current, CURRENT_COUNT, today - dt.timedelta(days=300), today),
    ):
        if not communes:
            continue
        for _ in range(count):
            n += 1
            commune = rng.choice(communes)
            span = (end - start).days
            if end == today:  # now: more recent cases, so every commune has new ones waiting
                on = end - dt.timedelta(days=int(rng.random() ** 2 * span))
            else:
                on = start + dt.timedelta(days=rng.randint(0, span))
            plans.append(
                _build(
                    rng,
                    n,
                    commune,
                    hamlets.get(commune.pk, []),
                    fields,
                    on,
                    min(today, end + dt.timedelta(days=120)) if end.year == 2020 else today,
                    used,
                )
            )
    if not plans:
        return 0
    officers = _unit_officers({c.unit_id for c, _ in plans})
    for case, _evs in plans:
        if case.accepted_on and case.unit_id in officers:
            case.handler = officers[case.unit_id][0] or officers[case.unit_id][1]
    cases = Case.objects.bulk_create([c for c, _ in plans], batch_size=500)
    events = []
    for case, evs in plans:
        handler, leader = officers.get(case.unit_id, (None, None))
        for action, frm, to, note, day in evs:
            at = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
            actor = (
                None if action == "submit" else (leader if action in LEADER_ACTIONS else handler) or leader
            )
            events.append(
                CaseEvent(
                    case=case,
                    at=at,
                    action=action,
                    from_status=frm,
                    to_status=to,
                    public_note=note,
                    actor=actor,
                )
            )
    # duplicates: a few open current cases get a second submission of the same matter, merged into them
    dups = []
    primaries = [
        c
        for c in cases
        if c.status in (Status.RECEIVED, Status.ACCEPTED) and c.kind in (Kind.FEEDBACK, Kind.PETITION)
    ]
    for primary in primaries[:12]:
        n += 1
        on = min(today, primary.received_on + dt.timedelta(days=rng.randint(0, 4)))
        name = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"
        phone = "08" + "".join(rng.choice("0123456789") for _ in range(8))
        dup = Case(
            code=_code(rng, primary.kind, on, used),
            kind=primary.kind,
            channel=rng.choice(CHANNELS),
            field=primary.field,
            title=primary.title,
            content=primary.content + " Đề nghị xã sớm xử lý.",
            unit=primary.unit,
            commune=primary.commune,
            hamlet=primary.hamlet,
            place_address=primary.place_address,
            submitter_name=name,
            submitter_phone=phone,
            contact_digest=contact_digest(phone),
            received_on=on,
            status=Status.MERGED,
            merged_into=primary,
            accept_due=primary.accept_due,
            accept_rule_key=primary.accept_rule_key,
            accept_citation=primary.accept_citation,
            search_text=primary.search_text,
            idempotency_key=f"demo-{n}",
        )
        dups.append(dup)
    merged = len(dups)
    # second-instance complaints: a few resolved first-instance complaints are appealed to the parent unit
    appeals = []
    for case in [
        c for c in cases if c.kind == Kind.COMPLAINT and c.status in (Status.RESOLVED, Status.CLOSED)
    ][:10]:
        parent = case.unit.parent
        if parent is None or case.resolved_on is None:
            continue
        on = min(today, case.resolved_on + dt.timedelta(days=rng.randint(5, 25)))
        n += 1
        a = Case(
            code=_code(rng, Kind.COMPLAINT, on, used),
            kind=Kind.COMPLAINT,
            channel=Channel.LETTER,
            field=case.field,
            title=f"Khiếu nại lần hai: {case.title}"[:300],
            content="Không đồng ý với quyết định giải quyết lần đầu.",
            unit=parent,
            commune=case.commune,
            hamlet=case.hamlet,
            place_address=case.place_address,
            submitter_name=case.submitter_name,
            submitter_phone=case.submitter_phone,
            submitter_address=case.submitter_address,
            contact_digest=case.contact_digest,
            decision_ref=case.decision_ref,
            act_known_on=case.resolved_on,
            instance=2,
            first_instance=case,
            is_remote=case.is_remote,
            received_on=on,
            status=Status.RECEIVED,
            idempotency_key=f"demo-{n}",
        )
        d = _due("complaint.accept", on)
        if d:
            a.accept_due, a.accept_rule_key, a.accept_citation = d.due, d.rule_key, d.citation
        a.search_text = normalize(f"{a.code} {a.title} {a.content}")
        appeals.append(a)
    appeals = Case.objects.bulk_create(appeals)
    dups = Case.objects.bulk_create(dups)
    for d in dups:
        at = timezone.make_aware(dt.datetime.combine(d.received_on, dt.time(10)))
        events.append(
            CaseEvent(
                case=d, at=at, action="submit", to_status=Status.RECEIVED, public_note="Đã tiếp nhận đơn."
            )
        )
        events.append(
            CaseEvent(
                case=d,
                at=at,
                action="merge",
                from_status=Status.RECEIVED,
                to_status=Status.MERGED,
                public_note=f"Đã gộp vào hồ sơ {d.merged_into.code}; bạn sẽ tiếp tục nhận thông báo.",
            )
        )
    for a in appeals:
        events.append(
            CaseEvent(
                case=a,
                at=timezone.make_aware(dt.datetime.combine(a.received_on, dt.time(9))),
                action="submit",
                to_status=Status.RECEIVED,
                public_note="Đã tiếp nhận đơn khiếu nại lần hai.",
            )
        )
    CaseEvent.objects.bulk_create(events, batch_size=1000)
    total = len(cases) + len(appeals) + len(dups)
    if stdout:
        stdout.write(f"Đơn thư mẫu: {total} hồ sơ ({merged} gộp, {len(appeals)} khiếu nại lần hai).")
    return total
