"""The gate for fetching one unit in a view or endpoint."""

from danvan.access.gates import fetch_scoped

from .models import Unit


def access_unit_by_id(user, pk, perm: str = "units.view") -> Unit:
    """Return the unit if `user` holds `perm` on it; a missing and a forbidden unit both raise
    NotFoundOrForbidden, so ids of other units reveal nothing."""
    return fetch_scoped(Unit.objects.select_related("parent"), pk, user=user, perm=perm, unit_of=lambda u: u)
