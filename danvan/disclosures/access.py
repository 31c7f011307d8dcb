"""Access gates of the disclosures module: the only way a view or an endpoint fetches one scoped object.

A missing id and a forbidden one raise the same `NotFoundOrForbidden` (a 404 for views and the API).
"""

from danvan.access.gates import fetch_scoped

from .models import Disclosure, DisclosureFile, DisclosureQuestion


def access_disclosure_by_id(user, pk, perm: str = "disclosures.edit") -> Disclosure:
    """The disclosure `pk` if `user` holds `perm` on its unit; otherwise NotFoundOrForbidden."""
    return fetch_scoped(
        Disclosure.objects.select_related("unit", "category", "created_by"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda d: d.unit,
    )


def access_disclosure_file_by_id(user, pk, perm: str = "disclosures.edit") -> DisclosureFile:
    return fetch_scoped(
        DisclosureFile.objects.select_related("disclosure__unit"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda f: f.disclosure.unit,
    )


def access_question_by_id(user, pk, perm: str = "disclosures.answer") -> DisclosureQuestion:
    """The citizen question `pk` if `user` holds `perm` on its disclosure's unit; otherwise NotFoundOrForbidden."""
    return fetch_scoped(
        DisclosureQuestion.objects.select_related("disclosure__unit", "disclosure__category"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda q: q.disclosure.unit,
    )
