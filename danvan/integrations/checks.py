"""Deployment check: the API keys' hourly quotas (and the login throttling) are counted in the cache, which
must be shared by every web worker in production (Redis), never a per-process memory."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

PER_PROCESS = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in PER_PROCESS:
        return [
            Warning(
                "Bộ nhớ đệm là bộ nhớ riêng của từng tiến trình: hạn mức của khoá API và giới hạn đăng nhập "
                "sẽ được đếm riêng ở mỗi tiến trình web.",
                hint="Đặt DANVAN_REDIS_URL (ví dụ redis://127.0.0.1:6379/0).",
                id="integrations.W001",
            )
        ]
    return []
