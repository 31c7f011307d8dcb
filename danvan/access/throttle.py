"""Login throttling: after DANVAN_LOGIN_MAX_FAILURES failed attempts for one account name (or from one
address) the login is refused for DANVAN_LOGIN_LOCKOUT_SECONDS. Counters live in the cache (Redis in
production), so every web worker sees the same numbers."""

import hashlib

from django.conf import settings
from django.core.cache import cache

from danvan.core.text import normalize


def _keys(username: str, ip: str) -> list[str]:
    name = hashlib.sha256(normalize(username).encode()).hexdigest()[:32]
    return [f"login-fail:user:{name}", f"login-fail:ip:{ip}"]


def is_locked(username: str, ip: str) -> bool:
    limit = settings.DANVAN_LOGIN_MAX_FAILURES
    user_key, ip_key = _keys(username, ip)
    return (cache.get(user_key) or 0) >= limit or (cache.get(ip_key) or 0) >= limit * 4


def record_failure(username: str, ip: str) -> None:
    for key in _keys(username, ip):
        cache.add(key, 0, settings.DANVAN_LOGIN_LOCKOUT_SECONDS)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, settings.DANVAN_LOGIN_LOCKOUT_SECONDS)


def reset(username: str, ip: str) -> None:
    cache.delete(_keys(username, ip)[0])


def lockout_minutes() -> int:
    return max(1, settings.DANVAN_LOGIN_LOCKOUT_SECONDS // 60)
