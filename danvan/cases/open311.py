"""Open311 GeoReport v2 (JSON) over the public citizen cases: /api/v1/open311/v2/…

- `GET services.json`: one service per active case field (lĩnh vực); `service_code` is the field code.
- `GET requests.json`: public cases — feedback and petitions only, never complaints or denunciations, never
  merged duplicates — with no personal data at all: no names, phones, e-mails or addresses of submitters;
  `address` is the hamlet/commune name, `lat`/`long` are null. The citizen's own text (`description`) is
  published only when the citizen consented (or the case was resolved as a public-interest answer, which the
  services allow only with consent); otherwise a neutral summary ("Phản ánh lĩnh vực Môi trường"). Filters
  `service_code` (comma-separated), `status` (open/closed), `start_date`/`end_date` (ISO 8601; by default the
  90 days before `end_date` or now), `page`/`page_size` (at most `MAX_PAGE_SIZE`); newest first; one query.
- `GET requests/{code}.json`: one request by its public tracking code, as a one-element list.
- `POST requests.json` (form-encoded or JSON): a feedback (or, with `kind=petition`, a petition) through
  `services.case_submit` on the web channel, with the web form's rate limit. `jurisdiction_id` is the code of
  the commune (or of a hamlet: then its commune handles it). A double submit never makes two cases: the
  `Idempotency-Key` header (or an `idempotency_key` field) — by default a digest of the submitted data and the
  day — is passed to the service, which returns the existing case.
- Errors are GeoReport lists: `[{"code": 400, "description": "…"}]`.

`expected_datetime` is the statutory due date running for the case (acceptance before thụ lý, resolution
after), given as the end of that day in Asia/Ho_Chi_Minh: by Civil Code Art. 148 a period ends at the end of
its last day.
"""

import datetime as dt
import hashlib
import json
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from ninja import Router, Schema, Status

from danvan.core.errors import DomainError
from danvan.core.formatting import local_today
from danvan.core.http import client_ip
from danvan.units.selectors import unit_by_code

from . import selectors, services
from .models import DONE_STATUSES, OPEN_STATUSES, Case, Field, Kind
from .models import Status as CaseStatus

router = Router(tags=["open311"])

SUBMIT_KINDS = {Kind.FEEDBACK.value, Kind.PETITION.value}
DEFAULT_DAYS = 90
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
SERVICE_GROUP = "Phản ánh, kiến nghị"
KIND_LABELS = dict(Kind.choices)
STATUS_LABELS = dict(CaseStatus.choices)


class ServiceOut(Schema):
    service_code: str
    service_name: str
    description: str
    metadata: bool = False
    type: str = "realtime"
    keywords: str
    group: str


class RequestOut(Schema):
    service_request_id: str
    status: str
    status_notes: str
    service_name: str | None
    service_code: str | None
    description: str
    agency_responsible: str
    service_notice: str
    address: str
    address_id: str | None = None
    zipcode: str | None = None
    lat: float | None = None
    long: float | None = None
    media_url: str | None = None
    requested_datetime: dt.datetime
    updated_datetime: dt.datetime
    expected_datetime: dt.datetime | None


class CreatedOut(Schema):
    service_request_id: str
    service_notice: str
    account_id: str | None = None


class Open311Error(Schema):
    code: int
    description: str


def _error(code: int, description: str):
    return Status(code, [{"code": code, "description": description}])


# ---------------------------------------------------------------- rendering


_TZ = ZoneInfo(settings.TIME_ZONE)


def _end_of_day(day: dt.date | None) -> dt.datetime | None:
    if day is None:
        return None
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=_TZ)


def _local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value, _TZ)


def _is_published(case: Case) -> bool:
    return case.consent_publish or (case.public_interest and case.status in DONE_STATUSES)


def _summary(case: Case) -> str:
    kind = services.vi(KIND_LABELS.get(case.kind, "Phản ánh"))
    if case.field_id:
        return f"{kind} lĩnh vực {case.field.name}"
    return kind


def _address(case: Case) -> str:
    parts = [u.name for u in (case.hamlet, case.commune) if u is not None]
    return ", ".join(parts) or case.unit.name


def _expected(case: Case) -> dt.datetime | None:
    if case.is_open:
        return _end_of_day(case.current_due)
    return _end_of_day(case.resolve_due or case.accept_due)


def _requested(case: Case) -> dt.datetime:
    created = _local(case.created_at)
    if created.date() == case.received_on:
        return created
    # entered later from a letter or a reception session: the day it was received
    return dt.datetime.combine(case.received_on, dt.time(0, 0), tzinfo=_TZ)


