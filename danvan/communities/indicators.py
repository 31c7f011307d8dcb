"""Indicators of self-governing groups, projects and contributions for the six-month review (M9), over a unit's
subtree — including the rows recorded under the units it succeeded, so 2024 and 2026 compare across the 2025
merges (`selectors.units_behind`) — and a date range.

Stocks (groups active, members) are LATEST: counted on the last day of the range. Flows (groups founded,
meetings held, projects started or completed, contributions) are SUM over the range; contributions are the
ledger's net values (a reversed entry counts zero)."""

import datetime as dt

from django.db.models import Count, Q, Sum

from danvan.core import indicators as ind

from . import selectors
from .models import (
    Assessment,
    ConsolidationPlan,
    Contribution,
    ContributionKind,
    Group,
    GroupStatus,
    Meeting,
    Member,
    Project,
    Source,
)


def _active_on(qs, day: dt.date):
    """Groups founded by `day` and still active then (a status change after `day` did not count yet)."""
    return qs.filter(founded_on__lte=day).filter(Q(status=GroupStatus.ACTIVE) | Q(status_on__gt=day))


def community_figures(unit, start: dt.date, end: dt.date) -> dict:
    groups = Group.objects.filter(selectors.place_q(unit, "home_unit"))
    active = _active_on(groups, end)
    stock = active.aggregate(
        total=Count("pk"),
        hoi_quan=Count("pk", filter=Q(kind__code="hoi-quan")),
        cooperatives=Count("pk", filter=Q(kind__is_cooperative=True)),
    )
    members = (
        Member.objects.filter(group__in=active, joined_on__lte=end)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=end))
        .count()
    )
    flows = groups.aggregate(
        founded=Count("pk", filter=Q(founded_on__gte=start, founded_on__lte=end)),
        to_coop=Count(
            "pk", filter=Q(status=GroupStatus.COOPERATIVE, status_on__gte=start, status_on__lte=end)
        ),
    )
    meetings = Meeting.objects.filter(group__in=groups, held_on__gte=start, held_on__lte=end).count()
    weak = (
        Assessment.objects.filter(
            group__in=groups, assessed_on__gte=start, assessed_on__lte=end, level__is_weak=True
        )
        .values("group")
        .distinct()
        .count()
    )
    # consolidated: a weak group whose consolidation plan was completed (its last action closed, one done)
    # within the range
    consolidated = (
        ConsolidationPlan.objects.filter(group__in=groups, completed_on__gte=start, completed_on__lte=end)
        .values("group")
        .distinct()
        .count()
    )
    projects = Project.objects.filter(selectors.place_q(unit)).aggregate(
        started=Count("pk", filter=Q(started_on__gte=start, started_on__lte=end)),
        completed=Count("pk", filter=Q(completed_on__gte=start, completed_on__lte=end)),
    )
    values = {
        "communities.groups_active": stock["total"],
        "communities.hoi_quan_active": stock["hoi_quan"],
        "communities.cooperatives_active": stock["cooperatives"],
        "communities.members": members,
        "communities.groups_founded": flows["founded"],
        "communities.groups_became_cooperative": flows["to_coop"],
        "communities.meetings": meetings,
        "communities.groups_assessed_weak": weak,
        "communities.groups_consolidated": consolidated,
        "communities.projects_started": projects["started"],
        "communities.projects_completed": projects["completed"],
        "communities.contributions_vnd": 0,
        "communities.land_m2": 0,
        "communities.labour_days": 0,
    }
    for kind in ContributionKind.values:
        values[f"communities.contributions_vnd.{kind}"] = 0
    for source in Source.values:
        if source != Source.STATE:
            values[f"communities.contributions_vnd.{source}"] = 0
    for t in selectors.contribution_totals(unit, start, end, by=("kind", "source")):
        values["communities.contributions_vnd"] += t["value"]
        values[f"communities.contributions_vnd.{t['kind']}"] += t["value"]
        values[f"communities.contributions_vnd.{t['source']}"] += t["value"]
        if t["kind"] == ContributionKind.LAND:
            values["communities.land_m2"] += float(t["quantity"])
        elif t["kind"] == ContributionKind.LABOUR:
            values["communities.labour_days"] += float(t["quantity"])
    return values


