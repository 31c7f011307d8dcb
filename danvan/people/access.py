"""Access gates of the household registry: the only way a view or an endpoint fetches one scoped object.

`access_household_by_id(user, pk, perm)` and `access_household_import_by_id(user, pk, perm)` return the
object when `user` holds `perm` on its unit (the household's hamlet, the import's commune) and raise
`NotFoundOrForbidden` otherwise; `access_household_request_by_id` does the same for a citizen's request with
the permission its kind needs. A missing id and a forbidden one raise the same error, so an officer of
another commune cannot learn which household ids exist (`officer_required` turns it into a 404).
`access_own_household(user)` is the citizen's side: the one household their account is linked to.
"""

from danvan.access.gates import fetch_scoped
from danvan.access.policy import has_unit_perm
from danvan.core.errors import NotFoundOrForbidden

from .models import Household, HouseholdImport, HouseholdRequest


def access_household_by_id(user, pk, perm: str = "households.view", day=None) -> Household:
    """The household `pk` if `user` holds `perm` on its hamlet (on a past `day`: also in the history of
    their units, read-only — `policy.has_unit_perm_on`); otherwise NotFoundOrForbidden."""
    return fetch_scoped(
        Household.objects.select_related("hamlet", "commune"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda h: h.hamlet,
        day=day,
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


def access_household_request_by_id(user, pk) -> HouseholdRequest:
    """The citizen's request `pk` if `user` may answer it — `citizens.verify` on its hamlet for a link
    request, `households.manage` for a correction (`services.REQUEST_PERM`); otherwise NotFoundOrForbidden."""
    from .services import REQUEST_PERM

    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFoundOrForbidden(f"HouseholdRequest {pk!r}")
    row = (
        HouseholdRequest.objects.select_related("citizen", "hamlet", "commune", "household", "answered_by")
        .filter(pk=pk)
        .first()
    )
    if row is None or not has_unit_perm(user, REQUEST_PERM[row.kind], row.hamlet):
        raise NotFoundOrForbidden(f"HouseholdRequest {pk}")
    return row


def access_own_household(user) -> Household | None:
    """The household a citizen's account is linked to (read-only for them), or None. A citizen reaches no
    other household: there is no id to change."""
    if not getattr(user, "is_authenticated", False) or user.kind != "citizen" or not user.household_id:
        return None
    return Household.objects.select_related("hamlet", "commune").filter(pk=user.household_id).first()
