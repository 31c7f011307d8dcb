"""The unit-scope policy: the only two questions every screen and endpoint asks.

- `has_unit_perm(user, perm, unit)`: may `user` do `perm` on something owned by `unit`? True when one of the
  user's assignments in force today has a role granting `perm` on `unit` or one of its ancestors.
- `scope(queryset, user, perm, unit_field="unit")`: the rows of `queryset` whose owning unit lies in a subtree
  where the user holds `perm` — the only way to list scoped rows.

A superuser is treated as a system administrator everywhere. Assignments are read once per request and
cached on the user object.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from danvan.core.formatting import local_today

from .roles import permissions_of

_CACHE_ATTR = "_danvan_grants"


@dataclass(frozen=True)
class Grant:
    role: str
    unit_id: int
    unit_path: str
    unit_name: str
    perms: frozenset

    @property
    def role_label(self) -> str:
        from .roles import Role

        return Role(self.role).label


def grants(user, day: dt.date | None = None) -> list[Grant]:
    """The user's role assignments in force on `day` (default today), as (role, unit path, permissions)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    day = day or local_today()
    cache = getattr(user, _CACHE_ATTR, None)
    if cache is None:
        cache = {}
        setattr(user, _CACHE_ATTR, cache)
    if day not in cache:
        from danvan.units.models import natural_order

        from .models import RoleAssignment

        rows = natural_order(
            RoleAssignment.objects.filter(user=user, valid_from__lte=day)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .select_related("unit"),
            "unit__",
        )
        cache[day] = [
            Grant(r.role, r.unit_id, r.unit.path, r.unit.name, permissions_of(r.role)) for r in rows
        ]
    return cache[day]


def forget_grants(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def is_system_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)


def perm_paths(user, perm: str) -> list[str]:
    """Subtree roots (paths) where `user` holds `perm`, with nested ones folded into their ancestor."""
    paths = sorted({g.unit_path for g in grants(user) if perm in g.perms})
    folded: list[str] = []
    for path in paths:
        if not any(path.startswith(root) for root in folded):
            folded.append(path)
    return folded


# Permissions that the superuser shortcut never grants: only a role assignment does (the law names who may
# read a denouncer's identity; running the platform is not one of them).
ROLE_ONLY_PERMISSIONS = frozenset({"cases.reveal_identity"})


def has_unit_perm(user, perm: str, unit) -> bool:
    if unit is None:
        return False
    if is_system_admin(user) and perm not in ROLE_ONLY_PERMISSIONS:
        return True
    return any(unit.path.startswith(root) for root in perm_paths(user, perm))


def has_any_perm(user, perm: str) -> bool:
    return (is_system_admin(user) and perm not in ROLE_ONLY_PERMISSIONS) or bool(perm_paths(user, perm))


def scope(queryset: QuerySet, user, perm: str, unit_field: str = "unit") -> QuerySet:
    if is_system_admin(user) and perm not in ROLE_ONLY_PERMISSIONS:
        return queryset
    roots = perm_paths(user, perm)
    if not roots:
        return queryset.none()
    lookup = f"{unit_field}__path__startswith" if unit_field else "path__startswith"
    condition = Q()
    for root in roots:
        condition |= Q(**{lookup: root})
    return queryset.filter(condition)


def scope_under(queryset: QuerySet, user, perm: str, unit, unit_field: str = "unit") -> QuerySet:
    """`scope()` narrowed to `unit`'s subtree, with one path condition when the subtree lies inside the
    user's scope (the usual case: an officer looking at one of their units), so the planner estimates the
    rows right; otherwise both conditions (an empty or partial result, never more than `scope()`)."""
    if unit is None:
        return scope(queryset, user, perm, unit_field)
    lookup = f"{unit_field}__path__startswith" if unit_field else "path__startswith"
    inside = (is_system_admin(user) and perm not in ROLE_ONLY_PERMISSIONS) or any(
        unit.path.startswith(root) for root in perm_paths(user, perm)
    )
    if inside:
        return queryset.filter(**{lookup: unit.path})
    return scope(queryset, user, perm, unit_field).filter(**{lookup: unit.path})
