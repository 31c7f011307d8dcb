"""Access gate of the decisions module: the only way a view fetches one decision (404 out of scope)."""

from danvan.access.gates import fetch_scoped

from .models import Decision


def access_decision(user, pk, perm: str = "decisions.view") -> Decision:
    return fetch_scoped(
        Decision.objects.select_related("unit", "commune"), pk, user=user, perm=perm, unit_of=lambda d: d.unit
    )


def access_own_decision(user, pk) -> Decision:
    """A decision put to the citizen's own household (on its roll); 404 otherwise."""
    from danvan.core.errors import NotFoundOrForbidden

    from .selectors import decisions_of_household

    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFoundOrForbidden(f"Decision {pk!r}")
    decision = decisions_of_household(user).filter(pk=pk).first()
    if decision is None:
        raise NotFoundOrForbidden(f"Decision {pk}")
    return decision


def access_initiative(user, pk, perm: str = "decisions.view"):
    """An initiative of a hamlet in the officer's scope for `perm`; 404 otherwise."""
    from .models import Initiative

    return fetch_scoped(
        Initiative.objects.select_related("hamlet", "commune", "decision"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda i: i.hamlet,
    )


def access_hamlet_initiative(user, pk):
    """An initiative of the hamlet of the citizen's own household; 404 otherwise (another hamlet's included)."""
    from danvan.core.errors import NotFoundOrForbidden

    from .selectors import initiatives_of_own_hamlet

    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFoundOrForbidden(f"Initiative {pk!r}")
    initiative = initiatives_of_own_hamlet(user).filter(pk=pk).first()
    if initiative is None:
        raise NotFoundOrForbidden(f"Initiative {pk}")
    return initiative
