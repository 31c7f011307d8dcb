import datetime as dt

import pytest

from danvan.access.policy import has_unit_perm
from danvan.access.roles import Role
from danvan.access.services import role_end, role_grant
from danvan.audit.models import AuditEvent
from danvan.core.errors import DomainError


def test_unit_admin_grants_a_role_in_their_commune_and_it_is_audited(cast):
    assignment = role_grant(
        actor=cast.khoa, user=cast.lan, role=Role.LEADER, unit=cast.hamlet, valid_from=dt.date(2026, 1, 1)
    )
    assert has_unit_perm(cast.lan, "audit.view", cast.hamlet)
    assert AuditEvent.objects.filter(
        action="role.grant", object_id=str(assignment.pk), actor=cast.khoa
    ).exists()


def test_unit_admin_cannot_grant_outside_their_subtree_or_make_system_admins(cast):
    with pytest.raises(DomainError):
        role_grant(
            actor=cast.khoa,
            user=cast.lan,
            role=Role.LEADER,
            unit=cast.sibling_commune,
            valid_from=dt.date(2026, 1, 1),
        )
    with pytest.raises(DomainError):
        role_grant(
            actor=cast.khoa,
            user=cast.lan,
            role=Role.SYSTEM_ADMIN,
            unit=cast.commune,
            valid_from=dt.date(2026, 1, 1),
        )


def test_citizens_get_no_roles_and_ending_a_role_takes_effect(cast):
    with pytest.raises(DomainError):
        role_grant(
            actor=cast.son,
            user=cast.binh,
            role=Role.EDITOR,
            unit=cast.commune,
            valid_from=dt.date(2026, 1, 1),
        )
    assignment = cast.tuan.role_assignments.get()
    role_end(actor=cast.khoa, assignment=assignment, on=dt.date(2021, 1, 1))
    assert not has_unit_perm(cast.tuan, "units.view", cast.commune)
