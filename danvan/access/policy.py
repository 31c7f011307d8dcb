"""The unit-scope policy: the only two questions every screen and endpoint asks.

- `has_unit_perm(user, perm, unit)`: may `user` do `perm` on something owned by `unit`? True when one of the
  user's assignments in force today has a role granting `perm` on `unit` or one of its ancestors.
- `scope(queryset, user, perm, unit_field="unit")`: the rows of `queryset` whose owning unit lies in a subtree
  where the user holds `perm` — the only way to list scoped rows.

A superuser is treated as a system administrator everywhere. Assignments are read once per request and
cached on the user object, and shared between requests for a minute under a generation that every change of
an assignment or a unit moves.

An assignment on a unit that is no longer in force (dissolved by a reform, `valid_to` in the past) keeps only
the read permissions of `roles.HISTORY_PERMISSIONS`: its officers read the unit's history, they write
nothing. `scope_on(queryset, user, perm, day)` and `has_unit_perm_on` answer the same questions for a day in
the past: the units of the user's assignments as they were then — the unit itself if it was in force, the
units it succeeded (`danvan.units.services.map_unit`, backwards) if it was formed later —, read-only.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from danvan.core.formatting import local_today

from .roles import HISTORY_PERMISSIONS, permissions_of

_CACHE_ATTR = "_danvan_grants"


@dataclass(frozen=True)
class Grant:
    role: str
    unit_id: int
    unit_path: str
    unit_name: str
    perms: frozenset
    unit_ended: dt.date | None = None  # the unit's last day when it is no longer in force (read-only grant)

    @property
    def historical(self) -> bool:
        return self.unit_ended is not None

    @property
    def role_label(self) -> str:
        from .roles import Role

        return Role(self.role).label


# The assignments in force on a day are also kept in the shared cache (Redis in production) for
# SHARED_SECONDS, under a generation that every save or delete of an assignment or a unit moves (signals in
# apps.py): a signed-in page saves its role query (the signed-in bare view, bench/server.py). The
# permissions are derived from the roles at each read, never cached.
SHARED_SECONDS = 60
_GENERATION_KEY = "policy:grants:gen"


def assignments_changed(**_kwargs) -> None:
    """Forget every user's cached assignments (a role assignment or a unit was saved or deleted)."""
    from django.core.cache import cache

    try:
        cache.incr(_GENERATION_KEY)
    except ValueError:
        import time

        cache.set(_GENERATION_KEY, int(time.time() * 1000), timeout=None)


def _assignment_rows(user, day: dt.date) -> list[tuple]:
    from django.core.cache import cache

    from danvan.units.models import natural_order

    from .models import RoleAssignment

    key = f"policy:grants:{user.pk}:{day.isoformat()}:{cache.get(_GENERATION_KEY, 0)}"
    rows = cache.get(key)
    if rows is None:
        assignments = natural_order(
            RoleAssignment.objects.filter(user=user, valid_from__lte=day)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .select_related("unit"),
            "unit__",
        )
        rows = [(a.role, a.unit.pk, a.unit.path, a.unit.name, a.unit.valid_to) for a in assignments]
        cache.set(key, rows, SHARED_SECONDS)
    return rows


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
        cache[day] = [_grant(row, day) for row in _assignment_rows(user, day)]
    return cache[day]


def _grant(row: tuple, day: dt.date) -> Grant:
    role, unit_id, unit_path, unit_name, unit_valid_to = row
    perms = permissions_of(role)
    if unit_valid_to is not None and unit_valid_to < day:  # the unit was dissolved: its history, read-only
        return Grant(role, unit_id, unit_path, unit_name, perms & HISTORY_PERMISSIONS, unit_valid_to)
    return Grant(role, unit_id, unit_path, unit_name, perms)


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


# ---------------------------------------------------------------- a day in the past (read-only)


def history_paths(user, perm: str, day: dt.date) -> list[str]:
    """Subtree roots where `user` may read `perm` as things were on `day`: for each of today's assignments,
    its unit if it was in force on `day`, else — when the unit was formed after `day` — the units it
    succeeded, in force then (`map_unit` backwards). A unit dissolved before `day` gives nothing (its
    successors are other officers'). Only read permissions (`HISTORY_PERMISSIONS`) reach the past."""
    from danvan.units.models import Unit
    from danvan.units.services import map_unit

    if perm not in HISTORY_PERMISSIONS:
        return []
    roots: set[str] = set()
    for g in grants(user):
        if perm not in g.perms:
            continue
        unit = Unit.objects.get(pk=g.unit_id)
        if unit.is_valid_on(day):
            roots.add(unit.path)
        elif unit.valid_from is not None and day < unit.valid_from:
            roots.update(m.unit.path for m in map_unit(unit, day))
    folded: list[str] = []
    for path in sorted(roots):
        if not any(path.startswith(root) for root in folded):
            folded.append(path)
    return folded


def scope_on(queryset: QuerySet, user, perm: str, day: dt.date | None, unit_field: str = "unit") -> QuerySet:
    """`scope()` as of `day`: today (or None) is `scope()` itself; a past day reads `history_paths`."""
    if day is None or day >= local_today():
        return scope(queryset, user, perm, unit_field)
    if is_system_admin(user) and perm not in ROLE_ONLY_PERMISSIONS:
        return queryset
    roots = history_paths(user, perm, day)
    if not roots:
        return queryset.none()
    lookup = f"{unit_field}__path__startswith" if unit_field else "path__startswith"
    condition = Q()
    for root in roots:
        condition |= Q(**{lookup: root})
    return queryset.filter(condition)


def has_unit_perm_on(user, perm: str, unit, day: dt.date | None) -> bool:
    """`has_unit_perm` as of `day` (see `scope_on`)."""
    if has_unit_perm(user, perm, unit):
        return True
    if unit is None or day is None or day >= local_today():
        return False
    return any(unit.path.startswith(root) for root in history_paths(user, perm, day))


def leaders_on(unit_id: int, day: dt.date) -> list:
    """The active accounts holding the leader role on `unit_id` on `day` (whom a deadline sweep warns)."""
    from .models import RoleAssignment
    from .roles import Role

    rows = (
        RoleAssignment.objects.filter(
            role=Role.LEADER, unit_id=unit_id, valid_from__lte=day, user__is_active=True
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("user")
    )
    return [r.user for r in rows]
