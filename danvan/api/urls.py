"""The REST API (django-ninja): /api/v1/… with its OpenAPI documentation at /api/docs.

Every API address answers errors in JSON: ninja's URLs are wrapped by `errors.api_view` (its 405 and the
API root's 404 are not JSON otherwise; it also refuses NUL characters) and the catch-all after them answers any
other /api/… address."""

from django.urls import URLPattern, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from ninja.openapi.views import openapi_view

from .errors import api_view, not_found
from .main import api


def _wrapped(patterns):
    # ninja's URLs are a flat list of URLPatterns
    return [URLPattern(p.pattern, api_view(p.callback), p.default_args, p.name) for p in patterns]


_patterns, _app_name, _namespace = api.urls


@api_view
@csrf_exempt
@require_safe
def docs(request):
    return openapi_view(request, api=api)


urlpatterns = [
    path("api/v1/", (_wrapped(_patterns), _app_name, _namespace)),
    path("api/docs", docs, name="api-docs"),
    re_path(r"^api/(?P<rest>.*)$", not_found, name="api-not-found"),
]
