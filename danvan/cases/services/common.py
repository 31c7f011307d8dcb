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
from danvan.core.errors import DomainError
from danvan.core.formatting import local_today
from danvan.core.tasks import enqueue_on_commit
from danvan.core.text import nfc, normalize
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


def _clean_text(
    value, *, field: str, label: str, max_length: int, required: bool = True, lines: bool = False
) -> str:
    value = nfc(str(value or "")).replace("\r\n", "\n").strip()
    if not lines:
        value = " ".join(value.split())
    if required and not value:
        raise DomainError(f"Vui lòng nhập {label}.", field=field, code="required")
    if len(value) > max_length:
        raise DomainError(
            f"{label[:1].upper()}{label[1:]} không được dài quá {max_length} ký tự.", field=field
        )
    return value


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
    if inform and before != to:
        inform_citizen(case, public)


def notice_text(case: Case, note: str = "") -> str:
    """The text of a status notice: code and status only, never names or contact data."""
    text = f"Hồ sơ {case.code}: {vi(STATUS_LABELS.get(case.status, case.status))}."
    if note:
        text += f" {note[:160]}"
    return text + f" Tra cứu: {settings.DANVAN_SITE_URL}/phan-anh/tra-cuu/"


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
                send_sms(phone=contact["phone"], text=text[:300])
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


def _accept_deadline(case: Case):
    if case.kind == Kind.COMPLAINT:
        return _deadline_or_none("complaint.accept", case.received_on)
    if case.kind == Kind.DENUNCIATION:
        key = "denunciation.process_multi_site" if case.multi_site else "denunciation.process"
        return _deadline_or_none(key, case.received_on)
    return _deadline_or_none("feedback.forward", case.received_on)


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
    return _deadline_or_none("reception.answer", case.received_on)
