"""The NinjaAPI instance; each domain app contributes a router from its own `api.py`.

Errors are JSON in every router (`danvan.api.errors`), and the OpenAPI schema declares every status an
operation can answer (`danvan.api.openapi`)."""

from ninja import NinjaAPI

from . import errors
from .openapi import declare_error_responses


class DanvanAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return declare_error_responses(schema)


api = DanvanAPI(
    title="danvan API",
    version="1",
    description=(
        "API của nền tảng công tác dân vận và dân chủ ở cơ sở. Đọc công khai; ghi cần đăng nhập (cookie phiên "
        'và tiêu đề X-CSRFToken). Mọi lỗi trả về JSON {"detail": …} bằng tiếng Việt (422: danh sách lỗi '
        "từng trường); danh sách phân trang bằng limit/offset, giá trị ngoài khoảng cho phép là lỗi 400."
    ),
    urls_namespace="api",
)
errors.install(api)


from danvan.api import routers  # noqa: E402,F401  (registers the routers)
