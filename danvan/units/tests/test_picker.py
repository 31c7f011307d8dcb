"""Choosing the commune, then its hamlet, on public forms (issue 9.2): by name without diacritics or by the
district's name, never a list of a province's units; the fragments htmx fetches; the unit's own entry to the
case form."""

import pytest
from django.urls import reverse

from danvan.units import selectors
from danvan.units.models import UnitKind
from danvan.units.picker import PlacePicker
from danvan.units.services import unit_create
from tests.cast import EPOCH

pytestmark = pytest.mark.django_db


def _commune(parent, code, name, kind=UnitKind.COMMUNE):
    return unit_create(actor=None, code=code, name=name, kind=kind, parent=parent, valid_from=EPOCH)


def test_a_commune_is_found_by_its_name_without_diacritics_the_whole_name_first(cast):
    _commune(cast.district, "30026", "Xã Phú Cường Thượng")
    _commune(cast.district, "30027", "Thị trấn Phú Cường")
    found, total = selectors.commune_search("phu cuong")
    assert total == 3
    assert {u.name for u in found[:2]} == {"Xã Phú Cường", "Thị trấn Phú Cường"}  # the whole name first
    assert found[2].name == "Xã Phú Cường Thượng"
    assert selectors.commune_search("PHÚ   CƯỜNG")[1] == 3


def test_a_commune_is_found_by_its_districts_name(cast):
    found, total = selectors.commune_search("thanh binh")
    assert [u.name for u in found] == ["Xã Tân Phú"] and total == 1
    found, _ = selectors.commune_search("an long tam nong")  # a commune and its district together
    assert [u.name for u in found] == ["Xã An Long"]


def test_hamlets_and_former_units_are_not_offered_as_communes(cast):
    assert selectors.commune_search("phu hoa")[1] == 0  # Ấp Phú Hòa is a hamlet
    old = _commune(cast.district, "30029", "Xã Hết Hiệu Lực")
    old.valid_to = EPOCH.replace(year=2020)
    old.save()
    assert selectors.commune_search("het hieu luc")[1] == 0


def test_a_small_scope_is_listed_whole_a_large_one_needs_a_search(cast, monkeypatch):
    picker = PlacePicker({})
    assert {u.name for u in picker.options} == {"Xã Phú Cường", "Xã An Long", "Xã Tân Phú"}
    monkeypatch.setattr(selectors, "COMMUNE_LIST_ALL", 2)
    picker = PlacePicker({})
    assert picker.options == [] and picker.total == 3 and picker.needs_search


def test_the_chosen_communes_hamlets_in_natural_order(cast):
    for n in (10, 2, 1):
        unit_create(
            actor=None,
            code=f"30022-9{n}",
            name=f"Ấp {n}",
            kind=UnitKind.HAMLET,
            parent=cast.sibling_commune,
            valid_from=EPOCH,
        )
    picker = PlacePicker({"commune": str(cast.sibling_commune.pk)})
    assert [h.name for h in picker.hamlets] == ["Ấp 1", "Ấp 2", "Ấp 10", "Ấp An Thạnh"]
    assert picker.hamlet is None
    picker = PlacePicker({"commune": str(cast.commune.pk), "hamlet": str(cast.sibling_hamlet.pk)})
    assert picker.hamlet is None  # a hamlet of another commune is not chosen


def test_a_units_section_starts_the_picker_inside_it(cast):
    district = PlacePicker({}, within=cast.district)
    assert {u.name for u in district.options} == {"Xã Phú Cường", "Xã An Long"}
    commune = PlacePicker({}, within=cast.commune)
    assert commune.commune == cast.commune and commune.options == [cast.commune]
    hamlet = PlacePicker({}, within=cast.hamlet)
    assert (hamlet.commune, hamlet.hamlet) == (cast.commune, cast.hamlet)


def test_the_fragments_for_htmx(client, cast, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        html = client.get(reverse("places:communes"), {"tim_xa": "tan phu"}).content.decode()
    assert "Xã Tân Phú" in html and 'name="commune"' in html and "Xã An Long" not in html
    html = client.get(reverse("places:communes"), {"tim_xa": "khong co xa nao"}).content.decode()
    assert "Không tìm thấy xã, phường nào khớp" in html
    with django_assert_max_num_queries(3):
        html = client.get(reverse("places:hamlets"), {"commune": cast.commune.pk}).content.decode()
    assert "Ấp Phú Hòa" in html and "Ấp Phú Lợi" in html and "Ấp An Thạnh" not in html
    assert client.get(reverse("places:hamlets"), {"commune": "x"}).status_code == 200
    assert client.post(reverse("places:hamlets")).status_code == 405
