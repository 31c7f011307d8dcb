"""The permission matrix: every permission × every role × {same unit, child, parent, sibling, expired}.

EXPECTED below is written out by hand: which roles hold each permission. A role granted on a unit holds
its permissions on that unit and its whole subtree (child), never on the parent or a sibling, and an
expired assignment grants nothing. Adding a permission to roles.py without a row here fails
`test_every_permission_has_a_matrix_row`.
"""

import datetime as dt

import pytest

from danvan.access.models import RoleAssignment
from danvan.access.policy import has_unit_perm, scope
from danvan.access.roles import PERMISSIONS, ROLE_PERMISSIONS, Role
from danvan.people.models import User
from danvan.units.models import Unit

ALL = set(Role.values)
EXPECTED: dict[str, set[str]] = {
    "workspace.access": ALL,
    "units.view": ALL,
    "units.manage": {Role.UNIT_ADMIN, Role.SYSTEM_ADMIN},
    "households.view": {
        Role.CASE_OFFICER,
        Role.MOBILISATION_OFFICER,
        Role.LEADER,
        Role.SUPERVISOR,
        Role.UNIT_ADMIN,
        Role.SYSTEM_ADMIN,
    },
    "households.manage": {Role.UNIT_ADMIN, Role.SYSTEM_ADMIN},
    "citizens.verify": {Role.UNIT_ADMIN, Role.SYSTEM_ADMIN},
    "users.manage": {Role.UNIT_ADMIN, Role.SYSTEM_ADMIN},
    "audit.view": {Role.LEADER, Role.SUPERVISOR, Role.UNIT_ADMIN, Role.SYSTEM_ADMIN},
    "rules.view": ALL,
    "rules.manage": {Role.SYSTEM_ADMIN},
    "news.edit": {Role.EDITOR, Role.LEADER, Role.SYSTEM_ADMIN},
    "news.approve": {Role.LEADER, Role.SYSTEM_ADMIN},
    "disclosures.edit": {Role.EDITOR, Role.LEADER, Role.SYSTEM_ADMIN},
    "disclosures.answer": {Role.EDITOR, Role.LEADER, Role.SYSTEM_ADMIN},
    "disclosures.register": ALL,
    "cases.view": {Role.CASE_OFFICER, Role.LEADER, Role.SUPERVISOR, Role.SYSTEM_ADMIN},
    "cases.handle": {Role.CASE_OFFICER, Role.LEADER, Role.SYSTEM_ADMIN},
    "cases.resolve": {Role.LEADER, Role.SYSTEM_ADMIN},
    "cases.reveal_identity": {Role.LEADER},
    "integrations.manage": {Role.SYSTEM_ADMIN},
    "reception.view": {
        Role.CASE_OFFICER,
        Role.MOBILISATION_OFFICER,
        Role.LEADER,
        Role.SUPERVISOR,
        Role.SYSTEM_ADMIN,
    },
    "reception.manage": {Role.CASE_OFFICER, Role.LEADER, Role.SYSTEM_ADMIN},
    "reports.view": {Role.MOBILISATION_OFFICER, Role.LEADER, Role.SUPERVISOR, Role.SYSTEM_ADMIN},
    "communities.view": {Role.MOBILISATION_OFFICER, Role.LEADER, Role.SUPERVISOR, Role.SYSTEM_ADMIN},
    "communities.manage": {Role.MOBILISATION_OFFICER, Role.LEADER, Role.SYSTEM_ADMIN},
    "reviews.view": {Role.MOBILISATION_OFFICER, Role.LEADER, Role.SUPERVISOR, Role.SYSTEM_ADMIN},
    "reviews.prepare": {Role.MOBILISATION_OFFICER, Role.LEADER, Role.SYSTEM_ADMIN},
    "reviews.approve": {Role.LEADER, Role.SYSTEM_ADMIN},
    "decisions.view": {Role.MOBILISATION_OFFICER, Role.LEADER, Role.SUPERVISOR, Role.SYSTEM_ADMIN},
    "decisions.manage": {Role.MOBILISATION_OFFICER, Role.LEADER, Role.SYSTEM_ADMIN},
    "decisions.recognise": {Role.LEADER, Role.SYSTEM_ADMIN},
    "conventions.view": {Role.MOBILISATION_OFFICER, Role.LEADER, Role.SUPERVISOR, Role.SYSTEM_ADMIN},
    "conventions.manage": {Role.MOBILISATION_OFFICER, Role.LEADER, Role.SYSTEM_ADMIN},
    "consultations.view": {Role.MOBILISATION_OFFICER, Role.LEADER, Role.SUPERVISOR, Role.SYSTEM_ADMIN},
    "consultations.manage": {Role.MOBILISATION_OFFICER, Role.LEADER, Role.SYSTEM_ADMIN},
}
# What an assignment on a dissolved unit still grants (read its history), written out by hand.
STILL_ON_A_DISSOLVED_UNIT = {
    "workspace.access",
    "units.view",
    "households.view",
    "audit.view",
    "rules.view",
    "disclosures.register",
    "cases.view",
    "reception.view",
    "reports.view",
    "reviews.view",
}
RELATIONS = ["same", "child", "parent", "sibling", "expired"]


