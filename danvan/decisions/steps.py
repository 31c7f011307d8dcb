"""The steps of a community decision around and after the vote, as services (each checked, in a transaction,
audited; the labels in `trail.py`). The deadlines and sizes are rulebook rows, never literals here.

Before the vote (Decree 59/2023 Art. 3): the notice (Form 01) at least `decision.notice` days before the
voting day — `notice_check`, called by `services.decision_notice` —; for items 1–3 (the matter list's
`documents_before`) the documents reach every household at least `decision.documents_delivery` days before
(`documents_deliver`; `services.voting_open` refuses to open without it, `documents_check`). A tally's counting
board (3–5) and two household witnesses (`counting_record`; `decision.counting_board_min` / `_max`,
`decision.counting_witnesses`) are what Forms 02 and 04 are signed by.

After the vote (Law 10/2022 Arts. 20–22):
  passed / not passed → `minutes_send` (within `decision.minutes_submit` of the close, the late ones marked)
  → `recognition_record` where the matter needs it (items 3–4 by the People's Committee, 5 by the Front;
    within `decision.recognition` of receiving the minutes, or refused in writing with the reason)
  → `decision_disclose` (a disclosure of the commune published through the disclosures services, linked)
  → `decision_implement` (optionally linked to a community project of the commune, for contributions).
Amendment (`amendment_create`: a new decision of the same matter, put through the same procedure, naming the
decision it amends and why) and annulment (`decision_annul`, the People's Committee's decision with its
number and reason) are their own steps. A step out of order is refused with a message saying what comes
first. `recognition_record` and `decision_annul` are acts of the commune's authorities: `decisions.recognise`.

`step_sweep` (daily, `schedule.py`) warns the commune's leaders and the decision's author about minutes not
sent and recognitions not decided, coming due or overdue — once a day per decision."""

import datetime as dt
from functools import partial

from django.db import transaction
from django.utils import timezone

from danvan.access.policy import has_unit_perm
from danvan.audit.services import audit_record
from danvan.core.errors import DomainError
from danvan.core.formatting import format_date, local_today
from danvan.core.text import clean_text, nfc
from danvan.rulebook.services import compute_deadline, rule_in_force

from . import followers
from .models import CLOSED, Decision, Recognition, Scope, Status, Tally

RECOGNISE = "decisions.recognise"
NOTICE_RULE = "decision.notice"
DOCUMENTS_RULE = "decision.documents_delivery"
MINUTES_RULE = "decision.minutes_submit"
RECOGNITION_RULE = "decision.recognition"
BOARD_MIN, BOARD_MAX, WITNESSES = (
    "decision.counting_board_min",
    "decision.counting_board_max",
    "decision.counting_witnesses",
)
TEXT_MAX = 2000


def _rule(key: str, on: dt.date):
    return rule_in_force(key, on, earliest_before_first=True)


def _audit(actor, action: str, decision: Decision, **changes) -> None:
    audit_record(actor=actor, action=action, obj=decision, unit=decision.commune, changes=changes)


_text = partial(clean_text, max_length=TEXT_MAX, lines=True)


def _day(value, *, field: str, label: str) -> dt.date:
    if not isinstance(value, dt.date):
        raise DomainError(f"Vui lòng nhập {label}.", field=field)
    if value > local_today():
        raise DomainError(f"{label[:1].upper()}{label[1:]} không được sau hôm nay.", field=field)
    return value


def _locked(decision: Decision) -> Decision:
    # of=("self",): PostgreSQL refuses FOR UPDATE on the nullable side of the outer joins (disclosure, project)
    return (
        Decision.objects.select_for_update(of=("self",))
        .select_related("unit", "commune", "disclosure", "project")
        .get(pk=decision.pk)
    )


def _require(actor, decision: Decision, perm: str = "decisions.manage") -> None:
    if not has_unit_perm(actor, perm, decision.unit):
        what = (
            "ghi quyết định công nhận, hủy bỏ của cấp xã"
            if perm == RECOGNISE
            else "quản lý việc bàn và quyết định"
        )
        raise DomainError(f"Bạn không có quyền {what} ở “{decision.unit.name}”.", code="forbidden")


