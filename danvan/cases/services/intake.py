"""Receiving a case: the public form, an officer's entry, Open311 and the API all reach `case_submit`
(validation of every field in one round of named steps, the complaint filing limit, a denouncer's identity
encrypted and redacted, the attachments) and `case_attach`; `case_check` gives the same refusals without
writing. The public form keeps the files a citizen chose while they correct other fields
(`attachments_hold`, `held_attachments`, `held_attachment_remove`), expired a day later by the daily job
`cases.held_attachments_expire` (`held_attachments_expire`)."""

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from danvan.core import ratelimit
from danvan.core.errors import DomainError, ErrorCollector
from danvan.core.files import DOCUMENTS, validate_upload
from danvan.core.formatting import format_date, implausible_day, local_today
from danvan.core.text import nfc
from danvan.people.phones import normalize_phone
from danvan.rulebook.services import compute_deadline
from danvan.search.registry import search_index

from ..models import (
    Case,
    CaseAttachment,
    Channel,
    Field,
    HeldAttachment,
    Kind,
    Status,
)
from ..protection import account_digest, contact_digest, encrypt_identity
from .common import (
    CONTENT_MAX,
    MAX_ATTACHMENTS,
    SUBMIT_LIMIT_PER_IP,
    TITLE_MAX,
    _apply_accept_due,
    _audit,
    _clean_text,
    _event,
    _redacted_letter,
    _require,
    _user_or_none,
    build_search_text,
    commune_of,
    inform_citizen,
    logger,
    new_code,
    notify_new_case,
)


def _clean_phone(phone: str) -> str:
    raw = (phone or "").strip()
    normalized = normalize_phone(raw, international=True) if raw else ""
    if raw and not normalized:
        raise DomainError("Số điện thoại không hợp lệ (ví dụ 0912 345 678).", field="phone")
    return normalized


def _clean_email(email: str) -> str:
    email = (email or "").strip().lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise DomainError("Địa chỉ thư điện tử không hợp lệ.", field="email")
    return email


def _clean_contact(phone: str, email: str) -> tuple[str, str]:
    return _clean_phone(phone), _clean_email(email)


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


@dataclass
class Submission:
    """A case's fields once every validation step has run (what `case_submit` writes)."""

    kind: str
    channel: str
    unit: object
    received_on: dt.date | None = None
    title: str = ""
    content: str = ""
    place_address: str = ""
    name: str = ""
    address: str = ""
    decision_ref: str = ""
    phone: str = ""
    email: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    media_url: str = ""
    hamlet: object = None
    field: object = None
    act_known_on: dt.date | None = None
    multi_site: bool = False
    files: list = dataclass_field(default_factory=list)  # (uploaded file, MIME type)
    held: list = dataclass_field(default_factory=list)  # (HeldAttachment, MIME type)
    checked_note: str = ""


# The validation steps of a submission. Each one checks its fields and adds every refusal to `errors`
# instead of stopping at the first, so the citizen sees the bad phone, the bad e-mail, the late date and the
# disguised file in one round; a step that depends on a field another step refused skips what it cannot
# judge (no "required" beside "invalid").


def _step_what_and_where(s: Submission, errors: ErrorCollector, hamlet) -> None:
    with errors.step():
        if s.kind not in Kind.values:
            raise DomainError(
                "Vui lòng chọn loại đơn: phản ánh, kiến nghị, khiếu nại hoặc tố cáo.",
                field="kind",
                code="required",
            )
    with errors.step():
        if s.channel not in Channel.values:
            raise DomainError("Kênh tiếp nhận không hợp lệ.", field="channel")
    with errors.step():
        if s.unit is None:
            raise DomainError("Vui lòng chọn xã, phường nơi xảy ra sự việc.", field="unit", code="required")
    with errors.step():
        if hamlet is not None and s.unit is not None and hamlet.parent_id != s.unit.pk:
            raise DomainError("Ấp, khu phố không thuộc xã đã chọn.", field="hamlet")
        s.hamlet = hamlet


