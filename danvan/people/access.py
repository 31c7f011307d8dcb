"""Access gates of the household registry: the only way a view or an endpoint fetches one scoped object.

`access_household_by_id(user, pk, perm)` and `access_household_import_by_id(user, pk, perm)` return the
object when `user` holds `perm` on its unit (the household's hamlet, the import's commune) and raise
`NotFoundOrForbidden` otherwise. A missing id and a forbidden one raise the same error, so an officer of
another commune cannot learn which household ids exist (`officer_required` turns it into a 404).
"""

from danvan.access.policy import has_unit_perm
from danvan.core.errors import NotFoundOrForbidden

from .models import Household, HouseholdImport


def _int_or_none(pk) -> int | None:
    try:
        return int(pk)
    except (TypeError, ValueError):
        return None


def access_household_by_id(user, pk, perm: str = "households.view") -> Household:
    """The household `pk` if `user` holds `perm` on its hamlet; otherwise NotFoundOrForbidden."""
    pk = _int_or_none(pk)
    household = (
        Household.objects.select_related("hamlet", "commune").filter(pk=pk).first() if pk is not None else None
    )
    if household is None or not has_unit_perm(user, perm, household.hamlet):
        raise NotFoundOrForbidden(f"household {pk}")
    return household


def access_household_import_by_id(user, pk, perm: str = "households.manage") -> HouseholdImport:
    """The import `pk` if `user` holds `perm` on its commune; otherwise NotFoundOrForbidden."""
    pk = _int_or_none(pk)
    row = (
        HouseholdImport.objects.select_related("unit", "actor").filter(pk=pk).first() if pk is not None else None
    )
    if row is None or not has_unit_perm(user, perm, row.unit):
        raise NotFoundOrForbidden(f"household import {pk}")
    return row