def _zeros() -> dict:
    values = dict.fromkeys(
        (
            "communities.groups_active",
            "communities.hoi_quan_active",
            "communities.cooperatives_active",
            "communities.members",
            "communities.groups_founded",
            "communities.groups_became_cooperative",
            "communities.meetings",
            "communities.groups_assessed_weak",
            "communities.groups_consolidated",
            "communities.projects_started",
            "communities.projects_completed",
            "communities.contributions_vnd",
        ),
        0,
    )
    values["communities.land_m2"] = 0
    values["communities.labour_days"] = 0
    for kind in ContributionKind.values:
        values[f"communities.contributions_vnd.{kind}"] = 0
    for source in Source.values:
        if source != Source.STATE:
            values[f"communities.contributions_vnd.{source}"] = 0
    return values


def community_figures_by_unit(units, start: dt.date, end: dt.date) -> dict:
    """`community_figures` of each of `units` (the children of a report) from seven grouped queries instead of
    eleven per unit ({unit pk: the same dict}; a test holds them equal): each unit's rows are named by the
    stamped columns (`selectors.claims_of` its units behind), the rows of partly merged units counted whole in
    the counts and with their share in the ledger, as `community_figures` does."""
    from decimal import ROUND_HALF_UP, Decimal

    units = list(units)
    if not units:
        return {}
    behinds = selectors.units_behind_many(units)
    claims = selectors.claims_of_many(behinds)
    partial = {pk: behind.partial for pk, behind in behinds.items()}
    every = selectors.Claims(
        provinces=set().union(*(c.provinces for c in claims.values())),
        communes=set().union(*(c.communes for c in claims.values())),
        places=set().union(*(c.places for c in claims.values())) | set().union(*map(set, partial.values())),
    )

    # who claims a province, a commune, a place wholly, and who a place in part (a lookup per row: the ledger
    # gives a row per place, kind and source — some hundred thousand at a province)
    by_province, by_commune, by_place, by_part = {}, {}, {}, {}
    for pk, c in claims.items():
        for index, ids in ((by_province, c.provinces), (by_commune, c.communes), (by_place, c.places)):
            for i in ids:
                index.setdefault(i, set()).add(pk)
        for place_id, share in partial[pk].items():
            by_part.setdefault(place_id, []).append((pk, share))
    one = Decimal(1)
    memo: dict = {}

    def owners(province_id, commune_id, place_id):
        """[(unit pk, share)] the row counts for: wholly, or with the share of a partly merged place."""
        key = (province_id, commune_id, place_id)
        if key not in memo:
            whole = (
                by_province.get(province_id, set())
                | by_commune.get(commune_id, set())
                | by_place.get(place_id, set())
            )
            memo[key] = [(pk, one) for pk in whole] + [
                (pk, share) for pk, share in by_part.get(place_id, ()) if pk not in whole
            ]
        return memo[key]

    out = {u.pk: _zeros() for u in units}

    def add(rows, triple, fields):
        for r in rows.order_by():
            for pk, _share in owners(*(r[k] for k in triple)):
                for key, name in fields.items():
                    out[pk][key] += r[name] or 0

    group_triple = ("province_id", "commune_id", "home_unit_id")
    groups = Group.objects.filter(selectors.claims_q(every, "home_unit"))
    active = Q(founded_on__lte=end) & (Q(status=GroupStatus.ACTIVE) | Q(status_on__gt=end))
    add(
        groups.values(*group_triple).annotate(
            total=Count("pk", filter=active),
            hoi_quan=Count("pk", filter=active & Q(kind__code="hoi-quan")),
            cooperatives=Count("pk", filter=active & Q(kind__is_cooperative=True)),
            founded=Count("pk", filter=Q(founded_on__gte=start, founded_on__lte=end)),
            to_coop=Count(
                "pk", filter=Q(status=GroupStatus.COOPERATIVE, status_on__gte=start, status_on__lte=end)
            ),
        ),
        group_triple,
        {
            "communities.groups_active": "total",
            "communities.hoi_quan_active": "hoi_quan",
            "communities.cooperatives_active": "cooperatives",
            "communities.groups_founded": "founded",
            "communities.groups_became_cooperative": "to_coop",
        },
    )
    of_group = tuple(f"group__{k}" for k in group_triple)
    in_groups = selectors.claims_q(every, "home_unit", prefix="group__")
    add(
        Member.objects.filter(in_groups, group__in=_active_on(groups, end), joined_on__lte=end)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=end))
        .values(*of_group)
        .annotate(n=Count("pk")),
        of_group,
        {"communities.members": "n"},
    )
    add(
        Meeting.objects.filter(in_groups, held_on__gte=start, held_on__lte=end)
        .values(*of_group)
        .annotate(n=Count("pk")),
        of_group,
        {"communities.meetings": "n"},
    )
    for model, key, condition in (
        (
            Assessment,
            "communities.groups_assessed_weak",
            Q(assessed_on__gte=start, assessed_on__lte=end, level__is_weak=True),
        ),
        (
            ConsolidationPlan,
            "communities.groups_consolidated",
            Q(completed_on__gte=start, completed_on__lte=end),
        ),
    ):
        seen: dict[int, set] = {u.pk: set() for u in units}
        for r in (
            model.objects.filter(in_groups, condition).values(*of_group, "group_id").distinct().order_by()
        ):
            for pk, _share in owners(*(r[k] for k in of_group)):
                seen[pk].add(r["group_id"])
        for pk, groups_seen in seen.items():
            out[pk][key] = len(groups_seen)
    place_triple = ("province_id", "commune_id", "place_id")
    add(
        Project.objects.filter(selectors.claims_q(every))
        .values(*place_triple)
        .annotate(
            started=Count("pk", filter=Q(started_on__gte=start, started_on__lte=end)),
            completed=Count("pk", filter=Q(completed_on__gte=start, completed_on__lte=end)),
        ),
        place_triple,
        {"communities.projects_started": "started", "communities.projects_completed": "completed"},
    )
    # the ledger: summed by (share, kind, source) per unit, then the share applied and rounded as `_totals` does
    sums: dict = {}
    ledger = (
        Contribution.objects.filter(selectors.claims_q(every), on__gte=start, on__lte=end)
        .values(*place_triple, "kind", "source")
        .annotate(value=Sum("value_vnd"), quantity=Sum("quantity"))
    )
    for r in ledger.order_by():
        for pk, share in owners(*(r[k] for k in place_triple)):
            t = sums.setdefault((pk, share, r["kind"], r["source"]), [0, Decimal(0)])
            t[0] += r["value"] or 0
            t[1] += r["quantity"] or Decimal(0)
    for (pk, share, kind, source), (value, quantity) in sums.items():
        if share != 1:
            value = int((Decimal(value) * share).quantize(Decimal(1), rounding=ROUND_HALF_UP))
            quantity = quantity * share
        values = out[pk]
        values["communities.contributions_vnd"] += value
        values[f"communities.contributions_vnd.{kind}"] += value
        values[f"communities.contributions_vnd.{source}"] = (
            values.get(f"communities.contributions_vnd.{source}", 0) + value
        )
        if kind == ContributionKind.LAND:
            values["communities.land_m2"] += float(quantity)
        elif kind == ContributionKind.LABOUR:
            values["communities.labour_days"] += float(quantity)
    return out


