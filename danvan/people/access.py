"""Access gates of the household registry: the only way a view or an endpoint fetches one scoped object.

`access_household_by_id(user, pk, perm)` and `access_household_import_by_id(user, pk, perm)` return the
object when `user` holds `perm` on its unit (the household's hamlet, the import's commune) and raise
`NotFoundOrForbidden` otherwise. A missing id and a forbidden one raise the same error, so an officer of
another commune cannot learn which household ids exist (`officer_required` turns it into a 404).
"""

from danvan.access.gates import fetch_scoped

from .models import Household, HouseholdImport


def access_household_by_id(user, pk, perm: str = "households.view") -> Household:
    """The household `pk` if `user` holds `perm` on its hamlet; otherwise NotFoundOrForbidden."""
    return fetch_scoped(
        Household.objects.select_related("hamlet", "commune"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda h: h.hamlet,
    )


def access_household_import_by_id(user, pk, perm: str = "households.manage") -> HouseholdImport:
    """The import `pk` if `user` holds `perm` on its commune; otherwise NotFoundOrForbidden."""
    return fetch_scoped(
        HouseholdImport.objects.select_related("unit", "actor"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda row: row.unit,
    )
