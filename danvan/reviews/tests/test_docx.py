"""The report read back from its DOCX (python-docx): the Party heading, the State heading, the annex."""

import datetime as dt
import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from danvan.reviews import figures, selectors, services
from danvan.reviews.documents import report_docx
from danvan.reviews.models import DocumentFormat, DocumentIssuer
from danvan.units.models import UnitKind
from danvan.units.services import unit_create

from .conftest import case

D = dt.date


def _runs(cell_or_doc):
    return [(p.text, p.runs[0]) for p in cell_or_doc.paragraphs if p.runs]


@pytest.fixture
def party_report(cast, period, district_leader):
    case(cast, cast.commune, D(2026, 2, 1), D(2026, 2, 10))
    case(cast, cast.sibling_commune, D(2026, 3, 1))
    bdv = unit_create(
        actor=None,
        code="871-BDV",
        name="Ban Dân vận Huyện uỷ Tam Nông",
        kind=UnitKind.MOBILISATION_COMMISSION,
        parent=cast.district,
        valid_from=cast.district.valid_from,
    )
    DocumentIssuer.objects.create(
        unit=bdv,
        format=DocumentFormat.PARTY,
        superior_name="HUYỆN UỶ TAM NÔNG",
        name="BAN DÂN VẬN",
        symbol="BDVHU",
        place="Tam Nông",
        signer_title="TRƯỞNG BAN",
        signer_name="Nguyễn Văn A",
        recipients="- Ban Dân vận Tỉnh uỷ;\n- Lưu.",
    )
    report = services.report_create(actor=district_leader, period=period, unit=cast.district)
    assert report.issuer == bdv
    services.manual_values_set(actor=district_leader, report=report, values={"manual.supervisions": "6"})
    services.report_update(
        actor=district_leader, report=report, sections={}, number=45, issued_on=D(2026, 7, 10)
    )
    return services.report_submit(actor=district_leader, report=report, today=D(2026, 7, 6))


