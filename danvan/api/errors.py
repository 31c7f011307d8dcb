"""How the API answers errors: always JSON `{"detail": …}`, in Vietnamese, never an HTML page.

Three places produce them:

- the exception handlers of the NinjaAPI (`install(api)`, called by `danvan/api/main.py`) for what an
  operation raises: a service's `DomainError` (400; 409 for `conflict`, 429 for `rate_limited`/`throttled`,
  403 for `forbidden`), an access gate's `NotFoundOrForbidden` and Django's `Http404` (404), ninja's
  `HttpError` (its own English messages — "Unauthorized", "CSRF check Failed", "Cannot parse request body" —
  replaced by Vietnamese ones), ninja's `ValidationError` (422 with ninja's `detail` list) and anything else
  (500, logged with its traceback on `django.request` like any server error; the answer carries nothing
  internal) — except the errors of the request itself that Django answers 400/403 (`request_error`: a
  malformed multipart body, too much data, `PermissionDenied`), which keep Django's status;
- `api_view(view)`, wrapped around every URL of the API (`danvan/api/urls.py`), for what ninja answers
  outside an operation: the 405 of a method an address does not take (ninja's is plain text), the 404 of the
  API root, and an exception escaping ninja (an authentication callback). It also refuses, with a 400, a NUL
  character anywhere in the address, the query or the body (`refusal`): PostgreSQL cannot store one in a text
  column nor compare one in a query (a 500 there; SQLite took them), and Django's forms refuse them too;
- `not_found`, the catch-all route after the API's own, for any other address under `/api/`.
"""

import json
import logging
from functools import wraps

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from ninja.errors import AuthenticationError, HttpError

from danvan.core.errors import DomainError, DomainErrors, NotFoundOrForbidden

logger = logging.getLogger("django.request")

MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    401: "Cần đăng nhập để dùng chức năng này.",
    403: "Bạn không có quyền thực hiện thao tác này.",
    404: "Không tìm thấy.",
    405: "Địa chỉ này không nhận phương thức đã dùng.",
    409: "Dữ liệu vừa được người khác thay đổi; hãy tải lại rồi thử lại.",
    413: "Dữ liệu gửi lên quá lớn.",
    422: "Dữ liệu gửi lên không đúng định dạng.",
    429: "Quá nhiều yêu cầu; vui lòng thử lại sau ít phút.",
    500: "Máy chủ gặp lỗi khi xử lý yêu cầu. Lỗi đã được ghi lại để khắc phục; vui lòng thử lại sau.",
}

# ninja's own English messages → ours (matched on the start: in DEBUG ninja appends the parser's error)
NINJA_MESSAGES = {
    "CSRF check Failed": (
        "Thiếu hoặc sai mã chống giả mạo (CSRF): gửi kèm tiêu đề X-CSRFToken bằng giá trị cookie csrftoken."
    ),
    "Cannot parse request body": "Không đọc được nội dung yêu cầu: cần một đối tượng JSON hợp lệ.",
    "Unauthorized": MESSAGES[401],
    "Forbidden": MESSAGES[403],
    "Too many requests": MESSAGES[429],
}

DOMAIN_STATUS = {"conflict": 409, "rate_limited": 429, "throttled": 429, "forbidden": 403}

NO_SUCH_ADDRESS = "Không có địa chỉ này trong API; xem danh sách tại /api/docs."
UNREADABLE = "Không đọc được nội dung yêu cầu: kiểm tra tiêu đề Content-Type và dữ liệu gửi kèm."


