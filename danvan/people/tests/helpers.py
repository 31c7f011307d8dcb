"""Helpers for the household registry tests: households for the cast, workbooks to import."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.access.models import RoleAssignment
from danvan.access.roles import Role
from danvan.core.spreadsheets import XLSX
from danvan.people import services
from danvan.people.importing import COLUMNS
from danvan.people.models import User
from tests.cast import EPOCH, PASSWORD

HEADER = [c.header for c in COLUMNS]


def make_household(
    cast,
    *,
    hamlet=None,
    code="HO-001",
    name="Nguyễn Văn Tám",
    address="Số 5, tổ 1",
    phone="",
    birth_year=1970,
    gender="male",
    id_number="",
):
    return services.household_create(
        actor=cast.khoa,
        hamlet=hamlet or cast.hamlet,
        code=code,
        address=address,
        representative_name=name,
        birth_year=birth_year,
        gender=gender,
        id_number=id_number,
        phone=phone,
    )


def sibling_admin(cast) -> User:
    """Quân, unit admin of the sibling commune (Xã An Long): full household rights, but only there."""
    user = User.objects.create_user(username="quan", password=PASSWORD, full_name="Lý Minh Quân")
    RoleAssignment.objects.create(
        user=user, role=Role.UNIT_ADMIN, unit=cast.sibling_commune, valid_from=EPOCH
    )
    return user


def workbook(rows, header=None) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Hộ gia đình"
    ws.append(HEADER if header is None else header)
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def upload(data: bytes, name: str = "so-ho.xlsx", content_type: str = XLSX) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def good_rows(hamlet_code="30025-01", other_hamlet_code="30025-02"):
    """Three households, six residents, as an official would type them."""
    return [
        [
            "HG-001",
            hamlet_code,
            "Số 12, tổ 3",
            "Nguyễn Văn An",
            1968,
            "Nam",
            "087068001234",
            "Chủ hộ",
            "0912 345 679",
        ],
        ["HG-001", hamlet_code, "Số 12, tổ 3", "Trần Thị Bích", 1971, "Nữ", "087171005678", "Vợ", None],
        ["HG-001", hamlet_code, "Số 12, tổ 3", "Nguyễn Minh Khôi", 1995, "Nam", None, "Con", None],
        ["HG-002", hamlet_code, "Số 40, tổ 4", "Lê Thị Hồng", 1955, "Nữ", "087155000111", "Chủ hộ", None],
        [
            "HG-003",
            other_hamlet_code,
            "Tổ 1, ấp Phú Lợi",
            "Huỳnh Văn Sang",
            1980,
            "Nam",
            None,
            "Chủ hộ",
            "+84 903 111 222",
        ],
        ["HG-003", other_hamlet_code, "Tổ 1, ấp Phú Lợi", "Võ Thị Mai", 1983, "Nữ", None, "Vợ", None],
    ]
