import io
import json

import pytest
from openpyxl import load_workbook

from danvan.audit.models import AuditEvent
from danvan.communities import services

from .helpers import cash, project

pytestmark = pytest.mark.django_db


def test_the_ledger_exports_as_a_formula_safe_spreadsheet_and_is_audited(client, cast):
    p = project(cast)
    cash(cast, p, value=1_500_000, contributor_name='=HYPERLINK("http://x")')
    e = cash(cast, p, value=700_000)
    services.contribution_reverse(actor=cast.tuan, entry=e, reason="Nhầm")
    client.force_login(cast.tuan)
    r = client.get("/can-bo/dong-gop/xuat.xlsx")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxml")
    book = load_workbook(io.BytesIO(r.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[2][0] == "STT" and len(rows) == 3 + 3
    names = [row[3] for row in rows[3:]]
    assert '=HYPERLINK("http://x")' in names
    cell = [c for c in book.worksheets[0]["D"] if c.value == '=HYPERLINK("http://x")'][0]
    assert cell.data_type == "s"
    assert sum(row[7] for row in rows[3:]) == 1_500_000
    assert AuditEvent.objects.filter(action="contribution.export").exists()


def test_open_data_carries_projects_and_totals_without_names(client, cast):
    p = project(cast)
    cash(cast, p, value=1_000_000, contributor_name="Ông Tư Bí Mật")
    data = json.loads(client.get("/hoi-quan/du-lieu-mo/cong-trinh.json").content)
    [row] = data["cong_trinh"]
    assert row["du_toan_dong"]["state"] == 300_000_000 and row["da_dong_gop_dong"]["people"] == 1_000_000
    csv_text = client.get("/hoi-quan/du-lieu-mo/cong-trinh.csv").content.decode()
    assert "Đường bê tông ấp Phú Hòa" in csv_text and "Ông Tư" not in csv_text
    totals = json.loads(client.get("/hoi-quan/du-lieu-mo/tong-hop.json").content)["tong_hop"]
    assert totals == [
        {
            "xa": "Xã Phú Cường",
            "ma_xa": "30025",
            "hinh_thuc": "cash",
            "nguon": "people",
            "gia_tri_dong": 1_000_000,
            "so_luong": 0.0,
            "so_but_toan": 1,
        }
    ]
