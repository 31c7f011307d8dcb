"""The shared body of every `access_<entity>_by_id` gate.

`fetch_scoped(queryset, pk, user, perm, unit_of)` returns the row when `user` holds `perm` on the unit that
owns it (`unit_of(row)`), and raises NotFoundOrForbidden for a malformed, missing or forbidden id alike —
so ids of other units reveal nothing. With `day` (a day in the past), a read permission is also answered
for the units the user's units succeeded (`policy.has_unit_perm_on`). Each app keeps its named gate (e.g. `access_household_by_id`) as the
one function its views call; the gate only says which rows and which unit.
"""

from collections.abc import Callable

from danvan.core.errors import NotFoundOrForbidden

from .policy import has_unit_perm_on


def fetch_scoped(queryset, pk, *, user, perm: str, unit_of: Callable, day=None):
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFoundOrForbidden(f"{queryset.model.__name__} {pk!r}")
    row = queryset.filter(pk=pk).first()
    if row is None or not has_unit_perm_on(user, perm, unit_of(row), day):
        raise NotFoundOrForbidden(f"{queryset.model.__name__} {pk}")
    return row
