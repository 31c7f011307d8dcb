import datetime as dt

import pytest

from danvan.audit.models import AuditEvent
from danvan.core.errors import DomainError
from danvan.people import services
from danvan.people.models import Household, Resident, User
from danvan.units.models import UnitKind
from danvan.units.services import unit_create

from .helpers import make_household, sibling_admin

pytestmark = pytest.mark.django_db


def test_household_create_registers_the_representative_and_derives_the_commune(cast):
    household = make_household(cast, phone="+84 912 000 111", id_number="087070000001")

    assert household.commune == cast.commune
    assert household.phone == "0912000111"
    assert household.representative_name == "Nguyễn Văn Tám"
    rep = household.members.get()
    assert rep.is_representative and rep.relation == "Chủ hộ" and rep.id_number == "087070000001"
    assert household.search_text == "ho 001 nguyen van tam so 5 to 1"
    event = AuditEvent.objects.get(action="household.create")
    assert event.unit == cast.hamlet and event.actor == cast.khoa


def test_commune_of_finds_the_commune_ancestor_by_path(cast):
    assert services.commune_of(cast.hamlet) == cast.commune
    assert services.commune_of(cast.commune) == cast.commune
    assert services.commune_of(cast.district) is None
    assert services.communes_of([cast.hamlet, cast.sibling_hamlet]) == {
        cast.hamlet.pk: cast.commune,
        cast.sibling_hamlet.pk: cast.sibling_commune,
    }


def test_officer_of_the_sibling_commune_cannot_register_a_household_here(cast):
    quan = sibling_admin(cast)
    with pytest.raises(DomainError) as exc:
        services.household_create(
            actor=quan,
            hamlet=cast.hamlet,
            code="X1",
            address="Tổ 1",
            representative_name="Phan Văn Lực",
            birth_year=1970,
            gender="male",
        )
    assert exc.value.code == "forbidden"
    assert not Household.objects.exists()
    # …but in his own commune he can.
    services.household_create(
        actor=quan,
        hamlet=cast.sibling_hamlet,
        code="X1",
        address="Tổ 1",
        representative_name="Phan Văn Lực",
        birth_year=1970,
        gender="male",
    )


def test_a_case_officer_may_view_but_not_register_households(cast):
    with pytest.raises(DomainError):
        services.household_create(
            actor=cast.minh,
            hamlet=cast.hamlet,
            code="X2",
            address="Tổ 1",
            representative_name="Phan Văn Lực",
            birth_year=1970,
            gender="male",
        )


def test_a_household_belongs_to_a_hamlet_in_force(cast):
    with pytest.raises(DomainError, match="thôn, ấp"):
        services.household_create(
            actor=cast.khoa,
            hamlet=cast.commune,
            code="X",
            address="a",
            representative_name="A B",
            birth_year=1970,
            gender="male",
        )
    ended = unit_create(
        actor=None,
        code="30025-09",
        name="Ấp Cũ",
        kind=UnitKind.HAMLET,
        parent=cast.commune,
        valid_from=dt.date(2019, 1, 1),
        valid_to=dt.date(2020, 12, 31),
    )
    with pytest.raises(DomainError, match="không còn hiệu lực"):
        services.household_create(
            actor=cast.khoa,
            hamlet=ended,
            code="X",
            address="a",
            representative_name="A B",
            birth_year=1970,
            gender="male",
        )


def test_household_code_is_unique_within_the_commune_only(cast):
    make_household(cast, code="HO-7")
    with pytest.raises(DomainError, match="đã có ở Xã Phú Cường"):
        make_household(cast, code="HO-7", hamlet=cast.other_hamlet, name="Lê Văn Khác")
    services.household_create(
        actor=cast.son,
        hamlet=cast.sibling_hamlet,
        code="HO-7",
        address="Tổ 2",
        representative_name="Lê Văn Khác",
        birth_year=1980,
        gender="male",
    )


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("birth_year", 1899, "từ 1900"),
        ("birth_year", 2999, "từ 1900"),
        ("gender", "nam", "Nam, Nữ hoặc Khác"),
        ("id_number", "12345", "12 chữ số"),
        ("phone", "12345", "Số điện thoại không hợp lệ"),
    ],
)
def test_household_create_checks_each_field(cast, field, value, message):
    with pytest.raises(DomainError, match=message) as exc:
        make_household(cast, **{field: value})
    assert exc.value.field == field


def test_household_update_moves_to_another_hamlet_and_records_the_change(cast):
    household = make_household(cast)
    services.household_update(
        actor=cast.khoa,
        household=household,
        hamlet=cast.other_hamlet,
        address="Số 9, tổ 2",
        phone="0987 654 321",
    )
    household.refresh_from_db()
    assert household.hamlet == cast.other_hamlet and household.commune == cast.commune
    assert household.phone == "0987654321"
    assert "so 9 to 2" in household.search_text
    event = AuditEvent.objects.get(action="household.update")
    assert event.changes["hamlet_id"] == [cast.hamlet.pk, cast.other_hamlet.pk]
    with pytest.raises(DomainError, match="Không sửa được"):
        services.household_update(actor=cast.khoa, household=household, commune=cast.sibling_commune)


