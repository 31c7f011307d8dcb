"""Access gate of the review: the only way a view fetches one report (404 for out of scope alike)."""

from danvan.access.gates import fetch_scoped

from .models import UnitReport


def access_report(user, pk, perm: str = "reviews.view") -> UnitReport:
    """The report `pk` if `user` holds `perm` on its unit (a read also as of the period's end, for the units
    the user's unit succeeded); otherwise NotFoundOrForbidden."""
    qs = UnitReport.objects.select_related("unit", "unit__parent", "period", "issuer")
    if perm == "reviews.view":
        row = qs.filter(pk=pk).first() if str(pk).isdigit() else None
        day = row.period.end if row is not None else None
        return fetch_scoped(qs, pk, user=user, perm=perm, unit_of=lambda r: r.unit, day=day)
    return fetch_scoped(qs, pk, user=user, perm=perm, unit_of=lambda r: r.unit)


def access_review_unit(user, pk, day=None):
    """The administrative unit `pk` (one that files reports: not a hamlet) for the dashboard, if `user` holds
    `reviews.view` on it — as of `day` too (a period's end), for the units the user's units succeeded;
    otherwise NotFoundOrForbidden."""
    from danvan.units.models import ADMIN_LEVEL, COMMUNITY_KINDS, Unit

    kinds = [k for k in ADMIN_LEVEL if k not in COMMUNITY_KINDS]
    qs = Unit.objects.filter(kind__in=kinds).select_related("parent")
    return fetch_scoped(qs, pk, user=user, perm="reviews.view", unit_of=lambda u: u, day=day)
