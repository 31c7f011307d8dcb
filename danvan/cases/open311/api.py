"""The Open311 GeoReport v2 endpoints, each served as `.json` and `.xml` from one handler (see `formats`).

Every handler is `handler(request, fmt, **query)`; `open311_operation` registers it twice, `<path>.json` and
`<path>.xml`, both declared in the OpenAPI schema with their real media type and every status they answer.
Errors are the spec's error list in the format of the path. The alias `service/<code>.xml|json` (the PyPI
client `open311` asks for the singular) is left out of the schema: it is the same operation as
`services/<code>` under a misspelt path, kept only so that client works.
"""

import datetime as dt
import functools
import hashlib
import inspect
import json
import re

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from ninja import Router

from danvan.api.errors import server_error_response
from danvan.core.errors import DomainError, errors_of
from danvan.core.formatting import EARLIEST_PLAUSIBLE_DAY, format_number, local_today
from danvan.core.http import client_ip
from danvan.core.pagecache import public_page
from danvan.core.workdays import LAST_YEAR
from danvan.integrations import selectors as key_selectors
from danvan.integrations import services as key_services
from danvan.units.models import Unit
from danvan.units.selectors import unit_by_code

from .. import selectors, services
from ..models import DONE_STATUSES, OPEN_STATUSES, Case, Field, Kind
from ..models import Status as CaseStatus
from . import definitions
from .formats import FORMATS, error, render, w3c
from .schemas import (
    CreatedOut,
    DiscoveryOut,
    Open311Error,
    RequestOut,
    ServiceDefinitionOut,
    ServiceOut,
    TokenOut,
    xml_content,
)

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# The last change of this endpoint's definitions (discovery `changeset`): sortable, changed with the code.
CHANGESET = "2026-12-01 00:00"
DEFAULT_DAYS = 90
MAX_PAGE_SIZE = 1000  # the spec's default answer: the last 90 days or 1,000 requests, whichever is smaller
MAX_OFFSET = 100_000  # deeper pages cost a scan: narrow the dates instead
MAX_IDS = 1000
DESCRIPTION_MAX = 4000  # the spec's limit for `description`
SERVICE_GROUP = "Phản ánh, kiến nghị"

router = Router(tags=["open311"])