def _step_received_on(s: Submission, errors: ErrorCollector, received_on: dt.date | None) -> None:
    received_on = received_on or local_today()
    with errors.step():
        if received_on > local_today():
            raise DomainError("Ngày tiếp nhận không được sau hôm nay.", field="received_on")
        if implausible_day(received_on):
            raise DomainError(
                f"Ngày tiếp nhận ({format_date(received_on)}) có vẻ bị nhập nhầm năm. Vui lòng kiểm tra lại.",
                field="received_on",
                code="implausible",
            )
        s.received_on = received_on


def _step_texts(s: Submission, errors: ErrorCollector, **raw) -> None:
    specs = {
        "title": {"label": "tiêu đề", "max_length": TITLE_MAX},
        "content": {"label": "nội dung", "max_length": CONTENT_MAX, "lines": True},
        "place_address": {"label": "địa điểm", "max_length": 255, "required": False},
        "name": {"label": "họ tên", "max_length": 128, "required": False},
        "address": {"label": "địa chỉ", "max_length": 255, "required": False},
        "decision_ref": {"label": "quyết định, hành vi", "max_length": 255, "required": False},
    }
    for name, spec in specs.items():
        with errors.step():
            setattr(s, name, _clean_text(raw.get(name), field=name, **spec))


def _step_contact(s: Submission, errors: ErrorCollector, phone: str, email: str) -> None:
    with errors.step():
        s.phone = _clean_phone(phone)
    with errors.step():
        s.email = _clean_email(email)


def _step_application_data(s: Submission, errors: ErrorCollector, latitude, longitude, media_url) -> None:
    with errors.step():
        s.latitude, s.longitude = _clean_location(latitude, longitude)
    with errors.step():
        s.media_url = _clean_media_url(media_url)


def _step_kind_rules(s: Submission, errors: ErrorCollector, act_known_on: dt.date | None, multi_site) -> None:
    """What each kind of case requires (the refusals the API and Open311 rely on keep their codes)."""
    if s.kind == Kind.DENUNCIATION and not (s.name and s.address):
        # Luật Tố cáo 2018 Điều 25: not handled as a denunciation; concrete content is checked as feedback.
        s.kind = Kind.FEEDBACK
        s.checked_note = "Đơn tố cáo không rõ họ tên, địa chỉ: tiếp nhận như phản ánh để kiểm tra, xác minh."
        s.name = s.address = ""
    if s.kind == Kind.COMPLAINT:
        required = [
            ("name", "Đơn khiếu nại phải ghi rõ họ tên người khiếu nại."),
            ("address", "Đơn khiếu nại phải ghi rõ địa chỉ người khiếu nại."),
            ("decision_ref", "Vui lòng ghi rõ quyết định hành chính hoặc hành vi hành chính bị khiếu nại."),
        ]
        for name, message in required:
            if not getattr(s, name) and not errors.has(name):
                errors.add(DomainError(message, field=name, code="required"))
        if s.received_on is not None:
            with errors.step():
                filing_check(act_known_on, s.received_on)
                s.act_known_on = act_known_on
    if s.kind == Kind.DENUNCIATION:
        s.multi_site = bool(multi_site)
        if not (s.phone or s.email) and not (errors.has("phone") or errors.has("email")):
            errors.add(
                DomainError(
                    "Đơn tố cáo phải có cách liên hệ với người tố cáo: số điện thoại hoặc thư điện tử.",
                    field="phone",
                    code="required",
                )
            )


def _step_files(s: Submission, errors: ErrorCollector, attachments, held) -> None:
    """Each file checked by its content; every refused file named (the held ones were checked when they were
    kept and are checked again: the storage is not trusted more than the upload)."""
    attachments, held = list(attachments or []), list(held or [])
    if len(attachments) + len(held) > MAX_ATTACHMENTS:
        errors.add(DomainError(f"Chỉ được đính kèm tối đa {MAX_ATTACHMENTS} tệp.", field="attachments"))
        return
    for uploaded in attachments:
        with errors.step():
            s.files.append((uploaded, _checked_mime(uploaded)))
    for row in held:
        with errors.step(), row.file.open("rb") as fh:
            s.held.append((row, _checked_mime(File(fh, name=row.original_name))))


