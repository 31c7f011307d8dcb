"""The report's files: DOCX and PDF made in the background with visible progress, made anew when the report
changes, downloaded through the report's gate; the indicators as XLSX, read back and formula-safe."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.core.documents import DOCX
from danvan.reviews import documents, figures, selectors, services
from danvan.reviews.models import ManualIndicator, RenderingStatus, ReportRendering
from danvan.reviews.tasks import render_report

from .conftest import case
from .test_docx import _pdf_text

D = dt.date


@pytest.fixture(autouse=True)
def _no_document_cache(settings):
    settings.DANVAN_DOCUMENT_CACHE = None


@pytest.fixture
def draft(cast, period):
    case(cast, cast.commune, D(2026, 2, 1), D(2026, 2, 9))
    return services.report_create(actor=cast.hoa, period=period, unit=cast.commune)


def _login(client, user, cast):
    assert client.login(username=user.username, password=cast.password)
    return client


def _content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_files_are_made_in_the_background_and_the_page_shows_the_progress(client, cast, draft):
    _login(client, cast.hoa, cast)
    page_url = reverse("reviews:ws_report", args=[draft.pk])
    docx_url = reverse("reviews:ws_report_docx", args=[draft.pk])
    pdf_url = reverse("reviews:ws_report_pdf", args=[draft.pk])
    page = client.get(page_url).content.decode()
    assert "Tạo tệp Word và PDF" in page and 'http-equiv="refresh"' not in page
    assert client.get(pdf_url).status_code == 302  # nothing made yet: back to the page

    # asked for; the task waits for the commit (which the test's transaction never makes)
    r = client.post(reverse("reviews:ws_report_render", args=[draft.pk]))
    assert r.status_code == 302
    rendering = ReportRendering.objects.get(report=draft)
    assert rendering.status == RenderingStatus.QUEUED and rendering.requested_by == cast.hoa
    page = client.get(page_url).content.decode()
    assert "Đang tạo tệp…" in page and "Đang chờ tạo tệp" in page
    assert 'http-equiv="refresh"' in page and "Tải lại" in page
    assert 'hx-trigger="every 3s"' in page  # with JavaScript, only the card is fetched again
    files_url = reverse("reviews:ws_report_files", args=[draft.pk])
    assert f'hx-get="{files_url}"' in page
    card = client.get(files_url)
    assert card["Cache-Control"] == "no-store" and card.content.decode().startswith('<section class="card"')
    assert "Đang chờ tạo tệp" in card.content.decode() and "<html" not in card.content.decode()
    assert client.get(docx_url).status_code == 302
    client.post(reverse("reviews:ws_report_render", args=[draft.pk]))  # asking again adds nothing
    assert ReportRendering.objects.filter(report=draft).count() == 1

    render_report.enqueue(rendering.pk)  # the worker (tests run tasks at once)
    rendering.refresh_from_db()
    assert rendering.status == RenderingStatus.READY and rendering.progress == 100
    page = client.get(page_url).content.decode()
    assert "Tải về (Word)" in page and "Tải về (PDF)" in page
    assert 'http-equiv="refresh"' not in page and "hx-trigger" not in page
    docx = client.get(docx_url)
    assert docx.status_code == 200 and _content(docx)[:2] == b"PK"
    assert docx["Content-Type"] == DOCX
    pdf = client.get(pdf_url)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = " ".join(_pdf_text(_content(pdf)).split())
    assert "BÁO CÁO" in text and "Xã Phú Cường" in text and "PHỤ LỤC" in text


def test_a_changed_report_needs_new_files(client, cast, draft, django_capture_on_commit_callbacks):
    _login(client, cast.hoa, cast)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reviews:ws_report_render", args=[draft.pk]))
    first = ReportRendering.objects.get(report=draft)
    assert first.status == RenderingStatus.READY
    services.report_update(
        actor=cast.hoa, report=draft, sections={"situation": "Tình hình đã đổi."}, number=7, issued_on=None
    )
    page = client.get(reverse("reviews:ws_report", args=[draft.pk])).content.decode()
    assert "Báo cáo đã thay đổi kể từ lần tạo tệp trước" in page and "Tạo tệp Word và PDF" in page
    assert client.get(reverse("reviews:ws_report_pdf", args=[draft.pk])).status_code == 302  # not the old one
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reviews:ws_report_render", args=[draft.pk]))
    second = ReportRendering.objects.exclude(pk=first.pk).get(report=draft)
    assert second.status == RenderingStatus.READY and second.digest != first.digest
    pdf = client.get(reverse("reviews:ws_report_pdf", args=[draft.pk]))
    text = " ".join(_pdf_text(_content(pdf)).split())
    assert "Tình hình đã đổi." in text and "Số: 7/BC-" in text


def test_a_failed_rendering_says_so_and_may_be_asked_again(
    client, cast, draft, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(content):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(documents, "pdf_bytes", broken)
    _login(client, cast.hoa, cast)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reviews:ws_report_render", args=[draft.pk]))
    assert ReportRendering.objects.get(report=draft).status == RenderingStatus.FAILED
    page = client.get(reverse("reviews:ws_report", args=[draft.pk])).content.decode()
    assert "Lỗi khi tạo tệp" in page and "vui lòng thử lại" in page and "Tạo tệp Word và PDF" in page
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reviews:ws_report_render", args=[draft.pk]))
    assert ReportRendering.objects.filter(report=draft, status=RenderingStatus.READY).count() == 1


def test_an_officer_outside_the_scope_gets_none_of_the_files(
    client, cast, draft, django_capture_on_commit_callbacks
):
    outsider = services.report_create(actor=cast.son, period=draft.period, unit=cast.far_commune)
    with django_capture_on_commit_callbacks(execute=True):
        from danvan.reviews.renderings import rendering_request

        rendering_request(actor=cast.son, report=outsider)
    assert ReportRendering.objects.get(report=outsider).status == RenderingStatus.READY
    _login(client, cast.hoa, cast)  # mobilisation officer of Tam Nông; Tân Phú is in Thanh Bình
    for name in ("ws_report_pdf", "ws_report_docx", "ws_report_xlsx", "ws_report_files"):
        assert client.get(reverse(f"reviews:{name}", args=[outsider.pk])).status_code in (403, 404), name
    assert client.post(reverse("reviews:ws_report_render", args=[outsider.pk])).status_code in (403, 404)
    assert ReportRendering.objects.filter(report=outsider).count() == 1
    _login(client, cast.minh, cast)  # a case officer of Phú Cường: no reviews.view at all
    assert client.get(reverse("reviews:ws_report_xlsx", args=[draft.pk])).status_code in (403, 404)


def _sheet_rows(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_the_xlsx_holds_the_frozen_figures_and_the_parents_comparison(client, cast, draft, district_leader):
    services.manual_values_set(actor=cast.hoa, report=draft, values={"manual.supervisions": "4"})
    submitted = services.report_submit(actor=cast.hoa, report=draft, today=D(2026, 7, 2))
    case(
        cast, cast.commune, D(2026, 3, 1)
    )  # data entered after the freeze: the file keeps the frozen figures
    _login(client, cast.hoa, cast)
    r = client.get(reverse("reviews:ws_report_xlsx", args=[submitted.pk]))
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(r.content))
    assert book.sheetnames == ["Chỉ tiêu"]  # a commune has no reporting children
    rows = _sheet_rows(book["Chỉ tiêu"])
    assert "Xã Phú Cường" in rows[0][0] and "02/07/2026" in rows[1][0]
    header = rows.index(["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Nguồn số liệu"])
    by_label = {row[1]: row for row in rows[header + 1 :]}
    expected = {ln.label: ln for ln in figures.lines() if submitted.figures.get(ln.key) is not None}
    assert set(by_label) == set(expected)
    for label, ln in expected.items():
        assert by_label[label][3] == submitted.figures[ln.key], label
        assert by_label[label][2] == figures.MEASURE_LABELS.get(ln.measure, "")
    assert by_label["Đơn thư tiếp nhận"][3] == 1  # frozen: the case of March came after
    assert by_label["Cuộc giám sát của Mặt trận và các đoàn thể"][3:] == [4, "Đơn vị nhập"]

    parent = services.report_create(actor=district_leader, period=draft.period, unit=cast.district)
    _login(client, district_leader, cast)
    book = load_workbook(io.BytesIO(client.get(reverse("reviews:ws_report_xlsx", args=[parent.pk])).content))
    assert book.sheetnames == ["Chỉ tiêu", "So sánh đơn vị"]
    comp = selectors.comparison(parent)
    rows = _sheet_rows(book["So sánh đơn vị"])
    keys = [ln.key for ln in comp.lines]
    by_unit = {row[0]: row for row in rows[1:]}
    assert set(by_unit) == {"Xã Phú Cường", "Xã An Long", "Toàn đơn vị"}
    k = keys.index("cases.received") + 1
    assert by_unit["Xã Phú Cường"][k] == 1 and by_unit["Xã Phú Cường"][-1] == "Đã chốt"
    assert by_unit["Xã An Long"][-1] == "Tính đến nay"
    assert by_unit["Toàn đơn vị"][k] == selectors.report_values(parent)["cases.received"] == 2


def test_a_text_beginning_with_equals_is_not_a_formula_in_the_xlsx(client, cast, draft):
    evil = '=HYPERLINK("http://evil.example/","Bấm vào")'
    ManualIndicator.objects.create(
        key="manual.evil", label=evil, label_en="Evil", section="citizen_cases", order=99
    )
    services.manual_values_set(actor=cast.hoa, report=draft, values={"manual.evil": "3"})
    _login(client, cast.hoa, cast)
    book = load_workbook(io.BytesIO(client.get(reverse("reviews:ws_report_xlsx", args=[draft.pk])).content))
    cells = [c for row in book["Chỉ tiêu"].iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    matching = [c for c in cells if c.value == evil]
    assert matching and all(c.data_type == "s" and c.quotePrefix for c in matching)


def test_a_drafts_files_stay_current_overnight(cast, draft, monkeypatch, django_capture_on_commit_callbacks):
    """A draft without an issue day is dated the day its files are made; the next day nothing it says has
    changed, so its files are still the current ones (they went stale every midnight)."""
    from danvan.reviews import renderings

    with django_capture_on_commit_callbacks(execute=True):
        made = renderings.rendering_request(actor=cast.hoa, report=draft)
    made.refresh_from_db()
    assert made.status == RenderingStatus.READY and renderings.current_rendering(draft) == made
    tomorrow = documents.local_today() + dt.timedelta(days=1)
    monkeypatch.setattr(documents, "local_today", lambda: tomorrow)
    assert renderings.current_rendering(draft) == made
    dated = documents.report_content(draft, on=tomorrow)  # a day given is part of what it says
    assert dated.digest() != documents.report_content(draft).digest()