def _status_notes(case: Case) -> str:
    notes = services.vi(STATUS_LABELS.get(case.status, ""))
    if case.status == CaseStatus.TRANSFERRED:
        notes = f"Đã chuyển đến {case.unit.name} để giải quyết theo thẩm quyền."
    if case.status in DONE_STATUSES and _is_published(case) and case.answer:
        notes = f"{notes}. {case.answer}"
    return notes


def _as_request(case: Case) -> dict:
    published = _is_published(case)
    return {
        "service_request_id": case.code,
        "status": "open" if case.is_open else "closed",
        "status_notes": _status_notes(case),
        "service_name": case.field.name if case.field_id else None,
        "service_code": case.field.code if case.field_id else None,
        "description": case.content if published else _summary(case),
        "agency_responsible": case.unit.name,
        "service_notice": "",
        "address": _address(case),
        "requested_datetime": _requested(case),
        "updated_datetime": _local(case.updated_at),
        "expected_datetime": _expected(case),
    }


# ---------------------------------------------------------------- services


@router.get("/services.json", response=list[ServiceOut], summary="Open311: danh sách dịch vụ (lĩnh vực)")
def services_list(request, jurisdiction_id: str | None = None):
    return [
        {
            "service_code": f.code,
            "service_name": f.name,
            "description": f"Phản ánh, kiến nghị của người dân về lĩnh vực {f.name.lower()}.",
            "metadata": False,
            "type": "realtime",
            "keywords": ", ".join(["phản ánh", "kiến nghị", f.name.lower()]),
            "group": SERVICE_GROUP,
        }
        for f in selectors.fields()
    ]


# ---------------------------------------------------------------- requests


def _parse_datetime(value: str, name: str) -> dt.datetime:
    try:
        parsed = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise DomainError(f"Tham số {name} phải là ngày giờ theo ISO 8601, ví dụ 2026-01-31T00:00:00+07:00.")
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=_TZ)
    return parsed


def _parse_int(value: str | None, name: str, default: int) -> int:
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        raise DomainError(f"Tham số {name} phải là số nguyên dương.")
    if number < 1:
        raise DomainError(f"Tham số {name} phải là số nguyên dương.")
    return number


