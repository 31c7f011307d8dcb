"""Access gates of the communities module: the only way a view or an endpoint fetches one scoped group,
project or contribution. A row of a unit that a reform replaced is judged on the unit in force today that it
continues as (`selectors.current_unit_of`): the officer of the 2026 commune holds its 2019 Hội quán.
A missing id and a forbidden one raise the same `NotFoundOrForbidden` (404)."""

from danvan.access.gates import fetch_scoped

from .models import Contribution, ContributionImport, Group, MemberImport, Project
from .selectors import current_unit_of


def access_group(user, pk, perm: str = "communities.view") -> Group:
    return fetch_scoped(
        Group.objects.select_related("kind", "home_unit", "commune", "successor"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda g: current_unit_of(g.home_unit),
    )


def access_project(user, pk, perm: str = "communities.view") -> Project:
    return fetch_scoped(
        Project.objects.select_related("place", "commune", "criterion", "group"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda p: current_unit_of(p.place),
    )


def access_contribution(user, pk, perm: str = "communities.view") -> Contribution:
    return fetch_scoped(
        Contribution.objects.select_related("project", "place", "household", "contributor_group"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda c: current_unit_of(c.place),
    )


def access_contribution_import(user, pk, perm: str = "communities.manage") -> ContributionImport:
    """A contributions import (its report) if `user` holds `perm` where its project is."""
    return fetch_scoped(
        ContributionImport.objects.select_related("project__place"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda i: current_unit_of(i.project.place),
    )


def access_member_import(user, pk, perm: str = "communities.manage") -> MemberImport:
    """A members import (its report) if `user` holds `perm` where its group is."""
    return fetch_scoped(
        MemberImport.objects.select_related("group__home_unit"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda i: current_unit_of(i.group.home_unit),
    )
