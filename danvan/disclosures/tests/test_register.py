import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from danvan.disclosures import selectors

from .helpers import D, make

pytestmark = pytest.mark.django_db

TODAY = D(2026, 5, 1)


def build(cast):
    make(
        cast, 1, title="Kế hoạch KT-XH 2026", decision=D(2026, 3, 2), start=D(2026, 3, 3), end=D(2026, 4, 15)
    )
    make(
        cast,
        2,
        title="Dự toán ngân sách 2026",
        decision=D(2026, 1, 2),
        start=D(2026, 1, 5),
        end=D(2026, 2, 10),
    )
    make(cast, 4, title="Quy chế dân chủ ở cơ sở", decision=D(2025, 1, 2), start=D(2025, 1, 3), end=None)
    make(
        cast,
        5,
        title="Mức đóng góp đường giao thông ấp 3",
        decision=D(2026, 2, 2),
        start=D(2026, 2, 26),
        end=D(2026, 3, 31),
    )
    make(cast, 6, title="Bản nháp không tính", decision=D(2026, 2, 2), start=D(2026, 2, 3), publish=False)
    make(
        cast,
        1,
        unit=cast.sibling_commune,
        title="Xã khác",
        decision=D(2026, 3, 2),
        start=D(2026, 3, 3),
        actor=cast.son,
    )


def test_each_status_of_the_register(cast):
    build(cast)
    reg = selectors.register(cast.commune, 2026, 1, today=TODAY)
    status = {row.category.number: row.status for row in reg.rows}
    assert len(reg.rows) == 13  # mandatory items 1–13
    assert status[1] == "current"
    assert status[2] == "expired"
    assert status[3] == "missing"
    assert status[4] == "current"  # permanent
    assert status[5] == "late"
    assert [d.title for d in reg.items] == [
        "Dự toán ngân sách 2026",
        "Mức đóng góp đường giao thông ấp 3",
        "Kế hoạch KT-XH 2026",
    ]
    assert reg.counts["missing"] == 9


def test_the_current_quarter_is_judged_on_today(cast):
    make(cast, 1, decision=D(2026, 4, 1), start=D(2026, 4, 2), end=D(2026, 5, 15))
    assert selectors.register(cast.commune, 2026, 2, today=D(2026, 5, 1)).rows[0].status == "current"
    assert selectors.register(cast.commune, 2026, 2, today=D(2026, 6, 1)).rows[0].status == "expired"


def test_a_newer_disclosure_replaces_an_expired_one(cast):
    make(cast, 2, decision=D(2026, 1, 2), start=D(2026, 1, 5), end=D(2026, 2, 10))
    make(cast, 2, decision=D(2026, 3, 2), start=D(2026, 3, 3), end=D(2026, 4, 10))
    assert selectors.register(cast.commune, 2026, 1, today=TODAY).rows[1].status == "current"


def test_the_matrix_keeps_communes_apart(cast):
    build(cast)
    regs = selectors.register_matrix([cast.commune, cast.sibling_commune], 2026, 1, today=TODAY)
    assert regs[1].rows[0].status in {"current", "expired"} and regs[1].rows[1].status == "missing"
    assert [d.title for d in regs[1].items] == ["Xã khác"]


def params(cast):
    return {"don-vi": cast.commune.code, "nam": 2026, "quy": 1}


