"""Deployment checks of danvan's mechanisms (shown by `manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

# Cache backends shared by every worker with atomic add/incr (what danvan.core.ratelimit needs).
SHARED_CACHES = {
    "django.core.cache.backends.redis.RedisCache",
    "django.core.cache.backends.memcached.PyMemcacheCache",
    "django.core.cache.backends.memcached.PyLibMCCache",
    "django_redis.cache.RedisCache",
}


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs=None, **kwargs):
    """Rate limits and login lockouts count in the default cache: in production it must be one cache
    for every worker, with atomic increments. A process-local cache (locmem, dummy) gives each gunicorn
    worker its own counters, and the file and database caches increment with a read then a write."""
    if settings.DEBUG:
        return []
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in SHARED_CACHES:
        return []
    return [
        Warning(
            f"The default cache ({backend.rsplit('.', 1)[-1] or 'none'}) is not shared by the web workers "
            "with atomic increments: login throttling and rate limits would count per worker.",
            hint="Set DANVAN_REDIS_URL (e.g. redis://127.0.0.1:6379/0) so every worker uses one Redis cache.",
            id="danvan.W001",
        )
    ]
