"""Reads of the communities module: which groups, projects and contributions lie under a unit — also those
recorded under the units it succeeded —, the ledger's totals, the honour board.

A row lies under `unit` when its place is in `unit`'s subtree or in the subtree of a unit that `unit`'s
subtree wholly succeeded (a 2019 Hội quán of an old hamlet of Tam Nông is found under its 2026 commune).
Rows whose place is a unit that was only partly merged into the subtree (`Succession.share` < 1) count with
that share in the totals — their hamlets that moved are found through their own successions. The conditions
use the columns every row carries (`province`, `commune`, `place`), so the totals group by a column.
"""

import bisect
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from danvan.access.policy import is_system_admin, perm_paths
from danvan.core.formatting import local_today
from danvan.units.models import ADMIN_LEVEL, Level, Succession, Unit

from .models import (
    Contribution,
    ContributionKind,
    Group,
    Member,
    Project,
    Source,
)

MAX_SUCCESSION_DEPTH = 6


@dataclass
class Behind:
    """The units whose rows belong to a unit's subtree: `whole` (with their subtrees) and `partial`
    ({unit id: share}, the unit itself only)."""

    whole: list[Unit] = field(default_factory=list)
    partial: dict[int, Decimal] = field(default_factory=dict)


def _covered(path: str, units) -> bool:
    return any(path.startswith(u.path) for u in units)


def _paths_up(path: str) -> list[str]:
    """The path of a unit and of each of its ancestors: `p.startswith(u.path)` is `u.path in _paths_up(p)`,
    the segments having a fixed width (`units.services._segment`)."""
    parts = path.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def units_behind(unit: Unit) -> Behind:
    return units_behind_many([unit])[unit.pk]


def units_behind_many(units) -> dict[int, Behind]:
    """{unit pk: its `Behind`} for several units at once — a report's children —, in one query per level of
    succession for them all instead of one per level for each (330 children of a province: ~1,000 queries)."""
    units = list(units)
    behind = {u.pk: Behind(whole=[u]) for u in units}
    frontier = {u.pk: [u] for u in units}
    for _ in range(MAX_SUCCESSION_DEPTH):
        owners: dict[str, set[int]] = {}  # a frontier unit's path: the units whose frontier it is
        for pk, units_ in frontier.items():
            for u in units_:
                owners.setdefault(u.path, set()).add(pk)
        if not owners:
            break
        condition = Q()
        for path in owners:
            condition |= Q(successor__path__startswith=path)
        links = Succession.objects.filter(condition).select_related("predecessor", "successor")
        if len(units) == 1:
            # predecessors already inside the subtree (a province's own old communes) are left out by the
            # query: at a province they are every succession it holds (the loop below skips them anyway)
            covered = Q()
            for u in behind[units[0].pk].whole:
                covered |= Q(predecessor__path__startswith=u.path)
            links = links.exclude(covered)
        frontier = {}
        for link in links.order_by("pk"):
            pred = link.predecessor
            for pk in set().union(*(owners.get(p, ()) for p in _paths_up(link.successor.path))):
                mine = behind[pk]
                if _covered(pred.path, mine.whole):
                    continue
                if link.share >= 1:
                    mine.whole.append(pred)
                    frontier.setdefault(pk, []).append(pred)
                else:
                    mine.partial[pred.pk] = max(mine.partial.get(pred.pk, Decimal(0)), link.share)
    return behind


@dataclass
class Claims:
    """Which stamped rows lie wholly under the units of a `Behind`: those of `provinces` (the province id),
    of `communes` (the commune id) and of `places` (the place itself, for units outside any commune)."""

    provinces: set[int] = field(default_factory=set)
    communes: set[int] = field(default_factory=set)
    places: set[int] = field(default_factory=set)

    def whole(self, province_id, commune_id, place_id) -> bool:
        return province_id in self.provinces or commune_id in self.communes or place_id in self.places


def claims_of(behind: Behind) -> Claims:
    return claims_of_many({0: behind})[0]


CLAIMS_PATHS_PER_QUERY = 200