def _order(message: str) -> DomainError:
    return DomainError(message, code="conflict")


def close_day(decision: Decision) -> dt.date | None:
    """The local day the vote closed (the meeting ended, the ballots or the online vote closed)."""
    if decision.closed_at is None:
        return None
    return timezone.localtime(decision.closed_at).date()


def in_effect(decision: Decision) -> bool:
    """Passed, not annulled, and recognised when the matter needs it (Art. 21(2))."""
    if decision.status != Status.PASSED or decision.is_annulled:
        return False
    return not decision.needs_recognition or decision.recognition == Recognition.RECOGNISED


# ----------------------------------------------------------------------------------------- before the vote


def notice_latest(decision: Decision) -> tuple[dt.date, object]:
    """The last day the notice may be given for the voting day, and the rule."""
    rule = _rule(NOTICE_RULE, decision.voting_on)
    return decision.voting_on - dt.timedelta(days=rule.whole_value), rule


def notice_check(decision: Decision, notice_on) -> None:
    if not isinstance(notice_on, dt.date):
        raise DomainError("Vui lòng nhập ngày thông báo.", field="notice_on")
    latest, rule = notice_latest(decision)
    if notice_on > latest:
        raise DomainError(
            f"Thông báo (Mẫu số 01) phải gửi chậm nhất {rule.whole_value} ngày trước ngày biểu quyết "
            f"{format_date(decision.voting_on)}, tức là không sau ngày {format_date(latest)} ({rule.citation}).",
            field="notice_on",
        )


def notice_details(*, place="", meeting_time=None, hamlet_head="", front_head="") -> dict:
    """The notice's details (Form 01 and the minutes' signatures), cleaned."""
    if meeting_time is not None and not isinstance(meeting_time, dt.time):
        raise DomainError("Giờ họp không hợp lệ.", field="meeting_time")
    return {
        "meeting_place": _text(place, field="place", label="địa điểm họp", required=False, max_length=255),
        "meeting_time": meeting_time,
        "hamlet_head_name": _text(
            hamlet_head, field="hamlet_head", label="họ tên Trưởng thôn", required=False, max_length=128
        ),
        "front_head_name": _text(
            front_head,
            field="front_head",
            label="họ tên Trưởng ban công tác Mặt trận",
            required=False,
            max_length=128,
        ),
    }


def documents_latest(decision: Decision) -> tuple[dt.date, object]:
    rule = _rule(DOCUMENTS_RULE, decision.voting_on)
    return decision.voting_on - dt.timedelta(days=rule.whole_value), rule


def documents_check(decision: Decision) -> None:
    """Called when voting opens: items 1–3 need the documents delivered to every household in time."""
    if decision.matter_info.documents_before and decision.documents_delivered_on is None:
        latest, rule = documents_latest(decision)
        raise _order(
            f"Nội dung {decision.matter} Điều 15: phải gửi tài liệu đến từng hộ gia đình chậm nhất ngày "
            f"{format_date(latest)} và ghi nhận ngày gửi trước khi mở biểu quyết ({rule.citation})."
        )


