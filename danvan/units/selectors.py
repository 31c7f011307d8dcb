"""Reads of the unit tree. Public reads (the portal) show units in force; officers' reads are scoped."""

import datetime as dt

from django.conf import settings
from django.db.models import Case, F, OuterRef, Q, Subquery, Sum, Value, When

from danvan.access.policy import scope_on
from danvan.core.formatting import local_today
from danvan.core.text import normalize, tokens

from .models import COMMUNE_NAME_WORDS, COMMUNITY_KINDS, CommunityCount, Unit, natural_order


def unit_by_code(code: str, day: dt.date | None = None) -> Unit | None:
    """The unit with this official code in force on `day` (today), else its most recent version.

    Codes are reused across reforms (30001 was Thị trấn Tràm Chim, now Xã Tràm Chim), so a code alone is
    resolved by date.
    """
    day = day or local_today()
    versions = Unit.objects.filter(code=code).select_related("parent")
    current = versions.valid_on(day).order_by(F("valid_from").desc(nulls_last=True)).first()
    return current or versions.order_by(F("valid_from").desc(nulls_last=True)).first()


def portal_root_unit() -> Unit | None:
    if settings.DANVAN_PORTAL_UNIT:
        unit = unit_by_code(settings.DANVAN_PORTAL_UNIT)
        if unit:
            return unit
    roots = Unit.objects.filter(parent__isnull=True)
    return (
        roots.valid_on(local_today()).order_by("path").first()
        or roots.order_by(F("valid_from").desc(nulls_last=True)).first()
    )


def ancestors(unit: Unit) -> list[Unit]:
    paths = unit.ancestor_paths()[:-1]
    return list(Unit.objects.filter(path__in=paths).order_by("depth"))


def contact_of(unit: Unit, ancestors: list[Unit]) -> Unit | None:
    """The unit whose contact (address, phone, e-mail) a unit's page shows: its own when it has one, else
    the nearest of its `ancestors` (nearest last, as `ancestors` returns them) that has one."""
    for u in [unit, *reversed(ancestors)]:
        if u.address or u.phone or u.email:
            return u
    return None


def children(unit: Unit, *, day: dt.date | None = None, organisations: bool | None = None):
    qs = Unit.objects.filter(parent=unit)
    if day is not None:
        qs = qs.valid_on(day)
    if organisations is True:
        qs = qs.exclude(kind__in=_admin_kinds())
    elif organisations is False:
        qs = qs.filter(kind__in=_admin_kinds())
    # Administrative units first (in natural order: Ấp 1, Ấp 2, … Ấp 10), then organisations.
    admin_first = Case(When(kind__in=_admin_kinds(), then=Value(0)), default=Value(1))
    return natural_order(qs, before=(admin_first,))


def _admin_kinds():
    from .models import ADMIN_LEVEL

    return list(ADMIN_LEVEL)


def latest_count_subquery(field: str, day: dt.date | None = None):
    """The latest count of a community (as of `day` when given: the figure known then)."""
    counts = CommunityCount.objects.filter(unit=OuterRef("pk"))
    if day is not None:
        counts = counts.filter(as_of__lte=day)
    return Subquery(counts.order_by("-as_of").values(field)[:1])


def with_latest_counts(queryset, day: dt.date | None = None):
    return queryset.annotate(
        latest_households=latest_count_subquery("households", day),
        latest_voters=latest_count_subquery("voters", day),
    )


def subtree_totals(unit: Unit, day: dt.date | None = None) -> dict:
    """Households and voters of every community in force in the subtree (latest count of each)."""
    day = day or local_today()
    communities = with_latest_counts(
        Unit.objects.subtree(unit).valid_on(day).filter(kind__in=list(COMMUNITY_KINDS)), day=day
    )
    totals = communities.aggregate(
        households_total=Sum("latest_households"), voters_total=Sum("latest_voters")
    )
    return {
        "communities": communities.count(),
        "households": totals["households_total"] or 0,
        "voters": totals["voters_total"] or 0,
    }