class Problem(Exception):
    """An answer other than 200: the HTTP status and the Vietnamese description of the error body."""

    def __init__(self, status: int, message: str, *more: str, retry_after: int | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.messages = [message, *more]  # a GeoReport error list: one <error> per refusal
        self.retry_after = retry_after


STATUS_TEXT = {
    200: "Thành công",
    201: "Đã tiếp nhận",
    400: "Tham số không hợp lệ",
    403: "Thiếu khoá API, khoá không hợp lệ hoặc không được gửi cho đơn vị này",
    404: "Không tìm thấy",
    429: "Khoá API đã dùng hết hạn mức trong giờ",
    500: "Lỗi máy chủ (đã được ghi lại)",
}
SERVER_ERROR = "Máy chủ gặp lỗi khi xử lý yêu cầu. Lỗi đã được ghi lại để khắc phục; vui lòng thử lại sau."


def open311_operation(
    method: str,
    path: str,
    *,
    summary: str,
    root: str,
    model,
    many: bool = True,
    statuses: dict[int, tuple[str, object, bool]] | None = None,
    request_body: dict | None = None,
    alias: str | None = None,
):
    """Register `handler(request, fmt, …)` as `<path>.json` and `<path>.xml`.

    `model`/`root`/`many` describe the success answer (200); `statuses` the others, each
    `status: (root, model, many)` (errors are `("errors", Open311Error, True)`). Every operation may also
    answer 400 (a NUL character) and 500 (a defect, logged), both in GeoReport's `<errors>` format: the API's
    shared error rule (`danvan.api.openapi`) leaves Open311's paths to these declarations."""
    answers = {200: (root, model, many), 400: ERRORS, **(statuses or {}), 500: ERRORS}

    def decorator(handler):
        signature = inspect.signature(handler)
        public = signature.replace(parameters=[p for n, p in signature.parameters.items() if n != "fmt"])
        for fmt in FORMATS:

            def view(request, *args, _fmt=fmt, **kwargs):
                if _has_nul(request, kwargs):
                    return error(_fmt, 400, "Tham số chứa ký tự không hợp lệ (NUL).")
                try:
                    return handler(request, _fmt, *args, **kwargs)
                except Exception as exc:  # a defect: logged, answered in the path's format
                    return server_error_response(request, exc, error(_fmt, 500, SERVER_ERROR))

            functools.update_wrapper(view, handler)
            del view.__wrapped__
            view.__signature__ = public
            view.__name__ = f"{handler.__name__}_{fmt}"
            extra: dict = {}
            if fmt == "json":
                response = {code: (list[m] if many_ else m) for code, (_r, m, many_) in answers.items()}
            else:
                response = {code: None for code in answers}
                extra["responses"] = {
                    code: {"description": STATUS_TEXT.get(code, ""), **xml_content(r, m, many_)}
                    for code, (r, m, many_) in answers.items()
                }
            if request_body:
                extra["requestBody"] = request_body
            for route, in_schema in ((path, True), (alias, False)):
                if route is None:
                    continue
                router.add_api_operation(
                    f"{route}.{fmt}",
                    [method],
                    view,
                    response=response,
                    summary=f"{summary} ({fmt.upper()})",
                    operation_id=f"open311_{handler.__name__}_{fmt}" + ("" if in_schema else "_alias"),
                    include_in_schema=in_schema,
                    openapi_extra=extra or None,
                )
        return handler

    return decorator


ERRORS = ("errors", Open311Error, True)


def _has_nul(request, params: dict) -> bool:
    """A NUL character in the path or the query string: no text column can store it (PostgreSQL refuses it
    in a query), so it is a 400 before any lookup. Posted fields are checked by `_submit`."""
    values = [v for v in params.values() if isinstance(v, str)]
    values += [v for _k, vs in request.GET.lists() for v in vs] + list(request.GET)
    return any("\x00" in v for v in values)


def _unit_or_404(code: str | None):
    code = (code or "").strip()
    if not code:
        return None
    unit = unit_by_code(code)
    if unit is None:
        raise Problem(404, f"Không có đơn vị hành chính mã {code} (jurisdiction_id).")
    return unit


def _commune_of(unit):
    """The commune a jurisdiction stands for (its own commune for a hamlet), or None for a larger unit."""
    if unit is None:
        return None
    if unit.is_community:
        return unit.parent
    return unit if unit.is_commune else None


# ---------------------------------------------------------------- discovery and services


@open311_operation(
    "GET",
    "/discovery",
    summary="Open311: tệp khám phá dịch vụ (service discovery)",
    root="discovery",
    model=DiscoveryOut,
    many=False,
)
def discovery(request, fmt):
    base = request.build_absolute_uri(request.path).rsplit("/", 1)[0]
    data = {
        "changeset": CHANGESET,
        "contact": f"Quản trị hệ thống của cổng thông tin {request.get_host()} (đơn vị vận hành cổng).",
        "key_service": (
            "Khoá API (api_key) để gửi phản ánh do quản trị hệ thống cấp cho từng tổ chức, cho các xã, phường "
            "mà tổ chức đó phục vụ: gửi đề nghị kèm tên tổ chức, người liên hệ và các đơn vị cần gửi tới."
        ),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base,
                "changeset": CHANGESET,
                "type": "test" if settings.DEBUG else "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return render(data, fmt, "discovery")


def _service(f: Field) -> dict:
    return {
        "service_code": f.code,
        "service_name": f.name,
        "description": f"Phản ánh, kiến nghị của người dân về lĩnh vực {f.name.lower()}.",
        "metadata": True,
        "type": "realtime",
        "keywords": ", ".join(["phản ánh", "kiến nghị", f.name.lower()]),
        "group": SERVICE_GROUP,
    }


@open311_operation(
    "GET",
    "/services",
    summary="Open311: danh sách dịch vụ (lĩnh vực)",
    root="services",
    model=ServiceOut,
    statuses={404: ERRORS},
)
def services_list(request, fmt, jurisdiction_id: str | None = None):
    try:
        _unit_or_404(jurisdiction_id)
    except Problem as p:
        return error(fmt, p.status, p.message)
    return render([_service(f) for f in selectors.fields()], fmt, "services")


@open311_operation(
    "GET",
    "/services/{service_code}",
    alias="/service/{service_code}",
    summary="Open311: định nghĩa dịch vụ (các thông tin bổ sung)",
    root="service_definition",
    model=ServiceDefinitionOut,
    many=False,
    statuses={404: ERRORS},
)
def service_definition(request, fmt, service_code: str, jurisdiction_id: str | None = None):
    try:
        commune = _commune_of(_unit_or_404(jurisdiction_id))
        field = Field.objects.filter(code=service_code.strip(), active=True).first()
        if field is None:
            raise Problem(404, f"Không có dịch vụ (lĩnh vực) mã {service_code}.")
    except Problem as p:
        return error(fmt, p.status, p.message)
    return render(definitions.definition_data(field.code, commune), fmt, "service_definition")


# ---------------------------------------------------------------- requests: rendering


# A request is rendered from one row of `values(*REQUEST_COLUMNS)` (a dict, no model instances: a page of 1,000
# requests is built several times faster), with the Vietnamese labels looked up once.
REQUEST_COLUMNS = (
    "code",
    "kind",
    "status",
    "consent_publish",
    "public_interest",
    "content",
    "answer",
    "accept_due",
    "resolve_due",
    "received_on",
    "created_at",
    "updated_at",
    "unit__name",
    "commune__name",
    "commune__code",
    "hamlet__name",
    "hamlet__code",
    "field__code",
    "field__name",
)
_OPEN = frozenset(OPEN_STATUSES)
_DONE = frozenset(DONE_STATUSES)
_WAITING = frozenset({CaseStatus.RECEIVED, CaseStatus.TRANSFERRED})


@functools.cache
def _labels() -> tuple[dict, dict]:
    kinds = {k: services.vi(label) for k, label in Kind.choices}
    statuses = {k: services.vi(label) for k, label in CaseStatus.choices}
    return kinds, statuses


def _is_published(row: dict) -> bool:
    return row["consent_publish"] or (row["public_interest"] and row["status"] in _DONE)


def _summary(row: dict, kinds: dict) -> str:
    kind = kinds.get(row["kind"], "Phản ánh")
    return f"{kind} lĩnh vực {row['field__name']}" if row["field__code"] else kind


def _end_of_day(day: dt.date | None) -> str | None:
    if day is None:
        return None
    return w3c(dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=timezone.get_default_timezone()))


def _expected(row: dict) -> str | None:
    """The statutory due date running (acceptance before thụ lý, resolution after), to the end of its day:
    by Civil Code Art. 148 a period ends at the end of its last day."""
    if row["status"] in _OPEN:
        due = (row["accept_due"] or row["resolve_due"]) if row["status"] in _WAITING else row["resolve_due"]
        return _end_of_day(due)
    return _end_of_day(row["resolve_due"] or row["accept_due"])


def _status_notes(row: dict, statuses: dict) -> str:
    notes = statuses.get(row["status"], "")
    if row["status"] == CaseStatus.TRANSFERRED:
        notes = f"Đã chuyển đến {row['unit__name']} để giải quyết theo thẩm quyền."
    if row["status"] in _DONE and _is_published(row) and row["answer"]:
        notes = f"{notes}. {row['answer']}"
    return notes


def _as_request(row: dict) -> dict:
    kinds, statuses = _labels()
    address = ", ".join(n for n in (row["hamlet__name"], row["commune__name"]) if n) or row["unit__name"]
    return {
        "service_request_id": row["code"],
        "status": "open" if row["status"] in _OPEN else "closed",
        "status_notes": _status_notes(row, statuses),
        "service_name": row["field__name"],
        "service_code": row["field__code"],
        "description": (row["content"] if _is_published(row) else _summary(row, kinds))[:DESCRIPTION_MAX],
        "agency_responsible": row["unit__name"],
        "service_notice": "",
        "address": address,
        "address_id": row["hamlet__code"] or row["commune__code"],
        "zipcode": None,
        # never published: the coordinates and media an application sent may show who wrote
        "lat": None,
        "long": None,
        "media_url": None,
        "requested_datetime": w3c(selectors.requested_at(row["created_at"], row["received_on"])),
        "updated_datetime": w3c(row["updated_at"]),
        "expected_datetime": _expected(row),
    }


def _rows(qs) -> list[dict]:
    return list(qs.values(*REQUEST_COLUMNS))


# ---------------------------------------------------------------- requests: query parameters

_W3C = re.compile(
    r"^(?P<date>\d{4}(-\d{2}(-\d{2})?)?)"
    r"(T(?P<time>\d{2}:\d{2}(:\d{2}(\.\d+)?)?)(?P<tz>Z|[+-]\d{2}:?\d{2})?)?$"
)


def parse_w3c(value: str, name: str, *, end: bool = False) -> dt.datetime:
    """A W3C datetime (YYYY, YYYY-MM, YYYY-MM-DD, or with a time to the minute, second or fraction, and an
    offset or Z). Without an offset the time is Vietnam time; a date alone is the start of that day (the end
    of it for `end_date`). A `+` that reached us as a space (an unencoded query string) is read as `+`."""
    text = value.strip()
    text = re.sub(r" (\d{2}:?\d{2})$", r"+\1", text)
    match = _W3C.match(text)
    example = "ví dụ 2026-01-31T08:00:00+07:00 hoặc 2026-01-31"
    if not match:
        raise Problem(400, f"Tham số {name} phải là ngày giờ theo định dạng W3C, {example}.")
    try:
        if match["time"] is None:
            parts = [int(p) for p in match["date"].split("-")] + [1, 1]
            day = dt.date(parts[0], parts[1], parts[2])
            if end:
                length = {1: "year", 2: "month", 3: "day"}[len(match["date"].split("-"))]
                day = _next(day, length)
                parsed = dt.datetime.combine(day, dt.time(0), tzinfo=_tz()) - dt.timedelta(microseconds=1)
            else:
                parsed = dt.datetime.combine(day, dt.time(0), tzinfo=_tz())
        else:
            tz = match["tz"] or ""
            if tz and tz != "Z" and ":" not in tz:
                tz = tz[:3] + ":" + tz[3:]
            parsed = dt.datetime.fromisoformat(text[: match.start("tz")] + tz if tz else text)
            if timezone.is_naive(parsed):
                parsed = parsed.replace(tzinfo=_tz())
    except (ValueError, OverflowError):
        raise Problem(400, f"Tham số {name} không phải ngày giờ có thật, {example}.")
    if not EARLIEST_PLAUSIBLE_DAY.year <= parsed.year <= LAST_YEAR:
        # also keeps the 90 days before it and its conversion to Vietnam time inside datetime's range
        raise Problem(
            400, f"Tham số {name} phải là ngày giờ từ năm {EARLIEST_PLAUSIBLE_DAY.year} đến năm {LAST_YEAR}."
        )
    return parsed


def _tz():
    return timezone.get_default_timezone()


def _next(day: dt.date, length: str) -> dt.date:
    if length == "year":
        return dt.date(day.year + 1, 1, 1)
    if length == "month":
        return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return day + dt.timedelta(days=1)


def _positive_int(value: str | None, name: str, default: int, maximum: int) -> int:
    text = (value or "").strip()
    if not text:
        return default
    if not text.isdigit() or len(text) > 9 or int(text) < 1:
        raise Problem(400, f"Tham số {name} phải là số nguyên dương (từ 1 đến {format_number(maximum)}).")
    number = int(text)
    if number > maximum:
        raise Problem(400, f"Tham số {name} tối đa là {format_number(maximum)}.")
    return number


def _codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def _requests_query(
    service_request_id, service_code, status, start_date, end_date, page, page_size, jurisdiction_id
):
    qs = selectors.public_cases()
    if service_request_id and service_request_id.strip():
        # the spec: a list of ids overrides every other argument
        ids = _codes(service_request_id)
        if len(ids) > MAX_IDS:
            raise Problem(400, f"Chỉ hỏi được tối đa {format_number(MAX_IDS)} mã một lần.")
        return qs.filter(code__in=ids).order_by("-received_on", "-pk")[:MAX_IDS]
    end = parse_w3c(end_date, "end_date", end=True) if end_date and end_date.strip() else timezone.now()
    if start_date and start_date.strip():
        start = parse_w3c(start_date, "start_date")
    else:
        start = end - dt.timedelta(days=DEFAULT_DAYS)
    if start > end:
        raise Problem(400, "start_date phải trước end_date.")
    number = _positive_int(page, "page", 1, MAX_OFFSET)
    size = _positive_int(page_size, "page_size", MAX_PAGE_SIZE, MAX_PAGE_SIZE)
    offset = (number - 1) * size
    if offset >= MAX_OFFSET:
        raise Problem(
            400,
            f"Trang quá xa (quá {format_number(MAX_OFFSET)} phản ánh): "
            "hãy thu hẹp khoảng thời gian start_date, end_date.",
        )
    qs = qs.filter(selectors.requested_between(start, end))
    if service_code and service_code.strip():
        qs = qs.filter(field__code__in=[c.strip() for c in service_code.split(",") if c.strip()])
    if status and status.strip():
        wanted = {s.strip().lower() for s in status.split(",") if s.strip()}
        if not wanted <= {"open", "closed"}:
            raise Problem(400, "Tham số status chỉ nhận open, closed hoặc cả hai (open,closed).")
        if wanted == {"open"}:
            qs = qs.filter(status__in=OPEN_STATUSES)
        elif wanted == {"closed"}:
            qs = qs.exclude(status__in=OPEN_STATUSES)
    unit = _unit_or_404(jurisdiction_id)
    if unit is not None:
        # where the problem is (the case's commune and hamlet, kept on the case), whichever unit handles it now:
        # an indexed column, never a join on the handling unit's path (at 1M cases: 33 ms instead of 280 ms)
        if unit.is_community:
            qs = qs.filter(hamlet=unit)
        elif unit.is_commune:
            qs = qs.filter(commune=unit)
        else:
            qs = qs.filter(commune__in=Unit.objects.filter(path__startswith=unit.path).values("pk"))
    return qs.order_by("-received_on", "-pk")[offset : offset + size]


@open311_operation(
    "GET",
    "/requests",
    summary="Open311: các phản ánh, kiến nghị công khai",
    root="service_requests",
    model=RequestOut,
    statuses={400: ERRORS, 404: ERRORS},
)
@public_page("cases", "answers", "units")
def requests_list(
    request,
    fmt,
    service_request_id: str | None = None,
    service_code: str | None = None,
    status: str | None = None,
    start_date: str | None = None,
    end_date: str | None = None,
    page: str | None = None,
    page_size: str | None = None,
    jurisdiction_id: str | None = None,
):
    try:
        rows = _requests_query(
            service_request_id, service_code, status, start_date, end_date, page, page_size, jurisdiction_id
        )
    except Problem as p:
        return error(fmt, p.status, p.message)
    return render([_as_request(r) for r in _rows(rows)], fmt, "service_requests")


@open311_operation(
    "GET",
    "/requests/{code}",
    summary="Open311: một phản ánh, kiến nghị theo mã tra cứu",
    root="service_requests",
    model=RequestOut,
    statuses={404: ERRORS},
)
@public_page("cases", "answers", "units")
def request_detail(request, fmt, code: str, jurisdiction_id: str | None = None):
    rows = _rows(selectors.public_cases().filter(code=code.strip().upper())[:1])
    if not rows:
        return error(fmt, 404, f"Không tìm thấy phản ánh, kiến nghị công khai có mã {code}.")
    return render([_as_request(rows[0])], fmt, "service_requests")


@open311_operation(
    "GET",
    "/tokens/{token}",
    summary="Open311: mã phản ánh từ mã tạm (token)",
    root="service_requests",
    model=TokenOut,
    statuses={404: ERRORS},
)
def token_detail(request, fmt, token: str, jurisdiction_id: str | None = None):
    # Requests are realtime (the id is returned at once), so a token is the request's own id.
    case = selectors.public_cases().filter(code=token.strip().upper()).first()
    if case is None:
        return error(fmt, 404, f"Không tìm thấy phản ánh, kiến nghị có mã {token}.")
    return render([{"service_request_id": case.code, "token": token}], fmt, "service_requests")


# ---------------------------------------------------------------- POST a request


def _payload(request) -> tuple[dict[str, str], list[tuple[str, list[str]]]]:
    """The posted fields (form-encoded, multipart or JSON), last value of each, and every (name, values)."""
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            raise Problem(400, "Dữ liệu JSON không hợp lệ.")
        if not isinstance(data, dict):
            raise Problem(400, "Dữ liệu JSON phải là một đối tượng.")
        nested = data.pop("attribute", None)
        items = [(k, v if isinstance(v, list) else [v]) for k, v in data.items()]
        if isinstance(nested, dict):
            items += [(f"attribute[{k}]", v if isinstance(v, list) else [v]) for k, v in nested.items()]
        items = [(k, ["" if x is None else str(x) for x in v]) for k, v in items]
    else:
        items = list(request.POST.lists())
    return {k: (v[-1] if v else "") for k, v in items if not k.startswith("attribute[")}, items


def _idempotency_key(request, data: dict, kind: str, key) -> str:
    explicit = (request.headers.get("Idempotency-Key") or data.get("idempotency_key") or "").strip()
    if explicit:
        raw = f"explicit|{key.pk}|{explicit}"
    else:
        fields = (
            "jurisdiction_id",
            "service_code",
            "description",
            "address_string",
            "address_id",
            "lat",
            "long",
            "media_url",
            "email",
            "phone",
            "first_name",
            "last_name",
        )
        raw = "|".join(
            [local_today().isoformat(), kind, str(key.pk)]
            + [" ".join(data.get(f, "").split()).lower() for f in fields]
        )
    return "o311-" + hashlib.sha256(raw.encode()).hexdigest()[:59]


def _title_from(text: str) -> str:
    words = " ".join(text.split())
    if len(words) <= 80:
        return words
    return words[:80].rsplit(" ", 1)[0] + "…"


POST_FIELDS = {
    "api_key": {
        "type": "string",
        "description": "Khoá API do quản trị hệ thống cấp (cũng nhận trên địa chỉ)",
    },
    "jurisdiction_id": {"type": "string", "description": "Mã xã (hoặc mã ấp); cũng nhận trên địa chỉ"},
    "service_code": {"type": "string"},
    "lat": {"type": "number"},
    "long": {"type": "number"},
    "address_string": {"type": "string"},
    "address_id": {"type": "string", "description": "Mã ấp, khóm (hoặc mã xã) nơi xảy ra sự việc"},
    "description": {"type": "string"},
    "email": {"type": "string"},
    "phone": {"type": "string", "description": "Số điện thoại Việt Nam hoặc quốc tế (+mã nước)"},
    "first_name": {"type": "string"},
    "last_name": {"type": "string"},
    "media_url": {"type": "string", "format": "uri"},
    "device_id": {"type": "string"},
    "account_id": {"type": "string"},
    "attribute[kind]": {"type": "string", "enum": ["feedback", "petition"]},
    "attribute[hamlet]": {"type": "string"},
    "attribute[consent_publish]": {"type": "string", "enum": ["yes", "no"]},
}
REQUEST_BODY = {
    "content": {
        media: {
            "schema": {
                "type": "object",
                "required": ["service_code", "description"],
                "properties": POST_FIELDS,
            }
        }
        for media in ("application/x-www-form-urlencoded", "multipart/form-data", "application/json")
    }
}


def _submit(request, fmt):
    try:
        data, items = _payload(request)
        parse_error = None
    except Problem as p:
        data, items, parse_error = {}, [], p
    key = key_selectors.api_key_by_secret(data.get("api_key") or request.GET.get("api_key"))
    if key is None:
        raise Problem(
            403,
            "Thiếu khoá API (api_key), hoặc khoá không hợp lệ hay đã bị thu hồi. Khoá do quản trị hệ thống cấp "
            f"cho từng tổ chức; xem discovery.{fmt}.",
        )
    if parse_error is not None:
        raise parse_error
    if any("\x00" in k or any("\x00" in x for x in v) for k, v in items):
        raise Problem(400, "Dữ liệu gửi lên chứa ký tự không hợp lệ (NUL).")
    code = data.get("service_code", "").strip()
    if not code:
        raise Problem(400, "Vui lòng chọn lĩnh vực (service_code).")
    field = Field.objects.filter(code=code, active=True).first()
    if field is None:
        raise Problem(404, f"Không có lĩnh vực mã {code} (service_code).")
    jurisdiction = (data.get("jurisdiction_id") or request.GET.get("jurisdiction_id") or "").strip()
    if not jurisdiction:
        raise Problem(400, "Vui lòng cho biết mã xã, phường nơi xảy ra sự việc (jurisdiction_id).")
    unit = _unit_or_404(jurisdiction)
    commune = _commune_of(unit)
    if commune is None:
        raise Problem(400, f"Không có xã, phường mã {jurisdiction}: hãy gửi mã xã, phường hoặc mã ấp, khóm.")
    try:
        raw_attributes = definitions.parse_attribute_fields(items)
        attributes = definitions.clean_attributes(definitions.attributes_for(commune), raw_attributes)
        consent_field = data.get("consent_publish", "").strip().lower()
        kind = definitions.kind_from(attributes, data.get("kind", ""))
        hamlet = unit if unit.is_community else None
        for given in (attributes.get("hamlet"), data.get("address_id", "").strip()):
            if given and given != commune.code:
                chosen = definitions.hamlet_from(given, commune)
                if hamlet is not None and chosen.pk != hamlet.pk:
                    raise DomainError("Ấp, khóm gửi kèm không trùng với ấp, khóm của jurisdiction_id.")
                hamlet = chosen
    except DomainError as exc:
        raise Problem(400, exc.message)
    lat, lon = data.get("lat", "").strip(), data.get("long", "").strip()
    address = data.get("address_string", "").strip()
    if not ((lat and lon) or address or data.get("address_id", "").strip()):
        raise Problem(
            400,
            "Vui lòng gửi vị trí của sự việc: toạ độ (lat và long), địa chỉ (address_string) "
            "hoặc mã ấp, khóm (address_id).",
        )
    description = data.get("description", "")
    if not description.strip():
        raise Problem(400, "Vui lòng nhập nội dung phản ánh, kiến nghị (description).")
    if "consent_publish" in attributes:
        consent = attributes["consent_publish"] == "yes"
    else:
        consent = consent_field in {"1", "true", "yes", "on", "co", "có"}
    name = " ".join(p for p in (data.get("last_name", "").strip(), data.get("first_name", "").strip()) if p)
    idempotency = _idempotency_key(request, data, kind, key)
    before = Case.objects.filter(idempotency_key=idempotency).exists()
    try:
        key_services.api_key_admit(key=key, unit=commune, hamlet=hamlet)
    except key_services.QuotaExceeded as exc:
        raise Problem(429, exc.message, retry_after=exc.retry_after)
    except DomainError as exc:
        raise Problem(403, exc.message)
    try:
        case = services.case_submit(
            actor=None,
            kind=kind,
            title=_title_from(description),
            content=description,
            unit=commune,
            channel="web",
            field=field,
            hamlet=hamlet,
            place_address=address,
            name=name,
            phone=data.get("phone", ""),
            email=data.get("email", ""),
            consent_publish=consent,
            idempotency_key=idempotency,
            attachments=request.FILES.getlist("media") if request.FILES else (),
            ip=client_ip(request),
            latitude=lat or None,
            longitude=lon or None,
            media_url=data.get("media_url", ""),
            api_key=key,
        )
    except DomainError as exc:
        key_services.api_key_release(key=key)
        raise Problem(400, *(e.message for e in errors_of(exc)))
    track = request.build_absolute_uri(reverse("cases:track"))
    notice = (
        f"Đã tiếp nhận {_labels()[0][case.kind].lower()} mã {case.code}. "
        f"Dùng mã này và số điện thoại đã khai để tra cứu tại {track}"
    )
    created = [{"service_request_id": case.code, "service_notice": notice, "account_id": None}]
    return created, 200 if before else 201


@open311_operation(
    "POST",
    "/requests",
    summary="Open311: gửi phản ánh, kiến nghị (cần khoá API)",
    root="service_requests",
    model=CreatedOut,
    statuses={
        201: ("service_requests", CreatedOut, True),
        400: ERRORS,
        403: ERRORS,
        404: ERRORS,
        429: ERRORS,
    },
    request_body=REQUEST_BODY,
)
def request_create(request, fmt):
    try:
        created, status = _submit(request, fmt)
    except Problem as p:
        response = error(fmt, p.status, *p.messages)
        if p.retry_after:
            response["Retry-After"] = str(p.retry_after)
        return response
    return render(created, fmt, "service_requests", status=status)
