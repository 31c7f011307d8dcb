"""The ledger's totals equal the sum of its entries, for any subtree and period, across reforms."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.communities import selectors, services
from danvan.communities.models import Contribution
from danvan.units.services import succession_create, unit_create

from .helpers import cash, hoi_quan, project

pytestmark = pytest.mark.django_db

entries = st.lists(
    st.tuples(
        st.sampled_from(["hamlet", "other_hamlet", "commune", "sibling_hamlet", "far_commune"]),
        st.sampled_from(["cash", "land", "labour"]),
        st.integers(min_value=1, max_value=50_000_000),
        st.integers(min_value=0, max_value=700),  # day offset from 2024-01-01
        st.booleans(),  # reversed later
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=entries,
    target=st.sampled_from(["province", "district", "commune", "hamlet", "far_commune", "other_district"]),
    start=st.integers(min_value=0, max_value=700),
    length=st.integers(min_value=0, max_value=700),
)
def test_totals_equal_the_sum_of_entries_for_any_subtree_and_period(cast, rows, target, start, length):
    Contribution.objects.filter(reverses__isnull=False).delete()
    Contribution.objects.all().delete()
    base = dt.date(2024, 1, 1)
    for place, kind, value, offset, reverse in rows:
        extra = {"quantity": 10, "value_basis": "theo biên bản"} if kind != "cash" else {}
        entry = cash(
            cast,
            place=getattr(cast, place),
            kind=kind,
            value=value,
            on=base + dt.timedelta(days=offset),
            actor=cast.son,  # the places span the province: its system administrator writes them all
            **extra,
        )
        if reverse:
            services.contribution_reverse(actor=cast.son, entry=entry, reason="điều chỉnh")
    unit = getattr(cast, target)
    first, last = base + dt.timedelta(days=start), base + dt.timedelta(days=start + length)
    expected: dict[tuple, list] = {}
    for e in Contribution.objects.select_related("place"):
        if e.place.path.startswith(unit.path) and first <= e.on <= last:
            t = expected.setdefault((e.kind, e.source), [0, Decimal(0), 0])
            t[0] += e.value_vnd
            t[1] += e.quantity or 0
            t[2] += 1
    got = {
        (t["kind"], t["source"]): [t["value"], t["quantity"], t["entries"]]
        for t in selectors.contribution_totals(unit, first, last)
    }
    assert got == expected


def _reform(cast):
    """On 01/07/2025 Phú Cường merges wholly into the new Xã Phú Cường Mới, with a hamlet renamed, and
    An Long is partly (40 %) merged into it as well."""
    reform = dt.date(2025, 7, 1)
    new = unit_create(
        actor=None,
        code="40001",
        name="Xã Phú Cường Mới",
        kind="commune",
        parent=cast.province,
        valid_from=reform,
    )
    new_hamlet = unit_create(
        actor=None, code="40001-01", name="Ấp 1", kind="hamlet", parent=new, valid_from=reform
    )
    rest = unit_create(
        actor=None,
        code="40002",
        name="Xã An Long Mới",
        kind="commune",
        parent=cast.province,
        valid_from=reform,
    )
    rest_hamlet = unit_create(
        actor=None, code="40002-01", name="Ấp An Thạnh", kind="hamlet", parent=rest, valid_from=reform
    )
    for old in (cast.commune, cast.hamlet, cast.other_hamlet, cast.sibling_commune, cast.sibling_hamlet):
        old.valid_to = dt.date(2025, 6, 30)
        old.save()
    succession_create(actor=None, predecessor=cast.commune, successor=new, date=reform, share=1)
    succession_create(actor=None, predecessor=cast.hamlet, successor=new_hamlet, date=reform, share=1)
    succession_create(
        actor=None, predecessor=cast.sibling_commune, successor=new, date=reform, share=Decimal("0.4")
    )
    succession_create(
        actor=None, predecessor=cast.sibling_commune, successor=rest, date=reform, share=Decimal("0.6")
    )
    succession_create(
        actor=None, predecessor=cast.sibling_hamlet, successor=rest_hamlet, date=reform, share=1
    )
    return new, new_hamlet


def test_totals_across_a_merge_and_a_partial_merge(cast):
    before = cash(cast, place=cast.hamlet, value=10_000_000, on=dt.date(2024, 5, 1))  # old hamlet, 2024
    cash(cast, place=cast.other_hamlet, value=3_000_000, on=dt.date(2024, 6, 1))
    cash(cast, place=cast.sibling_commune, value=5_000_000, on=dt.date(2024, 6, 1))  # partly merged commune
    cash(cast, place=cast.sibling_hamlet, value=7_000_000, on=dt.date(2024, 6, 1))  # its hamlet did not move
    new, new_hamlet = _reform(cast)
    after = cash(cast, place=new_hamlet, value=1_000_000, on=dt.date(2025, 9, 1), actor=cast.son)
    assert (after.commune, before.commune) == (new, cast.commune)
    [total] = selectors.contribution_totals(new, by=("kind",))
    assert total["value"] == 10_000_000 + 3_000_000 + 2_000_000 + 1_000_000  # 40 % of the 5 million
    [hamlet_total] = selectors.contribution_totals(new_hamlet, by=("kind",))
    assert hamlet_total["value"] == 11_000_000
    by_commune = selectors.totals_by_current_commune(cast.province, by=())
    assert {t["commune"].name: t["value"] for t in by_commune} == {
        "Xã Phú Cường Mới": 16_000_000,
        "Xã An Long Mới": 3_000_000 + 7_000_000,
    }
    [rest] = [t["commune"] for t in by_commune if t["commune"].name == "Xã An Long Mới"]
    assert selectors.contribution_totals(rest, by=())[0]["value"] == 10_000_000


def test_a_2020_group_is_found_under_its_2026_commune_and_its_officer_holds_it(cast):
    from danvan.access.models import RoleAssignment
    from danvan.communities.access import access_group
    from danvan.people.models import User

    group = hoi_quan(cast, founded_on=dt.date(2020, 3, 1))
    new, _ = _reform(cast)
    assert list(selectors.groups_in(new)) == [group]
    officer = User.objects.create_user(username="moi", password="x")
    RoleAssignment.objects.create(
        user=officer, role="mobilisation_officer", unit=new, valid_from=dt.date(2025, 7, 1)
    )
    assert access_group(officer, group.pk) == group
    assert list(selectors.officer_groups(officer, None)) == [group]


def test_totals_and_the_honour_board_take_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    p = project(cast)
    for i in range(30):
        cash(cast, p, value=100_000 * (i + 1), consent_named=i % 2 == 0)
    with django_assert_max_num_queries(6):
        selectors.contribution_totals(cast.province, dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    with django_assert_max_num_queries(6):
        rows = list(selectors.honour_board(cast.commune))
        assert len(rows) == 15 and all(r.project.name for r in rows)
    with django_assert_max_num_queries(3):
        selectors.money_by_source(p)


def test_the_honour_board_shows_consenting_never_reversed_entries(cast):
    p = project(cast)
    named = cash(cast, p, value=2_350_000, consent_named=True, display="rounded")
    cash(cast, p, value=900_000)
    gone = cash(cast, p, value=5_000_000, consent_named=True)
    services.contribution_reverse(actor=cast.tuan, entry=gone, reason="nhầm")
    assert list(selectors.honour_board(project=p)) == [named]
    assert selectors.rounded(named.value_vnd) == 2_000_000
    assert selectors.rounded(260_000) == 300_000
    assert selectors.unnamed_totals(project=p) == {"value": 900_000, "entries": 1}


def test_money_by_source_reads_budget_and_ledger(cast):
    p = project(cast)
    cash(cast, p, value=1_000_000)
    cash(cast, p, value=4_000_000, contributor_kind="business", contributor_name="Công ty Tân Phát")
    g = hoi_quan(cast)
    cash(cast, p, value=2_000_000, contributor_kind="group", contributor_group=g)
    rows = {r["source"]: (r["budget"], r["contributed"]) for r in selectors.money_by_source(p)}
    assert rows == {
        "state": (300_000_000, 0),
        "people": (150_000_000, 1_000_000),
        "sponsors": (0, 4_000_000),
        "groups": (0, 2_000_000),
    }
    assert list(selectors.projects_of_group(g)) == [p]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(
                ["hamlet", "other_hamlet", "commune", "sibling_commune", "sibling_hamlet", "far_commune"]
            ),
            st.sampled_from(["cash", "land"]),
            st.integers(min_value=1, max_value=5_000_000),  # × 10 đồng: the 40/60 shares stay whole
        ),
        min_size=1,
        max_size=15,
    ),
    target=st.sampled_from(["province", None]),
)
def test_totals_by_commune_in_force_follow_every_entry_across_the_reform(cast, rows, target):
    """Entry by entry: a commune merged whole follows its successor, a partly merged one placed at the commune
    is shared out, its hamlet follows the hamlet's own commune in force — the grouped figures are the same."""
    from danvan.units.services import map_unit

    if not hasattr(cast, "_reformed"):
        Contribution.objects.filter(reverses__isnull=False).delete()
        Contribution.objects.all().delete()
        for place in (
            "hamlet",
            "other_hamlet",
            "commune",
            "sibling_commune",
            "sibling_hamlet",
            "far_commune",
        ):
            cash(cast, place=getattr(cast, place), value=10, on=dt.date(2024, 1, 2), actor=cast.son)
        _reform(cast)
        cast._reformed = True
    for place, kind, value in rows:
        extra = {"quantity": 10, "value_basis": "theo biên bản"} if kind != "cash" else {}
        Contribution.objects.create(
            **{
                **services.clean_contribution(
                    {
                        "purpose": "đóng góp chung",
                        "place": getattr(cast, place),
                        "contributor_kind": "person",
                        "contributor_name": "Nguyễn Văn Tư",
                        "kind": kind,
                        "value_vnd": value * 10,
                        "on": dt.date(2024, 3, 1),
                        **extra,
                    },
                    stamp=(getattr(cast, place) if "commune" in place else getattr(cast, place).parent, None),
                ),
                "province": cast.province,
            }
        )
    today = dt.date.today()
    expected: dict[tuple, int] = {}
    for e in Contribution.objects.select_related("place", "commune"):
        targets = map_unit(e.commune, today)
        if len(targets) == 1 and targets[0].share >= 1:
            shares = [(targets[0].unit, Decimal(1))]
        elif e.place_id == e.commune_id:
            shares = [(m.unit, m.share) for m in targets]
        else:
            shares = [(services.stamp_of(selectors.current_unit_of(e.place, today))[0], Decimal(1))]
        for unit, share in shares:
            key = (unit.name, e.kind)
            expected[key] = expected.get(key, 0) + int(e.value_vnd * share)
    unit = getattr(cast, target) if target else None
    got = {(t["commune"].name, t["kind"]): t["value"] for t in selectors.totals_by_current_commune(unit)}
    assert got == {k: v for k, v in expected.items()}