def test_every_permission_has_a_matrix_row():
    assert set(PERMISSIONS) == set(EXPECTED), "add the new permission to EXPECTED (and docs/permissions.md)"


def test_the_role_map_matches_the_matrix():
    for perm, roles in EXPECTED.items():
        assert {r for r, perms in ROLE_PERMISSIONS.items() if perm in perms} == roles, perm


def test_every_role_is_in_the_role_map():
    assert set(ROLE_PERMISSIONS) == ALL


@pytest.fixture
def officers(cast):
    """One officer per role with an active assignment on the commune, and one with an expired one."""
    made = {}
    for role in Role.values:
        active = User.objects.create_user(username=f"m-{role}", password="x")
        RoleAssignment.objects.create(
            user=active, role=role, unit=cast.commune, valid_from=dt.date(2020, 1, 1)
        )
        expired = User.objects.create_user(username=f"m-{role}-old", password="x")
        RoleAssignment.objects.create(
            user=expired,
            role=role,
            unit=cast.commune,
            valid_from=dt.date(2020, 1, 1),
            valid_to=dt.date(2021, 1, 1),
        )
        made[role] = (active, expired)
    return made


@pytest.mark.parametrize("perm", sorted(EXPECTED))
@pytest.mark.parametrize("role", sorted(ALL))
def test_matrix(cast, officers, role, perm):
    active, expired = officers[role]
    targets = {
        "same": cast.commune,
        "child": cast.hamlet,
        "parent": cast.district,
        "sibling": cast.sibling_commune,
    }
    granted = role in EXPECTED[perm]
    for relation in RELATIONS:
        user = expired if relation == "expired" else active
        unit = cast.commune if relation == "expired" else targets[relation]
        expected = granted and relation in {"same", "child"}
        assert has_unit_perm(user, perm, unit) is expected, (role, perm, relation)
        listed = scope(Unit.objects.filter(pk=unit.pk), user, perm, unit_field="").exists()
        assert listed is expected, ("scope", role, perm, relation)


def test_assignment_not_yet_started_grants_nothing(cast):
    user = User.objects.create_user(username="future", password="x")
    RoleAssignment.objects.create(
        user=user, role=Role.LEADER, unit=cast.commune, valid_from=dt.date(2999, 1, 1)
    )
    assert not has_unit_perm(user, "units.view", cast.commune)


def test_superuser_is_a_system_administrator_everywhere(cast):
    root = User.objects.create_superuser(username="root", password="x", email="r@x.vn")
    assert has_unit_perm(root, "rules.manage", cast.far_commune)
    assert not has_unit_perm(root, "cases.reveal_identity", cast.far_commune)  # only a role grants it
    assert scope(Unit.objects.all(), root, "units.manage", unit_field="").count() == Unit.objects.count()


