"""The NinjaAPI instance; each domain app contributes a router from its own `api.py`."""

from ninja import NinjaAPI

from danvan.core.errors import DomainError, NotFoundOrForbidden

api = NinjaAPI(
    title="danvan API",
    version="1",
    description="API của nền tảng công tác dân vận và dân chủ ở cơ sở. Đọc công khai; ghi cần đăng nhập.",
    urls_namespace="api",
)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    """A service refused the operation: 400 with the service's Vietnamese message, in every router."""
    return api.create_response(request, {"detail": exc.message}, status=400)


@api.exception_handler(NotFoundOrForbidden)
def not_found_or_forbidden(request, exc: NotFoundOrForbidden):
    """An access gate refused: missing and forbidden look the same."""
    return api.create_response(request, {"detail": "Không tìm thấy."}, status=404)


from danvan.api import routers  # noqa: E402,F401  (registers the routers)
