"""Writes of the cases module (M2) and the legal rules they enforce.

Every write is `case_<verb>(*, actor, case, …)`: one transaction, the actor's permission on the case's unit
(`cases.handle` for intake steps, `cases.resolve` for resolving, extending, closing and reopening), a timeline
event, one audit record (never with identity data) and, when the status changes, a notice to the citizen
(SMS or e-mail after commit; for a denunciation the contact is decrypted only inside the delivery task).
A denunciation's title, content and place are stored with the denouncer's own name, phone, e-mail and address
redacted (`protection.redact_identity`); the original letter is kept only in the encrypted payload and shown by
`reveal_identity` to the handler and the unit's leaders.

Deadlines (never literal numbers: the rulebook version in force on the day that starts the clock):
- at receipt: `complaint.accept` (complaints), `denunciation.process` / `_multi_site` (denunciations),
  `feedback.forward` (feedback, petitions) → `accept_due`;
- at acceptance: `complaint.resolve_first|second[_remote][_complex]` and `denunciation.resolve` from the
  acceptance day; `reception.answer` from the receipt day for feedback and petitions → `resolve_due`;
- transfers are flagged late after `denunciation.forward` / `feedback.forward` working days from receipt;
- denunciation extensions add `denunciation.extension` days, at most `denunciation.extensions_complex` times
  (complex) or `denunciation.extensions_especially_complex` times (especially complex);
- a complaint must be filed within `complaint.filing_limit` of learning of the act; a second complaint within
  `complaint.appeal_window[_remote]` of the first decision, to the parent unit, where dialogue is mandatory.
"""

import datetime as dt
import difflib
import hashlib
import logging
import secrets
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from danvan.access.policy import has_unit_perm
from danvan.audit.services import audit_record
from danvan.core import ratelimit
from danvan.core.errors import DomainError, NotFoundOrForbidden
from danvan.core.files import DOCUMENTS, validate_upload
from danvan.core.formatting import format_date, format_number, implausible_day, local_today
from danvan.core.tasks import enqueue_on_commit
from danvan.core.text import nfc, normalize, tokens
from danvan.people.phones import normalize_phone
from danvan.rulebook.services import compute_deadline, rule_in_force
from danvan.search.registry import search_index

from .models import (
    IN_PROGRESS_STATUSES,
    OPEN_STATUSES,
    Case,
    CaseAttachment,
    CaseEvent,
    Channel,
    Complexity,
    Field,
    Kind,
    Outcome,
    Status,
)
from .protection import ORIGINAL_FIELDS, contact_digest, decrypt_identity, encrypt_identity, redact_identity

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


# ---------------------------------------------------------------- small helpers


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


# ---------------------------------------------------------------- citizen notices


def notice_text(case: Case, note: str = "") -> str:
    """The text of a status notice: code and status only, never names or contact data."""
    text = f"Hồ sơ {case.code}: {vi(STATUS_LABELS.get(case.status, case.status))}."
    if note:
        text += f" {note[:160]}"
    return text + f" Tra cứu: {settings.DANVAN_SITE_URL}/phan-anh/tra-cuu/"


def inform_citizen(case: Case, note: str = "") -> None:
    """After commit, send the status notice to this case's submitter and to every case merged into it."""
    from .tasks import deliver_citizen_notice

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
    logger.debug("Đã gửi %s thông báo của hồ sơ %s", sent, case_id)
    return sent


# ---------------------------------------------------------------- submission


def _clean_contact(phone: str, email: str) -> tuple[str, str]:
    phone_raw = (phone or "").strip()
    phone_n = normalize_phone(phone_raw, international=True) if phone_raw else ""
    if phone_raw and not phone_n:
        raise DomainError("Số điện thoại không hợp lệ (ví dụ 0912 345 678).", field="phone")
    email = (email or "").strip().lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise DomainError("Địa chỉ thư điện tử không hợp lệ.", field="email")
    return phone_n, email