@transaction.atomic
def documents_deliver(*, actor, decision: Decision, delivered_on) -> Decision:
    """Record the day the documents of an item 1–3 matter reached every household."""
    decision = _locked(decision)
    _require(actor, decision)
    if not decision.matter_info.documents_before:
        raise DomainError(
            f"Nội dung {decision.matter} Điều 15 không bắt buộc gửi tài liệu đến từng hộ trước cuộc họp.",
            field="delivered_on",
        )
    if decision.status not in (Status.DRAFT, Status.NOTICE):
        raise _order("Chỉ ghi nhận việc gửi tài liệu trước khi mở biểu quyết.")
    delivered_on = _day(delivered_on, field="delivered_on", label="ngày gửi tài liệu")
    latest, rule = documents_latest(decision)
    if delivered_on > latest:
        raise DomainError(
            f"Tài liệu phải đến từng hộ gia đình chậm nhất {rule.whole_value} ngày trước ngày biểu quyết "
            f"{format_date(decision.voting_on)}, tức là không sau ngày {format_date(latest)} ({rule.citation}).",
            field="delivered_on",
        )
    old = decision.documents_delivered_on
    decision.documents_delivered_on = delivered_on
    decision.save(update_fields=["documents_delivered_on", "updated_at"])
    _audit(actor, "decision.documents", decision, documents_delivered_on=(old, delivered_on))
    if decision.is_commune_wide:
        # a commune-wide matter's documents go to the households of every hamlet: each part records the day
        for part in decision.parts.filter(status__in=(Status.DRAFT, Status.NOTICE)).exclude(
            documents_delivered_on=delivered_on
        ):
            documents_deliver(actor=actor, decision=part, delivered_on=delivered_on)
    return decision


def _names(value, *, field: str) -> list[str]:
    if isinstance(value, str):
        value = value.splitlines()
    names = [nfc(str(x)).strip() for x in value or () if str(x).strip()]
    if any(len(n) > 128 for n in names):
        raise DomainError("Mỗi họ tên không được dài quá 128 ký tự.", field=field)
    return names


@transaction.atomic
def counting_record(*, actor, tally: Tally, board, witnesses) -> Tally:
    """The counting board (meeting, secret ballot) or ballot team (household ballots) of a tally and the
    household representatives who witnessed the count (Forms 02 and 04)."""
    decision = _locked(tally.decision)
    _require(actor, decision)
    if decision.status not in (Status.VOTING, *CLOSED):
        raise _order("Chỉ ghi Ban kiểm phiếu khi đã có kết quả kiểm phiếu.")
    tally = Tally.objects.select_for_update().get(pk=tally.pk, decision=decision)
    board = _names(board, field="board")
    witnesses = _names(witnesses, field="witnesses")
    low, high, seen = (_rule(k, decision.voting_on) for k in (BOARD_MIN, BOARD_MAX, WITNESSES))
    if not (low.is_met(len(board)) and high.is_met(len(board))):
        raise DomainError(
            f"Ban kiểm phiếu (Tổ phát phiếu) có từ {low.whole_value} đến {high.whole_value} thành viên; đã "
            f"nhập {len(board)} ({low.citation}).",
            field="board",
        )
    if not seen.is_met(len(witnesses)):
        raise DomainError(
            f"Việc kiểm phiếu cần {seen.whole_value} đại diện hộ gia đình chứng kiến; đã nhập {len(witnesses)} "
            f"({seen.citation}).",
            field="witnesses",
        )
    both = sorted(set(board) & set(witnesses))
    if both:
        raise DomainError(
            f"Người chứng kiến không được là thành viên Ban kiểm phiếu: {', '.join(both)}.", field="witnesses"
        )
    tally.counting_board, tally.witnesses = "\n".join(board), "\n".join(witnesses)
    tally.save(update_fields=["counting_board", "witnesses"])
    _audit(actor, "decision.counting", decision, board=(None, len(board)), witnesses=(None, len(witnesses)))
    return tally


# ------------------------------------------------------------------------------------------ after the vote


def minutes_due(decision: Decision):
    """The deadline (rulebook Deadline) for sending the minutes, or None before the close."""
    day = close_day(decision)
    return compute_deadline(MINUTES_RULE, day, earliest_before_first=True) if day else None


def recognition_due(decision: Decision):
    """The deadline for the recognition, counted from the day the minutes were sent (received)."""
    if not decision.needs_recognition or decision.minutes_sent_on is None:
        return None
    return compute_deadline(RECOGNITION_RULE, decision.minutes_sent_on, earliest_before_first=True)


