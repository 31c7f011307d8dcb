import pytest

from danvan.core.errors import NotFoundOrForbidden
from danvan.people.access import access_household_by_id, access_household_import_by_id
from danvan.people.models import HouseholdImport

from .helpers import make_household, sibling_admin

pytestmark = pytest.mark.django_db


def test_officers_of_the_commune_and_above_reach_a_household(cast):
    household = make_household(cast)
    for officer in (cast.khoa, cast.minh, cast.tuan, cast.hoa, cast.thu, cast.son):
        assert access_household_by_id(officer, household.pk) == household
    assert access_household_by_id(cast.khoa, str(household.pk), perm="households.manage") == household


@pytest.mark.parametrize("who", ["sibling_admin", "lan", "old_hung", "binh"])
def test_a_household_of_another_commune_looks_missing(cast, who):
    household = make_household(cast)
    user = sibling_admin(cast) if who == "sibling_admin" else getattr(cast, who)
    with pytest.raises(NotFoundOrForbidden):
        access_household_by_id(user, household.pk)


def test_a_missing_or_malformed_id_raises_the_same_error(cast):
    for pk in (987654, "abc", None):
        with pytest.raises(NotFoundOrForbidden):
            access_household_by_id(cast.khoa, pk)


def test_viewing_is_not_managing(cast):
    household = make_household(cast)
    with pytest.raises(NotFoundOrForbidden):
        access_household_by_id(cast.minh, household.pk, perm="households.manage")


def test_an_import_is_reached_only_by_household_managers_of_its_commune(cast):
    row = HouseholdImport.objects.create(
        unit=cast.commune, actor=cast.khoa, file="x.xlsx", original_name="x.xlsx"
    )
    assert access_household_import_by_id(cast.khoa, row.pk) == row
    for user in (cast.minh, sibling_admin(cast)):
        with pytest.raises(NotFoundOrForbidden):
            access_household_import_by_id(user, row.pk)
    with pytest.raises(NotFoundOrForbidden):
        access_household_import_by_id(cast.khoa, row.pk + 1)
