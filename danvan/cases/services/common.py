"""The steps every case service shares: permission checks, the row lock, the timeline event, the audit
record, the status change and the citizen's notice, and the deadlines set at receipt and at acceptance."""

import datetime as dt
import logging
import secrets

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from danvan.access.policy import has_unit_perm
from danvan.audit.services import audit_record
from danvan.core import pagecache
from danvan.core.errors import DomainError
from danvan.core.formatting import format_date, local_today
from danvan.core.tasks import enqueue_on_commit
from danvan.core.text import clean_text, normalize
from danvan.rulebook.services import compute_deadline, rule_in_force
from danvan.search.registry import search_index

from ..models import (
    Case,
    CaseEvent,
    Kind,
    Status,
)
from ..protection import decrypt_identity, redact_identity

logger = logging.getLogger("danvan.cases")


TITLE_MAX = 300


CONTENT_MAX = 20_000


NOTE_MAX = 5_000


MAX_ATTACHMENTS = 3


# Public form limits: (max submissions, window in seconds) per client address.
SUBMIT_LIMIT_PER_IP = (5, 3600)


TRACK_LIMIT_PER_IP = (20, 900)


DUPLICATE_THRESHOLD = 0.5


CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L


CODE_PREFIX = {Kind.FEEDBACK: "PA", Kind.PETITION: "KN", Kind.COMPLAINT: "KH", Kind.DENUNCIATION: "TC"}


KIND_LABELS = dict(Kind.choices)


STATUS_LABELS = dict(Status.choices)


def vi(label) -> str:
    """A (lazy) label in Vietnamese, whatever language the request uses: notices to citizens, stored
    notifications and the Open311 texts are always Vietnamese."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(label)


def _require(actor, perm: str, unit, message: str = "Bạn không có quyền xử lý hồ sơ của đơn vị này.") -> None:
    if not has_unit_perm(actor, perm, unit):
        raise DomainError(message, code="forbidden")


def _user_or_none(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


_clean_text = clean_text


def _rule_or_none(key: str, on: dt.date):
    try:
        return rule_in_force(key, on)
    except DomainError:
        return None


def _deadline_or_none(key: str, start: dt.date):
    try:
        return compute_deadline(key, start)
    except DomainError:
        return None


def new_code(kind: str, on: dt.date | None = None) -> str:
    """An unguessable public tracking code, e.g. "PA26-7K3Q9X" (kind prefix, year, 6 random characters)."""
    on = on or local_today()
    for _ in range(20):
        code = f"{CODE_PREFIX.get(kind, 'PA')}{on:%y}-" + "".join(
            secrets.choice(CODE_ALPHABET) for _ in range(6)
        )
        if not Case.objects.filter(code=code).exists():
            return code
    raise DomainError("Không tạo được mã hồ sơ, vui lòng thử lại.")  # pragma: no cover


def _redacted_letter(identity: dict, **texts: str) -> tuple[dict, dict]:
    """Each of `texts` with the identity redacted (`protection.redact_identity`), cut to its column's length,
    and the originals that redaction changed, keyed `original_<name>` for the encrypted payload."""
    limits = {"title": TITLE_MAX, "content": CONTENT_MAX, "place_address": 255}
    redacted, originals = {}, {}
    for key, value in texts.items():
        clean = redact_identity(value, identity)
        if clean != value:
            originals[f"original_{key}"] = value
            if len(clean) > limits[key]:
                clean = clean[: limits[key] - 1] + "…"
        redacted[key] = clean
    return redacted, originals


def build_search_text(case: Case) -> str:
    """Normalised title, content, place, field and code. Never the submitter's identity."""
    parts = [case.code, case.title, case.content, case.place_address, case.decision_ref]
    if case.field_id:
        parts.append(case.field.name)
    return normalize(" ".join(p for p in parts if p))


def commune_of(unit):
    """The commune a unit belongs to (itself for a commune; its ancestor commune for a hamlet)."""
    if unit is None:
        return None
    if unit.is_commune:
        return unit
    node = unit
    while node is not None and not node.is_commune:
        node = node.parent
    return node


def _event(
    case: Case, *, actor, action: str, from_status="", to_status="", public="", internal=""
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        at=timezone.now(),
        action=action,
        from_status=from_status or "",
        to_status=to_status or "",
        public_note=public,
        internal_note=internal,
        actor=_user_or_none(actor),
    )


def _audit(actor, action: str, case: Case, changes: dict | None = None):
    # The portal's pages: Open311 lists every case; an answer marked of public interest is published (resolve),
    # stays (close, rate) or is withdrawn (reopen, merge) with the case's status.
    pagecache.changed(*(("cases", "answers") if case.public_interest else ("cases",)))
    # Identity never goes into the audit trail: only workflow fields are passed here.
    return audit_record(actor=actor, action=action, obj=case, unit=case.unit, changes=changes or {})


