import datetime as dt
from decimal import Decimal

import pytest

from danvan.audit.models import AuditEvent
from danvan.core.errors import DomainError
from danvan.units import demo
from danvan.units.models import Unit, UnitKind
from danvan.units.selectors import subtree_totals, unit_by_code
from danvan.units.services import (
    community_count_set,
    map_unit,
    succession_create,
    unit_create,
    unit_move,
    unit_update,
)


def test_a_new_unit_gets_a_path_under_its_parent_and_an_audit_record(cast):
    hamlet = unit_create(
        actor=cast.khoa, code="30025-09", name="Ấp Phú Thạnh", kind=UnitKind.HAMLET, parent=cast.commune
    )
    assert hamlet.path.startswith(cast.commune.path + ".")
    assert hamlet.depth == cast.commune.depth + 1
    event = AuditEvent.objects.get(action="unit.create", object_id=str(hamlet.pk))
    assert event.actor == cast.khoa and event.unit == hamlet


def test_subtree_is_a_prefix_query_that_does_not_leak_into_lookalike_paths(cast):
    names = set(Unit.objects.subtree(cast.commune).values_list("name", flat=True))
    assert names == {"Xã Phú Cường", "Ấp Phú Hòa", "Ấp Phú Lợi"}


def test_a_hamlet_cannot_sit_directly_under_a_province(cast):
    with pytest.raises(DomainError):
        unit_create(actor=None, code="x", name="Ấp lạc", kind=UnitKind.HAMLET, parent=cast.province)


def test_update_records_the_changed_fields(cast):
    unit_update(actor=cast.khoa, unit=cast.commune, name="Xã Phú Cường (mới)", is_remote=True)
    event = AuditEvent.objects.filter(action="unit.update").latest("id")
    assert event.changes["name"] == ["Xã Phú Cường", "Xã Phú Cường (mới)"]
    assert event.changes["is_remote"] == [False, True]


def test_moving_a_commune_moves_its_hamlets(cast):
    unit_move(actor=cast.son, unit=cast.commune, new_parent=cast.other_district)
    cast.hamlet.refresh_from_db()
    assert cast.hamlet.path.startswith(cast.other_district.path + ".")
    assert cast.hamlet.depth == 3
    with pytest.raises(DomainError):
        unit_move(actor=cast.son, unit=cast.other_district, new_parent=cast.commune)


def test_counts_are_dated_and_only_for_communities(cast):
    community_count_set(
        actor=cast.khoa, unit=cast.hamlet, as_of=dt.date(2020, 1, 1), households=300, voters=700
    )
    community_count_set(
        actor=cast.khoa, unit=cast.hamlet, as_of=dt.date(2026, 1, 1), households=320, voters=760
    )
    community_count_set(
        actor=cast.khoa, unit=cast.other_hamlet, as_of=dt.date(2026, 1, 1), households=100, voters=250
    )
    totals = subtree_totals(cast.commune)
    assert totals == {"communities": 2, "households": 420, "voters": 1010}
    with pytest.raises(DomainError):
        community_count_set(
            actor=cast.khoa, unit=cast.commune, as_of=dt.date(2026, 1, 1), households=1, voters=1
        )


def test_audit_trail_cannot_be_edited_or_deleted(cast):
    event = AuditEvent.objects.first()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


@pytest.fixture
def reform(db):
    return demo.seed()


def names(mapped):
    return {(m.unit.name, m.share) for m in mapped}


def test_2020_communes_of_tam_nong_map_onto_the_2025_communes(reform):
    old = reform["old_communes"]
    after = dt.date(2026, 1, 1)
    assert names(map_unit(old["30001"], after)) == {("Xã Tràm Chim", 1)}
    assert names(map_unit(old["30007"], after)) == {("Xã Tràm Chim", 1)}
    assert names(map_unit(old["30013"], after)) == {("Xã Tam Nông", 1)}
    assert names(map_unit(old["30139"], after)) == {("Xã An Long", 1)}


def test_a_partial_merge_maps_only_a_share(reform):
    mapped = map_unit(reform["old_communes"]["30079"], dt.date(2026, 1, 1))
    assert [(m.unit.name, m.share, m.partial) for m in mapped] == [("Xã Phú Cường", Decimal("0.35"), True)]


def test_2025_communes_map_back_onto_2020_including_the_partial_part(reform):
    phu_cuong = reform["new_communes"]["30025"]
    back = map_unit(phu_cuong, dt.date(2020, 6, 30))
    assert names(back) == {("Xã Hòa Bình", 1), ("Xã Phú Cường", 1), ("Xã Gáo Giồng", Decimal("0.35"))}
    assert all(m.unit.valid_to == dt.date(2025, 6, 30) for m in back)


def test_the_dissolved_district_maps_onto_all_six_new_communes(reform):
    mapped = map_unit(reform["district"], dt.date(2026, 1, 1))
    assert {m.unit.name for m in mapped} == {
        "Xã Tràm Chim",
        "Xã Tam Nông",
        "Xã An Hòa",
        "Xã Phú Cường",
        "Xã An Long",
        "Xã Phú Thọ",
    }


def test_a_unit_in_force_maps_to_itself_and_old_hamlets_follow_their_commune(reform):
    tram_chim = reform["new_communes"]["30001"]
    assert names(map_unit(tram_chim, dt.date(2026, 3, 1))) == {("Xã Tràm Chim", 1)}
    khom_1 = Unit.objects.get(code="30001-01", valid_from=None)
    (new,) = map_unit(khom_1, dt.date(2026, 1, 1))
    assert new.unit.parent == tram_chim


def test_codes_are_resolved_by_date(reform):
    assert unit_by_code("30001").name == "Xã Tràm Chim"
    assert unit_by_code("30001", dt.date(2020, 1, 1)).name == "Thị trấn Tràm Chim"
    assert unit_by_code("871").name == "Huyện Tam Nông"


def test_seeding_twice_adds_nothing(reform):
    before = (Unit.objects.count(), AuditEvent.objects.count())
    demo.seed()
    assert (Unit.objects.count(), AuditEvent.objects.count()) == before


def test_succession_shares_cannot_exceed_the_whole(reform):
    gao_giong = reform["old_communes"]["30079"]
    with pytest.raises(DomainError):
        succession_create(
            actor=None,
            predecessor=gao_giong,
            successor=reform["new_communes"]["30028"],
            date=demo.REFORM,
            share="0.8",
        )