def test_the_page_and_both_exports_show_the_same_rows(client, cast):
    build(cast)
    response = client.get(reverse("disclosures:register"), params(cast))
    assert response.status_code == 200
    reg = response.context["reg"]
    html = response.content.decode()
    assert "Hết hạn niêm yết" in html and "Chưa công khai" in html and "Công khai muộn" in html
    expected_status = [[str(r.category.number), r.category.name, r.label] for r in reg.rows]
    expected_items = [d.title for d in reg.items]

    docx = client.get(reverse("disclosures:register_docx"), params(cast))
    assert docx.status_code == 200 and docx["Content-Disposition"].endswith('.docx"')
    doc = Document(io.BytesIO(docx.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "SỔ THEO DÕI CÔNG KHAI THÔNG TIN" in text and "Xã Phú Cường" in text and "Quý 1 năm 2026" in text
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert round(doc.sections[0].page_width.mm) == 210
    status_table, items_table = doc.tables
    rows = [[c.text for c in row.cells] for row in status_table.rows][1:]
    assert [r[:3] for r in rows] == expected_status
    item_rows = [[c.text for c in row.cells] for row in items_table.rows][1:]
    assert [r[2] for r in item_rows] == expected_items
    assert item_rows[0][4] == "05/01/2026"

    xlsx = client.get(reverse("disclosures:register_xlsx"), params(cast))
    wb = load_workbook(io.BytesIO(xlsx.content))
    ws = wb["Tình trạng"]
    values = [list(r) for r in ws.iter_rows(min_row=6, values_only=True)]
    assert [[str(v[0]), v[1], v[2]] for v in values] == expected_status
    assert ws.cell(row=5, column=1).font.bold and ws.column_dimensions["B"].width == 80
    ws2 = wb["Danh mục đã công khai"]
    assert [r[2] for r in ws2.iter_rows(min_row=2, values_only=True)] == expected_items


def test_the_register_defaults_to_the_current_quarter_and_the_first_commune(client, cast):
    response = client.get(reverse("disclosures:register"))
    assert response.status_code == 200
    assert response.context["reg"].commune == cast.sibling_commune  # Xã An Long: the first by name
    assert client.get(reverse("disclosures:register"), {"don-vi": "99999"}).status_code == 404
    assert client.get(reverse("disclosures:register"), {"quy": "7"}).status_code == 404


def test_the_register_query_count_is_bounded(client, cast, django_assert_max_num_queries):
    build(cast)
    for i in range(10):
        make(cast, 1 + i % 3, title=f"Thêm {i}", decision=D(2026, 2, 2), start=D(2026, 2, 3))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("disclosures:register"), params(cast)).status_code == 200


def test_the_workspace_matrix_shows_the_communes_of_a_district_officer(
    client, cast, django_assert_max_num_queries
):
    from danvan.access.models import RoleAssignment
    from danvan.access.roles import Role

    RoleAssignment.objects.create(
        user=cast.hoa, role=Role.LEADER, unit=cast.district, valid_from=D(2019, 1, 1)
    )
    build(cast)
    client.force_login(cast.hoa)
    url = reverse("disclosures:ws_register")
    with django_assert_max_num_queries(20):
        response = client.get(url, {"nam": 2026, "quy": 1})
    assert response.status_code == 200
    names = [r.commune.name for r in response.context["registers"]]
    assert names == ["Xã An Long", "Xã Phú Cường"]  # natural order
    client.force_login(cast.lan)
    assert [r.commune.name for r in client.get(url, {"nam": 2026, "quy": 1}).context["registers"]] == [
        "Xã Phú Cường"
    ]


def test_a_district_supervisor_sees_the_register_of_all_communes_without_editing_rights(client, cast):
    client.force_login(cast.thu)  # MTTQ supervisor of the district: no disclosures.edit
    response = client.get("/can-bo/cong-khai/so-theo-doi/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Xã Phú Cường" in html and "Xã An Long" in html
    assert client.get("/can-bo/cong-khai/").status_code == 404


def test_past_a_handful_of_communes_the_public_register_finds_them_by_name_and_the_officers_page_them(
    client, cast, monkeypatch
):
    """A province's thousands of communes: the public register offers a name search (diacritics ignored)
    instead of a list, and the officers' register pages its rows — no commune is left out (they were cut at
    300, unannounced)."""
    from danvan.disclosures import views

    monkeypatch.setattr(views, "REGISTER_LIST_ALL", 1)
    monkeypatch.setattr(views, "REGISTER_COMMUNES_PER_PAGE", 1)
    url = reverse("disclosures:register")
    html = client.get(url, {"nam": 2026, "quy": 1}).content.decode()
    assert 'name="tim"' in html and '<select id="id_don_vi"' not in html
    found = client.get(url, {"nam": 2026, "quy": 1, "tim": "an long"})
    assert [c.name for c in found.context["found"]] == ["Xã An Long"]
    assert f"?don-vi={cast.sibling_commune.code}&amp;nam=2026&amp;quy=1" in found.content.decode()
    assert "Không có xã, phường nào khớp" in client.get(url, {"tim": "khong co xa nay"}).content.decode()
    client.force_login(cast.hoa)
    ws = reverse("disclosures:ws_register")
    pages = [client.get(ws, {"nam": 2026, "quy": 1, "trang": n}).context for n in (1, 2)]
    assert [r.commune.name for p in pages for r in p["registers"]] == ["Xã An Long", "Xã Phú Cường"]
    assert pages[0]["page"].paginator.count == 2
    assert "nam=2026&amp;quy=1&amp;trang=2" in client.get(ws, {"nam": 2026, "quy": 1}).content.decode()
