"""The portal's public statistics of the review: public indicators only, of approved reports only, with the period
named; approving a report shows its figures on the next anonymous request of the cached pages."""

import datetime as dt

import pytest
from django.test import Client

from danvan.reviews import services
from danvan.reviews.public import public_figures

from .conftest import case

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(cast, period):
    for received in (D(2026, 1, 5), D(2026, 2, 5), D(2026, 3, 5)):
        case(cast, cast.commune, received, received + dt.timedelta(days=4))
    report = services.report_create(actor=cast.tuan, period=period, unit=cast.commune)
    return services.report_submit(actor=cast.tuan, report=report, today=D(2026, 6, 20))


def test_only_public_indicators_of_an_approved_report_are_shown(cast, submitted, district_leader):
    assert public_figures(cast.commune) is None  # submitted, not approved: nothing public yet
    services.report_approve(actor=district_leader, report=submitted, today=D(2026, 6, 25))
    pf = public_figures(cast.commune)
    shown = {f.label: f.text for s in pf.sections for f in s.figures}
    assert shown["Đơn thư tiếp nhận"] == "3" and shown["Tỉ lệ giải quyết đúng hạn"] == "100%"
    assert "Đơn đã thụ lý" not in shown and "Giải quyết đúng hạn" not in shown  # not public
    assert not any(k.startswith("manual.") for k in shown)
    page = Client().get(cast.commune.get_absolute_url()).content.decode()
    assert "Kết quả 6 tháng đầu năm 2026" in page and "duyệt ngày 25/06/2026" in page
    assert "Đơn thư tiếp nhận" in page and "Đơn đã thụ lý" not in page


def test_the_figures_are_the_frozen_ones_not_those_entered_later(cast, submitted, district_leader):
    services.report_approve(actor=district_leader, report=submitted, today=D(2026, 6, 25))
    case(cast, cast.commune, D(2026, 4, 1))  # entered late: the approved report does not move
    shown = {f.label: f.text for s in public_figures(cast.commune).sections for f in s.figures}
    assert shown["Đơn thư tiếp nhận"] == "3"


def test_approving_a_report_shows_on_the_cached_home_page_at_once(cast, period):
    client = Client()
    assert "Kết quả 6 tháng đầu năm 2026" not in client.get("/").content.decode()
    assert client.get("/")["X-Danvan-Cache"] == "hit"
    case(cast, cast.far_commune, D(2026, 2, 1), D(2026, 2, 3))
    report = services.report_create(actor=cast.son, period=period, unit=cast.province)
    services.report_submit(actor=cast.son, report=report, today=D(2026, 6, 20))
    assert "Kết quả 6 tháng đầu năm 2026" not in client.get("/").content.decode()  # submitted only
    services.report_approve(actor=cast.son, report=report, today=D(2026, 6, 26))
    response = client.get("/")
    assert response["X-Danvan-Cache"] == "miss"
    page = response.content.decode()
    assert "Kết quả 6 tháng đầu năm 2026" in page and "Đơn thư tiếp nhận" in page
