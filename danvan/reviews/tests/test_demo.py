"""The demo: Tam Nông district's first half of 2020, reproducible from the 2020 units, under any date."""

import io

import pytest
from django.core.management import call_command
from docx import Document

from danvan.reviews import demo, figures
from danvan.reviews.models import ReportStatus, UnitReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    from danvan.cases import demo as cases_demo
    from danvan.dialogues import demo as dialogues_demo
    from danvan.units import demo as units_demo

    units_demo.seed()
    cases_demo.seed()
    dialogues_demo.seed()
    assert demo.seed() == 14 and demo.seed() == 0  # 12 communes, the district, new Tràm Chim: once


def test_the_2020_review_of_tam_nong_renders_by_the_district_or_its_ban_dan_van(seeded, tmp_path):
    district = UnitReport.objects.get(unit__code="871", period__start__year=2020)
    assert district.status == ReportStatus.APPROVED and district.issuer.code == "871-BDV"
    children = UnitReport.objects.filter(unit__parent=district.unit)
    assert children.count() == 12 and set(children.values_list("status", flat=True)) == {
        ReportStatus.APPROVED
    }
    assert district.figures["manual.supervisions"] == sum(c.figures["manual.supervisions"] for c in children)
    # the district's own cases (received by the district itself) come on top of the communes'
    assert district.figures["cases.received"] >= sum(c.figures["cases.received"] for c in children) > 0
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    call_command("review_docx", unit="871", period="2020-H1", output=str(a))
    call_command("review_docx", unit="871-BDV", period="2020-H1", output=str(b))
    left, right = Document(str(a)).tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs] == ["HUYỆN UỶ TAM NÔNG", "BAN DÂN VẬN", "*", "Số 45-BC/BDVHU"]
    assert right.paragraphs[1].text == "Tam Nông, ngày 08 tháng 7 năm 2020"
    assert [p.text for p in Document(str(b)).paragraphs] == [p.text for p in Document(str(a)).paragraphs]
    pdf = tmp_path / "a.pdf"
    call_command("review_docx", "--unit", "871", "--period", "2020-H1", "--pdf", "-o", str(pdf))
    from pypdf import PdfReader

    pdf_text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(pdf)).pages).split())
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in pdf_text and "Số 45-BC/BDVHU" in pdf_text
    assert "Tam Nông, ngày 08 tháng 7 năm 2020" in pdf_text
    supervisions = figures.format_value("count", district.figures["manual.supervisions"], bare=True)
    assert f"Cuộc giám sát của Mặt trận và các đoàn thể Số lượng {supervisions}" in pdf_text
    out = io.StringIO()
    call_command("review_article", unit="871", period="2020-H1", stdout=out)
    text = out.getvalue()
    assert text.startswith("Hội nghị sơ kết công tác dân vận, quy chế dân chủ ở cơ sở 6 tháng đầu năm 2020")
    assert "Ngày 10-07-2020, Ban Dân vận Huyện uỷ Tam Nông tổ chức" in text and "Trần Văn Tư" in text