def _checked_mime(uploaded) -> str:
    try:
        return validate_upload(uploaded, DOCUMENTS)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), code="bad_file", field="attachments")


def _validate(
    *,
    kind,
    title,
    content,
    unit,
    channel=Channel.WEB,
    field=None,
    hamlet=None,
    place_address="",
    name="",
    phone="",
    address="",
    email="",
    decision_ref="",
    act_known_on=None,
    multi_site=False,
    received_on=None,
    attachments=(),
    held=(),
    latitude=None,
    longitude=None,
    media_url="",
) -> tuple[Submission, ErrorCollector]:
    s = Submission(kind=kind, channel=channel, unit=unit, field=field)
    errors = ErrorCollector()
    _step_what_and_where(s, errors, hamlet)
    _step_received_on(s, errors, received_on)
    _step_texts(
        s,
        errors,
        title=title,
        content=content,
        place_address=place_address,
        name=name,
        address=address,
        decision_ref=decision_ref,
    )
    _step_contact(s, errors, phone, email)
    _step_application_data(s, errors, latitude, longitude, media_url)
    if s.kind in Kind.values:
        _step_kind_rules(s, errors, act_known_on, multi_site)
    _step_files(s, errors, attachments, held)
    return s, errors


def case_check(**fields) -> list[DomainError]:
    """Every refusal `case_submit` would give for these fields (the same keyword arguments, except the
    submission's circumstances: actor, idempotency, address, key), without writing anything: a form whose own
    checks failed shows the service's refusals in the same round."""
    for key in ("actor", "idempotency_key", "ip", "api_key", "consent_publish", "public_interest", "account"):
        fields.pop(key, None)
    held_token = fields.pop("held_token", "")
    _s, errors = _validate(held=held_attachments(held_token) if held_token else (), **fields)
    return errors.errors


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
    account=None,
    held_token: str = "",
) -> Case:
    """A new case from the public form (actor None) or entered by an officer (`cases.handle` on `unit`).

    Validation per kind: feedback and petitions may be anonymous; a complaint needs name, address, the decision
    or act complained about and the day the citizen learnt of it, within `complaint.filing_limit`; a denunciation
    needs name, address and a phone or e-mail, all stored only encrypted. An anonymous denunciation is received
    as feedback "to check" (Luật Tố cáo Điều 25). The same `idempotency_key` returns the existing case.
    Every field is checked before anything is refused: the refusal is a `DomainErrors` listing them all (its
    message, code and field are the first one's when there is one).

    A case posted by an integrator's application (Open311) comes with the `api_key` it was admitted with
    (`danvan.integrations.services.api_key_admit` counted it against the key's own hourly quota, so the
    per-address limit of the public form does not apply) and may carry the reported `latitude`/`longitude`
    and a `media_url` (stored as given, never fetched).

    A case filed from the public form by a signed-in citizen carries their `account` (a denunciation only
    its keyed digest), and the files the form held for it (`held_token`, see `attachments_hold`) become its
    attachments.
    """
    officer = _user_or_none(actor)
    if officer is not None:
        _require(officer, "cases.handle", unit, "Bạn không có quyền tiếp nhận hồ sơ cho đơn vị này.")
    if idempotency_key:
        existing = Case.objects.filter(idempotency_key=idempotency_key, created_by=officer).first()
        if existing is not None:
            return existing
    s, errors = _validate(
        kind=kind,
        title=title,
        content=content,
        unit=unit,
        channel=channel,
        field=field,
        hamlet=hamlet,
        place_address=place_address,
        name=name,
        phone=phone,
        address=address,
        email=email,
        decision_ref=decision_ref,
        act_known_on=act_known_on,
        multi_site=multi_site,
        received_on=received_on,
        attachments=attachments,
        held=held_attachments(held_token) if held_token else (),
        latitude=latitude,
        longitude=longitude,
        media_url=media_url,
    )
    errors.raise_if_any()
    if officer is None and api_key is None:
        check_rate(
            "submit",
            ip,
            SUBMIT_LIMIT_PER_IP,
            "Bạn đã gửi nhiều đơn trong thời gian ngắn. Vui lòng thử lại sau {minutes} phút.",
        )
    citizen = account if getattr(account, "is_authenticated", False) and account.kind == "citizen" else None

    identity, originals = {}, {}
    title, content, place_address = s.title, s.content, s.place_address
    if s.kind == Kind.DENUNCIATION:
        # The denouncer often signs the letter itself: officers work on a copy without the identity; the
        # original letter is kept only in the encrypted payload (Luật Tố cáo 2018, Điều 47–48).
        identity = {"name": s.name, "phone": s.phone, "address": s.address, "email": s.email}
        letter, originals = _redacted_letter(
            identity, title=title, content=content, place_address=place_address
        )
        title, content, place_address = letter["title"], letter["content"], letter["place_address"]

    case = Case(
        code=new_code(s.kind, s.received_on),
        kind=s.kind,
        channel=s.channel,
        field=field,
        title=title,
        content=content,
        unit=unit,
        commune=commune_of(unit),
        hamlet=s.hamlet,
        place_address=place_address,
        is_anonymous=not s.name,
        consent_publish=bool(consent_publish),
        public_interest=bool(public_interest),
        decision_ref=s.decision_ref if s.kind == Kind.COMPLAINT else "",
        act_known_on=s.act_known_on if s.kind == Kind.COMPLAINT else None,
        is_remote=bool(unit.is_remote),
        multi_site=s.multi_site and s.kind == Kind.DENUNCIATION,
        received_on=s.received_on,
        idempotency_key=idempotency_key or None,
        created_by=officer,
        contact_digest=contact_digest(s.phone, s.email),
        latitude=s.latitude,
        longitude=s.longitude,
        media_url=s.media_url,
        api_key=api_key,
    )
    if citizen is not None:
        if s.kind == Kind.DENUNCIATION:
            case.account_digest = account_digest(citizen.pk)
        else:
            case.account = citizen
    if s.kind == Kind.DENUNCIATION:
        case.protected_identity = encrypt_identity({**identity, **originals})
    else:
        case.submitter_name, case.submitter_phone = s.name, s.phone
        case.submitter_address, case.submitter_email = s.address, s.email
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
    for uploaded, mime in s.files:
        _store_attachment(case, uploaded, mime)
    for row, mime in s.held:
        _adopt_held(case, row, mime)
    public = "Đã tiếp nhận đơn."
    _event(
        case, actor=actor, action="submit", to_status=Status.RECEIVED, public=public, internal=s.checked_note
    )
    _audit(
        actor,
        "case.submit",
        case,
        {
            "kind": [None, s.kind],
            "channel": [None, s.channel],
            "unit": [None, unit.pk],
            "accept_due": [None, case.accept_due],
            "attachments": [None, len(s.files) + len(s.held)],
            **({"api_key": [None, api_key.pk]} if api_key is not None else {}),
        },
    )
    search_index(case)
    if officer is None and api_key is None:
        count_rate("submit", ip, SUBMIT_LIMIT_PER_IP)
    inform_citizen(case, f"Đã tiếp nhận, do {case.unit.name} giải quyết.")
    notify_new_case(case, actor=officer)
    return case


