"""The same period of earlier years across a merge: a commune formed on 1 July 2025 from the cast's Phú Cường
and An Long (whole) and 40 % of Tân Phú (a partial merge) shows their figures of the first half of 2024, mapped
through the successions — sums by share, rates from the shared parts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from danvan.reviews import history, selectors, services
from danvan.units.models import Unit, UnitKind
from danvan.units.services import succession_create, unit_create

from .conftest import case

D = dt.date
REFORM, OLD_END = D(2025, 7, 1), D(2025, 6, 30)


@pytest.fixture
def merged(cast):
    """2024-H1 (cut-off 15/06/2024): Phú Cường 2 cases resolved (1 on time, 1 late); An Long 1 resolved on
    time; Tân Phú 5 received, 4 resolved (2 on time). Then the reform: the three end on 30/06/2025 and the new
    Xã Phú Cường takes Phú Cường and An Long whole and Tân Phú at 0.4."""
    case(cast, cast.commune, D(2024, 1, 10), D(2024, 1, 20))
    case(cast, cast.hamlet, D(2024, 2, 10), D(2024, 4, 20), late=True)
    case(cast, cast.sibling_commune, D(2024, 3, 1), D(2024, 3, 5))
    for n in range(4):
        case(cast, cast.far_commune, D(2024, 2, 1 + n), D(2024, 2, 6 + n), late=n >= 2)
    case(cast, cast.far_commune, D(2024, 5, 2))
    case(cast, cast.commune, D(2024, 6, 20), D(2024, 6, 25))  # after the 2024 cut-off day
    old = [cast.commune, cast.sibling_commune, cast.far_commune]
    Unit.objects.filter(pk__in=[u.pk for u in old]).update(valid_to=OLD_END)
    Unit.objects.filter(parent__in=old).update(valid_to=OLD_END)
    for unit in old:
        unit.refresh_from_db()
    new = unit_create(
        actor=None,
        code="30025",
        name="Xã Phú Cường",
        kind=UnitKind.COMMUNE,
        parent=cast.district,
        valid_from=REFORM,
    )
    for unit, share in ((cast.commune, 1), (cast.sibling_commune, 1), (cast.far_commune, "0.4")):
        succession_create(actor=None, predecessor=unit, successor=new, date=REFORM, share=share)
    cast.new_commune = new
    return cast


@pytest.fixture
def report(merged, period):
    return services.report_create(actor=None, period=period, unit=merged.new_commune)


def test_the_predecessors_are_named_with_their_shares(report, merged):
    y2025, y2024 = history.predecessor_figures(report, years_back=2)
    assert (y2025.title, y2024.title) == ("6 tháng đầu năm 2025", "6 tháng đầu năm 2024")
    assert (y2024.start, y2024.cutoff, y2024.end) == (D(2024, 1, 1), D(2024, 6, 15), D(2024, 6, 30))
    assert sorted((p.unit.name, p.share) for p in y2024.predecessors) == [
        ("Xã An Long", 1),
        ("Xã Phú Cường", 1),
        ("Xã Tân Phú", Decimal("0.4")),
    ]
    assert y2024.merged and y2024.estimated and history.was_other_units(report)
    assert "Xã Tân Phú (40% theo tỷ lệ sáp nhập)" in y2024.names()
    assert all(p.unit.valid_to == OLD_END for p in y2024.predecessors)


def test_whole_predecessors_add_and_a_partial_one_counts_by_its_share(report, merged):
    values = history.predecessor_figures(report, years_back=2)[1].values
    # 2 + 1 + 0.4 × 5 received; 2 + 1 + 0.4 × 4 resolved; 1 + 1 + 0.4 × 2 on time
    assert values["cases.received"] == 5
    assert values["cases.resolved"] == pytest.approx(4.6)
    assert values["cases.resolved_on_time"] == pytest.approx(2.8)
    # the rate from the shared numerator and denominator: 2.8 / 4.6, not (1+1+2)/(2+1+4) nor a mean of rates
    assert values["cases.resolved_on_time_rate"] == round(100 * 2.8 / 4.6, 1) == 60.9
    whole = [
        selectors.figures.computed(u, D(2024, 1, 1), D(2024, 6, 15))
        for u in (merged.commune, merged.sibling_commune)
    ]
    partial = selectors.figures.computed(merged.far_commune, D(2024, 1, 1), D(2024, 6, 15))
    for key in ("cases.received", "cases.resolved", "cases.accepted"):
        assert values[key] == pytest.approx(whole[0][key] + whole[1][key] + 0.4 * partial[key]), key


def test_a_single_partial_predecessor_keeps_its_rate(merged, period):
    """A commune that took only 40 % of Tân Phú: 40 % of its counts, its own rate (2 of 4 on time)."""
    other = unit_create(
        actor=None,
        code="30131",
        name="Xã Tân Huề",
        kind=UnitKind.COMMUNE,
        parent=merged.other_district,
        valid_from=REFORM,
    )
    succession_create(actor=None, predecessor=merged.far_commune, successor=other, date=REFORM, share="0.6")
    report = services.report_create(actor=None, period=period, unit=other)
    values = history.predecessor_figures(report, years_back=2)[1].values
    assert values["cases.received"] == 3 and values["cases.resolved"] == pytest.approx(2.4)
    assert values["cases.resolved_on_time_rate"] == 50.0


def test_a_predecessors_signed_report_gives_its_frozen_figures_manual_ones_included(merged, report):
    old_period = services.period_ensure(text="2024-H1")
    old = services.report_create(actor=None, period=old_period, unit=merged.far_commune)
    services.manual_values_set(actor=None, report=old, values={"manual.supervisions": "5"})
    services.report_submit(actor=None, report=old, today=D(2024, 7, 2))
    case(merged, merged.far_commune, D(2024, 3, 3))  # entered after its report was signed
    (y2024,) = [p for p in history.predecessor_figures(report, years_back=2) if p.start.year == 2024]
    far = next(p for p in y2024.predecessors if p.unit == merged.far_commune)
    assert far.frozen and not any(p.frozen for p in y2024.predecessors if p is not far)
    assert y2024.values["manual.supervisions"] == 2  # 0.4 × 5
    assert y2024.values["cases.received"] == 5  # the frozen 5 of Tân Phú, not 6


def test_the_report_page_shows_the_earlier_years_beside_this_period(client, merged, report):
    client.login(username=merged.hoa.username, password=merged.password)
    page = client.get(reverse("reviews:ws_report", args=[report.pk])).content.decode()
    assert "Cùng kỳ các năm trước (các đơn vị trước sắp xếp)" in page
    assert 'data-label="6 tháng đầu năm 2024"' in page
    assert "6 tháng đầu năm 2025" not in page  # no figure in 2025 (nor 2023 … 2020): left out
    assert "6 tháng đầu năm 2023" not in page
    assert "Xã Tân Phú (40% theo tỷ lệ sáp nhập)" in page
    table = history.table(report, selectors.report_values(report))
    received = next(r for r in table.rows if r[0].key == "cases.received")
    assert received[2] == [("6 tháng đầu năm 2024", "5")]
    resolved = next(r for r in table.rows if r[0].key == "cases.resolved")
    assert resolved[2] == [("6 tháng đầu năm 2024", "4,6")]


def test_a_unit_unchanged_by_the_reform_shows_no_such_table(cast, period, django_assert_max_num_queries):
    report = services.report_create(actor=None, period=period, unit=cast.commune)
    assert not history.was_other_units(report)
    values = selectors.report_values(report)
    with django_assert_max_num_queries(6):  # the mappings only (no figure computed for 6 years)
        assert history.table(report, values) is None
    (y2025,) = history.predecessor_figures(report, years_back=1)
    assert [p.unit for p in y2025.predecessors] == [cast.commune] and not y2025.merged


def test_the_docx_and_the_pdf_carry_the_earlier_years_in_their_annex(merged, report):
    import io

    from docx import Document
    from docx.oxml.ns import qn
    from pypdf import PdfReader

    from danvan.reviews import documents

    doc = Document(io.BytesIO(documents.report_docx(report)))
    texts = [p.text for p in doc.paragraphs]
    assert "Cùng kỳ các năm trước (các đơn vị trước sắp xếp)" in texts
    assert any("Xã Tân Phú (40% theo tỷ lệ sáp nhập)" in t for t in texts)
    earlier = doc.tables[-1]
    assert [c.text for c in earlier.rows[0].cells][-1] == "2024"  # the columns by year, the period said once:
    assert "Số liệu 6 tháng đầu năm 2026 và cùng kỳ các năm trước, theo năm." in texts
    assert earlier.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page it runs onto
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in earlier.rows[1:]}
    assert rows["Đơn đã giải quyết"][-1] == "4,6"  # 2 + 1 + 40 % of 4
    assert any("tỷ lệ sáp nhập" in t and "ước tính" in t for t in texts)
    pdf = "".join(page.extract_text() for page in PdfReader(io.BytesIO(documents.report_pdf(report))).pages)
    assert "Cùng kỳ các năm trước" in pdf and "4,6" in pdf
    # a unit the reforms left alone has no such table
    alone = services.report_create(actor=None, period=report.period, unit=merged.district)
    assert documents.annex_earlier(alone) is None


def test_the_predecessors_are_named_once_for_the_years_they_were_the_same_units():
    from types import SimpleNamespace

    def period(title, *names):
        units = [history.Predecessor(SimpleNamespace(name=n), Decimal(1), False) for n in names]
        return history.EarlierPeriod(title, D(2020, 1, 1), D(2020, 6, 30), D(2020, 6, 15), units, {})

    same = history.HistoryTable([period("2021", "Xã A", "Xã B"), period("2020", "Xã A", "Xã B")], [])
    assert same.name_notes() == ["Các đơn vị trước sắp xếp: Xã A, Xã B."]
    other = history.HistoryTable(
        [period("2022", "Xã A", "Xã B"), period("2021", "Xã A", "Xã B"), period("2020", "Xã A")], []
    )
    assert other.name_notes() == ["2022, 2021: Xã A, Xã B.", "2020: Xã A."]


def test_the_dashboard_reads_a_merged_units_year_before_from_its_predecessors(merged, period):
    """The dashboard and the report page agree: a commune formed on 1/7/2025 shows for the first half of 2025
    what its predecessors did (it said "no figure", the unit not existing yet)."""
    from danvan.reviews import dashboard

    case(merged, merged.commune, D(2025, 3, 1), D(2025, 3, 5))
    case(merged, merged.far_commune, D(2025, 3, 2))  # 40 % of Tân Phú's: 0.4
    board = dashboard.build(merged.new_commune, period)
    assert board.year_before.values["cases.received"] == 1.4
    assert board.year_before.values["cases.resolved"] == 1
