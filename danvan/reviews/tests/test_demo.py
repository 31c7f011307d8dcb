"""The demo: Tam Nông district's first half of 2020, reproducible from the 2020 units, under any date."""

import io

import pytest
from django.core.management import call_command
from docx import Document

from danvan.reviews import demo, documents, figures, history, selectors
from danvan.reviews.models import ReportStatus, UnitReport
from danvan.units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    from danvan.cases import demo as cases_demo
    from danvan.dialogues import demo as dialogues_demo
    from danvan.units import demo as units_demo

    units_demo.seed()
    cases_demo.seed()
    dialogues_demo.seed()
    # 12 communes and the district in 2020; the 6 new communes and the new province in 2026: once
    assert demo.seed() == 20 and demo.seed() == 0


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


def test_the_2020_district_report_is_reproducible_from_the_2020_units_and_their_data(seeded, tmp_path):
    """Recomputed now over the 2020 district (its 2020 communes, not the 2025 ones nor their 2026 data), for
    the 2020 span, the computed figures are the frozen ones; the manual ones are the consolidated entries."""
    report = UnitReport.objects.get(unit__code="871", period__start__year=2020)
    assert report.unit.valid_to.year == 2025 and report.figures_on.year == 2020
    now = figures.computed(report.unit, report.period.start, report.period.cutoff)
    frozen = {k: v for k, v in report.figures.items() if not k.startswith("manual.")}
    assert now == frozen
    assert selectors.recompute_diff(report) == []
    assert {k: v for k, v in report.figures.items() if k.startswith("manual.")} == {
        mv.indicator.key: figures.plain(mv.value) for mv in report.manual_values.select_related("indicator")
    }
    out = tmp_path / "x.docx"
    call_command("review_docx", unit="871", period="2020-H1", output=str(out))
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert any(t.startswith("1. Tiếp tục triển khai Quy chế dân chủ ở cơ sở") for t in texts)
    assert [d.title for d in report.directions.all()][1].startswith("Tổ chức đối thoại trực tiếp")
    assert documents.direction_lines(report)[1].endswith("thời hạn: 31/10/2020.")


def test_2026_reports_of_the_new_units_show_their_predecessors_2020_figures(seeded):
    tram_chim = UnitReport.objects.get(unit__code="30001", period__start__year=2026)
    assert tram_chim.status == ReportStatus.DRAFT and tram_chim.directions.count() == 2
    table = history.table(tram_chim, selectors.report_values(tram_chim))
    assert [p.title for p in table.periods] == ["6 tháng đầu năm 2020"]  # 2021–2025: no figure in the demo
    (y2020,) = table.periods
    assert y2020.names() == "Thị trấn Tràm Chim, Xã Tân Công Sính"
    assert all(p.frozen for p in y2020.predecessors)  # their approved 2020 reports
    old = UnitReport.objects.filter(unit__in=[p.unit for p in y2020.predecessors], period__start__year=2020)
    assert y2020.values["cases.received"] == sum(r.figures["cases.received"] for r in old) > 0
    assert y2020.values["manual.supervisions"] == sum(r.figures["manual.supervisions"] for r in old)
    phu_cuong = UnitReport.objects.get(unit__code="30025", period__start__year=2026)
    assert phu_cuong.status == ReportStatus.APPROVED
    (y2020,) = history.table(phu_cuong, phu_cuong.figures).periods
    assert y2020.names() == "Xã Hòa Bình, Xã Phú Cường, Xã Gáo Giồng (35% theo tỷ lệ sáp nhập)"
    province = UnitReport.objects.get(unit=Unit.objects.get(code="82", valid_from__year=2025))
    assert province.issuer.code == "82-BTGDV" and province.directions.count() == 2
    assert province.manual_values.exists()  # consolidated from the five approved communes
    periods = history.table(province, selectors.report_values(province)).periods
    (y2020,) = [p for p in periods if p.start.year == 2020]
    assert {p.unit.name for p in y2020.predecessors} == {"Tỉnh Đồng Tháp", "Tỉnh Tiền Giang"}
    district = UnitReport.objects.get(unit__code="871", period__start__year=2020)
    assert y2020.values["cases.received"] >= district.figures["cases.received"] > 0
