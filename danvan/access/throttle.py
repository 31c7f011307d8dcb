"""Login throttling, shared by every way of signing in (the public login, the admin login, the sign-in code).

What is counted:
- per **account**: failures for the account a name resolves to (its user name, e-mail or phone in any
  spelling all count for the one account) — after DANVAN_LOGIN_MAX_FAILURES failures the account is locked
  for DANVAN_LOGIN_LOCKOUT_SECONDS, and even the right password is refused until the lock ends;
- per **name** when the name resolves to no account, in its canonical form, so that an unknown name
  answers exactly like an existing one (the same messages after the same number of tries: no account
  enumeration);
- per **address**: every failure from one client address, with a limit four times the account's, against
  one password tried on many names.

The counters and locks are `danvan.core.ratelimit` windows in the shared cache (Redis in production), so
every web worker sees the same numbers. The check and the counting happen in the authentication backend
(`danvan.access.backends.DanvanBackend`), which every login form reaches through `authenticate()`; the
forms only turn a refusal into the lockout message (`LockoutMessageMixin`). The counter of an account is
cleared when a sign-in completes (after the second factor, where there is one) and when its password is
reset.
"""

import hashlib

from django.conf import settings

from danvan.core import ratelimit

ADDRESS_FACTOR = 4
_REQUEST_ATTR = "_danvan_login_locked_minutes"


def account_subject(user) -> str:
    return f"account:{user.pk}"


def name_subject(canonical_name: str) -> str:
    return "name:" + hashlib.sha256(canonical_name.encode()).hexdigest()[:32]


def _fail(subject: str) -> str:
    return f"login:fail:{subject}"


def _lock(subject: str) -> str:
    return f"login:lock:{subject}"


def _window() -> int:
    return settings.DANVAN_LOGIN_LOCKOUT_SECONDS


def _subjects(subject: str, ip: str) -> list[tuple[str, int]]:
    limit = settings.DANVAN_LOGIN_MAX_FAILURES
    pairs = [(subject, limit)]
    if ip:
        pairs.append((f"ip:{ip}", limit * ADDRESS_FACTOR))
    return pairs


def locked_minutes(subject: str, ip: str) -> int | None:
    """Minutes until the lock on `subject` or on the address ends; None when neither is locked."""
    waits = [
        ratelimit.retry_after_minutes(_lock(s), _window())
        for s, _limit in _subjects(subject, ip)
        if ratelimit.count(_lock(s))
    ]
    return max(waits) if waits else None


def record_failure(subject: str, ip: str) -> None:
    """Count one failure for `subject` and the address; lock whichever reached its limit."""
    for s, limit in _subjects(subject, ip):
        if ratelimit.hit(_fail(s), _window()) >= limit:
            ratelimit.hit(_lock(s), _window())


def clear(subject: str) -> None:
    """Forget the failures and the lock of `subject` (not of the address)."""
    ratelimit.clear(_fail(subject), _lock(subject))


def mark_refused(request, minutes: int) -> None:
    """Tell the login form of this request that the throttle refused it (for the lockout message)."""
    if request is not None:
        setattr(request, _REQUEST_ATTR, minutes)


def refused_minutes(request) -> int | None:
    return getattr(request, _REQUEST_ATTR, None) if request is not None else None