def _closed(decision: Decision, doing: str) -> None:
    if decision.status not in (Status.PASSED, Status.NOT_PASSED):
        raise _order(f"Chưa thể {doing}: việc chưa kết thúc biểu quyết và tính kết quả.")


def _hamlet_part(decision: Decision, doing: str) -> None:
    """The minutes, the recognition and an amendment are each hamlet's (Art. 20–22): a commune-wide decision
    has them through its parts (commune.py), not on itself."""
    if decision.is_commune_wide:
        raise _order(f"Việc toàn xã {doing} ở từng thôn, tổ dân phố của việc (mỗi thôn một biên bản).")


def _not_annulled(decision: Decision, doing: str) -> None:
    if decision.is_annulled:
        raise _order(f"Không thể {doing}: quyết định đã bị hủy bỏ ngày {format_date(decision.annulled_on)}.")


def step_topic(decision: Decision) -> str:
    """The topic of the sweep's warnings about a decision's minutes and recognition: closed by the step."""
    return f"decision:{decision.pk}:step"


def _step_done(decision: Decision, note: str) -> None:
    from danvan.notifications.services import notices_done

    notices_done(topic=step_topic(decision), note=note)


@transaction.atomic
def minutes_send(*, actor, decision: Decision, sent_on) -> Decision:
    """The minutes and result sent to the commune People's Committee and the Front (Art. 20)."""
    decision = _locked(decision)
    _require(actor, decision)
    _hamlet_part(decision, "gửi biên bản")
    _closed(decision, "gửi biên bản")
    if decision.minutes_sent_on is not None:
        raise _order(f"Biên bản đã được gửi ngày {format_date(decision.minutes_sent_on)}.")
    sent_on = _day(sent_on, field="sent_on", label="ngày gửi biên bản")
    closed = close_day(decision)
    if sent_on < closed:
        raise DomainError(
            f"Ngày gửi biên bản không được trước ngày kết thúc biểu quyết ({format_date(closed)}).",
            field="sent_on",
        )
    due = minutes_due(decision)
    decision.minutes_sent_on = sent_on
    decision.save(update_fields=["minutes_sent_on", "updated_at"])
    _audit(
        actor,
        "decision.minutes_sent",
        decision,
        minutes_sent_on=(None, sent_on),
        on_time=(None, sent_on <= due.due),
    )
    _step_done(decision, f"Đã gửi biên bản ngày {format_date(sent_on)}.")
    return decision


@transaction.atomic
def recognition_record(
    *, actor, decision: Decision, outcome: str, decided_on, number: str, reason: str = ""
) -> Decision:
    """The recognition decision (or the written refusal with its reason) of the People's Committee (items
    3–4) or the Front (item 5), Art. 21(2)."""
    decision = _locked(decision)
    _require(actor, decision, RECOGNISE)
    _hamlet_part(decision, "được công nhận")
    info = decision.matter_info
    if not info.recognised_by:
        raise DomainError(
            f"Nội dung {info.item} Điều 15 có hiệu lực mà không cần công nhận (Điều 21, khoản 2).",
            field="outcome",
        )
    if decision.status != Status.PASSED:
        raise _order("Chỉ công nhận một quyết định đã được thông qua.")
    _not_annulled(decision, "công nhận")
    if decision.minutes_sent_on is None:
        raise _order("Hãy ghi ngày gửi biên bản đến UBND và Ủy ban MTTQ xã trước khi ghi việc công nhận.")
    if decision.recognition:
        raise _order(
            f"Đã ghi {decision.get_recognition_display().lower()} ngày {format_date(decision.recognition_on)}."
        )
    if outcome not in Recognition.values:
        raise DomainError("Chọn công nhận hoặc từ chối công nhận.", field="outcome")
    decided_on = _day(decided_on, field="decided_on", label="ngày công nhận hoặc từ chối")
    if decided_on < decision.minutes_sent_on:
        raise DomainError(
            f"Ngày công nhận không được trước ngày nhận biên bản ({format_date(decision.minutes_sent_on)}).",
            field="decided_on",
        )
    number = _text(number, field="number", label="số văn bản", max_length=64)
    reason = _text(
        reason, field="reason", label="lý do từ chối công nhận", required=outcome == Recognition.REFUSED
    )
    due = recognition_due(decision)
    decision.recognition = outcome
    decision.recognition_on = decided_on
    decision.recognition_number = number
    decision.recognition_reason = reason if outcome == Recognition.REFUSED else ""
    decision.save()
    _audit(
        actor,
        "decision.recognition",
        decision,
        recognition=(None, outcome),
        recognition_on=(None, decided_on),
        recognition_number=(None, number),
        on_time=(None, decided_on <= due.due),
    )
    followers.decision_changed(decision, actor=actor)
    _step_done(
        decision,
        f"Đã ghi {decision.get_recognition_display().lower()} ngày {format_date(decision.recognition_on)}.",
    )
    return decision


