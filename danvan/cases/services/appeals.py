"""Second-instance complaints (khiếu nại lần hai): the window after the first decision and `case_appeal` to
the parent unit."""

import datetime as dt

from django.db import transaction

from danvan.access.policy import has_unit_perm
from danvan.core.errors import DomainError
from danvan.core.formatting import format_date, local_today
from danvan.rulebook.services import compute_deadline
from danvan.search.registry import search_index

from ..models import (
    IN_PROGRESS_STATUSES,
    Case,
    Channel,
    Kind,
    Status,
)
from .common import (
    CONTENT_MAX,
    TITLE_MAX,
    _apply_accept_due,
    _audit,
    _clean_text,
    _event,
    _user_or_none,
    build_search_text,
    inform_citizen,
    new_code,
    notify_new_case,
)


def appeal_window(first: Case, on: dt.date | None = None):
    """(start, Deadline) of the second-instance window of a first-instance complaint: it runs from the first
    decision, or from the first-instance deadline when it expired without one; None while neither holds."""
    on = on or local_today()
    if first.status in (Status.RESOLVED, Status.CLOSED) and first.resolved_on:
        start = first.resolved_on
    elif first.resolve_due and first.resolve_due < on and first.status in IN_PROGRESS_STATUSES:
        start = first.resolve_due
    else:
        return None
    key = "complaint.appeal_window_remote" if first.is_remote else "complaint.appeal_window"
    return start, compute_deadline(key, start)


def may_appeal(first: Case, on: dt.date | None = None) -> bool:
    """Whether `case_appeal` would accept a second-instance complaint against `first` today (the rules it
    checks, without the content): a first-instance complaint of a unit with a parent, its window open, and no
    second-instance complaint yet (a declined one does not count)."""
    if first.kind != Kind.COMPLAINT or first.instance != 1 or first.unit.parent_id is None:
        return False
    on = on or local_today()
    found = appeal_window(first, on)
    if found is None or on > found[1].due:
        return False
    return not first.appeals.exclude(status=Status.DECLINED).exists()


@transaction.atomic
def case_appeal(
    *,
    actor,
    first_instance: Case,
    content: str,
    title: str = "",
    received_on: dt.date | None = None,
    channel: str = Channel.WEB,
    idempotency_key: str | None = None,
) -> Case:
    """Khiếu nại lần hai: to the parent unit of the first-instance unit, within `complaint.appeal_window`
    (`_remote`) of the first decision (or of the first-instance deadline expiring without one)."""
    first = Case.objects.select_related("unit__parent").get(pk=first_instance.pk)
    parent = first.unit.parent
    officer = _user_or_none(actor)
    if officer is not None and not (
        has_unit_perm(officer, "cases.handle", first.unit) or has_unit_perm(officer, "cases.handle", parent)
    ):
        raise DomainError("Bạn không có quyền tiếp nhận đơn khiếu nại lần hai này.", code="forbidden")
    if idempotency_key:
        existing = Case.objects.filter(idempotency_key=idempotency_key, first_instance=first).first()
        if existing is not None:
            return existing
    if channel not in Channel.values:
        raise DomainError("Kênh tiếp nhận không hợp lệ.", field="channel")
    earlier = first.appeals.exclude(status=Status.DECLINED).only("code").first()
    if earlier is not None:
        raise DomainError(
            f"Quyết định này đã có đơn khiếu nại lần hai (hồ sơ {earlier.code}).", code="already_appealed"
        )
    if first.kind != Kind.COMPLAINT or first.instance != 1:
        raise DomainError("Chỉ khiếu nại lần hai được đối với quyết định giải quyết khiếu nại lần đầu.")
    if parent is None:
        raise DomainError("Đơn vị giải quyết lần đầu không có cấp trên để giải quyết lần hai.")
    received_on = received_on or local_today()
    found = appeal_window(first, received_on)
    if found is None:
        raise DomainError(
            "Chỉ khiếu nại lần hai khi đã có quyết định giải quyết lần đầu hoặc đã hết thời hạn giải quyết mà "
            "không được giải quyết.",
            code="not_yet",
        )
    start, window = found
    if received_on > window.due:
        raise DomainError(
            f"Đã quá thời hạn khiếu nại lần hai: {window.whole_value} ngày kể từ ngày {format_date(start)}, "
            f"tức chậm nhất ngày {format_date(window.due)} ({window.citation}).",
            code="appeal_window",
        )
    content = _clean_text(
        content, field="content", label="nội dung khiếu nại lần hai", max_length=CONTENT_MAX, lines=True
    )
    title = _clean_text(
        title or f"Khiếu nại lần hai: {first.title}", field="title", label="tiêu đề", max_length=TITLE_MAX
    )
    c = Case(
        code=new_code(Kind.COMPLAINT, received_on),
        kind=Kind.COMPLAINT,
        channel=channel,
        field=first.field,
        title=title,
        content=content,
        unit=parent,
        commune=first.commune,
        hamlet=first.hamlet,
        place_address=first.place_address,
        submitter_name=first.submitter_name,
        submitter_phone=first.submitter_phone,
        submitter_address=first.submitter_address,
        submitter_email=first.submitter_email,
        contact_digest=first.contact_digest,
        is_anonymous=first.is_anonymous,
        consent_publish=first.consent_publish,
        decision_ref=first.decision_ref,
        act_known_on=start,
        instance=2,
        first_instance=first,
        is_remote=bool(parent.is_remote or first.is_remote),
        received_on=received_on,
        idempotency_key=idempotency_key or None,
        created_by=officer,
    )
    _apply_accept_due(c)
    c.search_text = build_search_text(c)
    c.save()
    _event(
        c,
        actor=actor,
        action="submit",
        to_status=Status.RECEIVED,
        public="Đã tiếp nhận đơn khiếu nại lần hai.",
    )
    _event(
        first, actor=actor, action="appeal", public=f"Người khiếu nại đã khiếu nại lần hai (hồ sơ {c.code})."
    )
    _audit(actor, "case.appeal", c, {"first_instance": [None, first.pk], "unit": [None, parent.pk]})
    search_index(c)
    inform_citizen(c, f"Đã tiếp nhận khiếu nại lần hai, do {parent.name} giải quyết.")
    notify_new_case(c, actor=officer)
    return c