def officer_unit_list(
    user,
    *,
    root: Unit | None = None,
    q: str = "",
    kind: str = "",
    include_expired: bool = False,
    day: dt.date | None = None,
    roots: list[Unit] | None = None,
):
    """Units `user` may see under `root` (or any of `roots`), in force on `day` (today) unless
    `include_expired`; a past `day` reads the user's history scope (`policy.scope_on`)."""
    day = day or local_today()
    qs = scope_on(Unit.objects.all(), user, "units.view", day, unit_field="")
    roots = roots if roots is not None else ([root] if root is not None else [])
    if roots:
        condition = Q()
        for r in roots:
            condition |= Q(path__startswith=r.path)
        qs = qs.filter(condition)
    if kind:
        qs = qs.filter(kind=kind)
    if not include_expired:
        qs = qs.valid_on(day)
    for token in normalize(q).split():
        qs = qs.filter(search_name__contains=token)
    return natural_order(with_latest_counts(qs.select_related("parent"), day=day))


# ---------------------------------------------------------------- choosing a commune and a hamlet (public forms)

COMMUNE_LIST_ALL = 30  # a scope with at most this many communes shows them all, without a search
COMMUNE_RESULTS = 20  # communes shown for a search (the rest: "type more")
# how the name of a commune-level unit begins, unaccented: "xa tram chim" is found by "tram chim"
_COMMUNE_PREFIXES = tuple(f"{word} " for word in COMMUNE_NAME_WORDS)


def communes_in_force(*, within: Unit | None = None, day: dt.date | None = None):
    from .models import COMMUNE_KINDS

    qs = Unit.objects.valid_on(day or local_today()).filter(kind__in=list(COMMUNE_KINDS))
    return qs.subtree(within) if within is not None else qs


def commune_in_force(pk, *, day: dt.date | None = None) -> Unit | None:
    """The commune-level unit `pk` if it is in force (a malformed or unknown id is None)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return communes_in_force(day=day).select_related("parent").filter(pk=pk).first()


def commune_search(
    q: str, *, within: Unit | None = None, day: dt.date | None = None, limit: int = COMMUNE_RESULTS
) -> tuple[list[Unit], int]:
    """Communes in force whose name — or whose district's (their parent's) name — contains every word of
    `q`, diacritics ignored ("tram chim", "tam nong"); (the first `limit`, how many match in all). A name
    that is the whole query ("Xã Tràm Chim" for "tram chim") comes first, then names starting with it.
    With an empty `q`, a scope of at most COMMUNE_LIST_ALL communes is listed whole; a larger one, nothing."""
    qs = communes_in_force(within=within, day=day).select_related("parent")
    words = tokens(q)
    if not words:
        total = qs.count()
        if total > COMMUNE_LIST_ALL:
            return [], total
        return list(qs.natural()), total
    from django.db.models import Q

    for word in words:
        qs = qs.filter(Q(search_name__contains=word) | Q(parent__search_name__contains=word))
    phrase = " ".join(words)
    whole = [phrase, *(p + phrase for p in _COMMUNE_PREFIXES)]
    rank = Case(
        When(search_name__in=whole, then=Value(0)),
        When(search_name__startswith=phrase, then=Value(1)),
        *(When(search_name__startswith=p + phrase, then=Value(1)) for p in _COMMUNE_PREFIXES),
        When(search_name__contains=phrase, then=Value(2)),
        default=Value(3),
    )
    total = qs.count()
    found = list(natural_order(qs.annotate(rank=rank), before=("rank",))[:limit])
    return found, total


def hamlets_of(commune: Unit, *, day: dt.date | None = None) -> list[Unit]:
    """The residential communities (thôn, ấp, khóm, tổ dân phố) of `commune` in force, in natural order."""
    return list(
        Unit.objects.valid_on(day or local_today())
        .filter(parent=commune, kind__in=list(COMMUNITY_KINDS))
        .only("pk", "name", "code", "parent_id", "kind", "sort_path")
        .natural()
    )