def _clean_location(latitude, longitude) -> tuple[Decimal | None, Decimal | None]:
    """WGS84 coordinates as reported by an application: both or neither, in range, 6 decimals (≈ 10 cm)."""
    given = [v for v in (latitude, longitude) if v not in (None, "")]
    if not given:
        return None, None
    if len(given) == 1:
        raise DomainError("Vui lòng gửi đủ cả vĩ độ (lat) và kinh độ (long).", field="lat")
    try:
        lat, lon = (Decimal(str(v).strip()) for v in (latitude, longitude))
    except (InvalidOperation, ValueError):
        raise DomainError("Vĩ độ (lat) và kinh độ (long) phải là số thập phân, ví dụ 10.7769.", field="lat")
    if not (lat.is_finite() and lon.is_finite() and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise DomainError(
            "Toạ độ không hợp lệ: vĩ độ (lat) từ -90 đến 90, kinh độ (long) từ -180 đến 180.", field="lat"
        )
    q = Decimal("0.000001")
    return lat.quantize(q), lon.quantize(q)


def _clean_media_url(url: str) -> str:
    """A public http(s) address of a photo or document, stored as given and never fetched by the server."""
    url = (url or "").strip()
    if not url:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise DomainError(
            "Liên kết ảnh, tài liệu (media_url) phải là địa chỉ http hoặc https.", field="media_url"
        )
    if len(url) > 500:
        raise DomainError("Liên kết ảnh, tài liệu (media_url) dài quá 500 ký tự.", field="media_url")
    return url


def _limit_key(kind: str, value: str) -> str:
    return f"cases:{kind}:{hashlib.sha256(value.encode()).hexdigest()[:32]}"


def check_rate(kind: str, ip: str, limit: tuple[int, int], message: str) -> None:
    """Refuse when the client address reached `limit` in its window; the message says how long to wait.
    The count is a shared-cache window (`danvan.core.ratelimit`), the same for every web worker."""
    if not ip:
        return
    maximum, window = limit
    key = _limit_key(kind, ip)
    if ratelimit.exceeded(key, maximum):
        raise DomainError(
            message.format(minutes=ratelimit.retry_after_minutes(key, window)), code="rate_limited"
        )


def count_rate(kind: str, ip: str, limit: tuple[int, int]) -> None:
    if not ip:
        return
    ratelimit.hit(_limit_key(kind, ip), limit[1])


def filing_check(act_known_on: dt.date | None, received_on: dt.date) -> None:
    """Refuse a complaint filed after `complaint.filing_limit` days from learning of the act."""
    if act_known_on is None:
        raise DomainError(
            "Vui lòng nhập ngày bạn nhận được hoặc biết được quyết định, hành vi bị khiếu nại.",
            field="act_known_on",
            code="required",
        )
    if act_known_on > received_on:
        raise DomainError(
            "Ngày biết được quyết định, hành vi không được sau ngày gửi đơn.", field="act_known_on"
        )
    if implausible_day(act_known_on):
        raise DomainError(
            f"Ngày biết được quyết định, hành vi ({format_date(act_known_on)}) có vẻ bị nhập nhầm năm. "
            "Vui lòng kiểm tra lại (ngày/tháng/năm).",
            field="act_known_on",
            code="implausible",
        )
    # never skipped: a day before the first version of the limit is judged by that first version
    limit = compute_deadline("complaint.filing_limit", act_known_on, earliest_before_first=True)
    if received_on > limit.due:
        raise DomainError(
            f"Đã hết thời hiệu khiếu nại: đơn phải gửi trong {limit.whole_value} ngày kể từ ngày biết được "
            f"quyết định, hành vi ({format_date(act_known_on)}), tức chậm nhất ngày {format_date(limit.due)} "
            f"({limit.citation}). Nếu vì ốm đau, thiên tai hoặc trở ngại khách quan khác mà không gửi được "
            "đơn đúng hạn, vui lòng đến trụ sở tiếp công dân để được hướng dẫn.",
            field="act_known_on",
            code="filing_limit",
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


@transaction.atomic
def case_submit(
    *,
    actor=None,
    kind: str,
    title: str,
    content: str,
    unit,
    channel: str = Channel.WEB,
    field: Field | None = None,
    hamlet=None,
    place_address: str = "",
    name: str = "",
    phone: str = "",
    address: str = "",
    email: str = "",
    decision_ref: str = "",
    act_known_on: dt.date | None = None,
    multi_site: bool = False,
    consent_publish: bool = False,
    public_interest: bool = False,
    received_on: dt.date | None = None,
    idempotency_key: str | None = None,
    attachments=(),
    ip: str = "",
    latitude=None,
    longitude=None,
    media_url: str = "",
    api_key=None,
) -> Case:
    """A new case from the public form (actor None) or entered by an officer (`cases.handle` on `unit`).

    Validation per kind: feedback and petitions may be anonymous; a complaint needs name, address, the decision
    or act complained about and the day the citizen learnt of it, within `complaint.filing_limit`; a denunciation
    needs name, address and a phone or e-mail, all stored only encrypted. An anonymous denunciation is received
    as feedback "to check" (Luật Tố cáo Điều 25). The same `idempotency_key` returns the existing case.

    A case posted by an integrator's application (Open311) comes with the `api_key` it was admitted with
    (`danvan.integrations.services.api_key_admit` counted it against the key's own hourly quota, so the
    per-address limit of the public form does not apply) and may carry the reported `latitude`/`longitude`
    and a `media_url` (stored as given, never fetched).
    """
    officer = _user_or_none(actor)
    if officer is not None:
        _require(officer, "cases.handle", unit, "Bạn không có quyền tiếp nhận hồ sơ cho đơn vị này.")
    if idempotency_key:
        existing = Case.objects.filter(idempotency_key=idempotency_key, created_by=officer).first()
        if existing is not None:
            return existing
    if kind not in Kind.values:
        raise DomainError("Vui lòng chọn loại đơn: phản ánh, kiến nghị, khiếu nại hoặc tố cáo.", field="kind")
    if channel not in Channel.values:
        raise DomainError("Kênh tiếp nhận không hợp lệ.", field="channel")
    if unit is None:
        raise DomainError("Vui lòng chọn xã, phường nơi xảy ra sự việc.", field="unit")
    received_on = received_on or local_today()
    if received_on > local_today():
        raise DomainError("Ngày tiếp nhận không được sau hôm nay.", field="received_on")
    if implausible_day(received_on):
        raise DomainError(
            f"Ngày tiếp nhận ({format_date(received_on)}) có vẻ bị nhập nhầm năm. Vui lòng kiểm tra lại.",
            field="received_on",
            code="implausible",
        )
    title = _clean_text(title, field="title", label="tiêu đề", max_length=TITLE_MAX)
    content = _clean_text(content, field="content", label="nội dung", max_length=CONTENT_MAX, lines=True)
    place_address = _clean_text(
        place_address, field="place_address", label="địa điểm", max_length=255, required=False
    )
    name = _clean_text(name, field="name", label="họ tên", max_length=128, required=False)
    address = _clean_text(address, field="address", label="địa chỉ", max_length=255, required=False)
    decision_ref = _clean_text(
        decision_ref, field="decision_ref", label="quyết định, hành vi", max_length=255, required=False
    )
    phone, email = _clean_contact(phone, email)
    latitude, longitude = _clean_location(latitude, longitude)
    media_url = _clean_media_url(media_url)
    if hamlet is not None and hamlet.parent_id != unit.pk:
        raise DomainError("Ấp, khu phố không thuộc xã đã chọn.", field="hamlet")
    attachments = list(attachments or [])
    if len(attachments) > MAX_ATTACHMENTS:
        raise DomainError(f"Chỉ được đính kèm tối đa {MAX_ATTACHMENTS} tệp.", field="attachments")

    checked_note = ""
    if kind == Kind.DENUNCIATION and not (name and address):
        # Luật Tố cáo 2018 Điều 25: not handled as a denunciation; concrete content is checked as feedback.
        kind = Kind.FEEDBACK
        checked_note = "Đơn tố cáo không rõ họ tên, địa chỉ: tiếp nhận như phản ánh để kiểm tra, xác minh."
        name = address = ""
    if kind == Kind.COMPLAINT:
        if not name:
            raise DomainError(
                "Đơn khiếu nại phải ghi rõ họ tên người khiếu nại.", field="name", code="required"
            )
        if not address:
            raise DomainError(
                "Đơn khiếu nại phải ghi rõ địa chỉ người khiếu nại.", field="address", code="required"
            )
        if not decision_ref:
            raise DomainError(
                "Vui lòng ghi rõ quyết định hành chính hoặc hành vi hành chính bị khiếu nại.",
                field="decision_ref",
                code="required",
            )
        filing_check(act_known_on, received_on)
    if kind == Kind.DENUNCIATION and not (phone or email):
        raise DomainError(
            "Đơn tố cáo phải có cách liên hệ với người tố cáo: số điện thoại hoặc thư điện tử.",
            field="phone",
            code="required",
        )
    # validate files before anything is written
    checked_files = []
    for uploaded in attachments:
        try:
            mime = validate_upload(uploaded, DOCUMENTS)
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages), code="bad_file", field="attachments")
        checked_files.append((uploaded, mime))
    if officer is None and api_key is None:
        check_rate(
            "submit",
            ip,
            SUBMIT_LIMIT_PER_IP,
            "Bạn đã gửi nhiều đơn trong thời gian ngắn. Vui lòng thử lại sau {minutes} phút.",
        )

    identity, originals = {}, {}
    if kind == Kind.DENUNCIATION:
        # The denouncer often signs the letter itself: officers work on a copy without the identity; the
        # original letter is kept only in the encrypted payload (Luật Tố cáo 2018, Điều 47–48).
        identity = {"name": name, "phone": phone, "address": address, "email": email}
        letter, originals = _redacted_letter(
            identity, title=title, content=content, place_address=place_address
        )
        title, content, place_address = letter["title"], letter["content"], letter["place_address"]

    case = Case(
        code=new_code(kind, received_on),
        kind=kind,
        channel=channel,
        field=field,
        title=title,
        content=content,
        unit=unit,
        commune=commune_of(unit),
        hamlet=hamlet,
        place_address=place_address,
        is_anonymous=not name,
        consent_publish=bool(consent_publish),
        public_interest=bool(public_interest),
        decision_ref=decision_ref if kind == Kind.COMPLAINT else "",
        act_known_on=act_known_on if kind == Kind.COMPLAINT else None,
        is_remote=bool(unit.is_remote),
        multi_site=bool(multi_site) and kind == Kind.DENUNCIATION,
        received_on=received_on,
        idempotency_key=idempotency_key or None,
        created_by=officer,
        contact_digest=contact_digest(phone, email),
        latitude=latitude,
        longitude=longitude,
        media_url=media_url,
        api_key=api_key,
    )
    if kind == Kind.DENUNCIATION:
        case.protected_identity = encrypt_identity({**identity, **originals})
    else:
        case.submitter_name, case.submitter_phone = name, phone
        case.submitter_address, case.submitter_email = address, email
    _apply_accept_due(case)
    case.search_text = build_search_text(case)
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:
        if idempotency_key:
            existing = Case.objects.filter(idempotency_key=idempotency_key, created_by=officer).first()
            if existing is not None:
                return existing
            raise DomainError(
                "Mã chống gửi trùng đã được dùng cho đơn khác. Vui lòng tải lại trang và gửi lại."
            )
        raise
    for uploaded, mime in checked_files:
        _store_attachment(case, uploaded, mime)
    public = "Đã tiếp nhận đơn."
    _event(
        case, actor=actor, action="submit", to_status=Status.RECEIVED, public=public, internal=checked_note
    )
    _audit(
        actor,
        "case.submit",
        case,
        {
            "kind": [None, kind],
            "channel": [None, channel],
            "unit": [None, unit.pk],
            "accept_due": [None, case.accept_due],
            "attachments": [None, len(checked_files)],
            **({"api_key": [None, api_key.pk]} if api_key is not None else {}),
        },
    )
    search_index(case)
    if officer is None and api_key is None:
        count_rate("submit", ip, SUBMIT_LIMIT_PER_IP)
    inform_citizen(case, f"Đã tiếp nhận. Mã tra cứu: {case.code}.")
    return case


