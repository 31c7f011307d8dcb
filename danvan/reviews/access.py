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
    otherwise NotFoundOrForbidden (a hamlet alike)."""
    from danvan.core.errors import NotFoundOrForbidden
    from danvan.units.access import access_unit_by_id

    from .selectors import REPORTING_KINDS

    unit = access_unit_by_id(user, pk, "reviews.view", day)
    if unit.kind not in REPORTING_KINDS:
        raise NotFoundOrForbidden(f"Unit {pk!r} files no report")
    return unit