def claims_of_many(behinds: dict) -> dict:
    """{key: the `Claims` of `behinds[key]`}: the units under all of them read in one query (per 200 subtrees),
    not one per unit."""
    out, rests = {}, {}
    for key, behind in behinds.items():
        provinces = [u for u in behind.whole if ADMIN_LEVEL.get(u.kind) == Level.PROVINCE]
        out[key] = Claims(provinces={u.pk for u in provinces})
        rests[key] = [u.path for u in behind.whole if not _covered(u.path, provinces)]
    roots: list[str] = []  # the subtrees to read, those inside another left out (sorted: they follow it)
    for path in sorted({p for paths in rests.values() for p in paths}):
        if not roots or not path.startswith(roots[-1]):
            roots.append(path)
    rows = []
    for i in range(0, len(roots), CLAIMS_PATHS_PER_QUERY):
        under = Q()
        for path in roots[i : i + CLAIMS_PATHS_PER_QUERY]:
            under |= Q(path__startswith=path)
        rows.extend(Unit.objects.filter(under).values_list("path", "pk", "kind").order_by())
    rows.sort()
    paths = [r[0] for r in rows]
    for key, rest in rests.items():
        if not rest:
            continue
        units = {}
        for root in rest:
            i = bisect.bisect_left(paths, root)
            while i < len(rows) and rows[i][0].startswith(root):
                units[rows[i][1]] = rows[i]
                i += 1
        communes = {path for path, _pk, kind in units.values() if ADMIN_LEVEL.get(kind) == Level.COMMUNE}
        out[key].communes = {
            pk for _path, pk, kind in units.values() if ADMIN_LEVEL.get(kind) == Level.COMMUNE
        }
        out[key].places = {
            pk
            for path, pk, kind in units.values()
            if ADMIN_LEVEL.get(kind) != Level.COMMUNE and communes.isdisjoint(_paths_up(path))
        }
    return out


def claims_q(claims: Claims, place: str = "place", prefix: str = "") -> Q:
    condition = Q(pk__in=[])
    if claims.provinces:
        condition |= Q(**{f"{prefix}province_id__in": sorted(claims.provinces)})
    if claims.communes:
        condition |= Q(**{f"{prefix}commune_id__in": sorted(claims.communes)})
    if claims.places:
        condition |= Q(**{f"{prefix}{place}_id__in": sorted(claims.places)})
    return condition


def _whole_q(behind: Behind, place: str = "place") -> Q:
    """Rows whose place lies wholly under the units of `behind.whole`, on the stamped columns: the province id
    for a province, the commune id for a commune (or its district's communes), the place for hamlets."""
    return claims_q(claims_of(behind), place)


def place_q(unit: Unit | None, place: str = "place") -> Q:
    """Rows (groups: place="home_unit") under `unit` — the share of partly merged units included whole (for
    listing; the totals apportion them)."""
    if unit is None:
        return Q()
    behind = units_behind(unit)
    condition = _whole_q(behind, place)
    if behind.partial:
        condition |= Q(**{f"{place}_id__in": list(behind.partial)})
    return condition


def current_unit_of(unit: Unit, day: dt.date | None = None) -> Unit:
    """`unit` if in force on `day` (today), else the unit in force it (mostly) continues as."""
    day = day or local_today()
    if unit.is_valid_on(day):
        return unit
    from danvan.units.services import map_unit

    mapped = map_unit(unit, day)
    if not mapped:
        return unit
    return max(mapped, key=lambda m: m.share).unit


# ---------------------------------------------------------------- groups


def groups_in(unit: Unit | None):
    return Group.objects.filter(place_q(unit, "home_unit"))


def scoped(queryset, user, perm: str, place: str):
    """`queryset` narrowed to the rows under the units where `user` holds `perm` (and their predecessors)."""
    if is_system_admin(user):
        return queryset
    roots = list(Unit.objects.filter(path__in=perm_paths(user, perm)))
    if not roots:
        return queryset.none()
    condition = Q(pk__in=[])
    for root in roots:
        condition |= place_q(root, place)
    return queryset.filter(condition)


def with_last_meeting(queryset):
    return queryset.annotate(
        last_met=Max("meetings__held_on"), meeting_count=Count("meetings", distinct=True)
    )


CADENCE_RULE = "communities.missed_cadence_tolerance"