def test_anonymous_and_citizens_hold_nothing(cast, rf):
    from django.contrib.auth.models import AnonymousUser

    for perm in PERMISSIONS:
        assert not has_unit_perm(AnonymousUser(), perm, cast.commune)
        assert not has_unit_perm(cast.binh, perm, cast.commune)


def test_inactive_officer_holds_nothing(cast):
    cast.tuan.is_active = False
    cast.tuan.save()
    assert not has_unit_perm(User.objects.get(pk=cast.tuan.pk), "units.view", cast.commune)


def test_scope_of_a_district_officer_covers_all_its_communes_but_not_another_district(cast):
    names = set(
        scope(Unit.objects.all(), cast.hoa, "units.view", unit_field="").values_list("name", flat=True)
    )
    assert {"Huyện Tam Nông", "Xã Phú Cường", "Xã An Long", "Ấp Phú Hòa", "Ấp An Thạnh"} <= names
    assert "Xã Tân Phú" not in names and "Tỉnh Đồng Tháp" not in names


def test_docs_permissions_md_is_generated_from_the_role_map():
    from pathlib import Path

    from danvan.access.docs import render

    doc = (Path(__file__).resolve().parents[3] / "docs" / "permissions.md").read_text(encoding="utf-8")
    assert doc == render(), "run: python manage.py permissions_doc > docs/permissions.md"


# ---------------------------------------------------------------- two-factor sign-in
# Role × {enrolled, not enrolled} with the policy on: who reaches the workspace after signing in, and who is
# sent to enrolment first. Written out by hand, like EXPECTED: the roles that can reveal a denouncer's
# identity (leader) or administer users and roles (unit admin, system admin).
TWO_FACTOR_REQUIRED = {Role.LEADER, Role.UNIT_ADMIN, Role.SYSTEM_ADMIN}
ENROL = "/can-bo/tai-khoan/xac-thuc-hai-lop/"


def test_the_roles_requiring_two_factor_match_the_role_map():
    from danvan.access.roles import roles_requiring_two_factor

    assert set(roles_requiring_two_factor()) == TWO_FACTOR_REQUIRED


def _sign_in(client, user, password, app, device):
    response = client.post("/dang-nhap/", {"username": user.username, "password": password})
    if device is not None:
        assert response["Location"] == "/dang-nhap/xac-thuc/"
        response = client.post("/dang-nhap/xac-thuc/", {"code": app.code(device)})
    assert response.status_code == 302 and response["Location"] == "/can-bo/", response
    return client.get("/can-bo/")


@pytest.mark.parametrize("enrolled", [False, True], ids=["not-enrolled", "enrolled"])
@pytest.mark.parametrize("role", sorted(ALL))
def test_two_factor_matrix(client, cast, officers, two_factor_on, app, role, enrolled):
    from danvan.access.two_factor import requires_two_factor
    from tests.otp import enrol

    user = officers[role][0]
    device = enrol(user, app)[0] if enrolled else None
    workspace = _sign_in(client, user, "x", app, device)
    required = role in TWO_FACTOR_REQUIRED
    assert requires_two_factor(user) is required
    if required and not enrolled:
        assert workspace.status_code == 302 and workspace["Location"] == ENROL, (role, enrolled)
    else:
        assert workspace.status_code == 200, (role, enrolled)


@pytest.mark.parametrize("enrolled", [False, True], ids=["not-enrolled", "enrolled"])
def test_two_factor_matrix_staff_and_superusers(client, cast, two_factor_on, app, enrolled):
    """Staff and superusers reach /admin/: required whatever their roles (here none)."""
    from tests.otp import enrol

    for username, flags in (
        ("staff", {"is_staff": True}),
        ("super", {"is_staff": True, "is_superuser": True}),
    ):
        client.logout()
        user = User.objects.create_user(username=username, password="x", **flags)
        device = enrol(user, app)[0] if enrolled else None
        response = client.post("/dang-nhap/", {"username": username, "password": "x", "next": "/admin/"})
        if device is not None:
            response = client.post("/dang-nhap/xac-thuc/", {"code": app.code(device)})
        assert response["Location"] == "/admin/"
        admin = client.get("/admin/")
        if enrolled:
            assert admin.status_code == 200, username
        else:
            assert admin.status_code == 302 and admin["Location"] == ENROL, username


