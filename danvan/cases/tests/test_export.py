"""The register of cases as XLSX: scoped and filtered like the inbox, audited, never a denouncer's identity."""

import io
import zipfile

import pytest
from django.urls import reverse

from danvan.audit.models import AuditEvent
from danvan.cases import exports

from .helpers import DENOUNCER, submit

pytestmark = pytest.mark.django_db
XLSX_URL = reverse("cases:inbox_xlsx")


def sheet_text(content: bytes) -> str:
    """Every XML part of the workbook as one string (cells may live in sharedStrings or inline)."""
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return " ".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))


def rows(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(content), read_only=True).active
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_register_lists_scoped_filtered_cases_without_denouncer_identity(client, cast):
    feedback = submit(cast, name="Võ Thị Mai", address="Ấp Phú Lợi", phone="0912000111")
    den = submit(cast, "denunciation")
    far = submit(cast, unit=cast.far_commune, title="Ở huyện khác")
    client.force_login(cast.minh)
    response = client.get(XLSX_URL)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    data = rows(response.content)
    assert data[2] == exports.header()
    codes = {r[1] for r in data[3:]}
    assert codes == {feedback.code, den.code} and far.code not in codes
    by_code = {r[1]: r for r in data[3:]}
    assert by_code[feedback.code][7] == "Võ Thị Mai, Ấp Phú Lợi"
    assert by_code[den.code][7] == "(giữ bí mật)"
    text = sheet_text(response.content)
    for value in DENOUNCER.values():
        assert value not in text
    only_den = rows(client.get(XLSX_URL, {"kind": "denunciation"}).content)
    assert [r[1] for r in only_den[3:]] == [den.code]
    event = AuditEvent.objects.filter(action="case.export").order_by("pk").first()
    assert event.actor == cast.minh and event.changes["rows"] == [None, 2]


def test_register_refused_without_case_permission_and_too_large_explained(client, cast, monkeypatch):
    client.force_login(cast.lan)
    assert client.get(XLSX_URL).status_code == 404
    submit(cast)
    submit(cast, title="Một hồ sơ khác")
    monkeypatch.setattr(exports, "MAX_ROWS", 1)
    client.force_login(cast.minh)
    response = client.get(XLSX_URL, follow=True)
    assert "vượt quá" in response.content.decode() and not AuditEvent.objects.filter(action="case.export")


def test_register_query_count_does_not_grow_with_rows(client, cast, django_assert_max_num_queries):
    submit(cast)
    client.force_login(cast.minh)
    client.get(XLSX_URL)
    with django_assert_max_num_queries(14):
        client.get(XLSX_URL)
    for i in range(15):
        submit(cast, "denunciation" if i % 2 else "complaint", title=f"Hồ sơ {i}")
    with django_assert_max_num_queries(14):
        response = client.get(XLSX_URL)
    assert len(rows(response.content)) == 3 + 16