def cadence_limit_days(group: Group, day: dt.date) -> int:
    """Days a group may go without meeting on `day`: its cadence plus the tolerance the rulebook holds then (a
    fraction of the cadence, rounded to the day) — no law sets it; the rule cites the groups' own practice."""
    from danvan.rulebook.services import rule_in_force

    tolerance = rule_in_force(CADENCE_RULE, day, earliest_before_first=True).value
    grace = (Decimal(group.cadence_days) * tolerance).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return group.cadence_days + int(grace)


def misses_cadence(group: Group, last_met: dt.date | None, today: dt.date | None = None) -> bool:
    """An active group whose last meeting (or founding, before the first) is older than its cadence plus the
    rulebook's tolerance (`CADENCE_RULE`, in force `today`)."""
    from .models import GroupStatus

    if group.status != GroupStatus.ACTIVE:
        return False
    today = today or local_today()
    since = last_met or group.founded_on
    return (today - since).days > cadence_limit_days(group, today)


def officer_groups(user, unit: Unit | None, *, kind=None, status: str = "", q: str = ""):
    qs = scoped(Group.objects.all(), user, "communities.view", "home_unit")
    if unit is not None:
        qs = qs.filter(place_q(unit, "home_unit"))
    if kind is not None:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(name__icontains=q)
    return with_last_meeting(qs.select_related("kind", "home_unit", "commune")).order_by("name", "pk")