def test_two_factor_matrix_citizens_never(client, cast, two_factor_on):
    from danvan.access.two_factor import requires_two_factor

    assert not requires_two_factor(cast.binh)
    response = client.post("/dang-nhap/", {"username": "binh", "password": cast.password, "next": "/"})
    assert response["Location"] == "/" and client.get("/").status_code == 200


# ---------------------------------------------------------------- the citizen's area and the commune's queue
# Every new address × who asks → the answer, written out by hand. A citizen reaches only their own data (the
# case of another citizen is a 404 like a missing one); officers reach the citizens' requests of the units
# where they may answer them (citizens.verify for a link, households.manage for a correction).
LOGIN = "login"
AREA_MATRIX = {
    # path: {who: status}
    "/tai-khoan/": {
        "anonymous": LOGIN,
        "owner": 200,
        "other_citizen": 200,
        "case_officer": 302,
        "unit_admin": 302,
    },
    "/tai-khoan/ho-so/": {"anonymous": LOGIN, "owner": 200, "other_citizen": 200, "case_officer": 404},
    "/tai-khoan/ho-so/{code}/": {"anonymous": LOGIN, "owner": 200, "other_citizen": 404, "case_officer": 404},
    "/tai-khoan/ho-gia-dinh/": {"anonymous": LOGIN, "owner": 200, "other_citizen": 200, "unit_admin": 404},
    "/tai-khoan/cau-hoi/": {"anonymous": LOGIN, "owner": 200, "other_citizen": 200, "case_officer": 404},
    "/tai-khoan/thong-bao/": {"anonymous": LOGIN, "owner": 200, "other_citizen": 200, "case_officer": 404},
    "/tai-khoan/thong-tin/": {"anonymous": LOGIN, "owner": 200, "other_citizen": 200, "case_officer": 404},
    "/tai-khoan/doi-mat-khau/": {"anonymous": LOGIN, "owner": 200, "case_officer": 404},
    "/dang-ky/": {"anonymous": 200, "owner": 302, "case_officer": 302},
    "/can-bo/ho-gia-dinh/yeu-cau/": {
        "anonymous": LOGIN,
        "owner": 404,
        "case_officer": 404,
        "leader": 404,
        "unit_admin": 200,
        "sibling_admin": 200,
        "system_admin": 200,
    },
    "/can-bo/ho-gia-dinh/yeu-cau/{request}/": {
        "anonymous": LOGIN,
        "owner": 404,
        "case_officer": 404,
        "leader": 404,
        "unit_admin": 200,
        "sibling_admin": 404,
        "system_admin": 200,
    },
}


@pytest.fixture
def area_people(cast):
    from danvan.cases.tests.helpers import submit
    from danvan.people import services as people

    other = User.objects.create_user(username="other-citizen", password="x", kind="citizen")
    sibling_admin = User.objects.create_user(username="sibling-admin", password="x")
    RoleAssignment.objects.create(
        user=sibling_admin, role=Role.UNIT_ADMIN, unit=cast.sibling_commune, valid_from=dt.date(2020, 1, 1)
    )
    case = submit(cast, account=cast.binh)
    request = people.household_link_request(
        actor=cast.binh, hamlet=cast.hamlet, representative_name="Nguyễn Văn Tám", address="Tổ 1"
    )
    who = {
        "anonymous": None,
        "owner": cast.binh,
        "other_citizen": other,
        "case_officer": cast.minh,
        "leader": cast.tuan,
        "unit_admin": cast.khoa,
        "sibling_admin": sibling_admin,
        "system_admin": cast.son,
    }
    return who, {"code": case.code, "request": request.pk}


