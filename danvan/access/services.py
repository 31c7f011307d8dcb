"""Writes of danvan.access, each audited like every other write.

- Role assignments: grant and end a role on a unit. The actor needs `users.manage` on the unit (unit
  admins manage the roles of their own subtree; a unit admin cannot create a system administrator).
- Two-factor sign-in (`two_factor_*`): enrol an authenticator app, verify a code at sign-in (throttled
  with the password), regenerate recovery codes, remove, and the system administrator's reset.
"""

import datetime as dt

from django.db import transaction

from danvan.audit.services import audit_record
from danvan.core.errors import DomainError

from . import throttle, two_factor
from .models import RoleAssignment
from .policy import forget_grants, has_unit_perm, is_system_admin
from .roles import Role


def _check_actor(actor, unit, role) -> None:
    if actor is None:  # seed data and management commands
        return
    if not has_unit_perm(actor, "users.manage", unit):
        raise DomainError("Bạn không có quyền phân quyền tại đơn vị này.")
    if role == Role.SYSTEM_ADMIN and not is_system_admin(actor):
        raise DomainError("Chỉ quản trị hệ thống mới giao được vai trò quản trị hệ thống.")


@transaction.atomic
def role_grant(
    *, actor, user, role: str, unit, valid_from: dt.date, valid_to: dt.date | None = None, note: str = ""
) -> RoleAssignment:
    if role not in Role.values:
        raise DomainError(f"Vai trò không hợp lệ: {role}.", field="role")
    if valid_to is not None and valid_to < valid_from:
        raise DomainError("Ngày kết thúc phải sau ngày bắt đầu.", field="valid_to")
    if getattr(user, "kind", "officer") != "officer":
        raise DomainError("Chỉ tài khoản cán bộ mới được giao vai trò.", field="user")
    _check_actor(actor, unit, role)
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, role=role, unit=unit, valid_from=valid_from, defaults={"valid_to": valid_to, "note": note}
    )
    if not created:
        raise DomainError("Cán bộ này đã có vai trò đó tại đơn vị, từ cùng ngày.")
    audit_record(
        actor=actor,
        action="role.grant",
        obj=assignment,
        unit=unit,
        changes={"user": [None, user.pk], "role": [None, role], "valid_from": [None, valid_from]},
    )
    forget_grants(user)
    return assignment


@transaction.atomic
def role_end(*, actor, assignment: RoleAssignment, on: dt.date) -> RoleAssignment:
    _check_actor(actor, assignment.unit, assignment.role)
    if on < assignment.valid_from:
        raise DomainError("Ngày kết thúc phải sau ngày bắt đầu của vai trò.", field="valid_to")
    old = assignment.valid_to
    assignment.valid_to = on
    assignment.save(update_fields=["valid_to"])
    audit_record(
        actor=actor, action="role.end", obj=assignment, unit=assignment.unit, changes={"valid_to": [old, on]}
    )
    forget_grants(assignment.user)
    return assignment


# ---------------------------------------------------------------- two-factor sign-in
# Every step is audited on the account it concerns (the user row); codes and secrets are never logged.


def _devices(user):
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user), StaticDevice.objects.filter(user=user)


def _new_recovery_codes(user) -> list[str]:
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=two_factor.RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes: set[str] = set()
    while len(codes) < two_factor.RECOVERY_CODE_COUNT:
        codes.add(StaticToken.random_token())
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in sorted(codes)])
    return sorted(codes)