def _attachment_name(case: Case, name: str) -> str:
    """The citizen's file name, except on a denunciation, whose files keep a neutral name: the citizen's
    often carries their own ("don_to_cao_Nguyen_Van_A.pdf")."""
    name = nfc((name or "tep").rsplit("/", 1)[-1])[:200]
    if case.kind == Kind.DENUNCIATION:
        ext = name.rsplit(".", 1)[-1].lower()[:10] if "." in name else ""
        number = case.attachments.count() + 1
        name = f"tep-dinh-kem-{number}.{ext}" if ext else f"tep-dinh-kem-{number}"
    return name


def _store_attachment(case: Case, uploaded, mime: str) -> CaseAttachment:
    """Stored under a random name in the private storage."""
    name = _attachment_name(case, getattr(uploaded, "name", ""))
    a = CaseAttachment(case=case, original_name=name, size=uploaded.size, content_type=mime)
    a.file.save(name, uploaded, save=False)
    a.save()
    return a


def _adopt_held(case: Case, row: HeldAttachment, mime: str) -> CaseAttachment:
    """A held file becomes the case's attachment: the stored file (random name, private storage) is kept as
    it is, only its row changes."""
    a = CaseAttachment.objects.create(
        case=case,
        file=row.file.name,
        original_name=_attachment_name(case, row.original_name),
        size=row.size,
        content_type=mime,
    )
    HeldAttachment.objects.filter(pk=row.pk).delete()
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


