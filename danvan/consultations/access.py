"""Access gate of the consultations module: the only way a view fetches one consultation (404 out of scope)."""

from danvan.access.gates import fetch_scoped
from danvan.core.errors import NotFoundOrForbidden

from .models import PUBLIC_STATUSES, Consultation, Opinion


def access_consultation(user, pk, perm: str = "consultations.view") -> Consultation:
    return fetch_scoped(
        Consultation.objects.select_related("unit", "commune"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda c: c.unit,
    )


def access_opinion(user, consultation: Consultation, pk) -> Opinion:
    """An opinion of a consultation already fetched through `access_consultation`; 404 otherwise."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFoundOrForbidden(f"Opinion {pk!r}")
    opinion = Opinion.objects.filter(consultation=consultation, pk=pk).select_related("consultation").first()
    if opinion is None:
        raise NotFoundOrForbidden(f"Opinion {pk}")
    return opinion


def access_public_consultation(pk) -> Consultation:
    """A consultation the public may read: any but a draft plan; 404 otherwise."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFoundOrForbidden(f"Consultation {pk!r}")
    c = (
        Consultation.objects.filter(pk=pk, status__in=PUBLIC_STATUSES)
        .select_related("unit", "commune")
        .first()
    )
    if c is None:
        raise NotFoundOrForbidden(f"Consultation {pk}")
    return c