def _store_attachment(case: Case, uploaded, mime: str) -> CaseAttachment:
    """Stored under a random name in the private storage. A denunciation's file keeps a neutral name: the
    citizen's file name often carries their own ("don_to_cao_Nguyen_Van_A.pdf")."""
    name = nfc((getattr(uploaded, "name", "") or "tep").rsplit("/", 1)[-1])[:200]
    if case.kind == Kind.DENUNCIATION:
        ext = name.rsplit(".", 1)[-1].lower()[:10] if "." in name else ""
        number = case.attachments.count() + 1
        name = f"tep-dinh-kem-{number}.{ext}" if ext else f"tep-dinh-kem-{number}"
    a = CaseAttachment(case=case, original_name=name, size=uploaded.size, content_type=mime)
    a.file.save(name, uploaded, save=False)
    a.save()
    return a


@transaction.atomic
def case_attach(*, actor, case: Case, uploaded) -> CaseAttachment:
    _require(actor, "cases.handle", case.unit)
    try:
        mime = validate_upload(uploaded, DOCUMENTS)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), code="bad_file", field="file")
    a = _store_attachment(case, uploaded, mime)
    _audit(actor, "case.attach", case, {"attachment": [None, a.pk]})
    return a


# ---------------------------------------------------------------- workflow


