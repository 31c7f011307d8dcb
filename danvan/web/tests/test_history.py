"""Officers of a dissolved unit read its history (never write); officers of a unit formed by a reform read
the units it succeeded as they were on a chosen day; mobilisation officers see their scope's figures."""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.access.models import RoleAssignment
from danvan.access.roles import Role
from danvan.cases.tests.helpers import submit
from danvan.people import services as people_services
from danvan.people.models import User
from danvan.units.models import UnitKind
from danvan.units.services import community_count_set, succession_create, unit_create

pytestmark = pytest.mark.django_db

END = dt.date(2025, 6, 30)


@pytest.fixture
def reform(cast):
    """Huyện Cũ (2019–30/06/2025) with Xã Cũ and its Ấp Cũ, 2 households; from 01/07/2025 Xã Mới replaces
    Xã Cũ. `huyen` is the old district's mobilisation officer (assignment never ended, as in the demo),
    `lanhdao_huyen` its leader, `moi` the new commune's leader."""
    start = dt.date(2019, 1, 1)
    district = unit_create(
        actor=None,
        code="899",
        name="Huyện Cũ",
        kind=UnitKind.DISTRICT,
        parent=cast.province,
        valid_from=start,
    )
    commune = unit_create(
        actor=None, code="39001", name="Xã Cũ", kind=UnitKind.COMMUNE, parent=district, valid_from=start
    )
    hamlet = unit_create(
        actor=None, code="39001-01", name="Ấp Cũ", kind=UnitKind.HAMLET, parent=commune, valid_from=start
    )
    community_count_set(actor=None, unit=hamlet, as_of=dt.date(2020, 1, 1), households=210, voters=480)
    for code, name in (("C-1", "Trần Văn Cũ"), ("C-2", "Lê Thị Xưa")):
        people_services.household_create(
            actor=cast.son,
            hamlet=hamlet,
            code=code,
            address="Ấp Cũ",
            representative_name=name,
            birth_year=1960,
            gender="male",
        )
    case = submit(cast, unit=commune)
    from danvan.units.models import Unit

    Unit.objects.filter(pk__in=[district.pk, commune.pk, hamlet.pk]).update(valid_to=END)
    new = unit_create(
        actor=None,
        code="39001",
        name="Xã Mới",
        kind=UnitKind.COMMUNE,
        parent=cast.province,
        valid_from=dt.date(2025, 7, 1),
    )
    commune.refresh_from_db()
    succession_create(actor=None, predecessor=commune, successor=new, date=dt.date(2025, 7, 1))
    people = {}
    for username, role, unit in (
        ("huyen", Role.MOBILISATION_OFFICER, district),
        ("lanhdao_huyen", Role.LEADER, district),
        ("moi", Role.LEADER, new),
    ):
        user = User.objects.create_user(username=username, password="x-2026-abc", full_name=username)
        RoleAssignment.objects.create(user=user, role=role, unit=unit, valid_from=start)
        people[username] = user
    return {"district": district, "commune": commune, "hamlet": hamlet, "new": new, "case": case, **people}


def test_a_dissolved_districts_officer_sees_its_units_as_of_its_last_day(client, reform):
    client.force_login(reform["huyen"])
    html = client.get(reverse("units:list")).content.decode()
    assert "Xã Cũ" in html and "Ấp Cũ" in html and "có hiệu lực ngày 30/06/2025" in html
    assert "Xã Mới" not in html


def test_a_dissolved_districts_dashboard_says_what_its_officers_may_still_do(client, reform):
    client.force_login(reform["huyen"])
    html = client.get(reverse("web:workspace")).content.decode()
    assert "Đơn vị đã kết thúc hoạt động" in html and "Bạn không còn thêm, sửa, duyệt hay xử lý được" in html
    assert "chỉ xem lịch sử" in html
    assert "Số liệu của phạm vi từ 01/01/2025 đến 30/06/2025" in html
    assert '<span class="stat-value">1</span><span class="stat-label">thôn, ấp, khóm, tổ dân phố' in html
    assert '<span class="stat-value">210</span><span class="stat-label">hộ gia đình' in html


def test_a_dissolved_districts_officers_read_households_and_cases_but_change_nothing(client, reform):
    client.force_login(reform["lanhdao_huyen"])
    households = client.get(reverse("people:household_list")).content.decode()
    assert "Trần Văn Cũ" in households and "Lê Thị Xưa" in households
    detail = client.get(reverse("cases:detail", args=[reform["case"].pk])).content.decode()
    assert (
        reform["case"].code in detail
        and "Lưu kết quả giải quyết" not in detail
        and "Thụ lý</button>" not in detail
    )
    refused = client.post(reverse("cases:action", args=[reform["case"].pk, "accept"]), {})
    reform["case"].refresh_from_db()
    assert refused.status_code in (302, 404) and reform["case"].status == "received"


def test_a_successor_communes_officer_reads_the_2020_picture_read_only(client, reform):
    client.force_login(reform["moi"])
    today = client.get(reverse("units:list")).content.decode()
    assert "Ấp Cũ" not in today
    past = client.get(reverse("units:list") + "?ngay=2020-06-01").content.decode()
    assert "Xã Cũ" in past and "Ấp Cũ" in past and "chỉ để xem" in past
    households = client.get(reverse("people:household_list") + "?ngay=2020-06-01").content.decode()
    assert "Trần Văn Cũ" in households and "Thêm hộ gia đình" not in households
    old_unit = client.get(reverse("units:detail", args=[reform["commune"].pk]) + "?ngay=2020-06-01")
    assert old_unit.status_code == 200 and "Sửa thông tin" not in old_unit.content.decode()
    assert client.get(reverse("units:detail", args=[reform["commune"].pk])).status_code == 404


def test_the_dated_unit_list_keeps_a_constant_number_of_queries(
    client, reform, django_assert_max_num_queries
):
    client.force_login(reform["moi"])
    with django_assert_max_num_queries(16):
        client.get(reverse("units:list") + "?ngay=2020-06-01")


def test_a_mobilisation_officers_dashboard_shows_the_figures_of_their_scope(client, cast):
    submit(cast)
    submit(cast, unit=cast.sibling_commune)
    client.force_login(cast.hoa)  # mobilisation officer of Huyện Tam Nông
    html = client.get(reverse("web:workspace")).content.decode()
    assert "Số liệu của phạm vi từ" in html
    assert '<span class="stat-value">2</span><span class="stat-label">xã, phường, thị trấn' in html
    assert '<span class="stat-value">2</span><span class="stat-label">đơn thư tiếp nhận' in html
    client.force_login(cast.lan)  # an editor: no figures of the scope
    assert "Số liệu của phạm vi từ" not in client.get(reverse("web:workspace")).content.decode()