@transaction.atomic
def two_factor_enrol_start(*, actor):
    """A new authenticator-app device for `actor`, waiting for its first code (or the one already waiting)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if getattr(actor, "kind", None) != "officer":
        raise DomainError("Chỉ tài khoản cán bộ mới bật xác thực hai lớp tại đây.")
    if two_factor.is_enrolled(actor):
        raise DomainError("Bạn đã bật xác thực hai lớp.", code="enrolled")
    waiting = two_factor.totp_device(actor, confirmed=False)
    if waiting is not None:
        return waiting
    device = TOTPDevice.objects.create(user=actor, name=two_factor.TOTP_DEVICE_NAME, confirmed=False)
    audit_record(
        actor=actor, action="two_factor.enrol_start", obj=actor, changes={"two_factor": [None, "waiting"]}
    )
    return device


@transaction.atomic
def two_factor_enrol_confirm(*, actor, token: str) -> list[str]:
    """Confirm the waiting device with a code from the app; returns the new recovery codes (shown once)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = (
        TOTPDevice.objects.select_for_update().filter(user=actor, confirmed=False).order_by("-pk").first()
    )
    if device is None:
        raise DomainError("Chưa có thiết bị chờ xác nhận. Vui lòng bắt đầu lại.", code="no_device")
    if not device.verify_token(two_factor.clean_token(token)):
        raise DomainError(
            "Mã chưa đúng. Hãy nhập mã 6 chữ số đang hiện trong ứng dụng (mã đổi sau mỗi 30 giây) và kiểm tra "
            "giờ trên điện thoại đã đúng.",
            field="code",
        )
    TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(actor)
    audit_record(actor=actor, action="two_factor.enrol", obj=actor, changes={"two_factor": ["waiting", "on"]})
    return codes


TWO_FACTOR_LOCKED = (
    "Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau {minutes} phút hoặc dùng chức năng quên mật khẩu."
)


@transaction.atomic
def two_factor_verify(*, user, token: str, ip: str):
    """The device of `user` that accepts `token` (a code from the app, or a recovery code, used up).

    Throttled with the password (`danvan.access.throttle`, the same counter of the account): a wrong code
    counts as a failed sign-in, and a locked account gets the lockout message. DomainError otherwise.
    """
    from django_otp import devices_for_user
    from django_otp.plugins.otp_static.models import StaticDevice

    subject = throttle.account_subject(user)
    minutes = throttle.locked_minutes(subject, ip)
    if minutes is not None:
        raise DomainError(TWO_FACTOR_LOCKED.format(minutes=minutes), code="locked", field="code")
    token = two_factor.clean_token(token)
    if token:
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_token(token):
                if isinstance(device, StaticDevice):
                    left = device.token_set.count()
                    audit_record(
                        actor=user,
                        action="two_factor.recovery_used",
                        obj=user,
                        changes={"recovery_codes_left": [left + 1, left]},
                    )
                return device
    throttle.record_failure(subject, ip)
    raise DomainError(
        "Mã xác thực không đúng hoặc đã hết hạn. Hãy nhập mã đang hiện trong ứng dụng, hoặc một mã dự phòng.",
        code="invalid",
        field="code",
    )


@transaction.atomic
def two_factor_recovery_regenerate(*, actor, token: str, ip: str) -> list[str]:
    """New recovery codes (the old ones stop working), after the officer re-enters a code."""
    if not two_factor.is_enrolled(actor):
        raise DomainError("Bạn chưa bật xác thực hai lớp.", code="not_enrolled")
    two_factor_verify(user=actor, token=token, ip=ip)
    codes = _new_recovery_codes(actor)
    audit_record(
        actor=actor,
        action="two_factor.recovery_regenerate",
        obj=actor,
        changes={"recovery_codes": [None, len(codes)]},
    )
    return codes


@transaction.atomic
def two_factor_remove(*, actor, token: str, ip: str) -> None:
    """Remove the officer's own second factor, after they re-enter a code."""
    if not two_factor.is_enrolled(actor):
        raise DomainError("Bạn chưa bật xác thực hai lớp.", code="not_enrolled")
    two_factor_verify(user=actor, token=token, ip=ip)
    for devices in _devices(actor):
        devices.delete()
    audit_record(actor=actor, action="two_factor.remove", obj=actor, changes={"two_factor": ["on", None]})


@transaction.atomic
def two_factor_reset(*, actor, user) -> bool:
    """A system administrator removes an officer's devices (lost phone and recovery codes); the officer
    enrols again at the next sign-in. Returns whether there was anything to remove."""
    if not is_system_admin(actor):
        raise DomainError("Chỉ quản trị hệ thống mới đặt lại được xác thực hai lớp của cán bộ.")
    totp, static = _devices(user)
    had = totp.exists() or static.exists()
    totp.delete()
    static.delete()
    audit_record(
        actor=actor,
        action="two_factor.reset",
        obj=user,
        changes={"two_factor": ["on" if had else None, None]},
    )
    return had
