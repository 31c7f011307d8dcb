"""How the audit records of role assignments read (danvan.audit.trail)."""

from danvan.audit.trail import Action, register_trail

from .models import RoleAssignment

register_trail(
    RoleAssignment,
    actions={
        "role.grant": Action("giao vai trò", headline="role"),
        "role.end": Action("kết thúc vai trò", headline="valid_to"),
    },
)