@router.get(
    "/requests.json",
    response={200: list[RequestOut], 400: list[Open311Error]},
    summary="Open311: các phản ánh, kiến nghị công khai",
)
def requests_list(
    request,
    service_code: str | None = None,
    status: str | None = None,
    start_date: str | None = None,
    end_date: str | None = None,
    page: str | None = None,
    page_size: str | None = None,
    jurisdiction_id: str | None = None,
):
    try:
        end = _parse_datetime(end_date, "end_date") if end_date else timezone.now()
        start = (
            _parse_datetime(start_date, "start_date") if start_date else end - dt.timedelta(days=DEFAULT_DAYS)
        )
        if start > end:
            raise DomainError("start_date phải trước end_date.")
        number = _parse_int(page, "page", 1)
        size = min(_parse_int(page_size, "page_size", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE)
    except DomainError as exc:
        return _error(400, exc.message)
    qs = selectors.public_cases().filter(
        received_on__gte=_local(start).date(), received_on__lte=_local(end).date()
    )
    if service_code:
        codes = [c.strip() for c in service_code.split(",") if c.strip()]
        qs = qs.filter(field__code__in=codes)
    if status:
        wanted = {s.strip().lower() for s in status.split(",")}
        if not wanted <= {"open", "closed"}:
            return _error(400, "Tham số status chỉ nhận open hoặc closed.")
        if wanted == {"open"}:
            qs = qs.filter(status__in=OPEN_STATUSES)
        elif wanted == {"closed"}:
            qs = qs.exclude(status__in=OPEN_STATUSES)
    if jurisdiction_id:
        unit = unit_by_code(jurisdiction_id)
        if unit is None:
            return _error(400, f"Không có đơn vị mã {jurisdiction_id}.")
        qs = qs.filter(Q(unit__path__startswith=unit.path) | Q(commune=unit))
    qs = qs.order_by("-received_on", "-pk")
    offset = (number - 1) * size
    return [_as_request(c) for c in qs[offset : offset + size]]


@router.get(
    "/requests/{code}.json",
    response={200: list[RequestOut], 404: list[Open311Error]},
    summary="Open311: một phản ánh, kiến nghị theo mã tra cứu",
)
def request_detail(request, code: str):
    case = selectors.public_cases().filter(code=code.strip().upper()).first()
    if case is None:
        return _error(404, f"Không tìm thấy phản ánh, kiến nghị công khai có mã {code}.")
    return [_as_request(case)]


# ---------------------------------------------------------------- submit


def _payload(request) -> dict:
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            raise DomainError("Dữ liệu JSON không hợp lệ.")
        if not isinstance(data, dict):
            raise DomainError("Dữ liệu JSON phải là một đối tượng.")
        return {k: "" if v is None else str(v) for k, v in data.items()}
    return {k: request.POST.get(k, "") for k in request.POST}


def _title_from(text: str) -> str:
    words = " ".join(text.split())
    if len(words) <= 80:
        return words
    return words[:80].rsplit(" ", 1)[0] + "…"


def _idempotency_key(request, data: dict, kind: str) -> str:
    explicit = (request.headers.get("Idempotency-Key") or data.get("idempotency_key") or "").strip()
    if explicit:
        raw = f"explicit|{explicit}"
    else:
        fields = ("jurisdiction_id", "service_code", "description", "address_string", "email", "phone")
        names = ("first_name", "last_name")
        raw = "|".join(
            [local_today().isoformat(), kind]
            + [" ".join(data.get(f, "").split()).lower() for f in fields + names]
        )
    return "o311-" + hashlib.sha256(raw.encode()).hexdigest()[:59]


@router.post(
    "/requests.json",
    response={200: list[CreatedOut], 201: list[CreatedOut], 400: list[Open311Error], 429: list[Open311Error]},
    summary="Open311: gửi phản ánh, kiến nghị",
    openapi_extra={
        "requestBody": {
            "content": {
                media: {
                    "schema": {
                        "type": "object",
                        "required": ["service_code", "description", "jurisdiction_id"],
                        "properties": {
                            "jurisdiction_id": {"type": "string", "description": "Mã xã (hoặc mã ấp)"},
                            "service_code": {"type": "string"},
                            "description": {"type": "string"},
                            "address_string": {"type": "string"},
                            "email": {"type": "string"},
                            "phone": {"type": "string"},
                            "first_name": {"type": "string"},
                            "last_name": {"type": "string"},
                            "kind": {"type": "string", "enum": sorted(SUBMIT_KINDS)},
                            "consent_publish": {"type": "boolean"},
                            "api_key": {"type": "string"},
                        },
                    }
                }
                for media in ("application/x-www-form-urlencoded", "application/json")
            }
        }
    },
)
def request_create(request):
    try:
        data = _payload(request)
        kind = (data.get("kind") or Kind.FEEDBACK).strip().lower()
        if kind not in SUBMIT_KINDS:
            raise DomainError(
                "Qua Open311 chỉ gửi được phản ánh hoặc kiến nghị (kind=feedback hoặc petition)."
            )
        code = data.get("service_code", "").strip()
        if not code:
            raise DomainError("Vui lòng chọn lĩnh vực (service_code).")
        field = Field.objects.filter(code=code, active=True).first()
        if field is None:
            raise DomainError(f"Không có lĩnh vực mã {code}.")
        jurisdiction = data.get("jurisdiction_id", "").strip()
        if not jurisdiction:
            raise DomainError("Vui lòng cho biết mã xã, phường nơi xảy ra sự việc (jurisdiction_id).")
        unit = unit_by_code(jurisdiction)
        hamlet = None
        if unit is not None and unit.is_community:
            unit, hamlet = unit.parent, unit
        if unit is None or not unit.is_commune:
            raise DomainError(f"Không có xã, phường mã {jurisdiction}.")
        description = data.get("description", "")
        if not description.strip():
            raise DomainError("Vui lòng nhập nội dung phản ánh, kiến nghị (description).")
        name = " ".join(
            p for p in (data.get("last_name", "").strip(), data.get("first_name", "").strip()) if p
        )
        consent = data.get("consent_publish", "").strip().lower() in {"1", "true", "yes", "on", "co", "có"}
        key = _idempotency_key(request, data, kind)
        before = Case.objects.filter(idempotency_key=key).exists()
        case = services.case_submit(
            actor=None,
            kind=kind,
            title=_title_from(description),
            content=description,
            unit=unit,
            channel="web",
            field=field,
            hamlet=hamlet,
            place_address=data.get("address_string", ""),
            name=name,
            phone=data.get("phone", ""),
            email=data.get("email", ""),
            consent_publish=consent,
            idempotency_key=key,
            ip=client_ip(request),
        )
    except DomainError as exc:
        if exc.code == "rate_limited":
            return _error(429, exc.message)
        return _error(400, exc.message)
    notice = (
        f"Đã tiếp nhận {services.vi(KIND_LABELS[case.kind]).lower()} mã {case.code}. "
        "Dùng mã này và số điện thoại đã khai để tra cứu tại /phan-anh/tra-cuu/."
    )
    return Status(200 if before else 201, [{"service_request_id": case.code, "service_notice": notice}])