@pytest.mark.parametrize("path", sorted(AREA_MATRIX))
def test_area_matrix(client, area_people, path):
    who, ids = area_people
    url = path.format(**ids)
    for name, expected in AREA_MATRIX[path].items():
        client.logout()
        if who[name] is not None:
            client.force_login(who[name])
        response = client.get(url)
        if expected == LOGIN:
            assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/"), (
                path,
                name,
            )
        else:
            assert response.status_code == expected, (path, name, response.status_code)


def test_history_permissions_are_the_read_permissions_written_here():
    from danvan.access.roles import HISTORY_PERMISSIONS

    assert HISTORY_PERMISSIONS == STILL_ON_A_DISSOLVED_UNIT


@pytest.fixture
def dissolved(cast):
    """A commune dissolved at the end of 2024 with a hamlet, and one officer per role assigned to it (the
    assignment itself never ended, as the demo's 2020 district accounts)."""
    from danvan.units.models import UnitKind
    from danvan.units.services import unit_create

    commune = unit_create(
        actor=None,
        code="30099",
        name="Xã Phú Thọ Cũ",
        kind=UnitKind.COMMUNE,
        parent=cast.district,
        valid_from=dt.date(2019, 1, 1),
        valid_to=dt.date(2024, 12, 31),
    )
    hamlet = unit_create(
        actor=None,
        code="30099-01",
        name="Ấp Cũ",
        kind=UnitKind.HAMLET,
        parent=commune,
        valid_from=dt.date(2019, 1, 1),
        valid_to=dt.date(2024, 12, 31),
    )
    users = {}
    for role in Role.values:
        user = User.objects.create_user(username=f"d-{role}", password="x")
        RoleAssignment.objects.create(user=user, role=role, unit=commune, valid_from=dt.date(2019, 1, 1))
        users[role] = user
    return commune, hamlet, users


@pytest.mark.parametrize("perm", sorted(EXPECTED))
@pytest.mark.parametrize("role", sorted(ALL))
def test_matrix_on_a_dissolved_unit_reads_history_only(cast, dissolved, role, perm):
    commune, hamlet, users = dissolved
    expected = role in EXPECTED[perm] and perm in STILL_ON_A_DISSOLVED_UNIT
    for unit in (commune, hamlet):
        assert has_unit_perm(users[role], perm, unit) is expected, (role, perm, unit.name)
        listed = scope(Unit.objects.filter(pk=unit.pk), users[role], perm, unit_field="").exists()
        assert listed is expected, ("scope", role, perm)
    assert not has_unit_perm(users[role], perm, cast.sibling_commune)


def test_a_successor_units_officer_reads_its_predecessors_on_a_past_day_only(cast):
    from danvan.access.policy import has_unit_perm_on, scope_on
    from danvan.units.models import UnitKind
    from danvan.units.services import succession_create, unit_create

    old = unit_create(
        actor=None,
        code="30098",
        name="Xã Cũ",
        kind=UnitKind.COMMUNE,
        parent=cast.district,
        valid_from=dt.date(2019, 1, 1),
        valid_to=dt.date(2025, 6, 30),
    )
    new = unit_create(
        actor=None,
        code="30098",
        name="Xã Mới",
        kind=UnitKind.COMMUNE,
        parent=cast.province,
        valid_from=dt.date(2025, 7, 1),
    )
    succession_create(actor=None, predecessor=old, successor=new, date=dt.date(2025, 7, 1))
    officer = User.objects.create_user(username="moi", password="x")
    RoleAssignment.objects.create(user=officer, role=Role.LEADER, unit=new, valid_from=dt.date(2025, 7, 1))
    day_2020 = dt.date(2020, 6, 1)
    assert not has_unit_perm(officer, "units.view", old)  # today: the former commune is not theirs
    assert has_unit_perm_on(officer, "units.view", old, day_2020)
    assert has_unit_perm_on(officer, "cases.view", old, day_2020)
    assert not has_unit_perm_on(officer, "cases.handle", old, day_2020)  # history is read-only
    assert not has_unit_perm_on(officer, "units.view", cast.sibling_commune, day_2020)
    listed = set(scope_on(Unit.objects.all(), officer, "units.view", day_2020, unit_field=""))
    assert old in listed and cast.commune not in listed
