"""The NinjaAPI instance; each domain app contributes a router from its own `api.py`."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="danvan API",
    version="1",
    description="API của nền tảng công tác dân vận và dân chủ ở cơ sở. Đọc công khai; ghi cần đăng nhập.",
    urls_namespace="api",
)

from danvan.api import routers  # noqa: E402,F401  (registers the routers)
