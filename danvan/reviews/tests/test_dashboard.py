"""The dashboard: charts drawn as SVG and PNG, laggards among the children, the changes in words, the page
scoped to the officer's units, and the charts in the report's DOCX."""

import datetime as dt
import io
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.urls import reverse

from danvan.access.roles import Role
from danvan.core import indicators as ind
from danvan.reviews import charts, dashboard, figures, services
from danvan.reviews.documents import report_docx
from tests.cast import _grant, _user

from .conftest import case

D = dt.date
pytestmark = pytest.mark.django_db
URL = reverse("reviews:ws_dashboard")
SVG = "{http://www.w3.org/2000/svg}"


def _line(key):
    return next(ln for ln in figures.lines() if ln.key == key)


def test_a_chart_is_valid_svg_with_its_vietnamese_title_and_no_style_and_a_png():
    chart = charts.Chart(
        charts.OVER_PERIODS,
        "Tỉ lệ giải quyết đúng hạn qua các kỳ",
        ind.PERCENT,
        (("6 tháng cuối\n2025", 62.5), ("6 tháng đầu\n2026", 1234.5)),
    )
    markup = charts.svg(chart)
    root = ET.fromstring(markup)
    assert root.tag == SVG + "svg" and root.get("role") == "img" and root.get("viewBox")
    assert root.get("width") is None  # scales with its column
    assert root.find(SVG + "title").text == "Tỉ lệ giải quyết đúng hạn qua các kỳ"
    assert root.get("aria-labelledby").split()[0] == root.find(SVG + "title").get("id")
    texts = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    assert "1.234,5%" in texts and "62,5%" in texts and "6 tháng đầu" in texts  # Vietnamese numbers, as text
    assert "style=" not in markup and "<style" not in markup  # the site's CSP forbids inline styles
    assert "1.234,5%" in root.find(SVG + "desc").text
    data = charts.png(chart)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_inline_svg_has_no_namespace_prefix_even_after_weasyprint_rewrote_the_registry():
    """WeasyPrint's PDF metadata (imported with the first PDF) maps ElementTree's empty prefix to no namespace;
    a chart drawn after it must still be an <svg> element for the HTML parser, not an unknown <ns0:svg>."""
    import weasyprint.pdf.metadata  # noqa: F401  (registers its namespaces on import)

    ET.register_namespace("", "")  # what that import does, in case it was imported before this test
    chart = charts.Chart(
        charts.THREE_PERIODS, "Đơn thư đã giải quyết", ind.COUNT, (("a", 1), ("b", 2), ("c", 5))
    )
    markup = charts.svg(chart)
    assert markup.startswith("<svg ") and 'xmlns="http://www.w3.org/2000/svg"' in markup, markup[:120]
    assert "ns0:" not in markup and "ns1:" not in markup
    assert ET.fromstring(markup).tag == SVG + "svg"
    cache.clear()


def test_a_chart_is_drawn_once_and_then_read_from_the_cache(monkeypatch):
    chart = charts.Chart(charts.THREE_PERIODS, "Đơn thư tiếp nhận", ind.COUNT, (("a", 1), ("b", 2), ("c", 3)))
    first = charts.svg(chart)
    monkeypatch.setattr(charts, "_figure", lambda c: pytest.fail("drawn again"))
    assert charts.svg(chart) == first
    other = charts.Chart(charts.THREE_PERIODS, "Đơn thư tiếp nhận", ind.COUNT, (("a", 1), ("b", 2), ("c", 4)))
    with pytest.raises(pytest.fail.Exception):
        charts.svg(other)  # another figure: another drawing
    cache.clear()


def test_children_chart_marks_laggards_in_words_and_lists_them_in_its_table():
    chart = charts.Chart(
        charts.CHILDREN,
        "Tỉ lệ giải quyết đúng hạn theo đơn vị trực thuộc",
        ind.PERCENT,
        (("Xã Phú Cường", 90.0, False), ("Xã An Long", 40.0, True), ("Xã Tân Phú", None, False)),
        median=65.0,
    )
    texts = [t.text for t in ET.fromstring(charts.svg(chart)).iter(SVG + "text")]
    assert any("chậm" in (t or "") for t in texts) and any("trung vị" in (t or "") for t in texts)
    headers, rows = chart.table()
    assert headers == ["Đơn vị", "Kết quả", "Đánh giá"]
    assert rows == [
        ["Xã Phú Cường", "90%", ""],
        ["Xã An Long", "40%", "chậm"],
        ["Xã Tân Phú", "không có số liệu", ""],
    ]


