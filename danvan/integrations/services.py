"""Writes of the integrations app: issuing, changing and revoking API keys, and admitting one post.

- `api_key_create(*, actor, organisation, units, hourly_quota, contact, note) -> (ApiKey, secret)`: a new key
  for an organisation that has none in use. The secret (`dv_<prefix>_<random>`, 256 random bits) is returned
  once and only its SHA-256 is stored, so neither the database nor the admin can show it again.
- `api_key_update(*, actor, key, …)`: scope, quota, contact or note of a key in use.
- `api_key_revoke(*, actor, key, reason)`: the key stops working at once; it is kept for the cases it sent.
- `api_key_admit(*, key, unit, hamlet=None)`: may this key post a case for `unit` (or its `hamlet`) now?
  First the scope (`QuotaExceeded` is not raised for a refused scope, `DomainError(code="out_of_scope")` is),
  then the hourly quota, counted in the shared cache (Redis in production: every web worker sees the same
  count) with an atomic increment in a fixed window per clock hour. `api_key_release` gives the unit back
  when the submission then fails, so the quota counts the cases a key actually sent.

Issuing, changing and revoking need `integrations.manage` on every unit of the key's scope (the system
administrator's role) and are audited; the secret never enters the audit trail.
"""

import hashlib
import secrets
import time

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from danvan.access.policy import has_unit_perm
from danvan.audit.services import audit_record, diff, snapshot
from danvan.core.errors import DomainError
from danvan.core.formatting import format_number
from danvan.core.text import nfc, normalize

from .models import ApiKey

PERMISSION = "integrations.manage"
SECRET_PREFIX = "dv_"
QUOTA_WINDOW_SECONDS = 3600
MAX_HOURLY_QUOTA = 100_000


class QuotaExceeded(DomainError):
    """The key used up its hourly quota; `retry_after` is the number of seconds until the next window."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message, code="rate_limited")
        self.retry_after = retry_after


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _new_secret() -> tuple[str, str]:
    prefix = secrets.token_hex(4)
    return prefix, f"{SECRET_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"


def _require(actor, units) -> None:
    for unit in units:
        if not has_unit_perm(actor, PERMISSION, unit):
            raise DomainError(
                f"Bạn không có quyền cấp khoá API cho {unit.name}.", code="forbidden", field="units"
            )


def _clean_units(units) -> list:
    from danvan.units.models import ADMIN_LEVEL

    units = sorted({u.pk: u for u in units or []}.values(), key=lambda u: u.path)
    if not units:
        raise DomainError("Vui lòng chọn ít nhất một đơn vị mà khoá được gửi phản ánh tới.", field="units")
    for unit in units:
        if unit.kind not in ADMIN_LEVEL:
            raise DomainError(
                f"{unit.name} không phải đơn vị hành chính: hãy chọn tỉnh, huyện, xã hoặc ấp.", field="units"
            )
    return units


def _clean_quota(value) -> int:
    try:
        quota = int(value)
    except (TypeError, ValueError):
        raise DomainError("Số lượt gửi mỗi giờ phải là số nguyên dương.", field="hourly_quota")
    if not 1 <= quota <= MAX_HOURLY_QUOTA:
        raise DomainError(
            f"Số lượt gửi mỗi giờ phải từ 1 đến {format_number(MAX_HOURLY_QUOTA)}.", field="hourly_quota"
        )
    return quota


def _clean_text(value: str | None, max_length: int) -> str:
    return nfc(" ".join((value or "").split()))[:max_length]


@transaction.atomic
def api_key_create(
    *, actor, organisation: str, units, hourly_quota: int = 100, contact: str = "", note: str = ""
) -> tuple[ApiKey, str]:
    organisation = _clean_text(organisation, 200)
    if not organisation:
        raise DomainError("Vui lòng nhập tên tổ chức được cấp khoá.", field="organisation")
    units = _clean_units(units)
    _require(actor, units)
    quota = _clean_quota(hourly_quota)
    norm = normalize(organisation)
    if ApiKey.objects.filter(organisation_norm=norm, revoked_at__isnull=True).exists():
        raise DomainError(
            f"{organisation} đã có một khoá đang dùng. Thu hồi khoá cũ trước khi cấp khoá mới.",
            field="organisation",
            code="duplicate",
        )
    prefix, secret = _new_secret()
    key = ApiKey(
        organisation=organisation,
        organisation_norm=norm,
        contact=_clean_text(contact, 255),
        hourly_quota=quota,
        prefix=prefix,
        secret_hash=hash_secret(secret),
        note=(note or "").strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    try:
        with transaction.atomic():
            key.save()
    except IntegrityError:
        raise DomainError(f"{organisation} đã có một khoá đang dùng.", field="organisation", code="duplicate")
    key.units.set(units)
    audit_record(
        actor=actor,
        action="integrations.key_create",
        obj=key,
        unit=units[0],
        changes={
            "organisation": [None, organisation],
            "prefix": [None, prefix],
            "units": [None, [u.code for u in units]],
            "hourly_quota": [None, quota],
        },
    )
    return key, secret


def _locked(key: ApiKey) -> ApiKey:
    return ApiKey.objects.select_for_update().get(pk=key.pk)


@transaction.atomic
def api_key_update(
    *, actor, key: ApiKey, units=None, hourly_quota=None, contact: str | None = None, note: str | None = None
) -> ApiKey:
    key = _locked(key)
    if not key.is_active:
        raise DomainError("Khoá đã bị thu hồi, không sửa được nữa.", code="revoked")
    old_units = sorted(key.units.all(), key=lambda u: u.path)
    _require(actor, old_units)
    before = snapshot(key, exclude=("secret_hash",))
    if hourly_quota is not None:
        key.hourly_quota = _clean_quota(hourly_quota)
    if contact is not None:
        key.contact = _clean_text(contact, 255)
    if note is not None:
        key.note = note.strip()
    key.save()
    changes = diff(before, key, exclude=("secret_hash",))
    if units is not None:
        new_units = _clean_units(units)
        _require(actor, new_units)
        if [u.pk for u in new_units] != [u.pk for u in old_units]:
            key.units.set(new_units)
            changes["units"] = [[u.code for u in old_units], [u.code for u in new_units]]
    if changes:
        audit_record(
            actor=actor,
            action="integrations.key_update",
            obj=key,
            unit=(old_units or [None])[0],
            changes=changes,
        )
    return key


@transaction.atomic
def api_key_revoke(*, actor, key: ApiKey, reason: str = "") -> ApiKey:
    key = _locked(key)
    units = sorted(key.units.all(), key=lambda u: u.path)
    _require(actor, units)
    if not key.is_active:
        return key
    key.revoked_at = timezone.now()
    key.revoked_by = actor if getattr(actor, "is_authenticated", False) else None
    key.revoke_reason = _clean_text(reason, 255)
    key.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    audit_record(
        actor=actor,
        action="integrations.key_revoke",
        obj=key,
        unit=(units or [None])[0],
        changes={"revoked_at": [None, key.revoked_at], "revoke_reason": ["", key.revoke_reason]},
    )
    return key


# ---------------------------------------------------------------- admitting a post


def key_covers(key: ApiKey, unit) -> bool:
    """True when `unit` lies in the subtree of one of the key's units (read once per key object)."""
    return unit is not None and any(unit.path.startswith(u.path) for u in key.units.all())


