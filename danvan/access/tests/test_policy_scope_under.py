"""`scope_under`: the unit filter alone inside the user's scope, never wider than `scope()`."""

import pytest

from danvan.access.policy import scope, scope_under
from danvan.units.models import Unit

pytestmark = pytest.mark.django_db


def units(qs):
    return set(qs.values_list("code", flat=True))


def test_inside_scope_is_the_unit_subtree(cast):
    qs = Unit.objects.all()
    assert units(scope_under(qs, cast.minh, "cases.view", cast.commune, unit_field="")) == units(
        qs.filter(path__startswith=cast.commune.path)
    )
    assert "where" in str(scope_under(qs, cast.minh, "cases.view", cast.hamlet, unit_field="").query).lower()


def test_outside_or_above_scope_never_widens(cast):
    qs = Unit.objects.all()
    allowed = units(scope(qs, cast.minh, "cases.view", unit_field=""))
    above = units(scope_under(qs, cast.minh, "cases.view", cast.district, unit_field=""))
    assert above == allowed and cast.sibling_commune.code not in above
    assert units(scope_under(qs, cast.minh, "cases.view", cast.far_commune, unit_field="")) == set()
    assert units(scope_under(qs, cast.binh, "cases.view", cast.commune, unit_field="")) == set()
    assert units(scope_under(qs, cast.son, "cases.view", cast.district, unit_field="")) == units(
        qs.filter(path__startswith=cast.district.path)
    )