def request_error(request, exc: Exception) -> tuple[int, str] | None:
    """The status and message of an error of the request itself that Django would answer with 400/403 (a
    malformed multipart body, too much data, a suspicious header…); None for anything else."""
    if isinstance(exc, PermissionDenied):
        return 403, MESSAGES[403]
    if isinstance(exc, MultiPartParserError | UnreadablePostError | BadRequest):
        return 400, UNREADABLE
    if isinstance(exc, SuspiciousOperation):
        if isinstance(exc, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
            request._mark_post_parse_error()  # as Django does: the body cannot be read again
        # logged where Django logs them, for whoever watches django.security
        logging.getLogger(f"django.security.{type(exc).__name__}").error(str(exc))
        if isinstance(exc, RequestDataTooBig):
            return 400, "Dữ liệu gửi lên quá lớn."
        return 400, MESSAGES[400]
    return None


def message_for(status: int) -> str:
    return MESSAGES.get(status) or (MESSAGES[500] if status >= 500 else MESSAGES[400])


def json_error(status: int, detail: str | None = None, **headers) -> JsonResponse:
    response = JsonResponse({"detail": detail or message_for(status)}, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


def server_error_response(request, exc: BaseException, response):
    """Log `exc` with its traceback as Django logs a server error (`django.request`, so the error reports a
    deployment configured still arrive) and mark `response` logged, so Django does not log it again."""
    logger.error(
        "Internal Server Error: %s",
        request.path,
        exc_info=(type(exc), exc, exc.__traceback__),
        extra={"status_code": 500, "request": request},
    )
    response._has_been_logged = True
    return response


def install(api) -> None:
    """Register the API's exception handlers (see the module docstring)."""

    @api.exception_handler(DomainError)
    def domain_error(request, exc: DomainError):
        status = DOMAIN_STATUS.get(exc.code, 400)
        body = {"detail": exc.message}
        if isinstance(exc, DomainErrors) and len(exc.errors) > 1:
            # every refusal of one round of checks, each with the field it concerns
            body["errors"] = [{"field": e.field, "detail": e.message} for e in exc.errors]
        return api.create_response(request, body, status=status)

    @api.exception_handler(NotFoundOrForbidden)
    def not_found_or_forbidden(request, exc: NotFoundOrForbidden):
        # missing and forbidden look the same
        return api.create_response(request, {"detail": MESSAGES[404]}, status=404)

    @api.exception_handler(Http404)
    def http404(request, exc: Http404):
        return api.create_response(request, {"detail": MESSAGES[404]}, status=404)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        detail = str(exc)
        for english, ours in NINJA_MESSAGES.items():
            if detail.startswith(english):
                detail = ours
                break
        return api.create_response(request, {"detail": detail}, status=exc.status_code)

    @api.exception_handler(AuthenticationError)
    def authentication_error(request, exc: AuthenticationError):
        return api.create_response(request, {"detail": MESSAGES[401]}, status=401)

    @api.exception_handler(Exception)
    def other_error(request, exc: Exception):
        known = request_error(request, exc)
        if known is not None:
            status, detail = known
            return api.create_response(request, {"detail": detail}, status=status)
        response = api.create_response(request, {"detail": MESSAGES[500]}, status=500)
        return server_error_response(request, exc, response)


STRUCTURED_TYPES = ("application/json", "text/xml", "application/xml")
# Routers that answer every error in a format of their own standard: Open311 GeoReport's `<errors>` list, in
# JSON or XML by the path's suffix (NUL characters included). `api_view` leaves their answers and refusals alone.
OWN_ERROR_FORMAT_PREFIXES = ("/api/v1/open311/",)


def _is_structured(response) -> bool:
    """An answer an operation wrote on purpose (JSON, or XML for Open311), not ninja's plain-text 405."""
    return response.get("Content-Type", "").startswith(STRUCTURED_TYPES)


NUL_MESSAGES = {
    "path": "Địa chỉ yêu cầu không được chứa ký tự NUL (mã 0).",
    "query": "Tham số {name} không được chứa ký tự NUL (mã 0).",
    "body": "Nội dung yêu cầu không được chứa ký tự NUL (mã 0).",
}
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def refusal(request) -> tuple[int, str] | None:
    """The status and message refusing the request before it reaches ninja: a NUL character in its path,
    query or body, or a body Django cannot read (`request_error`); None otherwise. A JSON body that does not
    parse is left to the operation (ninja answers it)."""
    if "\x00" in request.path:
        return 400, NUL_MESSAGES["path"]
    for name, values in request.GET.lists():
        if _has_nul(name) or _has_nul(values):
            return 400, NUL_MESSAGES["query"].format(name=name.replace("\x00", "") or "?")
    content_type = request.content_type or ""
    try:
        if content_type == "application/json" or content_type.endswith("+json"):
            if request.body and _has_nul(json.loads(request.body)):
                return 400, NUL_MESSAGES["body"]
        elif content_type in FORM_TYPES and request.method == "POST":
            if any(_has_nul(k) or _has_nul(v) for k, v in request.POST.lists()):
                return 400, NUL_MESSAGES["body"]
    except ValueError:
        return None
    except Exception as exc:
        known = request_error(request, exc)
        if known is None:
            raise
        return known
    return None


def api_view(view):
    """Wrap an API view: a NUL character is a 400, and whatever it answers with an error status is JSON (see
    the module docstring)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            refused = None if request.path.startswith(OWN_ERROR_FORMAT_PREFIXES) else refusal(request)
            if refused:
                return json_error(*refused)
            response = view(request, *args, **kwargs)
        except Http404:  # the API root is ninja's and raises it
            return json_error(404, NO_SUCH_ADDRESS)
        except Exception as exc:
            known = request_error(request, exc)
            if known is not None:
                return json_error(*known)
            return server_error_response(request, exc, json_error(500))
        if response.status_code < 400 or _is_structured(response):
            return response
        if response.status_code == 405:
            allowed = response.get("Allow", "")
            detail = f"Địa chỉ này không nhận phương thức {request.method}; chỉ nhận: {allowed}."
            return json_error(405, detail, Allow=allowed)
        return json_error(response.status_code)

    return wrapped


@csrf_exempt  # a POST to an unknown address is a 404, not the CSRF failure page
def not_found(request, rest: str = ""):
    """Any address under /api/ that no route of the API matched. Like Django's APPEND_SLASH, a GET of an
    address that exists with a final slash is redirected there; otherwise a JSON 404 (that address named)."""
    if not request.path.endswith("/"):
        with_slash = request.path + "/"
        try:
            match = resolve(with_slash)
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            if request.method in ("GET", "HEAD") and settings.APPEND_SLASH:
                query = request.META.get("QUERY_STRING", "")
                return HttpResponsePermanentRedirect(with_slash + (f"?{query}" if query else ""))
            return json_error(404, f"Không có địa chỉ này trong API; có phải là {with_slash}?")
    return json_error(404, NO_SUCH_ADDRESS)
