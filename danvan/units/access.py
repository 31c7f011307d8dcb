"""The gate for fetching one unit in a view or endpoint."""

from danvan.access.policy import has_unit_perm
from danvan.core.errors import NotFoundOrForbidden

from .models import Unit


def access_unit_by_id(user, pk, perm: str = "units.view") -> Unit:
    """Return the unit if `user` holds `perm` on it; a missing and a forbidden unit both raise
    NotFoundOrForbidden, so ids of other units reveal nothing."""
    unit = Unit.objects.select_related("parent").filter(pk=pk).first()
    if unit is None or not has_unit_perm(user, perm, unit):
        raise NotFoundOrForbidden
    return unit