def test_the_figures_of_sibling_units_at_once_equal_each_units_own_across_the_reform(cast):
    """`community_figures_by_unit` (a report's children at once) gives each unit what `community_figures`
    gives it alone: the districts and the new communes of the province, with a whole and a partial merge."""
    from danvan.communities.indicators import community_figures, community_figures_by_unit
    from danvan.communities.models import AssessmentLevel

    group = hoi_quan(cast, unit=cast.hamlet, founded_on=dt.date(2024, 2, 1))
    other = hoi_quan(cast, unit=cast.sibling_commune, name="Hội quán An Long", founded_on=dt.date(2023, 1, 1))
    services.member_add(actor=cast.son, group=group, full_name="Nguyễn Văn Tư", joined_on=dt.date(2024, 2, 1))
    services.member_add(actor=cast.son, group=other, full_name="Lê Thị Năm", joined_on=dt.date(2024, 3, 1))
    services.meeting_record(
        actor=cast.son, group=other, held_on=dt.date(2024, 3, 1), topic="Thời vụ", attendance=9
    )
    services.assessment_record(
        actor=cast.son,
        group=other,
        level=AssessmentLevel.objects.get(code="yeu"),
        assessed_on=dt.date(2024, 4, 1),
        assessor=cast.sibling_commune,
    )
    p = project(cast, place=cast.sibling_commune, started_on=dt.date(2024, 2, 1))
    cash(cast, p, value=5_000_001, on=dt.date(2024, 6, 1))  # partly merged: 40 % / 60 %, rounded
    cash(cast, place=cast.hamlet, value=10_000_000, on=dt.date(2024, 5, 1))
    from danvan.access.roles import Role
    from tests.cast import _grant, _user

    far = _grant(_user("far", "Trần Văn Xa"), Role.MOBILISATION_OFFICER, cast.other_district)
    cash(
        cast,
        place=cast.far_commune,
        actor=far,
        kind="land",
        quantity=150,
        value=30_000_000,
        value_basis="định giá",
        on=dt.date(2024, 3, 2),
    )
    new, _new_hamlet = _reform(cast)
    from danvan.units.models import Unit

    rest = Unit.objects.get(code="40002")
    start, end = dt.date(2024, 1, 1), dt.date(2026, 6, 30)
    for siblings in ([cast.district, cast.other_district, new, rest], [cast.commune, cast.sibling_commune]):
        together = community_figures_by_unit(siblings, start, end)
        for unit in siblings:
            assert together[unit.pk] == community_figures(unit, start, end), unit.name
    assert together[cast.sibling_commune.pk]["communities.groups_assessed_weak"] == 1
    many = community_figures_by_unit([cast.district, cast.other_district, new, rest], start, end)
    assert (
        many[new.pk]["communities.contributions_vnd"] == 10_000_000 + 2_000_000
    )  # 40 % of 5,000,001, rounded
    assert many[rest.pk]["communities.contributions_vnd"] == 3_000_001
    assert many[cast.other_district.pk]["communities.land_m2"] == 150
    assert community_figures_by_unit([], start, end) == {}