def _clock() -> float:
    """Seconds since the epoch (a function, so that tests can hold the clock inside one window)."""
    return time.time()


def _quota_cache_key(key: ApiKey, window: int) -> str:
    return f"integrations:quota:{key.pk}:{window}"


def api_key_admit(*, key: ApiKey, unit, hamlet=None) -> None:
    """Refuse a post outside the key's units (`out_of_scope`) or over its hourly quota (`QuotaExceeded`);
    otherwise count it. The count is an atomic increment in the shared cache, per key and clock hour."""
    if not key.is_active:
        raise DomainError("Khoá API đã bị thu hồi.", code="forbidden")
    if not key_covers(key, hamlet or unit):
        raise DomainError(
            f"Khoá API của {key.organisation} không được gửi phản ánh cho {(hamlet or unit).name}.",
            code="out_of_scope",
        )
    now = _clock()
    window = int(now // QUOTA_WINDOW_SECONDS)
    cache_key = _quota_cache_key(key, window)
    cache.add(cache_key, 0, timeout=QUOTA_WINDOW_SECONDS + 60)
    try:
        used = cache.incr(cache_key)
    except ValueError:  # expired or evicted between add and incr
        cache.add(cache_key, 1, timeout=QUOTA_WINDOW_SECONDS + 60)
        used = 1
    if used > key.hourly_quota:
        wait = max(1, int((window + 1) * QUOTA_WINDOW_SECONDS - now))
        minutes = max(1, -(-wait // 60))
        raise QuotaExceeded(
            f"Khoá API của {key.organisation} đã dùng hết {key.hourly_quota} lượt gửi trong giờ này. "
            f"Vui lòng thử lại sau {minutes} phút.",
            retry_after=wait,
        )


def api_key_release(*, key: ApiKey) -> None:
    """Give back the unit counted by `api_key_admit` when the submission it admitted was refused."""
    cache_key = _quota_cache_key(key, int(_clock() // QUOTA_WINDOW_SECONDS))
    try:
        if (cache.get(cache_key) or 0) > 0:
            cache.decr(cache_key)
    except ValueError:
        pass


def api_key_used(key: ApiKey) -> int:
    """Posts counted for the key in the current clock hour (shown in the admin)."""
    return int(cache.get(_quota_cache_key(key, int(_clock() // QUOTA_WINDOW_SECONDS))) or 0)
