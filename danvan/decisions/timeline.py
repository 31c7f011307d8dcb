"""The officer's timeline of one decision: every step with its date, its deadline from the rulebook and whether
it was on time, overdue, waiting or not needed — read from the decision (no writes; steps.py writes)."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.errors import DomainError
from danvan.core.formatting import local_today

from . import steps
from .models import Decision, Recognition, Status

DONE, LATE, OVERDUE, WAITING, SKIPPED = "done", "late", "overdue", "waiting", "skipped"


@dataclass
class Step:
    label: str
    state: str
    day: dt.date | None = None
    due: dt.date | None = None
    note: str = ""
    citation: str = ""

    @property
    def state_label(self) -> str:
        return {
            DONE: _("Đã xong"),
            LATE: _("Đã xong, trễ hạn"),
            OVERDUE: _("Quá hạn"),
            WAITING: _("Chưa đến bước này"),
            SKIPPED: _("Không áp dụng"),
        }[self.state]

    @property
    def badge(self) -> str:
        return {DONE: "badge-green", LATE: "badge-amber", OVERDUE: "badge-red"}.get(self.state, "")


def _timed(label: str, day, deadline, *, active: bool, today: dt.date, note: str = "") -> Step:
    due = deadline.due if deadline else None
    citation = deadline.citation if deadline else ""
    if day is not None:
        state = LATE if due is not None and day > due else DONE
    elif active and due is not None and due < today:
        state = OVERDUE
    else:
        state = WAITING
    return Step(label, state, day, due, note, citation)


def _before(label: str, day, latest_rule, *, needed: bool, started: bool) -> Step:
    if not needed:
        return Step(label, SKIPPED)
    latest, rule = latest_rule
    if day is not None:
        return Step(label, LATE if day > latest else DONE, day, latest, citation=rule.citation)
    return Step(label, OVERDUE if started else WAITING, None, latest, citation=rule.citation)


def timeline(decision: Decision, today: dt.date | None = None) -> list[Step]:
    d = decision
    today = today or local_today()
    opened = d.status not in (Status.DRAFT, Status.NOTICE)
    closed = d.status in (Status.PASSED, Status.NOT_PASSED)
    rows = [Step(_("Lập việc đưa ra bàn"), DONE, timezone.localtime(d.created_at).date())]
    try:
        rows.append(
            _before(
                _("Thông báo (Mẫu số 01)"), d.notice_on, steps.notice_latest(d), needed=True, started=opened
            )
        )
        rows.append(
            _before(
                _("Gửi tài liệu đến từng hộ"),
                d.documents_delivered_on,
                steps.documents_latest(d),
                needed=d.matter_info.documents_before,
                started=opened,
            )
        )
    except DomainError:  # no notice rule for so early a day
        pass
    rows.append(Step(_("Biểu quyết"), DONE if opened else WAITING, d.voting_on))
    rows.append(
        Step(
            _("Kết quả"),
            DONE if closed else WAITING,
            steps.close_day(d),
            note=d.get_status_display() if closed else "",
            citation=d.rule_citation,
        )
    )
    rows.append(
        _timed(
            _("Gửi biên bản đến UBND và Ủy ban MTTQ xã"),
            d.minutes_sent_on,
            steps.minutes_due(d) if closed else None,
            active=closed,
            today=today,
        )
    )
    if d.needs_recognition and d.status != Status.NOT_PASSED:
        step = _timed(
            _("Công nhận (%(who)s)") % {"who": d.matter_info.recogniser},
            d.recognition_on,
            steps.recognition_due(d),
            active=d.status == Status.PASSED and not d.is_annulled,
            today=today,
        )
        if d.recognition:
            step.note = f"{d.get_recognition_display()} — {d.recognition_number}"
            if d.recognition == Recognition.REFUSED:
                step.note += f": {d.recognition_reason}"
        rows.append(step)
    else:
        rows.append(
            Step(_("Công nhận"), SKIPPED, note=_("Có hiệu lực từ ngày biểu quyết, không cần công nhận."))
        )
    rows.append(
        Step(
            _("Công khai kết quả"),
            DONE if d.disclosure_id else WAITING,
            d.disclosed_on,
            note=d.disclosure.title if d.disclosure_id else "",
        )
    )
    implemented = Step(
        _("Tổ chức thực hiện"),
        DONE if d.implemented_on else (SKIPPED if d.status == Status.NOT_PASSED else WAITING),
        d.implemented_on,
        note=d.implementation_note,
    )
    if d.project_id:
        implemented.note += " — " + _("Công trình: %(name)s") % {"name": d.project.name}
    rows.append(implemented)
    for amendment in d.amendments.order_by("pk"):
        rows.append(
            Step(
                _("Sửa đổi: %(title)s") % {"title": amendment.title},
                DONE if amendment.status == Status.PASSED else WAITING,
                amendment.voting_on,
                note=f"{amendment.get_status_display()} — {amendment.amendment_reason}",
            )
        )
    if d.is_annulled:
        rows.append(
            Step(
                _("Hủy bỏ"),
                DONE,
                d.annulled_on,
                note=f"{d.annulment_number}: {d.annulment_reason}",
                citation="Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, Điều 22",
            )
        )
    return rows
