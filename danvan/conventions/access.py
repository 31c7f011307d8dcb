"""Access gate of the conventions module: the only way a view fetches one convention (404 out of scope)."""

from danvan.access.gates import fetch_scoped

from .models import Comment, Convention


def access_convention(user, pk, perm: str = "conventions.view") -> Convention:
    return fetch_scoped(
        Convention.objects.select_related("hamlet", "commune"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda c: c.hamlet,
    )


def access_comment(user, pk, perm: str = "conventions.manage") -> Comment:
    return fetch_scoped(
        Comment.objects.select_related("version__convention__hamlet"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda c: c.version.convention.hamlet,
    )
