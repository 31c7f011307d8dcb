"""Renders docs/permissions.md from the role map, so the document cannot drift from the code."""

from django.conf import settings
from django.utils import translation

from .roles import (
    HISTORY_PERMISSIONS,
    PERMISSIONS,
    ROLE_PERMISSIONS,
    TWO_FACTOR_PERMISSIONS,
    Role,
    roles_requiring_two_factor,
)

HEADER = """# Permissions (phân quyền)

Generated from `danvan/access/roles.py` by `python manage.py permissions_doc > docs/permissions.md`;
a test fails when this file and the code disagree.

A role is granted on a unit **and its whole subtree** for a period `(valid_from, valid_to)`. For every
permission below, a role marked ✔ answers *yes* on the unit of the assignment and on its descendants
(child), and *no* on the parent, on a sibling, and when the assignment has expired or not yet started.
This is exactly what `danvan/access/tests/test_permission_matrix.py` checks, role × permission ×
{same unit, child, parent, sibling, expired}. A superuser counts as a system administrator everywhere.
Citizens and anonymous visitors hold none of these permissions; what they may do is decided by the
public pages themselves.

"""


def render() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _render()


def _render() -> str:
    roles = list(Role)
    lines = [HEADER]
    lines.append("| permission | meaning | " + " | ".join(str(r.label) for r in roles) + " |")
    lines.append("|---|---|" + "---|" * len(roles))
    for perm, meaning in PERMISSIONS.items():
        marks = ["✔" if perm in ROLE_PERMISSIONS[r] else "" for r in roles]
        lines.append(f"| `{perm}` | {meaning} | " + " | ".join(marks) + " |")
    lines.append("")
    lines.append("Role codes: " + ", ".join(f"`{r.value}` = {r.label}" for r in roles) + ".")
    lines.append("")
    lines.append("## Two-factor sign-in (xác thực hai lớp)")
    lines.append("")
    required = ", ".join(f"{Role(r).label} (`{r}`)" for r in roles_requiring_two_factor())
    perms = " or ".join(f"`{p}`" for p in sorted(TWO_FACTOR_PERMISSIONS))
    lines.append(
        f"Required (`danvan.access.two_factor.requires_two_factor`) for an officer holding, in force today, a role "
        f"with {perms}: {required}; and for staff and superusers (the admin site admits only sessions "
        "verified by a second factor). Citizens never need it; any officer may enrol from their account page. "
        "`DANVAN_2FA_REQUIRED=false` relaxes the requirement (the demo, the test settings). "
        "`danvan/access/tests/test_permission_matrix.py` checks role × {enrolled, not enrolled}: the workspace, "
        "or enrolment first."
    )
    lines.append("")
    lines.append("## Dissolved units (đơn vị đã kết thúc hoạt động)")
    lines.append("")
    kept = ", ".join(f"`{p}`" for p in sorted(HISTORY_PERMISSIONS))
    lines.append(
        "An assignment on a unit that is no longer in force (dissolved by a reform) keeps only the permissions to "
        f"read its history: {kept}; every other permission is refused there. For a day in the past "
        "(`policy.scope_on`, `has_unit_perm_on`) the same read permissions also reach the units the officer's "
        "units succeeded (`units.services.map_unit`, backwards). The matrix test checks every role × permission on a "
        "dissolved unit and its hamlet."
    )
    lines.append("")
    return "\n".join(lines)
