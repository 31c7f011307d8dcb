"""Access gates of the cases module: the only way a view or an endpoint fetches one scoped case.

A missing id and a forbidden one raise the same `NotFoundOrForbidden` (a 404 for views and the API).
"""

from danvan.access.gates import fetch_scoped
from danvan.core.errors import NotFoundOrForbidden

from .models import Case, CaseAttachment, Kind
from .services import may_reveal_identity


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


def access_case_by_code(user, code, perm: str = "cases.view") -> Case:
    """The case whose code an officer typed (any case, in capitals or not) if `user` holds `perm` on its unit;
    otherwise NotFoundOrForbidden — a code outside the officer's scope reads as no such case."""
    from .selectors import case_by_code

    found = case_by_code((code or "").strip().upper())
    if found is None:
        raise NotFoundOrForbidden
    return access_case_by_id(user, found.pk, perm)


def access_attachment_by_id(user, pk, perm: str = "cases.view") -> CaseAttachment:
    """The attachment `pk` if `user` holds `perm` on its case's unit; otherwise NotFoundOrForbidden.

    An attachment of a denunciation may carry the denouncer's identity (a signed letter, a photo of an ID
    card) and cannot be redacted like the text, so it is also refused to anyone who may not reveal the
    identity (`services.may_reveal_identity`: the assigned handler or a unit leader) — with the same 404."""
    a = fetch_scoped(
        CaseAttachment.objects.select_related("case__unit"),
        pk,
        user=user,
        perm=perm,
        unit_of=lambda a: a.case.unit,
    )
    if a.case.kind == Kind.DENUNCIATION and not may_reveal_identity(user, a.case):
        raise NotFoundOrForbidden(f"CaseAttachment {a.pk}")
    return a


def access_own_case_by_code(user, code) -> Case:
    """The case `code` if it belongs to the citizen `user` (`selectors.is_own_case`: filed from the
    account, or sent with its verified phone); otherwise NotFoundOrForbidden — a code alone opens nothing."""
    from .selectors import case_by_code, is_own_case

    case = case_by_code(code) if getattr(user, "is_authenticated", False) else None
    if case is None or not is_own_case(user, case):
        raise NotFoundOrForbidden(f"Case {code!r}")
    return case