def _disclosure_body(decision: Decision) -> str:
    from django.utils.html import escape

    lines = [
        f"{decision.unit.name}, {decision.commune.name}: {decision.title}.",
        f"Nội dung: {decision.matter_info.title} ({decision.matter_info.citation}).",
        f"Ngày biểu quyết: {format_date(decision.voting_on)}. Tổng số hộ: {decision.households_total}; số hộ tham gia: "
        f"{decision.counted_count}; tán thành: {decision.yes_count}; không tán thành: {decision.no_count}; "
        f"ý kiến khác: {decision.other_count}.",
        f"Kết quả: {decision.get_status_display()} (cần {decision.required} hộ tán thành; căn cứ "
        f"{decision.rule_citation}).",
    ]
    if decision.recognition:
        lines.append(
            f"{decision.get_recognition_display()} ({decision.matter_info.recogniser}): văn bản số "
            f"{decision.recognition_number} ngày {format_date(decision.recognition_on)}."
        )
    return "".join(f"<p>{escape(line)}</p>" for line in lines)


@transaction.atomic
def decision_disclose(*, actor, decision: Decision, posting_start, forms) -> Decision:
    """Publish the result as a disclosure of the commune (through the disclosures services, whose rules and
    permission — disclosures.edit — apply) and link it."""
    from danvan.disclosures import services as disclosures
    from danvan.disclosures.models import DisclosureCategory

    decision = _locked(decision)
    _require(actor, decision)
    _closed(decision, "công khai kết quả")
    _not_annulled(decision, "công khai kết quả")
    if decision.minutes_sent_on is None:
        raise _order("Hãy ghi ngày gửi biên bản trước khi công khai kết quả.")
    if decision.status == Status.PASSED and decision.needs_recognition and not decision.recognition:
        raise _order(
            f"Kết quả chờ {decision.matter_info.recogniser} công nhận; công khai sau khi có văn bản công nhận "
            "hoặc từ chối."
        )
    if decision.disclosure_id is not None:
        raise _order(f"Kết quả đã được công khai ngày {format_date(decision.disclosed_on)}.")
    if not isinstance(posting_start, dt.date):
        raise DomainError("Vui lòng nhập ngày bắt đầu niêm yết.", field="posting_start")
    category = DisclosureCategory.objects.filter(number=decision.matter_info.disclosure_item).first()
    if category is None:
        raise DomainError("Chưa có danh mục nội dung công khai tương ứng; liên hệ quản trị hệ thống.")
    decided = decision.recognition_on or close_day(decision)
    posting_end = None
    if not category.permanent:
        days = rule_in_force("disclosure.posting", decided, earliest_before_first=True).whole_value
        posting_end = posting_start + dt.timedelta(days=days - 1)  # counted inclusively
    d = disclosures.disclosure_create(
        actor=actor,
        unit=decision.commune,
        category=category,
        title=f"Kết quả bàn và quyết định: {decision.title} ({decision.unit.name})"[:300],
        body=_disclosure_body(decision),
        decision_date=decided,
        forms=forms,
        posting_start=posting_start,
        posting_end=posting_end,
    )
    d = disclosures.disclosure_publish(actor=actor, disclosure=d)
    decision.disclosure = d
    decision.disclosed_on = posting_start
    decision.save(update_fields=["disclosure", "disclosed_on", "updated_at"])
    _audit(actor, "decision.disclose", decision, disclosed_on=(None, posting_start), disclosure=(None, d.pk))
    return decision


