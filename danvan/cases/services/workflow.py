"""The handling of a case after receipt: classify, assign, accept or decline, transfer, verify, hold a
dialogue, extend, resolve, close, reopen, merge duplicates, and the citizen's rating."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from danvan.access.policy import has_unit_perm
from danvan.core.errors import DomainError
from danvan.core.files import DOCUMENTS, validate_upload
from danvan.core.formatting import format_date, local_today
from danvan.core.tasks import enqueue_on_commit
from danvan.core.text import nfc
from danvan.rulebook.services import compute_deadline, rule_in_force
from danvan.search.registry import search_index

from ..models import (
    IN_PROGRESS_STATUSES,
    OPEN_STATUSES,
    Case,
    CaseDialogue,
    Complexity,
    Field,
    Kind,
    Outcome,
    Status,
)
from .common import (
    CONTENT_MAX,
    KIND_LABELS,
    NOTE_MAX,
    _apply_accept_due,
    _audit,
    _clean_text,
    _deadline_or_none,
    _event,
    _expect,
    _lock,
    _require,
    _set_status,
    _user_or_none,
    build_search_text,
    case_topic,
    inform_citizen,
    notice_text,
    notify_new_case,
    resolve_deadline,
    settle_notices,
    vi,
)


@transaction.atomic
def case_classify(*, actor, case: Case, kind: str | None = None, field: Field | None = None) -> Case:
    """Correct the kind or the field of a case before acceptance (deadlines are recomputed)."""
    _require(actor, "cases.handle", case.unit)
    c = _lock(case)
    _expect(c, (Status.RECEIVED, Status.TRANSFERRED), "Chỉ phân loại lại được hồ sơ chưa thụ lý")
    changes = {}
    if kind and kind != c.kind:
        if kind not in Kind.values:
            raise DomainError("Loại đơn không hợp lệ.", field="kind")
        if Kind.DENUNCIATION in (kind, c.kind):
            raise DomainError(
                "Không chuyển được giữa tố cáo và loại đơn khác: danh tính người tố cáo được lưu riêng.",
                field="kind",
            )
        changes["kind"] = [c.kind, kind]
        c.kind = kind
        _apply_accept_due(c)
    if field is not None and field.pk != c.field_id:
        changes["field"] = [c.field_id, field.pk]
        c.field = field
    c.search_text = build_search_text(c)
    c.save()
    _event(c, actor=actor, action="classify", internal="Phân loại lại hồ sơ.")
    _audit(actor, "case.classify", c, changes)
    search_index(c)
    return c


@transaction.atomic
def case_assign(*, actor, case: Case, handler) -> Case:
    """Assign the officer who handles the case (must hold `cases.handle` on its unit); tells them in-app."""
    _require(actor, "cases.handle", case.unit)
    c = _lock(case)
    if not c.is_open:
        raise DomainError("Hồ sơ đã kết thúc, không phân công được.", code="bad_status")
    if handler is None or not has_unit_perm(handler, "cases.handle", c.unit):
        raise DomainError("Người được phân công phải là cán bộ xử lý đơn thư của đơn vị.", field="handler")
    before = c.handler_id
    c.handler = handler
    c.save(update_fields=["handler", "updated_at"])
    _event(c, actor=actor, action="assign", internal=f"Phân công: {handler.display_name}")
    _audit(actor, "case.assign", c, {"handler": [before, handler.pk]})
    from danvan.notifications.services import notices_done, notify

    settle_notices(c, "assign", actor)
    if before and before != handler.pk:  # the former handler's assignment is over
        notices_done(
            topic=case_topic(c, "assigned"),
            note=f"Đã phân công cho {handler.display_name}",
        )
    notify(
        user=handler,
        title=f"Bạn được phân công xử lý hồ sơ {c.code}",
        body=f"{vi(KIND_LABELS[c.kind])}: {c.title[:120]}",
        url=c.get_absolute_url(),
        channels=("inapp",),
        topic=case_topic(c, "assigned"),
    )
    return c


@transaction.atomic
def case_accept(
    *, actor, case: Case, accepted_on: dt.date | None = None, is_complex: bool | None = None, note: str = ""
) -> Case:
    """Thụ lý: computes the resolution deadline and flags an acceptance later than `accept_due`."""
    _require(actor, "cases.handle", case.unit)
    c = _lock(case)
    _expect(
        c, (Status.RECEIVED, Status.TRANSFERRED), "Chỉ thụ lý được hồ sơ mới tiếp nhận hoặc được chuyển đến"
    )
    accepted_on = accepted_on or local_today()
    if accepted_on < c.received_on:
        raise DomainError("Ngày thụ lý không được trước ngày tiếp nhận.", field="accepted_on")
    if is_complex is not None:
        c.is_complex = bool(is_complex)
    d = resolve_deadline(c, accepted_on)
    c.accepted_on = accepted_on
    c.accept_late = bool(c.accept_due and accepted_on > c.accept_due)
    c.resolve_due = d.due if d else None
    c.resolve_rule_key = d.rule_key if d else ""
    c.resolve_citation = d.citation if d else ""
    note = _clean_text(note, field="note", label="ghi chú", max_length=NOTE_MAX, required=False, lines=True)
    public = "Đã thụ lý giải quyết" + (
        f", hạn giải quyết {format_date(c.resolve_due)}." if c.resolve_due else "."
    )
    _set_status(
        c,
        actor,
        "accept",
        Status.ACCEPTED,
        public=public,
        internal=note + (" Thụ lý muộn so với hạn." if c.accept_late else ""),
        resolve_due=[None, c.resolve_due],
        accept_late=[None, c.accept_late],
        is_complex=[None, c.is_complex],
    )
    return c


@transaction.atomic
def case_decline(*, actor, case: Case, reason: str) -> Case:
    """Không thụ lý, with the legal reason (e.g. Luật Khiếu nại Điều 11), told to the citizen."""
    _require(actor, "cases.handle", case.unit)
    reason = _clean_text(
        reason, field="reason", label="lý do không thụ lý (căn cứ pháp lý)", max_length=NOTE_MAX, lines=True
    )
    c = _lock(case)
    _expect(c, (Status.RECEIVED, Status.TRANSFERRED), "Chỉ từ chối thụ lý được hồ sơ chưa thụ lý")
    c.decline_reason = reason
    _set_status(
        c, actor, "decline", Status.DECLINED, public=f"Không thụ lý: {reason}", decline_reason=["", reason]
    )
    return c


@transaction.atomic
def case_transfer(*, actor, case: Case, to_unit, reason: str = "", on: dt.date | None = None) -> Case:
    """Chuyển đơn to the competent unit; flagged late after the forward rule (working days from receipt)."""
    _require(actor, "cases.handle", case.unit)
    c = _lock(case)
    _expect(c, (Status.RECEIVED, Status.TRANSFERRED), "Chỉ chuyển được hồ sơ chưa thụ lý")
    if to_unit is None or to_unit.pk == c.unit_id:
        raise DomainError("Vui lòng chọn đơn vị khác để chuyển đơn.", field="to_unit")
    reason = _clean_text(
        reason, field="reason", label="lý do chuyển", max_length=NOTE_MAX, required=False, lines=True
    )
    on = on or local_today()
    key = "denunciation.forward" if c.kind == Kind.DENUNCIATION else "feedback.forward"
    d = _deadline_or_none(key, c.received_on)
    from_unit = c.unit
    before_due = c.accept_due
    c.transferred_from = from_unit
    c.transfer_late = bool(d and on > d.due)
    c.unit = to_unit
    c.handler = None
    c.is_remote = bool(to_unit.is_remote)
    # From the transfer on the case is the receiving unit's: its acceptance clock starts on the day it arrives
    # there, so it is never overdue for the sender nor overdue on arrival for the receiver.
    c.transferred_on = on
    _apply_accept_due(c)
    internal = reason
    if c.transfer_late:
        internal += f" Chuyển muộn so với hạn {format_date(d.due)} ({d.citation})."
    _set_status(
        c,
        actor,
        "transfer",
        Status.TRANSFERRED,
        public=f"Đã chuyển đến {to_unit.name} để giải quyết theo thẩm quyền.",
        internal=internal.strip(),
        unit=[from_unit.pk, to_unit.pk],
        transfer_late=[None, c.transfer_late],
        accept_due=[before_due, c.accept_due],
    )
    notify_new_case(c, transferred=True)
    return c


@transaction.atomic
def case_start_verification(*, actor, case: Case, note: str = "") -> Case:
    _require(actor, "cases.handle", case.unit)
    c = _lock(case)
    _expect(c, (Status.ACCEPTED, Status.DIALOGUE), "Chỉ xác minh được hồ sơ đã thụ lý")
    note = _clean_text(note, field="note", label="ghi chú", max_length=NOTE_MAX, required=False, lines=True)
    _set_status(c, actor, "verify", Status.VERIFYING, public="Đang xác minh nội dung.", internal=note)
    return c


def _checked_file(uploaded, *, field: str):
    """(file, its content type) for a document an officer attaches (PDF, DOCX, XLSX or an image), checked by
    content (`danvan.core.files.validate_upload`); (None, "") when nothing was chosen."""
    if not uploaded:
        return None, ""
    try:
        return uploaded, validate_upload(uploaded, DOCUMENTS)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), code="bad_file", field=field)


def _file_name(uploaded) -> str:
    return nfc((getattr(uploaded, "name", "") or "tep").rsplit("/", 1)[-1])[:200]


def _past_day(day, *, field: str, label: str, not_before: dt.date | None, before_label: str) -> dt.date:
    if day is None:
        raise DomainError(f"Vui lòng nhập {label}.", field=field, code="required")
    if day > local_today():
        raise DomainError(f"{label[:1].upper()}{label[1:]} không được sau hôm nay.", field=field)
    if not_before is not None and day < not_before:
        raise DomainError(
            f"{label[:1].upper()}{label[1:]} không được trước {before_label} ({format_date(not_before)}).",
            field=field,
        )
    return day


@transaction.atomic
def case_hold_dialogue(
    *,
    actor,
    case: Case,
    note: str,
    held_on: dt.date | None = None,
    participants: str = "",
    place: str = "",
    minutes=None,
) -> Case:
    """Record a dialogue with the citizen (mandatory before a second-instance complaint decision): the day it
    was held — typed by the officer, today only when left empty —, who took part, where, what was said and
    agreed, and the minutes (biên bản) as a file. Kept as a `CaseDialogue` of the case."""
    _require(actor, "cases.handle", case.unit)
    note = _clean_text(note, field="note", label="nội dung đối thoại", max_length=NOTE_MAX, lines=True)
    participants = _clean_text(
        participants,
        field="participants",
        label="thành phần tham dự",
        max_length=NOTE_MAX,
        required=False,
        lines=True,
    )
    place = _clean_text(place, field="place", label="địa điểm", max_length=255, required=False)
    minutes, _mime = _checked_file(minutes, field="minutes")
    c = _lock(case)
    _expect(c, IN_PROGRESS_STATUSES, "Chỉ đối thoại được với hồ sơ đang giải quyết")
    held_on = _past_day(
        held_on or local_today(),
        field="held_on",
        label="ngày đối thoại",
        not_before=c.accepted_on,
        before_label="ngày thụ lý",
    )
    _set_status(
        c,
        actor,
        "dialogue",
        Status.DIALOGUE,
        public=f"Đã tổ chức đối thoại ngày {format_date(held_on)}.",
        internal=note,
        dialogue_on=[None, held_on],
        participants=[None, participants],
        minutes=[None, True if minutes else None],
    )
    record = CaseDialogue(
        case=c,
        event=c.events.filter(action="dialogue").order_by("-pk").first(),
        held_on=held_on,
        place=place,
        participants=participants,
        note=note,
        created_by=_user_or_none(actor),
    )
    if minutes:
        record.minutes_name = _file_name(minutes)
        record.minutes.save(record.minutes_name, minutes, save=False)
    record.save()
    return c


def max_extensions(case: Case, complexity: str) -> tuple[int, str]:
    key = (
        "denunciation.extensions_especially_complex"
        if complexity == Complexity.ESPECIALLY
        else "denunciation.extensions_complex"
    )
    rule = rule_in_force(key, case.accepted_on or case.received_on)
    return rule.whole_value, rule.citation


@transaction.atomic
def case_extend(*, actor, case: Case, reason: str, complexity: str = Complexity.COMPLEX) -> Case:
    """Gia hạn giải quyết tố cáo: complex cases once, especially complex twice, each by `denunciation.extension`."""
    _require(actor, "cases.resolve", case.unit)
    reason = _clean_text(reason, field="reason", label="lý do gia hạn", max_length=NOTE_MAX, lines=True)
    c = _lock(case)
    if c.kind != Kind.DENUNCIATION:
        raise DomainError(
            "Chỉ gia hạn giải quyết tố cáo; với khiếu nại, vụ việc phức tạp được xác định khi thụ lý.",
            code="not_denunciation",
        )
    _expect(c, IN_PROGRESS_STATUSES, "Chỉ gia hạn được hồ sơ đang giải quyết")
    if complexity not in Complexity.values:
        raise DomainError("Vui lòng chọn mức độ phức tạp.", field="complexity")
    if c.complexity == Complexity.ESPECIALLY and complexity == Complexity.COMPLEX:
        complexity = Complexity.ESPECIALLY
    limit, citation = max_extensions(c, complexity)
    if c.extensions >= limit:
        label = "đặc biệt phức tạp" if complexity == Complexity.ESPECIALLY else "phức tạp"
        raise DomainError(
            f"Vụ việc {label} chỉ được gia hạn tối đa {limit} lần ({citation}); hồ sơ đã gia hạn {c.extensions} lần.",
            code="extension_limit",
        )
    d = compute_deadline("denunciation.extension", c.resolve_due)
    before = c.resolve_due
    c.resolve_due = d.due
    c.extensions += 1
    c.complexity = complexity
    c.is_complex = True
    c.extension_reasons = [
        *c.extension_reasons,
        {"on": local_today().isoformat(), "reason": reason, "due": d.due.isoformat(), "citation": d.citation},
    ]
    c.save()
    _event(
        c,
        actor=actor,
        action="extend",
        public=f"Gia hạn giải quyết đến ngày {format_date(d.due)}.",
        internal=reason,
    )
    _audit(
        actor,
        "case.extend",
        c,
        {"resolve_due": [before, d.due], "extensions": [c.extensions - 1, c.extensions]},
    )
    settle_notices(c, "extend", actor)
    inform_citizen(c, f"Gia hạn giải quyết đến ngày {format_date(d.due)}.")
    return c


def has_dialogue(case: Case) -> bool:
    return case.events.filter(action="dialogue").exists()


@transaction.atomic
def case_resolve(
    *,
    actor,
    case: Case,
    answer: str,
    outcome: str = "",
    resolved_on: dt.date | None = None,
    publish: bool | None = None,
    document_number: str = "",
    document_date: dt.date | None = None,
    document_signer: str = "",
    document_file=None,
) -> Case:
    """Giải quyết: the answer or decision (public-safe text); complaints need the outcome and, at the second
    instance, a dialogue held before. `publish` marks a public-interest answer for the portal, only with the
    citizen's consent. The document that carries it — Quyết định giải quyết khiếu nại, Kết luận nội dung tố
    cáo, văn bản trả lời — is recorded with its number, date, signer and file (a number needs its date and
    signer)."""
    _require(actor, "cases.resolve", case.unit)
    document_number = _clean_text(
        document_number, field="document_number", label="số văn bản", max_length=64, required=False
    )
    document_signer = _clean_text(
        document_signer, field="document_signer", label="người ký", max_length=160, required=False
    )
    document_file, _mime = _checked_file(document_file, field="document_file")
    if document_number or document_signer or document_file:  # a date alone is the form's default
        if not document_number:
            raise DomainError(
                "Vui lòng nhập số văn bản giải quyết.", field="document_number", code="required"
            )
        if not document_signer:
            raise DomainError(
                "Vui lòng nhập người ký văn bản giải quyết.", field="document_signer", code="required"
            )
    answer = _clean_text(
        answer,
        field="answer",
        label="nội dung trả lời, quyết định giải quyết",
        max_length=CONTENT_MAX,
        lines=True,
    )
    c = _lock(case)
    _expect(c, IN_PROGRESS_STATUSES, "Chỉ giải quyết được hồ sơ đã thụ lý")
    if c.kind == Kind.COMPLAINT:
        if outcome not in Outcome.values:
            raise DomainError("Vui lòng chọn kết luận: đúng, đúng một phần hoặc sai.", field="outcome")
        if c.instance == 2 and not has_dialogue(c):
            raise DomainError(
                "Giải quyết khiếu nại lần hai bắt buộc phải tổ chức đối thoại (Luật Khiếu nại 2011, Điều 39).",
                code="dialogue_required",
            )
    elif c.kind == Kind.DENUNCIATION and outcome:
        if outcome not in Outcome.values:
            raise DomainError("Kết luận không hợp lệ.", field="outcome")
    else:
        outcome = outcome if outcome in Outcome.values else ""
    resolved_on = resolved_on or local_today()
    if document_number:
        document_date = _past_day(
            document_date,
            field="document_date",
            label="ngày ký văn bản",
            not_before=c.accepted_on,
            before_label="ngày thụ lý",
        )
    c.answer = answer
    c.outcome = outcome
    c.resolved_on = resolved_on
    c.resolution_number = document_number
    c.resolution_date = document_date if document_number else None
    c.resolution_signer = document_signer
    if document_file:
        c.resolution_file_name = _file_name(document_file)
        c.resolution_file.save(c.resolution_file_name, document_file, save=False)
    if publish is not None:
        c.public_interest = bool(publish) and c.consent_publish and c.kind != Kind.DENUNCIATION
    _set_status(
        c,
        actor,
        "resolve",
        Status.RESOLVED,
        public="Đã có kết quả giải quyết.",
        outcome=["", outcome],
        resolved_on=[None, resolved_on],
        on_time=[None, bool(c.resolve_due is None or resolved_on <= c.resolve_due)],
        resolution_number=["", c.resolution_number],
        resolution_date=[None, c.resolution_date],
        resolution_signer=["", c.resolution_signer],
        resolution_file=[None, bool(document_file) or None],
    )
    return c


@transaction.atomic
def case_close(*, actor, case: Case, note: str = "") -> Case:
    _require(actor, "cases.resolve", case.unit)
    c = _lock(case)
    _expect(c, (Status.RESOLVED, Status.DECLINED), "Chỉ đóng được hồ sơ đã giải quyết hoặc không thụ lý")
    note = _clean_text(note, field="note", label="ghi chú", max_length=NOTE_MAX, required=False, lines=True)
    c.closed_on = local_today()
    _set_status(c, actor, "close", Status.CLOSED, public="Hồ sơ đã kết thúc.", internal=note, inform=False)
    return c


@transaction.atomic
def case_reopen(*, actor, case: Case, reason: str) -> Case:
    _require(actor, "cases.resolve", case.unit)
    reason = _clean_text(reason, field="reason", label="lý do mở lại", max_length=NOTE_MAX, lines=True)
    c = _lock(case)
    _expect(c, (Status.RESOLVED, Status.CLOSED, Status.DECLINED), "Chỉ mở lại được hồ sơ đã kết thúc")
    to = Status.ACCEPTED if c.accepted_on else Status.RECEIVED
    c.closed_on = None
    c.resolved_on = None
    _set_status(
        c, actor, "reopen", to, public="Hồ sơ được mở lại để xem xét.", internal=reason, reason=["", reason]
    )
    return c


@transaction.atomic
def case_merge(*, actor, duplicate: Case, primary: Case, note: str = "") -> Case:
    """Gộp: `duplicate` follows `primary`; both submitters keep receiving the primary's notices."""
    _require(actor, "cases.handle", duplicate.unit)
    _require(actor, "cases.handle", primary.unit)
    if duplicate.pk == primary.pk:
        raise DomainError("Không gộp được hồ sơ vào chính nó.", field="primary")
    dup = _lock(duplicate)
    prim = _lock(primary)
    _expect(dup, OPEN_STATUSES, "Chỉ gộp được hồ sơ đang mở")
    if not prim.is_open:
        raise DomainError("Hồ sơ chính đã kết thúc, không gộp vào được.", field="primary")
    if prim.merged_into_id:
        raise DomainError("Hồ sơ chính đã được gộp vào hồ sơ khác.", field="primary")
    if dup.kind != prim.kind:
        raise DomainError("Chỉ gộp được các hồ sơ cùng loại đơn.", field="primary")
    dup.merged_into = prim
    _set_status(
        dup,
        actor,
        "merge",
        Status.MERGED,
        public=f"Đã gộp vào hồ sơ {prim.code}; bạn sẽ tiếp tục nhận thông báo kết quả.",
        internal=note,
        merged_into=[None, prim.pk],
        inform=False,
    )
    # Cases merged into the duplicate follow the primary too.
    Case.objects.filter(merged_into=dup).update(merged_into=prim)
    _event(prim, actor=actor, action="merge_in", internal=f"Gộp hồ sơ {dup.code} vào hồ sơ này.")
    _audit(actor, "case.merge_in", prim, {"merged": [None, dup.pk]})
    from ..tasks import deliver_citizen_notice

    enqueue_on_commit(deliver_citizen_notice, dup.pk, notice_text(dup, f"Đã gộp vào hồ sơ {prim.code}."))
    return dup


@transaction.atomic
def case_rate(*, case: Case, rating: int, comment: str = "") -> Case:
    """The citizen's rating (1–5) of the answer, from the tracking page, once the case is resolved; only once."""
    c = _lock(case)
    if c.status not in (Status.RESOLVED, Status.CLOSED):
        raise DomainError("Chỉ đánh giá được khi hồ sơ đã có kết quả giải quyết.", code="bad_status")
    if c.rating is not None:
        raise DomainError("Bạn đã đánh giá kết quả giải quyết hồ sơ này.", code="already_rated")
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise DomainError("Vui lòng chọn mức đánh giá từ 1 đến 5 sao.", field="rating")
    c.rating = rating
    c.rating_comment = _clean_text(
        comment, field="comment", label="nhận xét", max_length=2000, required=False, lines=True
    )
    c.save(update_fields=["rating", "rating_comment", "updated_at"])
    _event(c, actor=None, action="rate", internal=f"Người dân đánh giá {rating}/5.")
    _audit(None, "case.rate", c, {"rating": [None, rating]})
    return c