# ---------------------------------------------------------------- files held while the form is corrected

HELD_TTL = dt.timedelta(days=1)
HOLD_LIMIT_PER_IP = (30, 3600)  # files kept per client address and hour: the private storage is not a dump
_TOKEN = re.compile(r"^[0-9a-f]{32}$")


def held_token_ok(token: str) -> bool:
    """Whether `token` is a form token that files can be held against (the form's random hex value)."""
    return bool(_TOKEN.match(token or ""))


@dataclass
class HoldResult:
    held: list  # HeldAttachment rows kept this round
    refused: list  # DomainError for each file refused by its content
    unkept: list  # (uploaded file, reason) accepted but not kept: to send now, or to choose again


def held_attachments(token: str) -> list[HeldAttachment]:
    """The files held for the form `token` that have not expired, oldest first."""
    if not held_token_ok(token):
        return []
    return list(HeldAttachment.objects.filter(token=token, created_at__gte=timezone.now() - HELD_TTL))


def attachments_hold(*, token: str, files, ip: str = "") -> HoldResult:
    """Check each file chosen on the public form by its content and keep the good ones against the form's
    `token` (private storage), so a round that refuses another field does not lose them. A file over the
    limit of attachments, or beyond the per-address limit of held files, is not kept: the form says it must
    be chosen again (it still goes with the case if this round sends it)."""
    result = HoldResult(held=[], refused=[], unkept=[])
    files = [f for f in files or [] if f]
    if not files:
        return result
    if not held_token_ok(token):
        result.unkept = [(f, "no_token") for f in files]
        return result
    with transaction.atomic():
        _hold(result, token, files, ip)
    return result


def _hold(result: HoldResult, token: str, files, ip: str) -> None:
    room = MAX_ATTACHMENTS - len(held_attachments(token))
    for uploaded in files:
        try:
            mime = _checked_mime(uploaded)
        except DomainError as exc:
            result.refused.append(exc)
            continue
        if room <= 0:
            result.unkept.append((uploaded, "full"))
            continue
        key = _limit_key("hold", ip) if ip else ""
        if key and ratelimit.exceeded(key, HOLD_LIMIT_PER_IP[0]):
            result.unkept.append((uploaded, "limit"))
            continue
        name = nfc((getattr(uploaded, "name", "") or "tep").rsplit("/", 1)[-1])[:200]
        row = HeldAttachment(token=token, original_name=name, size=uploaded.size, content_type=mime)
        uploaded.seek(0)
        row.file.save(name, uploaded, save=False)
        row.save()
        if key:
            ratelimit.hit(key, HOLD_LIMIT_PER_IP[1])
        result.held.append(row)
        room -= 1


@transaction.atomic
def held_attachment_remove(*, token: str, pk) -> bool:
    """Remove one held file of the form `token` (the citizen's "Bỏ tệp này"); False when there is none."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return False
    row = HeldAttachment.objects.filter(token=token, pk=pk).first() if held_token_ok(token) else None
    if row is None:
        return False
    name = row.file.name
    row.delete()
    transaction.on_commit(lambda: row.file.storage.delete(name))
    return True


def held_attachments_expire(now=None) -> int:
    """Delete the files held for forms that were never sent, a day after they were chosen (the daily job
    `cases.held_attachments_expire`); returns how many. Idempotent."""
    cutoff = (now or timezone.now()) - HELD_TTL
    expired = list(HeldAttachment.objects.filter(created_at__lt=cutoff))
    for row in expired:
        name = row.file.name
        with transaction.atomic():
            if HeldAttachment.objects.filter(pk=row.pk).delete()[0]:
                row.file.storage.delete(name)
    if expired:
        logger.info("Đã xoá %s tệp giữ quá một ngày cho đơn chưa gửi", len(expired))
    return len(expired)