@transaction.atomic
def decision_implement(*, actor, decision: Decision, implemented_on, note: str, project=None) -> Decision:
    """The decision carried out (Art. 23: the hamlet head reports on it), optionally linked to a community
    project of the same commune for the contributions it decided."""
    decision = _locked(decision)
    _require(actor, decision)
    _not_annulled(decision, "ghi tổ chức thực hiện")
    if decision.status != Status.PASSED:
        raise _order("Chỉ tổ chức thực hiện một quyết định đã được thông qua.")
    if not in_effect(decision):
        raise _order(
            f"Quyết định chưa có hiệu lực: cần {decision.matter_info.recogniser} công nhận (Điều 21, khoản 2)."
        )
    if decision.disclosure_id is None:
        raise _order("Hãy công khai kết quả trước khi ghi tổ chức thực hiện.")
    if decision.implemented_on is not None:
        raise _order(f"Đã ghi tổ chức thực hiện ngày {format_date(decision.implemented_on)}.")
    implemented_on = _day(implemented_on, field="implemented_on", label="ngày tổ chức thực hiện")
    start = decision.recognition_on or decision.voting_on
    if implemented_on < start:
        raise DomainError(
            f"Ngày tổ chức thực hiện không được trước ngày quyết định có hiệu lực ({format_date(start)}).",
            field="implemented_on",
        )
    note = _text(note, field="note", label="kết quả tổ chức thực hiện")
    if project is not None and project.commune_id != decision.commune_id:
        raise DomainError("Công trình phải thuộc xã của việc bàn và quyết định.", field="project")
    decision.implemented_on = implemented_on
    decision.implementation_note = note
    decision.project = project
    decision.save(update_fields=["implemented_on", "implementation_note", "project", "updated_at"])
    _audit(
        actor,
        "decision.implement",
        decision,
        implemented_on=(None, implemented_on),
        project=(None, project.pk if project else None),
    )
    return decision


# ----------------------------------------------------------------------------- amendment and annulment


@transaction.atomic
def amendment_create(
    *, actor, decision: Decision, title: str, content: str, voting_on, reason: str
) -> Decision:
    """Art. 22: the community amends its own decision by the same procedure — a new decision of the same
    matter and hamlet (a draft, then notice, vote, minutes…) naming the decision it amends and why."""
    from .services import decision_create

    decision = _locked(decision)
    _require(actor, decision)
    _hamlet_part(decision, "được sửa đổi")
    if decision.status != Status.PASSED:
        raise _order("Chỉ sửa đổi một quyết định đã được thông qua.")
    _not_annulled(decision, "sửa đổi")
    pending = decision.amendments.exclude(status__in=CLOSED).first()
    if pending is not None:
        raise _order(f"Đang có việc sửa đổi quyết định này chưa biểu quyết xong: “{pending.title}”.")
    reason = _text(reason, field="reason", label="lý do sửa đổi")
    if isinstance(voting_on, dt.date) and voting_on < decision.voting_on:
        raise DomainError(
            "Ngày biểu quyết sửa đổi phải sau ngày biểu quyết quyết định cũ.", field="voting_on"
        )
    new = decision_create(
        actor=actor,
        matter=decision.matter,
        unit=decision.unit,
        title=title,
        content=content,
        proposer=decision.proposer,
        voting_on=voting_on,
        scope=decision.scope,
    )
    new.amends = decision
    new.amendment_reason = reason
    new.save(update_fields=["amends", "amendment_reason", "updated_at"])
    _audit(actor, "decision.amendment", decision, amendment=(None, new.title))
    return new