def test_household_delete_is_refused_while_a_citizen_account_is_linked(cast):
    household = make_household(cast)
    services.citizen_verify(actor=cast.khoa, citizen=cast.binh, household=household)
    with pytest.raises(DomainError, match="gỡ liên kết"):
        services.household_delete(actor=cast.khoa, household=household)
    services.citizen_unlink(actor=cast.khoa, citizen=cast.binh)
    pk = household.pk
    services.household_delete(actor=cast.khoa, household=household)
    assert not Household.objects.exists() and not Resident.objects.exists()
    assert AuditEvent.objects.filter(action="household.delete", object_id=str(pk)).exists()


def test_adding_a_new_representative_demotes_the_previous_one(cast):
    household = make_household(cast)
    wife = services.resident_add(
        actor=cast.khoa,
        household=household,
        full_name="Trần Thị Lụa",
        birth_year=1972,
        gender="female",
        relation="Vợ",
    )
    assert not wife.is_representative
    son = services.resident_add(
        actor=cast.khoa,
        household=household,
        full_name="Nguyễn Văn Tí",
        birth_year=1995,
        gender="male",
        relation="Chủ hộ",
        former_relation="Cha",
    )
    household.refresh_from_db()
    assert son.is_representative and household.representative_name == "Nguyễn Văn Tí"
    assert household.members.filter(is_representative=True).count() == 1
    assert household.members.get(full_name="Nguyễn Văn Tám").relation == "Cha"
    assert "tran thi lua" in household.search_text and "nguyen van tam" in household.search_text


def test_making_a_member_representative_through_update_keeps_exactly_one(cast):
    household = make_household(cast)
    wife = services.resident_add(
        actor=cast.khoa,
        household=household,
        full_name="Trần Thị Lụa",
        birth_year=1972,
        gender="female",
        relation="Vợ",
    )
    services.resident_update(actor=cast.khoa, resident=wife, is_representative=True, former_relation="Chồng")
    household.refresh_from_db()
    assert household.representative_name == "Trần Thị Lụa"
    assert list(household.members.filter(is_representative=True)) == [wife]
    rep = household.members.get(is_representative=True)
    with pytest.raises(DomainError, match="đúng một chủ hộ"):
        services.resident_update(actor=cast.khoa, resident=rep, is_representative=False)
    with pytest.raises(DomainError, match="đúng một chủ hộ"):
        services.resident_update(actor=cast.khoa, resident=rep, relation="Vợ")


def test_renaming_the_representative_updates_the_household(cast):
    household = make_household(cast)
    rep = household.members.get()
    services.resident_update(actor=cast.khoa, resident=rep, full_name="Nguyễn Văn Tám Lớn")
    household.refresh_from_db()
    assert household.representative_name == "Nguyễn Văn Tám Lớn"
    assert "tam lon" in household.search_text


def test_the_representative_cannot_be_removed_but_a_member_can(cast):
    household = make_household(cast)
    child = services.resident_add(
        actor=cast.khoa,
        household=household,
        full_name="Nguyễn Thị Út",
        birth_year=2001,
        gender="female",
        relation="Con",
    )
    with pytest.raises(DomainError, match="là chủ hộ"):
        services.resident_remove(actor=cast.khoa, resident=household.members.get(is_representative=True))
    services.resident_remove(actor=cast.khoa, resident=child)
    household.refresh_from_db()
    assert household.members.count() == 1 and "ut" not in household.search_text.split()
    assert AuditEvent.objects.filter(action="household.resident_remove").count() == 1


def test_a_cccd_number_belongs_to_one_resident(cast):
    make_household(cast, id_number="087070000001")
    with pytest.raises(DomainError, match="đã có trong sổ"):
        make_household(cast, code="HO-2", name="Lê Văn Hai", id_number="087070000001")


def test_resident_changes_need_household_rights_on_the_hamlet(cast):
    household = make_household(cast)
    quan = sibling_admin(cast)
    with pytest.raises(DomainError, match="không có quyền"):
        services.resident_add(
            actor=quan, household=household, full_name="A B", birth_year=1990, gender="male", relation="Con"
        )


def test_citizen_verify_links_the_account_and_is_refused_outside_scope(cast):
    household = make_household(cast)
    with pytest.raises(DomainError, match="không có quyền xác minh"):
        services.citizen_verify(actor=cast.minh, citizen=cast.binh, household=household)
    with pytest.raises(DomainError, match="tài khoản công dân"):
        services.citizen_verify(actor=cast.khoa, citizen=cast.lan, household=household)
    services.citizen_verify(actor=cast.khoa, citizen=cast.binh, household=household)
    binh = User.objects.get(pk=cast.binh.pk)
    assert binh.household == household and binh.verified_by == cast.khoa and binh.is_verified
    assert AuditEvent.objects.filter(action="citizen.verify", object_id=str(household.pk)).exists()
