"""Writes to role assignments: grant and end a role on a unit, audited like every other write.

The actor needs `users.manage` on the unit (unit admins manage the roles of their own subtree; a unit
admin cannot create a system administrator).
"""

import datetime as dt

from django.db import transaction

from danvan.audit.services import audit_record
from danvan.core.errors import DomainError

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