@transaction.atomic
def decision_annul(*, actor, decision: Decision, annulled_on, number: str, reason: str) -> Decision:
    """Art. 22: the commune People's Committee annuls a decision that is unlawful, against good customs or
    taken against the procedure — with the number of its decision and the reason."""
    decision = _locked(decision)
    _require(actor, decision, RECOGNISE)
    if decision.status != Status.PASSED:
        raise _order("Chỉ hủy bỏ một quyết định đã được thông qua.")
    _not_annulled(decision, "hủy bỏ")
    annulled_on = _day(annulled_on, field="annulled_on", label="ngày hủy bỏ")
    if annulled_on < decision.voting_on:
        raise DomainError("Ngày hủy bỏ không được trước ngày biểu quyết.", field="annulled_on")
    number = _text(number, field="number", label="số quyết định hủy bỏ", max_length=64)
    reason = _text(reason, field="reason", label="lý do hủy bỏ")
    decision.annulled_on = annulled_on
    decision.annulment_number = number
    decision.annulment_reason = reason
    decision.save(update_fields=["annulled_on", "annulment_number", "annulment_reason", "updated_at"])
    _audit(
        actor, "decision.annul", decision, annulled_on=(None, annulled_on), annulment_number=(None, number)
    )
    followers.decision_changed(decision, actor=actor)
    return decision


# ------------------------------------------------------------------------------------------ daily sweep


def step_sweep(*, today: dt.date | None = None, days: int | None = None) -> int:
    """Daily: in-app warnings to the commune's leaders and the decision's author for minutes not sent and
    recognitions not decided that are due within `days` (DANVAN_DECISION_WARN_DAYS, 2) or overdue; at most
    one per decision per day. Returns how many decisions were warned."""
    from django.conf import settings
    from django.db.models import Q
    from django.urls import reverse

    from danvan.access.policy import leaders_on
    from danvan.notifications.services import notify

    from .matters import DECIDED

    today = today or local_today()
    days = days if days is not None else getattr(settings, "DANVAN_DECISION_WARN_DAYS", 2)
    recognised = [k for k, m in DECIDED.items() if m.recognised_by]
    rows = (
        Decision.objects.filter(status__in=[Status.PASSED, Status.NOT_PASSED], annulled_on__isnull=True)
        .exclude(
            scope=Scope.COMMUNE
        )  # its minutes and recognitions are its hamlet parts', each warned on its own
        .filter(
            Q(minutes_sent_on__isnull=True)
            | Q(status=Status.PASSED, matter__in=recognised, recognition="", minutes_sent_on__isnull=False)
        )
        .filter(Q(step_warned_on__isnull=True) | Q(step_warned_on__lt=today))
        .select_related("unit", "commune", "created_by")
    )
    leaders: dict[int, list] = {}
    warned = 0
    horizon = today + dt.timedelta(days=days)
    for d in rows.iterator(chunk_size=500):
        if d.minutes_sent_on is None:
            deadline, what = minutes_due(d), "Gửi biên bản"
        else:
            deadline, what = recognition_due(d), "Công nhận kết quả"
        if deadline is None or deadline.due > horizon:
            continue
        if d.commune_id not in leaders:
            leaders[d.commune_id] = leaders_on(d.commune_id, today)
        recipients = {u.pk: u for u in leaders[d.commune_id]}
        if d.created_by.is_active:
            recipients[d.created_by_id] = d.created_by
        state = "đã quá hạn" if deadline.due < today else "sắp đến hạn"
        with transaction.atomic():
            for user in recipients.values():
                notify(
                    user=user,
                    title=f"{what} {state} ({format_date(deadline.due)}): {d.title}"[:255],
                    body=f"{d.unit.name}, {d.commune.name}. Căn cứ {deadline.citation}.",
                    url=reverse("decisions:ws_detail", args=[d.pk]),
                    channels=("inapp",),
                    topic=step_topic(d),
                )
            Decision.objects.filter(pk=d.pk).update(step_warned_on=today)
        warned += 1
    return warned