def _expect(case: Case, statuses, message: str) -> None:
    if case.status not in statuses:
        raise DomainError(
            message + f" (trạng thái hiện tại: {vi(STATUS_LABELS[case.status])}).", code="bad_status"
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
    from danvan.notifications.services import notify

    notify(
        user=handler,
        title=f"Bạn được phân công xử lý hồ sơ {c.code}",
        body=f"{vi(KIND_LABELS[c.kind])}: {c.title[:120]}",
        url=c.get_absolute_url(),
        channels=("inapp",),
    )
    return c


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
    c.transferred_from = from_unit
    c.transfer_late = bool(d and on > d.due)
    c.unit = to_unit
    c.handler = None
    c.is_remote = bool(to_unit.is_remote)
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
    )
    return c


@transaction.atomic
def case_start_verification(*, actor, case: Case, note: str = "") -> Case:
    _require(actor, "cases.handle", case.unit)
    c = _lock(case)
    _expect(c, (Status.ACCEPTED, Status.DIALOGUE), "Chỉ xác minh được hồ sơ đã thụ lý")
    note = _clean_text(note, field="note", label="ghi chú", max_length=NOTE_MAX, required=False, lines=True)
    _set_status(c, actor, "verify", Status.VERIFYING, public="Đang xác minh nội dung.", internal=note)
    return c


