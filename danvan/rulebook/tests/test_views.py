"""Officers' pages: the rule list (with the swap days) and the deadline calculator, with and without htmx."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

RULE_LIST = reverse("rulebook:rule_list")
DEADLINE = reverse("rulebook:deadline")


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    for url in (RULE_LIST, DEADLINE):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("access:login"))


def test_a_citizen_without_rules_view_gets_404(client, cast):
    client.force_login(cast.binh)
    assert client.get(RULE_LIST).status_code == 404
    assert client.get(DEADLINE).status_code == 404


def test_an_officer_sees_the_rules_in_force_grouped_by_area_with_citations(client, cast):
    client.force_login(cast.lan)
    response = client.get(RULE_LIST, {"ngay": "2026-06-30"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Quy định pháp lý và thời hạn" in html
    for area in (
        "Công khai thông tin",
        "Nhân dân bàn và quyết định",
        "Khiếu nại",
        "Tố cáo",
        "Tiếp công dân",
        "Phản ánh, kiến nghị",
        "Giám sát",
        "Hỗ trợ theo Nghị quyết 42/NQ-CP",
    ):
        assert area in html, area
    assert "Thời hạn thụ lý giải quyết khiếu nại" in html
    assert "10 ngày làm việc" in html
    assert "01/07/2012 – 30/06/2026" in html
    assert "Luật Khiếu nại số 02/2011/QH13, Điều 27" in html
    assert "từ 2/3 trở lên" in html
    assert response.context["nav_active"] == "rules"


def test_the_in_force_filter_shows_the_version_of_that_day(client, cast):
    client.force_login(cast.minh)
    html = client.get(RULE_LIST, {"ngay": "01/07/2026"}).content.decode()
    assert "7 ngày làm việc" in html
    assert "01/07/2026 – nay" in html
    assert "01/07/2012 – 30/06/2026" not in html


def test_an_invalid_filter_date_falls_back_to_today_with_an_error(client, cast):
    client.force_login(cast.lan)
    response = client.get(RULE_LIST, {"ngay": "31/02/2026"})
    assert response.status_code == 200
    assert "Ngày không hợp lệ" in response.content.decode()
    assert response.context["is_today"]


def test_the_swap_days_are_listed(client, cast):
    client.force_login(cast.lan)
    html = client.get(RULE_LIST).content.decode()
    assert "Ngày hoán đổi làm việc" in html
    assert "Thứ Bảy, 26/04/2025" in html
    assert "Thứ Hai, 31/08/2026" in html
    assert "Làm bù" in html and "Nghỉ bù" in html


def test_the_rule_list_runs_a_bounded_number_of_queries(client, cast, django_assert_max_num_queries):
    client.force_login(cast.lan)
    client.get(RULE_LIST)  # warm the per-process caches (session, content types)
    with django_assert_max_num_queries(12):
        response = client.get(RULE_LIST)
    assert response.status_code == 200


def test_the_calculator_form_renders_with_htmx_attributes(client, cast):
    client.force_login(cast.lan)
    html = client.get(DEADLINE).content.decode()
    assert f'hx-get="{DEADLINE}"' in html
    assert 'hx-target="#ket-qua-tinh-han"' in html
    assert 'method="get"' in html
    assert "Thời hạn thụ lý giải quyết khiếu nại" in html  # an option of the select
    assert "Hạn cuối" not in html


def test_a_link_naming_only_the_rule_preselects_it_without_errors(client, cast):
    client.force_login(cast.lan)
    response = client.get(DEADLINE, {"rule": "denunciation.process"})
    html = response.content.decode()
    assert '<option value="denunciation.process" selected>' in html
    assert "field-error" not in html


def test_the_calculator_shows_the_due_date_its_weekday_the_rule_and_the_citation(client, cast):
    client.force_login(cast.lan)
    response = client.get(DEADLINE, {"rule": "complaint.accept", "start": "2026-02-12"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hạn cuối: Thứ Năm, 05/03/2026" in html
    assert "10 ngày làm việc" in html
    assert "Luật Khiếu nại số 02/2011/QH13, Điều 27" in html
    assert "Mùng hai Tết Nguyên Đán" in html  # the holidays skipped are listed
    assert "<html" in html


def test_the_calculator_fragment_is_returned_to_htmx(client, cast):
    client.force_login(cast.lan)
    response = client.get(
        DEADLINE, {"rule": "complaint.accept", "start": "12/02/2026"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "<form" not in html
    assert "Hạn cuối: Thứ Năm, 05/03/2026" in html
    assert [t.name for t in response.templates] == ["rulebook/_deadline_result.html"]


def test_the_calculator_explains_bad_input(client, cast):
    client.force_login(cast.lan)
    html = client.get(DEADLINE, {"rule": "complaint.accept", "start": "30/02/2026"}).content.decode()
    assert "Ngày không hợp lệ" in html
    fragment = client.get(DEADLINE, {"rule": "khong.co", "start": "2026-02-12"}, HTTP_HX_REQUEST="true")
    assert "không có trong bộ quy định" in fragment.content.decode()


def test_the_calculator_says_when_no_rule_version_is_in_force(client, cast):
    client.force_login(cast.lan)
    html = client.get(DEADLINE, {"rule": "complaint.accept", "start": "2005-03-01"}).content.decode()
    assert "không có hiệu lực vào ngày 01/03/2005" in html
