"""Access gate of the decisions module: the only way a view fetches one decision (404 out of scope)."""

from danvan.access.gates import fetch_scoped

from .models import Decision


def access_decision(user, pk, perm: str = "decisions.view") -> Decision:
    return fetch_scoped(
        Decision.objects.select_related("unit", "commune"), pk, user=user, perm=perm, unit_of=lambda d: d.unit
    )