@transaction.atomic
def case_hold_dialogue(*, actor, case: Case, note: str, held_on: dt.date | None = None) -> Case:
    """Record a dialogue with the citizen (mandatory before a second-instance complaint decision)."""
    _require(actor, "cases.handle", case.unit)
    note = _clean_text(note, field="note", label="nội dung đối thoại", max_length=NOTE_MAX, lines=True)
    c = _lock(case)
    _expect(c, IN_PROGRESS_STATUSES, "Chỉ đối thoại được với hồ sơ đang giải quyết")
    held_on = held_on or local_today()
    _set_status(
        c,
        actor,
        "dialogue",
        Status.DIALOGUE,
        public=f"Đã tổ chức đối thoại ngày {format_date(held_on)}.",
        internal=note,
    )
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
) -> Case:
    """Giải quyết: the answer or decision (public-safe text); complaints need the outcome and, at the second
    instance, a dialogue held before. `publish` marks a public-interest answer for the portal, only with the
    citizen's consent."""
    _require(actor, "cases.resolve", case.unit)
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
    c.answer = answer
    c.outcome = outcome
    c.resolved_on = resolved_on
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
    from .tasks import deliver_citizen_notice

    enqueue_on_commit(deliver_citizen_notice, dup.pk, notice_text(dup, f"Đã gộp vào hồ sơ {prim.code}."))
    return dup


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
    inform_citizen(c, f"Đã tiếp nhận khiếu nại lần hai. Mã tra cứu: {c.code}.")
    return c


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