def _lock(case: Case) -> Case:
    return Case.objects.select_for_update(of=("self",)).select_related("unit", "field").get(pk=case.pk)


def _set_status(case: Case, actor, action: str, to: str, *, public="", internal="", inform=True, **changes):
    """Move `case` to status `to`, record the event and the audit record, and tell the citizen."""
    before = case.status
    case.status = to
    case.save()
    _event(
        case, actor=actor, action=action, from_status=before, to_status=to, public=public, internal=internal
    )
    audit_changes = {"status": [before, to]}
    audit_changes.update(changes)
    _audit(actor, f"case.{action}", case, audit_changes)
    search_index(case)
    settle_notices(case, action, actor)
    if inform and before != to:
        inform_citizen(case, public)


def notice_text(case: Case, note: str = "") -> str:
    """The text of a status notice: code and what happened, never names or contact data. The note, when
    there is one, says the new status in its own words ("Đã thụ lý giải quyết, hạn …"), so the status label
    is not repeated before it. Sent as it is by e-mail; an SMS carries it without diacritics
    (`danvan.notifications.sms.sms_text`), within one 160-character segment."""
    body = " ".join((note or f"{vi(STATUS_LABELS.get(case.status, case.status))}.").split())
    if len(body) > 160:  # at a word, never in the middle of one
        body = body[:159].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"
    return f"Hồ sơ {case.code}: {body} Tra cứu: {settings.DANVAN_SITE_URL}/phan-anh/tra-cuu/"


# Who is told of a new case, and which of their notices an action settles (danvan.notifications topics).
DONE_VERBS = {
    "accept": "đã thụ lý",
    "decline": "đã không thụ lý",
    "transfer": "đã chuyển đơn",
    "merge": "đã gộp hồ sơ",
    "assign": "đã phân công xử lý",
    "resolve": "đã giải quyết",
    "close": "đã đóng hồ sơ",
    "extend": "đã gia hạn giải quyết",
}
# action → the topics (suffixes of "case:<pk>:") whose notices it closes
SETTLES = {
    "accept": ("new", "due:accept"),
    "decline": ("new", "due:accept", "assigned"),
    "transfer": ("new", "due:accept", "assigned"),
    "merge": ("new", "due:accept", "due:resolve", "assigned"),
    "assign": ("new",),
    "resolve": ("due:resolve", "assigned"),
    "close": ("due:resolve", "assigned"),
    "extend": ("due:resolve",),
}


def case_topic(case: Case, what: str) -> str:
    return f"case:{case.pk}:{what}"


def settle_notices(case: Case, action: str, actor) -> int:
    """Close, for every recipient, the notices that `action` on `case` answers (a new case once someone
    accepted, declined, transferred, merged or assigned it; a deadline warning once its step is done; an
    assignment once the case is settled)."""
    from danvan.notifications.services import notices_done

    parts = SETTLES.get(action)
    if not parts:
        return 0
    who = getattr(actor, "display_name", "") if getattr(actor, "is_authenticated", False) else ""
    verb = DONE_VERBS.get(action, "đã xử lý")
    note = f"{who} {verb}" if who else verb[:1].upper() + verb[1:]
    return notices_done(topic=[case_topic(case, p) for p in parts], note=note)


def new_case_recipients(case: Case) -> list:
    """Who hears of a new case in `case.unit`: the unit's case officers (a denunciation: only its leaders,
    who decide who handles it), holding the role on the unit itself today; the leaders when the unit has no
    case officer."""
    from django.db.models import Q

    from danvan.access.models import RoleAssignment
    from danvan.access.roles import Role

    today = local_today()
    in_force = (
        RoleAssignment.objects.filter(unit=case.unit, valid_from__lte=today, user__is_active=True)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .select_related("user")
        .order_by("user__full_name", "user_id")
    )
    roles = [Role.LEADER] if case.kind == Kind.DENUNCIATION else [Role.CASE_OFFICER]
    users = {r.user_id: r.user for r in in_force if r.role in roles}
    if not users and case.kind != Kind.DENUNCIATION:
        users = {r.user_id: r.user for r in in_force if r.role == Role.LEADER}
    return list(users.values())


