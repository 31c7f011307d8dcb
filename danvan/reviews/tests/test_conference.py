import datetime as dt
import io

import pytest
from django.core.management import call_command

from danvan.audit.models import AuditEvent
from danvan.core.errors import DomainError
from danvan.publishing.models import Article
from danvan.reviews import services
from danvan.reviews.article import draft_article

from .conftest import case

D = dt.date


@pytest.fixture
def conference(cast, period, district_leader):
    case(cast, cast.commune, D(2026, 2, 1), D(2026, 2, 9))
    case(cast, cast.sibling_commune, D(2026, 3, 1), D(2026, 3, 9))
    report = services.report_create(actor=district_leader, period=period, unit=cast.district)
    services.manual_values_set(
        actor=district_leader, report=report, values={"manual.models_recognised": "12"}
    )
    return services.conference_record(
        actor=district_leader,
        report=report,
        day=D(2026, 7, 10),
        chair="bà Trương Thị Mai, Trưởng Ban Dân vận Huyện uỷ",
        guests=[{"name": "Ông Trần Văn Tư", "title": "Phó trưởng Ban Dân vận Tỉnh uỷ"}, {"name": ""}],
        commendations="Ban Dân vận xã Phú Cường\nÔng Lê Văn Ba, ấp Phú Hòa",
    )


def test_the_draft_article_has_date_host_guest_results_with_figures_and_tasks(conference):
    draft = draft_article(conference)
    first, results, tasks, awards = draft.paragraphs
    assert first.startswith("Ngày 10-07-2026, huyện Tam Nông tổ chức hội nghị sơ kết công tác dân vận")
    assert "Ông Trần Văn Tư – Phó trưởng Ban Dân vận Tỉnh uỷ" in first
    assert "đơn thư tiếp nhận 2" in results and "12" in results
    assert tasks.startswith("Về nhiệm vụ 6 tháng cuối năm 2026, hội nghị thống nhất:")
    assert "khen thưởng 2 tập thể, cá nhân" in awards


def test_the_command_prints_it_and_the_article_goes_to_the_news_app_as_a_draft(conference, district_leader):
    out = io.StringIO()
    call_command("review_article", unit="871", period="2026-H1", stdout=out)
    assert "Hội nghị sơ kết công tác dân vận" in out.getvalue() and "Ông Trần Văn Tư" in out.getvalue()
    article = services.conference_send_article(actor=district_leader, conference=conference)
    assert article.status == "draft" and article.unit == conference.report.unit
    assert "Ông Trần Văn Tư" in article.body and Article.objects.count() == 1
    with pytest.raises(DomainError):
        services.conference_send_article(actor=district_leader, conference=conference)
    assert AuditEvent.objects.filter(action="review.article_send").exists()


def test_a_conference_needs_its_chair(cast, period, district_leader):
    report = services.report_create(actor=district_leader, period=period, unit=cast.district)
    with pytest.raises(DomainError):
        services.conference_record(actor=district_leader, report=report, day=D(2026, 7, 10), chair=" ")