def test_the_docx_draws_the_children_that_do_worst_when_they_are_many(cast):
    """A province's 330 children drew a bar each: a picture 119 inches tall (2.6 MB, seconds to draw). The
    DOCX draws at most DOCX_CHILDREN_MAX, the worst first, by the indicator's direction, and says so."""
    from danvan.units.models import Unit

    def board(key, values):
        kids = [
            dashboard.ChildFigure(Unit(name=f"Xã {n}"), v, str(v), False, False) for n, v in enumerate(values)
        ]
        return dashboard.Dashboard(
            unit=cast.province,
            period=None,
            this=None,
            previous=None,
            year_before=None,
            series=[],
            sections=[],
            lines=[],
            key_lines=[],
            focus=_line(key),
            children=kids,
            focus_median=None,
            focus_rule="",
        )

    most = dashboard.DOCX_CHILDREN_MAX
    values = [float(v) for v in range(40)] + [None]
    chart = board("cases.resolved_on_time_rate", values).children_chart(wide=True, most=most)
    assert [r[1] for r in chart.rows] == [float(v) for v in range(most)]  # higher is better: the lowest
    assert f"{most} trong số 41 đơn vị trực thuộc" in chart.note
    chart = board("cases.average_days_to_resolve", values).children_chart(wide=True, most=most)
    assert [r[1] for r in chart.rows] == [float(v) for v in range(39, 39 - most, -1)]  # fewer days is better
    few = board("cases.resolved_on_time_rate", values[:5]).children_chart(wide=True, most=most)
    assert len(few.rows) == 5 and few.note == ""
    assert len(board("cases.resolved_on_time_rate", values).children_chart().rows) == 41  # the page: all


def test_laggards_are_the_worst_quartile_below_the_median_by_the_indicators_direction():
    values = {"a": 90, "b": 80, "c": 75, "d": 70, "e": 20, "f": None}
    lag, median = dashboard.laggards(values, ind.HIGHER)
    assert lag == {"e"} and median == 75
    assert dashboard.laggards(values, ind.LOWER)[0] == {"a"}
    assert dashboard.laggards(values, ind.NEUTRAL)[0] == set()
    assert dashboard.laggards({"a": 5, "b": 5, "c": 5, "d": 5}, ind.HIGHER)[0] == set()  # equal: nobody
    assert dashboard.laggards({"a": 50, "b": 80}, ind.HIGHER)[0] == {"a"}  # two: below the median
    assert dashboard.laggards({"a": 50}, ind.HIGHER)[0] == set()


def test_the_direction_comes_from_the_measure_unless_the_indicator_says():
    assert dashboard.better(_line("cases.resolved_on_time_rate")) == ind.HIGHER
    assert dashboard.better(_line("cases.average_days_to_resolve")) == ind.LOWER
    assert dashboard.better(_line("cases.received")) == ind.NEUTRAL  # a count grows with the unit's size
    assert dashboard.better(_line("decisions.pass_rate")) == ind.NEUTRAL  # declared so


def test_a_change_is_said_in_words_with_its_arrow_and_whether_it_is_better():
    d = dashboard.delta(_line("cases.received"), 12, 10)
    assert (d.arrow, d.words, d.tone) == ("▲", "tăng 2 (+20%)", "")
    d = dashboard.delta(_line("cases.resolved_on_time_rate"), 62.5, 75.0)
    assert (d.arrow, d.words, d.tone) == ("▼", "giảm 12,5 điểm % — kém hơn", "bad")
    assert dashboard.delta(_line("cases.received"), 3, 3).words == "không đổi"
    assert dashboard.delta(_line("cases.received"), 3, None) is None


def test_the_periods_compared_are_the_previous_half_year_and_the_same_half_a_year_before(period):
    here = dashboard.span_of(period)  # 2026-H1
    assert (dashboard.previous_of(here).start, dashboard.previous_of(here).end) == (
        D(2025, 7, 1),
        D(2025, 12, 31),
    )
    assert dashboard.year_before_of(here).start == D(2025, 1, 1)
    assert [b.start for b in dashboard.series_of(here)] == [
        D(2024, 7, 1),
        D(2025, 1, 1),
        D(2025, 7, 1),
        D(2026, 1, 1),
    ]


@pytest.fixture
def district_data(cast, period, district_leader):
    """Phú Cường: 2 resolved on time, approved; An Long: 2 resolved, one late, computed live."""
    for received, resolved in ((D(2026, 1, 5), D(2026, 1, 9)), (D(2026, 2, 5), D(2026, 2, 9))):
        case(cast, cast.commune, received, resolved)
    case(cast, cast.sibling_commune, D(2026, 1, 5), D(2026, 1, 9))
    case(cast, cast.sibling_commune, D(2026, 2, 5), D(2026, 4, 20), late=True)
    case(cast, cast.commune, D(2025, 3, 5), D(2025, 3, 9))  # the same half a year before
    commune = services.report_create(actor=cast.tuan, period=period, unit=cast.commune)
    services.report_submit(actor=cast.tuan, report=commune, today=D(2026, 6, 20))
    services.report_approve(actor=district_leader, report=commune, today=D(2026, 6, 22))
    return services.report_create(actor=district_leader, period=period, unit=cast.district)