def public_groups(unit: Unit | None, *, kind=None):
    qs = groups_in(unit).select_related("kind", "home_unit", "commune")
    if kind is not None:
        qs = qs.filter(kind=kind)
    # the members counted by a correlated subquery, which PostgreSQL evaluates after the sort and the limit —
    # for the page's groups only (a join and GROUP BY counted every group's members first: 110 ms for a
    # province's 4,800 groups, now 24)
    active = (
        Member.objects.filter(group=OuterRef("pk"), left_on__isnull=True)
        .order_by()
        .values("group")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return qs.annotate(active_members=Coalesce(Subquery(active, output_field=IntegerField()), 0)).order_by(
        "kind__order", "name", "pk"
    )


def current_board(group: Group, day: dt.date | None = None):
    day = day or local_today()
    return (
        group.board.filter(term_from__lte=day)
        .filter(Q(term_to__isnull=True) | Q(term_to__gte=day))
        .select_related("member")
        .order_by("position", "pk")
    )


def projects_of_group(group: Group):
    return (
        Project.objects.filter(Q(group=group) | Q(contributions__contributor_group=group))
        .distinct()
        .select_related("place")
        .order_by("-started_on", "-pk")
    )


# ---------------------------------------------------------------- projects


def projects_in(unit: Unit | None):
    return Project.objects.filter(place_q(unit)).select_related("place", "commune", "criterion")


def officer_projects(user, unit: Unit | None, *, status: str = "", kind: str = ""):
    qs = scoped(Project.objects.all(), user, "communities.view", "place")
    if unit is not None:
        qs = qs.filter(place_q(unit))
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.select_related("place", "commune", "criterion", "group").order_by("-started_on", "-pk")


def money_by_source(project: Project) -> list[dict]:
    """Per source: the approved budget and what the ledger holds (net of corrections), one query."""
    got = {
        r["source"]: r["value"]
        for r in project.contributions.values("source").annotate(value=Sum("value_vnd")).order_by()
    }
    budget = {
        Source.STATE: project.budget_state,
        Source.PEOPLE: project.budget_people,
        Source.SPONSORS: project.budget_sponsors,
        Source.GROUPS: project.budget_groups,
    }
    return [
        {"source": s, "label": s.label, "budget": budget[s], "contributed": got.get(s.value, 0) or 0}
        for s in Source
    ]


def project_contributions_by_kind(project: Project) -> list[dict]:
    rows = {
        r["kind"]: r
        for r in project.contributions.values("kind")
        .annotate(value=Sum("value_vnd"), quantity=Sum("quantity"), entries=Count("pk"))
        .order_by()
    }
    return [
        {
            "kind": k,
            "label": k.label,
            "value": rows[k.value]["value"],
            "quantity": rows[k.value]["quantity"],
            "entries": rows[k.value]["entries"],
        }
        for k in ContributionKind
        if k.value in rows
    ]


# ---------------------------------------------------------------- the ledger


def ledger(unit: Unit | None, *, user=None, project=None, kind: str = "", start=None, end=None):
    qs = Contribution.objects.all()
    if user is not None:
        qs = scoped(qs, user, "communities.view", "place")
    if unit is not None:
        qs = qs.filter(place_q(unit))
    if project is not None:
        qs = qs.filter(project=project)
    if kind:
        qs = qs.filter(kind=kind)
    if start:
        qs = qs.filter(on__gte=start)
    if end:
        qs = qs.filter(on__lte=end)
    return qs.select_related("project", "place", "reverses").annotate(reversal_count=Count("reversed_by"))


def _parts(unit: Unit | None, base) -> list[tuple]:
    """[(queryset, share)]: the rows wholly under `unit` (share 1), then the rows of each partly merged unit
    behind it, by share."""
    if unit is None:
        return [(base, Decimal(1))]
    behind = units_behind(unit)
    parts = [(base.filter(_whole_q(behind)), Decimal(1))]
    by_share: dict[Decimal, list[int]] = {}
    for pk, share in behind.partial.items():
        by_share.setdefault(share, []).append(pk)
    for share, pks in by_share.items():
        parts.append((base.filter(place_id__in=pks), share))
    return parts


def _totals(unit, start, end, by: tuple, *, where: Q | None = None, partial_by_place: bool = False) -> dict:
    base = Contribution.objects.all()
    if start:
        base = base.filter(on__gte=start)
    if end:
        base = base.filter(on__lte=end)
    if where is not None:
        base = base.filter(where)
    totals: dict[tuple, dict] = {}
    for qs, share in _parts(unit, base):
        # a share is applied (and rounded) place by place when asked: the same figure as grouping by place
        group = (*by, "place") if partial_by_place and share < 1 and "place" not in by else by
        rows = qs.values(*group).annotate(
            value=Sum("value_vnd"), quantity=Sum("quantity"), entries=Count("pk")
        )
        for r in rows.order_by():
            key = tuple(r[k] for k in by)
            t = totals.get(key)
            if t is None:
                t = totals[key] = {**{k: r[k] for k in by}, "value": 0, "quantity": Decimal(0), "entries": 0}
            if share == 1:
                t["value"] += r["value"] or 0
                t["quantity"] += r["quantity"] or Decimal(0)
            else:
                value = Decimal(r["value"] or 0) * share
                t["value"] += int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
                t["quantity"] += (r["quantity"] or Decimal(0)) * share
            t["entries"] += r["entries"]
    return totals


def contribution_totals(unit: Unit | None, start=None, end=None, *, by=("kind", "source")) -> list[dict]:
    """Totals of the ledger under `unit` (None: everything) in [start, end], grouped by the columns `by`
    (any of "kind", "source", "commune", "province", "project"): [{**keys, value, quantity, entries}].
    Reversing entries are included, so a corrected entry nets to zero. Rows of a partly merged unit count
    with its share (value rounded to the đồng)."""
    totals = _totals(unit, start, end, tuple(by))
    return [totals[k] for k in sorted(totals, key=lambda k: tuple(str(x) for x in k))]


def _communes_in_force(communes, day: dt.date) -> dict[int, list[tuple]]:
    """{commune id: [(unit in force on `day`, share)]} for stamped communes: those in force map to themselves,
    those ended with successions all in force on `day` through one query, the rest through `map_unit`."""
    from danvan.units.services import map_unit

    mapping: dict[int, list[tuple]] = {}
    ended = []
    for c in communes:
        if c.is_valid_on(day):
            mapping[c.pk] = [(c, Decimal(1))]
        else:
            ended.append(c)
    links: dict[int, list] = {}
    forward = [c.pk for c in ended if c.valid_to is not None and day > c.valid_to]
    for link in Succession.objects.filter(predecessor_id__in=forward).select_related("successor"):
        links.setdefault(link.predecessor_id, []).append(link)
    for c in ended:
        out = links.get(c.pk)
        if out and all(link.successor.is_valid_on(day) for link in out):
            shares: dict[int, list] = {}
            for link in out:
                entry = shares.setdefault(link.successor_id, [link.successor, Decimal(0)])
                entry[1] += link.share
            mapped = sorted(
                ((u, min(share, Decimal(1))) for u, share in shares.values()), key=lambda m: m[0].path
            )
        else:
            mapped = [(m.unit, m.share) for m in map_unit(c, day)]
        mapping[c.pk] = mapped or [(c, 1)]
    return mapping


def totals_by_current_commune(unit: Unit | None, start=None, end=None, *, by=("kind",)) -> list[dict]:
    """`contribution_totals` by the commune in force today, so figures before and after the 2025 merges compare
    (`commune`: the Unit). Rows of a commune that went wholly into one commune follow it; for a commune that was
    split or partly merged, a row placed in one of its hamlets follows that hamlet, and a row placed at the
    commune itself is shared out by the successions' shares — the same rule as `contribution_totals`.

    The ledger is grouped by stamped commune (one aggregate); only the communes split since are read again by
    place."""
    from .services import stamp_of

    by = tuple(by)
    coarse = _totals(unit, start, end, ("commune", *by), partial_by_place=True)
    today = local_today()
    mapping = _communes_in_force(Unit.objects.filter(pk__in={k[0] for k in coarse}), today)
    split = sorted(cid for cid, targets in mapping.items() if not (len(targets) == 1 and targets[0][1] >= 1))
    merged: dict[tuple, dict] = {}

    def add(commune, share, r):
        key = (commune.pk, *(r[k] for k in by))
        t = merged.setdefault(
            key,
            {"commune": commune, **{k: r[k] for k in by}, "value": 0, "quantity": Decimal(0), "entries": 0},
        )
        t["value"] += int((Decimal(r["value"]) * share).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        t["quantity"] += r["quantity"] * share
        t["entries"] += r["entries"]

    for key, r in coarse.items():
        if key[0] not in split:
            add(mapping[key[0]][0][0], Decimal(1), r)
    if split:
        fine = _totals(unit, start, end, ("commune", "place", *by), where=Q(commune_id__in=split))
        places = Unit.objects.in_bulk({r["place"] for r in fine.values()})
        commune_of: dict[int, Unit] = {}
        for r in (fine[k] for k in sorted(fine, key=lambda k: tuple(str(x) for x in k))):
            cid = r["commune"]
            if r["place"] == cid:
                for commune, share in mapping[cid]:
                    add(commune, Decimal(share), r)
            else:
                if r["place"] not in commune_of:
                    commune_of[r["place"]] = stamp_of(current_unit_of(places[r["place"]], today))[0]
                add(commune_of[r["place"]], Decimal(1), r)
    return sorted(merged.values(), key=lambda t: (t["commune"].name, *(str(t[k]) for k in by)))


# ---------------------------------------------------------------- the honour board


def rounded(value: int) -> int:
    """An amount as a contributor who chose "rounded" sees it published: to the nearest million from one
    million up, else to the nearest hundred thousand (never below that step)."""
    step = 1_000_000 if value >= 1_000_000 else 100_000
    return max(step, int((Decimal(value) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * step)


def _never_reversed():
    """NOT EXISTS (a reversing entry): an anti-join the planner sees as one, so the honour board walks its index
    and stops after a page (`reversed_by__isnull` is a LEFT JOIN … IS NULL it estimated at one row)."""
    return ~Exists(Contribution.objects.filter(reverses=OuterRef("pk")))


def honour_board(unit: Unit | None = None, *, project=None):
    """Entries of contributors who consented to be named, never reversed, largest first."""
    qs = Contribution.objects.filter(_never_reversed(), consent_named=True, reverses__isnull=True)
    if unit is not None:
        qs = qs.filter(place_q(unit))
    if project is not None:
        qs = qs.filter(project=project)
    return qs.select_related("project", "place").order_by("-value_vnd", "-on", "-pk")


def unnamed_totals(unit: Unit | None = None, *, project=None) -> dict:
    """What the contributors who did not consent to be named gave together (a count and a sum, no names)."""
    qs = Contribution.objects.filter(_never_reversed(), consent_named=False, reverses__isnull=True)
    if unit is not None:
        qs = qs.filter(place_q(unit))
    if project is not None:
        qs = qs.filter(project=project)
    agg = qs.aggregate(value=Sum("value_vnd"), entries=Count("pk"))
    return {"value": agg["value"] or 0, "entries": agg["entries"] or 0}


def stamped_commune_count(model) -> int:
    """How many communes (as stamped, old ones included) hold rows of `model`."""
    return model.objects.values("commune").distinct().count()


def communes_with(model) -> list[Unit]:
    """The communes in force today that hold rows of `model` (groups or projects, by their stamped commune,
    old communes mapped onto their successors): the choices of a public filter, never the whole province."""
    stamped = Unit.objects.filter(pk__in=model.objects.values("commune").distinct())
    found = {}
    for commune in stamped:
        now = current_unit_of(commune)
        found[now.pk] = now
    return sorted(found.values(), key=lambda u: u.name)


# ---------------------------------------------------------------- funds, consolidation, project details


def fund_balance(group, until=None) -> dict:
    """{'income', 'spending', 'balance'} of a group's fund in VND, net of corrections (a reversing entry
    carries the negated amount in the same direction); up to `until` (a receipt date) if given."""
    from django.db.models import Case, F, Sum, Value, When
    from django.db.models.functions import Coalesce

    from .models import FundDirection, FundEntry

    qs = FundEntry.objects.filter(group=group)
    if until is not None:
        qs = qs.filter(receipt_on__lte=until)
    sums = qs.aggregate(
        income=Coalesce(
            Sum(Case(When(direction=FundDirection.INCOME, then=F("amount_vnd")), default=Value(0))), 0
        ),
        spending=Coalesce(
            Sum(Case(When(direction=FundDirection.SPENDING, then=F("amount_vnd")), default=Value(0))), 0
        ),
    )
    sums["balance"] = sums["income"] - sums["spending"]
    return sums


def fund_entries(group):
    from django.db.models import F

    from .models import FundEntry

    return (
        FundEntry.objects.filter(group=group)
        .select_related("household", "reverses")
        .annotate(reversal_pk=F("reversed_by__pk"))
        .order_by("-receipt_on", "-pk")
    )


def latest_assessments(groups):
    """`groups` annotated with the level of their latest assessment (`last_level_id`, `last_assessed_on`)."""
    from django.db.models import OuterRef, Subquery

    from .models import Assessment

    latest = Assessment.objects.filter(group=OuterRef("pk")).order_by("-assessed_on", "-pk")
    return groups.annotate(
        last_level_id=Subquery(latest.values("level_id")[:1]),
        last_assessed_on=Subquery(latest.values("assessed_on")[:1]),
        last_assessment_id=Subquery(latest.values("pk")[:1]),
    )


def weak_groups(root, user=None):
    """Groups under `root` (resolved through successions) whose latest assessment is on a weak level of the
    scale, with their latest assessment's ids."""
    from .models import AssessmentLevel

    weak_ids = list(AssessmentLevel.objects.filter(is_weak=True).values_list("pk", flat=True))
    qs = groups_in(root) if root is not None else Group.objects.all()
    if user is not None:
        qs = scoped(qs, user, "communities.view", "home_unit")
    return latest_assessments(qs.select_related("kind", "home_unit")).filter(last_level_id__in=weak_ids)


def with_plans(groups: list, today) -> list:
    """A page of `weak_groups` rows with `plan` (the consolidation plan of each one's latest assessment, its
    actions summarised as of `today`) and `last_level` set — three queries whatever the page's length."""
    from .models import AssessmentLevel, ConsolidationPlan

    plans = {
        p.assessment_id: p
        for p in ConsolidationPlan.objects.filter(
            assessment_id__in=[g.last_assessment_id for g in groups]
        ).prefetch_related("actions")
    }
    plan_summaries(plans.values(), today)
    levels = {lv.pk: lv for lv in AssessmentLevel.objects.all()}
    for g in groups:
        g.plan = plans.get(g.last_assessment_id)
        g.last_level = levels.get(g.last_level_id)
    return groups


def plan_summaries(plans, today) -> None:
    """Set `open_count`, `overdue_count`, `action_count` on each plan of `plans` (its actions prefetched)."""
    for plan in plans:
        actions = list(plan.actions.all())
        plan.action_count = len(actions)
        plan.open_count = sum(1 for a in actions if a.status == "open")
        plan.overdue_count = sum(1 for a in actions if a.is_overdue(today))


def groups_of_household(household_id):
    """The groups (not dissolved) that the household is a current member of."""
    from .models import GroupStatus, Member

    return (
        Group.objects.filter(
            pk__in=Member.objects.filter(household_id=household_id, left_on__isnull=True).values("group_id")
        )
        .exclude(status=GroupStatus.DISSOLVED)
        .order_by("name", "pk")
    )
