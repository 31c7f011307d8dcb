"""Fixed-window counters in the shared cache: the one mechanism behind every rate limit and lockout.

`hit(key, window)` counts one event and returns the count in the current window. It uses the cache's
atomic operations only — `add` (create if missing, with the window as expiry) then `incr` — never
`get` followed by `set`, which loses counts when two workers answer at the same moment. The counters
live in Django's default cache, which in production must be shared by every worker (Redis,
`DANVAN_REDIS_URL`; `manage.py check --deploy` warns otherwise, see `danvan.core.checks`): a
process-local cache would give each gunicorn worker its own limit.

The window starts with the first event and is not extended by later ones; `retry_after(key, window)`
says how many seconds remain, from a start time written once with `add`.
"""

import math
import time

from django.core.cache import cache


def _since_key(key: str) -> str:
    return f"{key}:since"


def hit(key: str, window: int) -> int:
    """Count one event under `key`; the number of events in the current window, this one included."""
    cache.add(_since_key(key), time.time(), window)
    if cache.add(key, 1, window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # the window ended between add and incr: this event opens the next one
        cache.add(key, 1, window)
        return 1


def count(key: str) -> int:
    """Events counted under `key` in the current window (0 when none)."""
    return int(cache.get(key) or 0)


def retry_after(key: str, window: int) -> int:
    """Seconds until the current window of `key` ends (at least 1; the whole window when unknown)."""
    since = cache.get(_since_key(key))
    if since is None:
        return window
    return max(1, math.ceil(since + window - time.time()))


def retry_after_minutes(key: str, window: int) -> int:
    return max(1, math.ceil(retry_after(key, window) / 60))


def exceeded(key: str, maximum: int) -> bool:
    return count(key) >= maximum


def consume(key: str, limit: tuple[int, int], what: str) -> None:
    """Count one submission of a citizen under `key` and refuse it when it is past `limit` (maximum, window in
    seconds): "Bạn đã gửi quá nhiều {what} …". The count comes first, atomically, so two submissions at the
    same moment cannot both pass at the last place (checking `exceeded` and then calling `hit` let them)."""
    from .errors import DomainError

    maximum, window = limit
    if hit(key, window) > maximum:
        raise DomainError(
            f"Bạn đã gửi quá nhiều {what} trong thời gian ngắn. Vui lòng thử lại sau "
            f"{retry_after_minutes(key, window)} phút.",
            code="rate_limited",
        )


def clear(*keys: str) -> None:
    cache.delete_many([k for key in keys for k in (key, _since_key(key))])