# ---------------------------------------------------------------- identity


def may_reveal_identity(user, case: Case) -> bool:
    """The assigned handler, or a holder of `cases.reveal_identity` (a unit leader) on the case's unit.
    The superuser shortcut never applies (ROLE_ONLY_PERMISSIONS)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if case.handler_id and case.handler_id == user.pk:
        return True
    return has_unit_perm(user, "cases.reveal_identity", case.unit)


@transaction.atomic
def reveal_identity(*, actor, case: Case) -> dict:
    """The submitter's identity (decrypted for a denunciation); every call writes "case.identity_view".

    For a denunciation whose letter carried the identity, also the unredacted `original_title`,
    `original_content` and `original_place_address` (each only when present in the payload)."""
    if not may_reveal_identity(actor, case):
        raise NotFoundOrForbidden(f"Case {case.pk}")
    if case.protected_identity:
        data = decrypt_identity(case.protected_identity)
    else:
        data = {
            "name": case.submitter_name,
            "phone": case.submitter_phone,
            "address": case.submitter_address,
            "email": case.submitter_email,
        }
    audit_record(actor=actor, action="case.identity_view", obj=case, unit=case.unit, changes={})
    revealed = {k: data.get(k, "") for k in ("name", "address", "phone", "email")}
    revealed.update({k: data[k] for k in ORIGINAL_FIELDS if data.get(k)})
    return revealed


def attachment_open(*, actor, attachment: CaseAttachment):
    """The file of a case attachment, opened for download by `actor` (who passed `access_attachment_by_id`).

    Every download writes "case.attachment_download": an attachment cannot be redacted, and a denunciation's
    (a signed letter, a photo of an ID card) may carry the denouncer's identity, so reading it is audited like
    a reveal of the identity."""
    case = attachment.case
    audit_record(
        actor=actor,
        action="case.attachment_download",
        obj=case,
        unit=case.unit,
        changes={"attachment": [None, attachment.pk]},
    )
    return attachment.file.open("rb")


# ---------------------------------------------------------------- duplicates


def similarity(a: str, b: str) -> float:
    """Token Jaccard of the normalised texts, or the difflib ratio when higher (typos)."""
    ta, tb = {t for t in tokens(a) if len(t) > 1}, {t for t in tokens(b) if len(t) > 1}
    if not ta or not tb:
        return 0.0
    jaccard = len(ta & tb) / len(ta | tb)
    if jaccard >= DUPLICATE_THRESHOLD:
        return jaccard
    ratio = difflib.SequenceMatcher(None, a[:600], b[:600]).ratio()
    return max(jaccard, ratio)


def likely_duplicates(case: Case, limit: int = 5, threshold: float = DUPLICATE_THRESHOLD) -> list[Case]:
    """Open cases of the same commune (and hamlet when set) with similar text, newest first."""
    if case.commune_id is None:
        return []
    qs = Case.objects.filter(commune_id=case.commune_id, status__in=OPEN_STATUSES).exclude(pk=case.pk)
    if case.hamlet_id:
        qs = qs.filter(hamlet_id=case.hamlet_id)
    own = normalize(f"{case.title} {case.content}")
    found = []
    rows = qs.only("pk", "title", "content", "code", "kind", "status", "received_on", "unit_id").order_by(
        "-received_on", "-pk"
    )[:300]
    for other in rows:
        if similarity(own, normalize(f"{other.title} {other.content}")) >= threshold:
            found.append(other)
            if len(found) >= limit:
                break
    return found


# ---------------------------------------------------------------- deadline sweep


def deadline_sweep(*, today: dt.date | None = None, days: int | None = None) -> int:
    """In-app warnings to the handler and the unit's leaders for open cases due within `days` or overdue;
    at most one per case per day. Returns how many cases were warned."""
    from danvan.access.models import RoleAssignment
    from danvan.access.roles import Role
    from danvan.notifications.services import notify

    today = today or local_today()
    days = days if days is not None else getattr(settings, "DANVAN_CASE_WARN_DAYS", 3)
    horizon = today + dt.timedelta(days=days)
    from django.db.models import Q

    due = (
        Case.objects.filter(status__in=OPEN_STATUSES)
        .filter(
            Q(status__in=IN_PROGRESS_STATUSES, resolve_due__lte=horizon)
            | Q(status__in=(Status.RECEIVED, Status.TRANSFERRED), accept_due__lte=horizon)
        )
        .filter(Q(last_warned_on__isnull=True) | Q(last_warned_on__lt=today))
        .select_related("unit", "handler")
    )
    leaders_by_unit: dict[int, list] = {}
    warned = 0
    for case in due.iterator(chunk_size=500):
        when = case.current_due
        if when is None:
            continue
        if case.unit_id not in leaders_by_unit:
            leaders_by_unit[case.unit_id] = [
                r.user
                for r in RoleAssignment.objects.filter(
                    role=Role.LEADER, unit_id=case.unit_id, valid_from__lte=today, user__is_active=True
                )
                .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
                .select_related("user")
            ]
        recipients = {u.pk: u for u in leaders_by_unit[case.unit_id]}
        if case.handler_id and case.handler.is_active:
            recipients[case.handler_id] = case.handler
        state = "đã quá hạn" if when < today else "sắp đến hạn"
        stage = "thụ lý" if case.status in (Status.RECEIVED, Status.TRANSFERRED) else "giải quyết"
        with transaction.atomic():
            for user in recipients.values():
                notify(
                    user=user,
                    title=f"Hồ sơ {case.code} {state} {stage} ({format_date(when)})",
                    body=f"{vi(KIND_LABELS[case.kind])}: {case.title[:120]}",
                    url=case.get_absolute_url(),
                    channels=("inapp",),
                )
            Case.objects.filter(pk=case.pk).update(last_warned_on=today)
        warned += 1
    return warned


# ---------------------------------------------------------------- register export


def export_register(*, actor, unit, cases, filters: str = "") -> bytes:
    """The register of cases (XLSX) of `cases` — a queryset already scoped to `actor` — refused above
    `exports.MAX_ROWS`; every export of these personal data is audited."""
    from . import exports

    count = cases.count()
    if count > exports.MAX_ROWS:
        raise DomainError(
            f"Danh sách có {format_number(count)} hồ sơ, vượt quá {format_number(exports.MAX_ROWS)} dòng một lần "
            "xuất. Vui lòng lọc theo đơn vị, loại đơn hoặc trạng thái.",
            code="too_many",
        )
    data = exports.register_xlsx(cases.iterator(chunk_size=2000), exports.register_title(unit, local_today()))
    audit_record(
        actor=actor,
        action="case.export",
        obj=unit if unit is not None else actor,
        unit=unit,
        changes={"rows": [None, count], "filters": [None, filters]},
    )
    return data
