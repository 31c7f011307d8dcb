"""The shared named test cast: a fixed unit tree and people, so tests read like prose.

    Tỉnh Đồng Tháp (province)
    ├── Huyện Tam Nông (district)
    │   ├── Xã Phú Cường (commune)            ← most officers work here
    │   │   ├── Ấp Phú Hòa (hamlet)
    │   │   └── Ấp Phú Lợi (other_hamlet)
    │   └── Xã An Long (sibling_commune)
    │       └── Ấp An Thạnh (sibling_hamlet)
    └── Huyện Thanh Bình (other_district)
        └── Xã Tân Phú (far_commune)

People (all officers unless said): `lan` editor of Phú Cường, `minh` case officer of Phú Cường, `hoa` mobilisation
officer of Tam Nông district, `tuan` leader of Phú Cường, `thu` supervisor (MTTQ) of Tam Nông,
`khoa` unit admin of Phú Cường, `son` system admin of the province, `old_hung` a leader of Phú Cường whose
assignment expired, `binh` a citizen without roles.
"""

import datetime as dt
from types import SimpleNamespace

from danvan.access.models import RoleAssignment
from danvan.access.roles import Role
from danvan.people.models import User
from danvan.units.models import UnitKind
from danvan.units.services import unit_create

PASSWORD = "mat-khau-thu-nghiem-2026"
EPOCH = dt.date(2019, 1, 1)


def _user(username, full_name, kind=User.Kind.OFFICER, **extra):
    user = User.objects.create_user(
        username=username, password=PASSWORD, full_name=full_name, kind=kind, **extra
    )
    return user


def _grant(user, role, unit, valid_from=EPOCH, valid_to=None):
    RoleAssignment.objects.create(user=user, role=role, unit=unit, valid_from=valid_from, valid_to=valid_to)
    return user


def build_cast() -> SimpleNamespace:
    c = SimpleNamespace()
    c.province = unit_create(
        actor=None, code="87", name="Tỉnh Đồng Tháp", kind=UnitKind.PROVINCE, valid_from=EPOCH
    )
    c.district = unit_create(
        actor=None,
        code="871",
        name="Huyện Tam Nông",
        kind=UnitKind.DISTRICT,
        parent=c.province,
        valid_from=EPOCH,
    )
    c.other_district = unit_create(
        actor=None,
        code="872",
        name="Huyện Thanh Bình",
        kind=UnitKind.DISTRICT,
        parent=c.province,
        valid_from=EPOCH,
    )
    c.commune = unit_create(
        actor=None,
        code="30025",
        name="Xã Phú Cường",
        kind=UnitKind.COMMUNE,
        parent=c.district,
        valid_from=EPOCH,
    )
    c.sibling_commune = unit_create(
        actor=None,
        code="30022",
        name="Xã An Long",
        kind=UnitKind.COMMUNE,
        parent=c.district,
        valid_from=EPOCH,
    )
    c.far_commune = unit_create(
        actor=None,
        code="30130",
        name="Xã Tân Phú",
        kind=UnitKind.COMMUNE,
        parent=c.other_district,
        valid_from=EPOCH,
    )
    c.hamlet = unit_create(
        actor=None,
        code="30025-01",
        name="Ấp Phú Hòa",
        kind=UnitKind.HAMLET,
        parent=c.commune,
        valid_from=EPOCH,
    )
    c.other_hamlet = unit_create(
        actor=None,
        code="30025-02",
        name="Ấp Phú Lợi",
        kind=UnitKind.HAMLET,
        parent=c.commune,
        valid_from=EPOCH,
    )
    c.sibling_hamlet = unit_create(
        actor=None,
        code="30022-01",
        name="Ấp An Thạnh",
        kind=UnitKind.HAMLET,
        parent=c.sibling_commune,
        valid_from=EPOCH,
    )

    c.lan = _grant(_user("lan", "Nguyễn Thị Lan"), Role.EDITOR, c.commune)
    c.minh = _grant(_user("minh", "Trần Văn Minh"), Role.CASE_OFFICER, c.commune)
    c.hoa = _grant(_user("hoa", "Lê Thị Hoa"), Role.MOBILISATION_OFFICER, c.district)
    c.tuan = _grant(_user("tuan", "Phạm Anh Tuấn"), Role.LEADER, c.commune)
    c.thu = _grant(_user("thu", "Võ Thị Thu"), Role.SUPERVISOR, c.district)
    c.khoa = _grant(_user("khoa", "Đặng Minh Khoa"), Role.UNIT_ADMIN, c.commune)
    c.son = _grant(_user("son", "Huỳnh Thanh Sơn"), Role.SYSTEM_ADMIN, c.province)
    c.old_hung = _grant(
        _user("old_hung", "Bùi Văn Hùng"), Role.LEADER, c.commune, valid_to=dt.date(2020, 12, 31)
    )
    c.binh = _user("binh", "Ngô Văn Bình", kind=User.Kind.CITIZEN, phone="0912345678")
    c.password = PASSWORD
    return c
