"""Hamlets in natural order everywhere (Ấp 1 … Ấp 11, not Ấp 10, Ấp 11, Ấp 7) and a unit's own contact in the
footer of its page."""

import re

import pytest
from django.urls import reverse

from danvan.core.text import natural_key
from danvan.people.selectors import hamlet_options, household_list
from danvan.people.services import household_create
from danvan.units import selectors
from danvan.units.models import Unit, UnitKind, natural_order
from danvan.units.services import unit_create, unit_move, unit_update

pytestmark = pytest.mark.django_db


def _hamlets(commune, names):
    # created out of order, as a commune adds hamlets over the years
    return [
        unit_create(actor=None, code=f"{commune.code}-x{i}", name=name, kind=UnitKind.HAMLET, parent=commune)
        for i, name in enumerate(names)
    ]


def test_natural_key_compares_numbers_by_value_and_letters_without_tone_marks():
    names = ["Ấp 10", "Ấp 2", "Bình Thành", "ấp 1", "Ấp 11", "An Long"]
    assert sorted(names, key=natural_key) == ["An Long", "ấp 1", "Ấp 2", "Ấp 10", "Ấp 11", "Bình Thành"]


def test_a_communes_hamlets_are_listed_one_to_eleven_whatever_the_order_they_were_created(cast):
    _hamlets(cast.sibling_commune, ["Ấp 10", "Ấp 7", "Ấp 11", "Ấp 8", "Ấp 9"])
    names = [u.name for u in selectors.children(cast.sibling_commune)]
    assert names == ["Ấp 7", "Ấp 8", "Ấp 9", "Ấp 10", "Ấp 11", "Ấp An Thạnh"]


def test_a_commune_numbers_its_quarters_and_hamlets_in_one_sequence(cast):
    _hamlets(cast.far_commune, ["Ấp 7", "Khóm 2", "Ấp 10", "Khóm 1"])
    names = [u.name for u in natural_order(Unit.objects.filter(parent=cast.far_commune))]
    assert names == ["Khóm 1", "Khóm 2", "Ấp 7", "Ấp 10"]


def test_the_tree_keeps_each_subtree_together_in_natural_order(cast):
    _hamlets(cast.commune, ["Ấp 10", "Ấp 2"])
    names = [u.name for u in Unit.objects.subtree(cast.district).natural()]
    # a commune, then its hamlets, before the next commune: An Long before Phú Cường (no tone marks)
    assert names == [
        "Huyện Tam Nông",
        "Xã An Long",
        "Ấp An Thạnh",
        "Xã Phú Cường",
        "Ấp 2",
        "Ấp 10",
        "Ấp Phú Hòa",
        "Ấp Phú Lợi",
    ]


def test_renaming_or_moving_a_unit_reorders_it_and_its_subtree(cast):
    unit_update(actor=cast.son, unit=cast.commune, name="Xã An Bình")
    names = [u.name for u in Unit.objects.subtree(cast.district).natural()]
    assert names[:4] == ["Huyện Tam Nông", "Xã An Bình", "Ấp Phú Hòa", "Ấp Phú Lợi"]
    unit_move(actor=cast.son, unit=cast.sibling_commune, new_parent=cast.other_district)
    names = [u.name for u in Unit.objects.subtree(cast.other_district).natural()]
    assert names == ["Huyện Thanh Bình", "Xã An Long", "Ấp An Thạnh", "Xã Tân Phú"]


def test_hamlet_selects_and_the_household_list_follow_the_natural_order(cast):
    hamlets = _hamlets(cast.commune, ["Ấp 10", "Ấp 9"])
    options = [u.name for u in hamlet_options(cast.khoa, cast.commune)]
    assert options == ["Ấp 9", "Ấp 10", "Ấp Phú Hòa", "Ấp Phú Lợi"]
    for hamlet, code in ((hamlets[0], "H-1"), (hamlets[1], "H-2")):
        household_create(
            actor=cast.khoa,
            hamlet=hamlet,
            code=code,
            address="Số 1",
            representative_name="Lê Văn Tư",
            birth_year=1970,
            gender="male",
        )
    assert [h.hamlet.name for h in household_list(cast.khoa, unit=cast.commune)] == ["Ấp 9", "Ấp 10"]


def test_the_public_case_form_offers_hamlets_in_natural_order(client, cast):
    _hamlets(cast.commune, ["Ấp 10", "Ấp 9"])
    html = client.get(reverse("places:hamlets"), {"commune": cast.commune.pk}).content.decode()
    found = [n for n in re.findall(r">(Ấp [^<]+)</option>", html) if n in {"Ấp 9", "Ấp 10", "Ấp Phú Hòa"}]
    assert found == ["Ấp 9", "Ấp 10", "Ấp Phú Hòa"]


def test_a_units_page_shows_its_own_contact_in_the_footer(client, cast):
    unit_update(actor=cast.son, unit=cast.province, address="Số 12 đường 30/4", phone="0277 3851 234")
    unit_update(
        actor=cast.son, unit=cast.commune, address="Ấp Phú Hòa", phone="0277 3827 310", email="ubnd@pc.vn"
    )
    footer = client.get("/don-vi/30025/").content.decode().split('class="site-footer"')[1]
    assert "Xã Phú Cường" in footer and "0277 3827 310" in footer and "ubnd@pc.vn" in footer
    assert "0277 3851 234" not in footer and "Số 12 đường 30/4" not in footer
    # a hamlet without a contact of its own: its commune's, named
    footer = client.get("/don-vi/30025-01/").content.decode().split('class="site-footer"')[1]
    assert "Ấp Phú Hòa" in footer and "Liên hệ: Xã Phú Cường" in footer and "0277 3827 310" in footer
    # the home page: the portal's unit
    footer = client.get("/").content.decode().split('class="site-footer"')[1]
    assert "0277 3851 234" in footer and "0277 3827 310" not in footer
