"""The error pages (config/urls.py handler400/403/404/500): Vietnamese, in the site's layout, and static.

They render without the request's context processors (a plain template context), so they need no database:
during an outage the 500 page still renders. Paths under `/api/` get JSON `{"detail": "…"}` instead,
the shape of the API's own errors. A person never sees a code or an exception text here.
"""

from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

FALLBACK = '<!doctype html><html lang="vi"><meta charset="utf-8"><title>danvan</title><p>{message}</p></html>'


def _messages():
    return {
        400: _("Yêu cầu không hợp lệ."),
        403: _("Bạn không có quyền truy cập trang này."),
        404: _("Không tìm thấy trang hoặc dữ liệu bạn yêu cầu."),
        500: _("Hệ thống đang gặp sự cố, vui lòng thử lại sau ít phút."),
    }


def _is_api(request) -> bool:
    return request is not None and request.path.startswith("/api/")


def error_response(request, status: int) -> HttpResponse:
    if _is_api(request):
        return JsonResponse(
            {"detail": _messages()[status]}, status=status, json_dumps_params={"ensure_ascii": False}
        )
    try:
        # No request passed to render(): no context processors, no session or user lookup, no query.
        body = loader.get_template(f"{status}.html").render({})
    except Exception:  # the page of last resort must not fail in turn (e.g. a static manifest missing)
        body = FALLBACK.format(message=_messages()[status])
    return HttpResponse(body, status=status)


def bad_request(request, exception=None):
    return error_response(request, 400)


def permission_denied(request, exception=None):
    return error_response(request, 403)


def page_not_found(request, exception=None):
    return error_response(request, 404)


def server_error(request):
    return error_response(request, 500)
