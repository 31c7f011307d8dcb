"""Access gates of the cases module: the only way a view or an endpoint fetches one scoped case.

A missing id and a forbidden one raise the same `NotFoundOrForbidden` (a 404 for views and the API).
"""

from danvan.access.gates import fetch_scoped

from .models import Case, CaseAttachment


def access_case_by_id(user, pk, perm: str = "cases.view") -> Case:
    """The case `pk` if `user` holds `perm` on its unit; otherwise NotFoundOrForbidden."""
    return fetch_scoped(
        Case.objects.select_related(
            "unit",
            "commune",
            "hamlet",
            "field",
            "handler",
            "merged_into",
            "first_instance",
            "transferred_from",
        ),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda c: c.unit,
    )


def access_attachment_by_id(user, pk, perm: str = "cases.view") -> CaseAttachment:
    return fetch_scoped(
        CaseAttachment.objects.select_related("case__unit"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda a: a.case.unit,
    )