def test_party_format_heading_body_recipients_and_annex(party_report):
    doc = Document(io.BytesIO(report_docx(party_report)))
    left, right = doc.tables[0].rows[0].cells
    title_text, title = _runs(right)[0]
    assert title_text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert (
        title.bold and title.underline and title.font.size == Pt(15) and title.font.name == "Times New Roman"
    )
    place_text, place = _runs(right)[1]
    assert place_text == "Tam Nông, ngày 10 tháng 7 năm 2026" and place.italic
    lines = _runs(left)
    assert [t for t, _r in lines] == ["HUYỆN UỶ TAM NÔNG", "BAN DÂN VẬN", "*", "Số 45-BC/BDVHU"]
    assert not lines[0][1].bold and lines[1][1].bold and lines[0][1].font.size == Pt(14)
    assert ":" not in lines[3][0]
    body = _runs(doc)
    texts = [t for t, _r in body]
    i = texts.index("BÁO CÁO")
    assert body[i][1].bold and body[i][1].font.size == Pt(16)
    assert texts[i + 1].startswith(
        "Sơ kết công tác dân vận và thực hiện dân chủ ở cơ sở 6 tháng đầu năm 2026"
    )
    paragraphs = [r for t, r in body[i + 2 : texts.index("PHỤ LỤC")] if len(t) > 80]
    assert paragraphs and all(r.font.size == Pt(14) and r.font.name == "Times New Roman" for r in paragraphs)
    assert any(t.startswith("II. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2026") for t in texts)
    foot_left = [t for t, _r in _runs(doc.tables[1].rows[0].cells[0])]
    assert foot_left == ["Nơi nhận:", "- Ban Dân vận Tỉnh uỷ;", "- Lưu."]
    annex = {row.cells[1].text: row.cells[3].text for row in doc.tables[2].rows[1:]}
    values = selectors.report_values(party_report)
    for line in figures.lines():
        if values.get(line.key) is not None:
            assert annex[line.label] == figures.format_value(line.measure, values[line.key], bare=True)
    assert annex["Đơn thư tiếp nhận"] == "2" and annex["Cuộc giám sát của Mặt trận và các đoàn thể"] == "6"
    # the annex's columns fixed for both readers (LibreOffice reads the grid, Word the cells): the labels wide
    grid = [int(c.get(qn("w:w"))) for c in doc.tables[2]._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid[1] > 3 * grid[0] and grid[1] > 3 * grid[3]
    assert all(row.cells[1].width == doc.tables[2].columns[1].width for row in doc.tables[2].rows)


def test_state_format_for_a_peoples_committee(cast, district_leader):
    period = services.period_ensure(text="2020-H1", reporter_kind="peoples_committee")
    ubnd = unit_create(
        actor=None,
        code="30025-UBND",
        name="Uỷ ban nhân dân xã Phú Cường",
        kind=UnitKind.PEOPLES_COMMITTEE,
        parent=cast.commune,
        valid_from=cast.commune.valid_from,
    )
    report = services.report_create(actor=cast.tuan, period=period, unit=cast.commune)
    assert report.issuer == ubnd
    report = services.report_update(
        actor=cast.tuan, report=report, sections={}, number=15, issued_on=D(2020, 7, 3)
    )
    doc = Document(io.BytesIO(report_docx(report)))
    left, right = doc.tables[0].rows[0].cells
    assert [t for t, _r in _runs(right)][:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert _runs(right)[1][1].underline
    assert [t for t, _r in _runs(left)][-1] == "Số: 15/BC-UBND"
    assert _runs(right)[2][0] == "Phú Cường, ngày 03 tháng 7 năm 2020" and _runs(right)[2][1].italic
    texts = [p.text for p in doc.paragraphs]
    assert any("quy chế dân chủ ở cơ sở 6 tháng đầu năm 2020" in t for t in texts)  # the 2020 wording


def test_the_command_finds_the_report_by_the_issuing_body_too(party_report, tmp_path):
    from django.core.management import call_command

    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    call_command("review_docx", unit="871", period="2026-H1", output=str(a))
    call_command(
        "review_docx", "--unit", "871-BDV", "--period", "2026-H1", "--on", "2026-07-12", "-o", str(b)
    )
    doc_a, doc_b = Document(str(a)), Document(str(b))
    assert "ngày 10 tháng 7" in doc_a.tables[0].rows[0].cells[1].paragraphs[1].text
    assert "ngày 12 tháng 7" in doc_b.tables[0].rows[0].cells[1].paragraphs[1].text
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("review_docx", unit="871", period="2026-H2", output=str(a))


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_the_pdf_holds_the_same_vietnamese_text_as_the_docx(party_report, settings):
    from pypdf import PdfReader

    from danvan.reviews.documents import report_content, report_pdf

    settings.DANVAN_DOCUMENT_CACHE = None
    data = report_pdf(party_report)
    assert data.startswith(b"%PDF-")
    text = _squash(_pdf_text(data))
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "HUYỆN UỶ TAM NÔNG",
        "BAN DÂN VẬN",
        "Số 45-BC/BDVHU",
        "Tam Nông, ngày 10 tháng 7 năm 2026",
        "BÁO CÁO",
        "Nơi nhận:",
        "PHỤ LỤC",
        "Cuộc giám sát của Mặt trận và các đoàn thể",
    ):
        assert expected in text, expected
    content = report_content(party_report)
    supervisions = next(r for r in content.annex if r.label == "Cuộc giám sát của Mặt trận và các đoàn thể")
    assert supervisions.value == "6"
    assert "Cuộc giám sát của Mặt trận và các đoàn thể Số lượng 6" in text  # the annex row, its figure
    fonts = {
        str(f["/BaseFont"])
        for page in PdfReader(io.BytesIO(data)).pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("Serif" in f for f in fonts), fonts  # a serif with Vietnamese glyphs, embedded


def test_the_pdf_in_the_state_format_has_the_national_title_and_the_number_with_a_colon(
    cast, district_leader, settings
):
    from danvan.reviews.documents import report_pdf

    settings.DANVAN_DOCUMENT_CACHE = None
    period = services.period_ensure(text="2020-H1", reporter_kind="peoples_committee")
    unit_create(
        actor=None,
        code="30025-UBND",
        name="Uỷ ban nhân dân xã Phú Cường",
        kind=UnitKind.PEOPLES_COMMITTEE,
        parent=cast.commune,
        valid_from=cast.commune.valid_from,
    )
    report = services.report_create(actor=cast.tuan, period=period, unit=cast.commune)
    report = services.report_update(
        actor=cast.tuan, report=report, sections={}, number=15, issued_on=D(2020, 7, 3)
    )
    text = _squash(_pdf_text(report_pdf(report)))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Số: 15/BC-UBND" in text and "ĐẢNG CỘNG SẢN" not in text


def test_the_command_writes_the_pdf_with_pdf(party_report, tmp_path, settings):
    from django.core.management import call_command

    settings.DANVAN_DOCUMENT_CACHE = None
    out = tmp_path / "r.pdf"
    call_command("review_docx", "--unit", "871-BDV", "--period", "2026-H1", "--pdf", "-o", str(out))
    text = _squash(_pdf_text(out.read_bytes()))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "Số 45-BC/BDVHU" in text
