"""Receiving a case: the public form, an officer's entry, Open311 and the API all reach `case_submit`
(validation of every field, the complaint filing limit, a denouncer's identity encrypted and redacted, the
attachments) and `case_attach`."""

import datetime as dt
import hashlib
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction

from danvan.core import ratelimit
from danvan.core.errors import DomainError
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
    Kind,
    Status,
)
from ..protection import contact_digest, encrypt_identity
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
    new_code,
)


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