def test_the_units_behind_several_units_at_once_equal_each_units_own_in_as_many_queries_for_any_number(cast):
    """`units_behind_many` and `claims_of_many` (a report's children) give each unit what it gets alone —
    whole and partial merges, a unit inside another's subtree, the province itself — and the children's figures
    take as many queries for four units as for two (they were three per unit)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.communities.indicators import community_figures_by_unit
    from danvan.units.models import Unit

    new, new_hamlet = _reform(cast)
    rest = Unit.objects.get(code="40002")
    units = [
        cast.province,
        cast.district,
        cast.other_district,
        new,
        rest,
        cast.commune,
        cast.hamlet,
        new_hamlet,
    ]
    behinds = selectors.units_behind_many(units)
    claims = selectors.claims_of_many(behinds)
    for unit in units:
        alone = selectors.units_behind(unit)
        assert sorted(u.pk for u in behinds[unit.pk].whole) == sorted(u.pk for u in alone.whole), unit.name
        assert behinds[unit.pk].partial == alone.partial, unit.name
        assert claims[unit.pk] == selectors.claims_of(alone), unit.name
    assert cast.sibling_commune.pk in behinds[new.pk].partial  # An Long, 40 % merged into the new commune
    assert cast.commune.pk in {u.pk for u in behinds[new.pk].whole}
    assert cast.commune.pk in claims[new.pk].communes  # Phú Cường's rows, by their commune column
    start, end = dt.date(2024, 1, 1), dt.date(2026, 6, 30)
    counts = []
    for siblings in ([cast.district, new], [cast.district, cast.other_district, new, rest]):
        with CaptureQueriesContext(connection) as ctx:
            community_figures_by_unit(siblings, start, end)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