def notify_new_case(case: Case, *, transferred: bool = False, actor=None) -> int:
    """In-app notices of a new (or transferred-in) case to `new_case_recipients` (not to the officer who
    entered it), with what the inbox shows of it — code, kind, the (redacted) title and the deadline — and
    nothing of its content or sender."""
    from danvan.notifications.services import notify

    kind = vi(KIND_LABELS[case.kind])
    due = f" Hạn thụ lý: {format_date(case.accept_due)}." if case.accept_due else ""
    origin = f" (chuyển từ {case.transferred_from.name})" if transferred and case.transferred_from else ""
    sent = 0
    for user in new_case_recipients(case):
        if actor is not None and user.pk == getattr(actor, "pk", None):
            continue
        notify(
            user=user,
            title=f"{'Hồ sơ chuyển đến' if transferred else 'Hồ sơ mới'}: {kind} {case.code}{origin}",
            body=f"{case.title[:120]}.{due}",
            url=case.get_absolute_url(),
            channels=("inapp",),
            topic=case_topic(case, "new"),
        )
        sent += 1
    return sent


def inform_citizen(case: Case, note: str = "") -> None:
    """After commit, send the status notice to this case's submitter and to every case merged into it."""
    from ..tasks import deliver_citizen_notice

    enqueue_on_commit(deliver_citizen_notice, case.pk, notice_text(case, note))


def contact_of(case: Case) -> dict:
    """The submitter's contact (phone, email). Decrypts a denouncer's data: call only from delivery code."""
    if case.protected_identity:
        data = decrypt_identity(case.protected_identity)
        return {"phone": data.get("phone", ""), "email": data.get("email", "")}
    return {"phone": case.submitter_phone, "email": case.submitter_email}


def deliver_notice(case_id: int, text: str) -> int:
    """Send `text` to the contact of the case and of every case merged into it; returns how many were sent."""
    from danvan.notifications.mail import send_email
    from danvan.notifications.services import send_sms
    from danvan.notifications.sms import SmsError

    recipients = list(Case.objects.filter(pk=case_id)) + list(Case.objects.filter(merged_into_id=case_id))
    sent = 0
    for c in recipients:
        contact = contact_of(c)
        try:
            if contact["phone"]:
                send_sms(phone=contact["phone"], text=text)
                sent += 1
            elif contact["email"]:
                send_email(to=contact["email"], subject=f"Hồ sơ {c.code}", body=text)
                sent += 1
        except (SmsError, OSError):
            logger.warning("Không gửi được thông báo của hồ sơ %s", c.code)
        if c.account_id:  # filed from a citizen's account (never a denunciation): a notice in their area too
            _notify_account(c, text)
    logger.debug("Đã gửi %s thông báo của hồ sơ %s", sent, case_id)
    return sent


def _notify_account(case: Case, text: str) -> None:
    from danvan.notifications.services import notify

    body = text.split(" Tra cứu:", 1)[0].removeprefix(f"Hồ sơ {case.code}:").strip()
    notify(
        user=case.account,
        title=f"Hồ sơ {case.code}: {vi(STATUS_LABELS.get(case.status, case.status))}",
        body=body,
        url=reverse("cases:my_case", kwargs={"code": case.code}),
        channels=("inapp",),
    )


def arrived_on(case: Case) -> dt.date:
    """The day the case reached the unit that holds it now: the transfer day for a case transferred in,
    else the day it was received. Its acceptance clock runs from here."""
    return case.transferred_on or case.received_on


def _accept_deadline(case: Case):
    start = arrived_on(case)
    if case.kind == Kind.COMPLAINT:
        return _deadline_or_none("complaint.accept", start)
    if case.kind == Kind.DENUNCIATION:
        key = "denunciation.process_multi_site" if case.multi_site else "denunciation.process"
        return _deadline_or_none(key, start)
    return _deadline_or_none("feedback.forward", start)


def _apply_accept_due(case: Case) -> None:
    d = _accept_deadline(case)
    case.accept_due = d.due if d else None
    case.accept_rule_key = d.rule_key if d else ""
    case.accept_citation = d.citation if d else ""


def _expect(case: Case, statuses, message: str) -> None:
    if case.status not in statuses:
        raise DomainError(
            message + f" (trạng thái hiện tại: {vi(STATUS_LABELS[case.status])}).", code="bad_status"
        )


def resolve_deadline(case: Case, accepted_on: dt.date):
    """The resolution deadline of `case` accepted on `accepted_on` (Deadline or None)."""
    if case.kind == Kind.COMPLAINT:
        key = "complaint.resolve_" + ("first" if case.instance == 1 else "second")
        if case.is_remote:
            key += "_remote"
        if case.is_complex:
            key += "_complex"
        return compute_deadline(key, accepted_on)
    if case.kind == Kind.DENUNCIATION:
        return compute_deadline("denunciation.resolve", accepted_on)
    return _deadline_or_none("reception.answer", arrived_on(case))