def test_the_district_sees_its_figures_changes_charts_and_the_lagging_commune(
    client, cast, district_data, district_leader
):
    board = dashboard.build(cast.district, district_data.period, "cases.resolved_on_time_rate")
    assert board.this.values["cases.received"] == 4 and board.year_before.values["cases.received"] == 1
    assert board.previous.values is None  # nothing in the platform for the second half of 2025
    by_unit = {c.unit.name: c for c in board.children}
    assert by_unit["Xã Phú Cường"].value == 100.0 and by_unit["Xã Phú Cường"].frozen
    assert by_unit["Xã An Long"].value == 50.0 and by_unit["Xã An Long"].laggard
    client.force_login(district_leader)
    r = client.get(
        URL,
        {
            "unit": cast.district.pk,
            "period": district_data.period.pk,
            "indicator": "cases.resolved_on_time_rate",
        },
    )
    assert r.status_code == 200
    page = r.content.decode()
    assert page.count("<svg") == 4 and 'role="img"' in page
    assert "Tỉ lệ giải quyết đúng hạn theo đơn vị trực thuộc" in page
    assert "Đơn vị chậm" in page and "Xã An Long (50%)" in page
    assert "tăng 3 (+300%)" in page  # cases received against the same half of 2025
    assert "không có số liệu" in page
    assert "Bảng số liệu của biểu đồ" in page and 'data-label="Kỳ này"' in page


def test_the_report_page_and_the_review_home_link_to_the_dashboard(
    client, cast, district_data, district_leader
):
    client.force_login(district_leader)
    page = client.get(reverse("reviews:ws_report", args=[district_data.pk])).content.decode()
    assert f"{URL}?unit={cast.district.pk}&amp;period={district_data.period.pk}" in page
    assert URL in client.get(reverse("reviews:ws_home")).content.decode()


def test_the_dashboard_is_scoped_to_the_officers_units(client, cast, district_data):
    r = client.get(URL, {"unit": cast.district.pk})
    assert r.status_code == 302 and r.url.startswith(reverse("access:login"))
    other = _grant(_user("ba", "Lý Văn Ba"), Role.MOBILISATION_OFFICER, cast.other_district)
    client.force_login(other)
    assert client.get(URL, {"unit": cast.district.pk}).status_code == 404
    assert client.get(URL, {"unit": cast.commune.pk}).status_code == 404
    assert client.get(URL, {"unit": "x"}).status_code == 404
    page = client.get(URL).content.decode()  # their own district by default, not Tam Nông
    assert "Huyện Thanh Bình" in page and "Huyện Tam Nông" not in page
    client.force_login(cast.minh)  # a case officer: no reviews
    assert client.get(URL).status_code == 404


def test_a_bad_choice_is_said_beside_its_field(client, cast, district_data, district_leader):
    client.force_login(district_leader)
    r = client.get(URL, {"unit": cast.district.pk, "period": "999", "indicator": "khong-co"})
    assert r.status_code == 200
    page = r.content.decode()
    assert "Kỳ báo cáo đã chọn không có." in page and "Chỉ tiêu đã chọn không có số liệu" in page


def test_the_report_docx_carries_the_charts_as_pictures(cast, district_data):
    from docx import Document

    doc = Document(io.BytesIO(report_docx(district_data)))
    assert len(doc.inline_shapes) == 2  # the key indicators, and the children compared
    texts = [p.text for p in doc.paragraphs]
    assert "Chỉ tiêu chính: kỳ này, kỳ trước và cùng kỳ năm trước" in texts
    blobs = [rel.target_part.blob for rel in doc.part.rels.values() if "image" in rel.reltype]
    assert blobs and all(b[:4] == b"\x89PNG" for b in blobs)


def test_by_default_the_charts_follow_an_indicator_that_has_something_to_show(cast, district_data):
    """With no indicator asked for, the focus is the first indicator with a direction whose figure is not
    nought (the reception days' rate, 0 where no reception day was recorded, drew charts that said nothing)."""
    board = dashboard.build(cast.district, district_data.period)
    now = board.this.values
    directional = [
        ln.key for ln in board.lines if dashboard.better(ln) != ind.NEUTRAL and now.get(ln.key) is not None
    ]
    assert board.focus.key in directional and now[board.focus.key]
    assert not now[directional[0]]  # the first of them is nought here: what the old default drew