KIND_LABELS = [
    ("cash", "— bằng tiền mặt", "— in cash"),
    ("materials", "— bằng vật tư, vật liệu (quy ra tiền)", "— in materials (valued)"),
    ("labour", "— bằng ngày công (quy ra tiền)", "— in labour (valued)"),
    ("land", "— hiến đất (quy ra tiền)", "— land donated (valued)"),
]
SOURCE_LABELS = [
    ("people", "— của Nhân dân (hộ, cá nhân)", "— by the people"),
    ("sponsors", "— của doanh nghiệp, mạnh thường quân", "— by businesses and benefactors"),
    ("groups", "— của hội quán, tổ tự quản", "— by self-governing groups"),
]


def _declare():
    S = ind.SECTION_SELF_GOVERNANCE
    items = [
        ind.Indicator(
            "communities.groups_active",
            "Mô hình tự quản đang hoạt động",
            "Self-governing groups active",
            aggregation=ind.LATEST,
            section=S,
            public=True,
            order=1,
        ),
        ind.Indicator(
            "communities.hoi_quan_active",
            "— trong đó Hội quán",
            "— of which Hội quán",
            aggregation=ind.LATEST,
            section=S,
            public=True,
            order=2,
        ),
        ind.Indicator(
            "communities.cooperatives_active",
            "— trong đó hợp tác xã",
            "— of which cooperatives",
            aggregation=ind.LATEST,
            section=S,
            order=3,
        ),
        ind.Indicator(
            "communities.members",
            "Thành viên các mô hình",
            "Members of the groups",
            measure=ind.PEOPLE,
            aggregation=ind.LATEST,
            section=S,
            public=True,
            order=4,
        ),
        ind.Indicator(
            "communities.groups_founded", "Mô hình thành lập mới", "Groups founded", section=S, order=5
        ),
        ind.Indicator(
            "communities.groups_became_cooperative",
            "Mô hình chuyển thành hợp tác xã",
            "Groups that became cooperatives",
            section=S,
            order=6,
        ),
        ind.Indicator(
            "communities.meetings",
            "Buổi sinh hoạt của các mô hình",
            "Group meetings held",
            section=S,
            order=7,
        ),
        ind.Indicator(
            "communities.groups_assessed_weak",
            "Mô hình xếp loại yếu, cần củng cố",
            "Groups assessed weak",
            section=S,
            order=8,
        ),
        ind.Indicator(
            "communities.groups_consolidated",
            "Mô hình yếu đã được củng cố (hoàn thành kế hoạch củng cố)",
            "Weak groups consolidated (consolidation plan completed)",
            section=S,
            order=9,
        ),
        ind.Indicator(
            "communities.projects_started",
            "Công trình khởi công",
            "Projects started",
            section=S,
            public=True,
            order=10,
        ),
        ind.Indicator(
            "communities.projects_completed",
            "Công trình hoàn thành",
            "Projects completed",
            section=S,
            public=True,
            order=11,
        ),
        ind.Indicator(
            "communities.contributions_vnd",
            "Tổng giá trị Nhân dân, xã hội đóng góp",
            "Contributions, total value",
            measure=ind.VND,
            section=S,
            public=True,
            order=20,
        ),
        *[
            ind.Indicator(
                f"communities.contributions_vnd.{k}", vi, en, measure=ind.VND, section=S, order=21 + n
            )
            for n, (k, vi, en) in enumerate(KIND_LABELS)
        ],
        *[
            ind.Indicator(
                f"communities.contributions_vnd.{k}", vi, en, measure=ind.VND, section=S, order=30 + n
            )
            for n, (k, vi, en) in enumerate(SOURCE_LABELS)
        ],
        ind.Indicator(
            "communities.land_m2",
            "Diện tích đất Nhân dân hiến",
            "Land donated",
            measure=ind.SQUARE_METRES,
            section=S,
            public=True,
            order=40,
        ),
        ind.Indicator(
            "communities.labour_days",
            "Ngày công lao động đóng góp",
            "Labour days contributed",
            measure=ind.LABOUR_DAYS,
            section=S,
            public=True,
            order=41,
        ),
    ]
    ind.register_source(
        "communities",
        compute=community_figures,
        compute_by_unit=community_figures_by_unit,
        indicators=items,
        signed=True,  # a period's ledger nets the reversals made in it: a commune's may be negative
    )


_declare()
