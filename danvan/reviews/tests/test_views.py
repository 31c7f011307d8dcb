"""The officers' screens: list, create, edit, submit, return, approve, consolidate, download; scope."""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.reviews import services
from danvan.reviews.models import ReportStatus, UnitReport

from .conftest import case

D = dt.date


def _login(client, user, cast):
    client.login(username=user.username, password=cast.password)
    return client


@pytest.fixture
def draft(cast, period):
    case(cast, cast.commune, D(2026, 2, 1), D(2026, 2, 9))
    return services.report_create(actor=cast.hoa, period=period, unit=cast.commune)


def test_a_commune_leader_creates_edits_and_submits(client, cast, period):
    _login(client, cast.tuan, cast)
    r = client.post(reverse("reviews:ws_home"), {"period": period.pk, "unit": cast.commune.pk})
    report = UnitReport.objects.get(unit=cast.commune)
    assert r.status_code == 302 and r.url == reverse("reviews:ws_report", args=[report.pk])
    page = client.get(r.url).content.decode()
    assert "Đơn thư tiếp nhận" in page or "Nội dung báo cáo" in page
    edit = reverse("reviews:ws_report_edit", args=[report.pk])
    assert client.get(edit).status_code == 200
    data = {
        "number": "12",
        "issued_on": "2026-07-03",
        "s_situation": "Tình hình ổn định.",
        "m_manual.supervisions": "bốn",
    }
    r = client.post(edit, data)
    assert r.status_code == 200 and "vui lòng nhập một số" in r.content.decode()
    data["m_manual.supervisions"] = "4"
    assert client.post(edit, data).status_code == 302
    report.refresh_from_db()
    assert report.number == 12 and report.sections["situation"] == "Tình hình ổn định."
    client.post(reverse("reviews:ws_report_action", args=[report.pk, "gui"]))
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.figures["manual.supervisions"] == 4
    assert client.get(reverse("reviews:ws_report_xlsx", args=[report.pk])).content[:2] == b"PK"


def test_the_district_returns_then_approves_and_sees_its_children(client, cast, draft, district_leader):
    services.report_submit(actor=cast.hoa, report=draft)
    _login(client, district_leader, cast)
    url = reverse("reviews:ws_report", args=[draft.pk])
    assert "Trả lại báo cáo" in client.get(url).content.decode()
    client.post(
        reverse("reviews:ws_report_action", args=[draft.pk, "tra-lai"]), {"comment": "Bổ sung mô hình."}
    )
    draft.refresh_from_db()
    assert draft.status == ReportStatus.RETURNED
    services.report_submit(actor=cast.hoa, report=draft)
    client.post(reverse("reviews:ws_report_action", args=[draft.pk, "duyet"]))
    draft.refresh_from_db()
    assert draft.status == ReportStatus.APPROVED
    parent = services.report_create(actor=district_leader, period=draft.period, unit=cast.district)
    page = client.get(reverse("reviews:ws_report", args=[parent.pk])).content.decode()
    assert "Xã An Long" in page and "Chưa lập báo cáo" in page and "Đã duyệt" in page
    assert "So sánh giữa các đơn vị" in page
    client.post(reverse("reviews:ws_report_action", args=[parent.pk, "tong-hop"]))
    assert client.get(reverse("reviews:ws_home")).status_code == 200


def test_out_of_scope_and_wrong_role_get_404_or_refusal(client, cast, draft):
    outsider = services.report_create(actor=cast.son, period=draft.period, unit=cast.far_commune)
    _login(client, cast.hoa, cast)
    assert client.get(reverse("reviews:ws_report", args=[outsider.pk])).status_code == 404
    assert client.get(reverse("reviews:ws_report_docx", args=[outsider.pk])).status_code == 404
    services.report_submit(actor=cast.hoa, report=draft)
    client.post(reverse("reviews:ws_report_action", args=[draft.pk, "duyet"]))  # a mobilisation officer
    draft.refresh_from_db()
    assert draft.status == ReportStatus.SUBMITTED
    _login(client, cast.minh, cast)  # case officer: no reviews at all
    assert client.get(reverse("reviews:ws_home")).status_code == 404


def test_the_list_has_a_bounded_number_of_queries(client, cast, period, django_assert_max_num_queries):
    for unit in (cast.commune, cast.sibling_commune, cast.district):
        services.report_create(actor=cast.son, period=period, unit=unit)
    _login(client, cast.hoa, cast)
    client.get(reverse("reviews:ws_home"))
    with django_assert_max_num_queries(20):
        assert client.get(reverse("reviews:ws_home")).status_code == 200


def test_record_the_conference_and_send_its_article_from_the_report(client, cast, period, district_leader):
    from danvan.publishing.models import Article

    report = services.report_create(actor=district_leader, period=period, unit=cast.district)
    _login(client, district_leader, cast)
    url = reverse("reviews:ws_conference", args=[report.pk])
    assert client.get(url).status_code == 200
    r = client.post(
        url,
        {
            "day": "2026-07-10",
            "chair": "Ông Nam, Trưởng Ban",
            "guest_name": "Ông Trần Văn Tư",
            "guest_title": "Phó trưởng Ban Dân vận Tỉnh uỷ",
        },
    )
    assert r.status_code == 302
    page = client.get(reverse("reviews:ws_report", args=[report.pk])).content.decode()
    assert "Ông Trần Văn Tư" in page and "Gửi bài viết sang mục tin tức" in page
    client.post(reverse("reviews:ws_report_action", args=[report.pk, "gui-bai"]))
    assert Article.objects.get(unit=cast.district).status == "draft"
