"""The gate for fetching one unit in a view or endpoint."""

import datetime as dt

from danvan.access.gates import fetch_scoped

from .models import Unit


def access_unit_by_id(user, pk, perm: str = "units.view", day: dt.date | None = None) -> Unit:
    """Return the unit if `user` holds `perm` on it (on `day`, for a day in the past: the units their own
    units succeeded, read-only — `policy.has_unit_perm_on`); a missing and a forbidden unit both raise
    NotFoundOrForbidden, so ids of other units reveal nothing."""
    return fetch_scoped(
        Unit.objects.select_related("parent"), pk, user=user, perm=perm, unit_of=lambda u: u, day=day
    )
