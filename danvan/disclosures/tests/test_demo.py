"""The demo's disclosures are ones a commune would recognise: each has its document, a period that fits its item,
a text of its own, and no posting counted current before it starts."""

import datetime as dt
import random
import re

import pytest

from danvan.core.formatting import local_today
from danvan.disclosures import demo, demo_content, selectors
from danvan.disclosures.documents import Document, render_pdf
from danvan.disclosures.models import Disclosure

pytestmark = pytest.mark.django_db

ANNUAL = {1, 3, 7, 9, 10, 12}
QUARTERLY = {6, 8, 14}


@pytest.fixture
def demo_disclosures(db):
    from danvan.units import demo as units_demo

    units_demo.seed()
    demo.seed()
    return list(Disclosure.objects.select_related("category", "unit").prefetch_related("files"))


def test_every_demo_disclosure_carries_its_pdf_document(demo_disclosures):
    assert len(demo_disclosures) > 60
    for d in demo_disclosures:
        files = list(d.files.all())
        assert files, d.title
        assert files[0].content_type == "application/pdf" and files[0].file.open("rb").read(5) == b"%PDF-"


def test_every_demo_disclosure_has_a_period_that_fits_its_item(demo_disclosures):
    for d in demo_disclosures:
        n, title = d.category.number, d.title
        if n in ANNUAL:
            assert re.search(r"năm \d{4}", title) and "quý" not in title, title  # an annual plan: its year
        elif n in QUARTERLY:
            assert re.search(r"quý \d/\d{4}", title), title
        elif n == 2:
            assert re.search(r"(dự toán ngân sách xã năm \d{4})|(quý \d năm \d{4})", title), title
        elif n in (4, 13):
            assert not re.search(r"quý|năm \d{4}", title) and d.posting_end is None, title
    by_year = {}
    for d in demo_disclosures:
        if d.category.number in ANNUAL:
            key = (d.unit_id, d.category.number, re.search(r"năm (\d{4})", d.title).group(1))
            by_year[key] = by_year.get(key, 0) + 1
    assert max(by_year.values()) == 1  # an annual item once a year, not every quarter


def test_demo_texts_are_not_one_boilerplate_line(demo_disclosures):
    bodies = [d.body for d in demo_disclosures]
    # stored as rich text (danvan.core.richtext): several paragraphs or lines, not one sentence
    assert all(len(b) > 200 and b.count("<p>") + b.count("<br>") >= 2 for b in bodies)
    assert len(set(bodies)) == len(bodies)
    assert not any("công khai nội dung:" in b for b in bodies)


def test_no_demo_posting_counted_current_starts_in_the_future(demo_disclosures):
    today = local_today()
    assert sum(d.posting_start > today for d in demo_disclosures) <= 1
    year, quarter = selectors.quarter_of(today)
    communes = sorted({d.unit for d in demo_disclosures if d.unit.valid_to is None}, key=lambda u: u.pk)
    for reg in selectors.register_matrix(communes, year, quarter):
        for row in reg.rows:
            if row.status in (selectors.REG_CURRENT, selectors.REG_LATE):
                assert row.disclosure.posting_start <= today, row.disclosure.title
        assert all(d.posting_start > today for d in reg.scheduled)


def test_a_list_of_beneficiaries_masks_names_and_identity_numbers(cast):
    _title, body, doc = demo_content.build(
        7, cast.commune, [cast.hamlet], 2026, 4, dt.date(2026, 11, 2), random.Random(1)
    )
    rows = doc.tables[0].rows
    assert rows and all(re.fullmatch(r"\S+( \S+)* \w\.", r[1]) for r in rows)  # "Nguyễn Văn H."
    assert all(re.fullmatch(r"\d{3}\*+\d{2}", r[4]) for r in rows)
    assert "che một phần số định danh" in body


def test_a_document_renders_to_a_pdf_with_its_font_embedded(settings):
    settings.DANVAN_DOCUMENT_CACHE = None
    render_pdf.cache_clear()
    doc = Document(
        issuer_parent="UBND TỈNH ĐỒNG THÁP",
        issuer="ỦY BAN NHÂN DÂN XÃ TRÀM CHIM",
        number="Số: 1/TB-UBND",
        place_date="Tràm Chim, ngày 02 tháng 12 năm 2026",
        kind="THÔNG BÁO",
        title="Thử nghiệm tiếng Việt có dấu",
        paragraphs=("Đường liên ấp ngập sâu sau mưa.",),
    )
    data = render_pdf(doc)
    assert data.startswith(b"%PDF-") and len(data) > 8000  # the font's glyphs are embedded
