"""The calendar API contract (SPEC.md): /api/v1/calendar/deadline, /working-days and /rules."""

import pytest

pytestmark = pytest.mark.django_db

DEADLINE = "/api/v1/calendar/deadline"
WORKING_DAYS = "/api/v1/calendar/working-days"
RULES = "/api/v1/calendar/rules"


def test_ten_working_days_of_complaint_acceptance_from_12_february_2026_end_on_5_march(client):
    response = client.get(DEADLINE, {"rule": "complaint.accept", "start": "2026-02-12"})
    assert response.status_code == 200
    assert response.json() == {
        "due": "2026-03-05",
        "rule": "complaint.accept",
        "value": 10,
        "unit": "working_days",
        "citation": "Luật Khiếu nại số 02/2011/QH13, Điều 27, Điều 36; Thông tư 07/2013/TT-TTCP, Điều 5 "
        "(sửa đổi bởi Thông tư 02/2016/TT-TTCP)",
    }


def test_from_1_july_2026_complaint_acceptance_is_seven_working_days(client):
    body = client.get(DEADLINE, {"rule": "complaint.accept", "start": "2026-07-01"}).json()
    assert (body["value"], body["unit"], body["due"]) == (7, "working_days", "2026-07-10")
    assert "136/2025/QH15" in body["citation"]


def test_calendar_day_deadline_rolls_over_culture_day(client):
    body = client.get(DEADLINE, {"rule": "complaint.resolve_first", "start": "2026-10-25"}).json()
    assert body == {
        "due": "2026-11-25",
        "rule": "complaint.resolve_first",
        "value": 30,
        "unit": "calendar_days",
        "citation": "Luật Khiếu nại số 02/2011/QH13, Điều 28",
    }


def test_working_days_between_two_dates(client):
    response = client.get(WORKING_DAYS, {"start": "2026-02-12", "end": "2026-03-05"})
    assert response.status_code == 200
    assert response.json() == {"working_days": 10}
    assert client.get(WORKING_DAYS, {"start": "2025-04-25", "end": "2025-05-05"}).json() == {
        "working_days": 4
    }
    assert client.get(WORKING_DAYS, {"start": "2026-03-05", "end": "2026-03-05"}).json() == {
        "working_days": 0
    }


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"rule": "complaint.nonsense", "start": "2026-02-12"}, "Không có quy định mã"),
        ({"rule": "complaint.accept", "start": "12/02/2026"}, "không hợp lệ"),
        ({"rule": "complaint.accept", "start": "2026-02-30"}, "không hợp lệ"),
        ({"rule": "complaint.accept"}, "Thiếu ngày bắt đầu"),
        ({"start": "2026-02-12"}, "Thiếu mã quy định"),
        ({"rule": "complaint.accept", "start": "2005-01-01"}, "không có hiệu lực vào ngày 01/01/2005"),
        ({"rule": "decision.community_approval", "start": "2026-02-12"}, "không phải là thời hạn"),
        ({"rule": "complaint.accept", "start": "9999-12-30"}, "từ năm 1901 đến năm 2100"),
    ],
)
def test_bad_deadline_requests_get_400_with_a_vietnamese_detail(client, params, fragment):
    response = client.get(DEADLINE, params)
    assert response.status_code == 400
    assert fragment in response.json()["detail"]
    assert set(response.json()) == {"detail"}


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"start": "2026-03-05", "end": "2026-02-12"}, "không được trước ngày bắt đầu"),
        ({"start": "2026-02-12", "end": "mai"}, "không hợp lệ"),
        ({"end": "2026-02-12"}, "Thiếu ngày bắt đầu"),
        ({"start": "0001-01-01", "end": "9999-12-31"}, "từ năm 1901 đến năm 2100"),
    ],
)
def test_bad_working_day_requests_get_400(client, params, fragment):
    response = client.get(WORKING_DAYS, params)
    assert response.status_code == 400
    assert fragment in response.json()["detail"]


def test_rules_in_force_on_a_date_are_public_with_validity_and_citation(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        response = client.get(RULES, {"on": "2026-06-30"})
    assert response.status_code == 200
    rules = {r["key"]: r for r in response.json()}
    accept = rules["complaint.accept"]
    assert accept["value"] == 10 and accept["unit"] == "working_days"
    assert accept["valid_from"] == "2012-07-01" and accept["valid_to"] == "2026-06-30"
    assert accept["area"] == "Khiếu nại"
    assert accept["value_display"] == "10 ngày làm việc"
    assert rules["decision.contribution_hamlet_approval"]["value"] == pytest.approx(0.666667)
    assert rules["decision.contribution_hamlet_approval"]["comparator"] == ">="
    assert rules["support_list.posting"]["source_status"] == "secondary"


def test_rules_default_to_today(client):
    response = client.get(RULES)
    assert response.status_code == 200
    assert "complaint.accept" in {r["key"] for r in response.json()}
    assert client.get(RULES, {"on": "hôm nay"}).status_code == 400


def test_the_calendar_endpoints_are_documented_in_openapi(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/calendar/deadline", "/api/v1/calendar/working-days", "/api/v1/calendar/rules"):
        assert path in schema["paths"], path
    deadline = schema["paths"]["/api/v1/calendar/deadline"]["get"]
    assert {"200", "400"} <= set(deadline["responses"])
    assert "DeadlineOut" in schema["components"]["schemas"]
