"""The cases API: Open311 GeoReport v2 over public cases and the officers' endpoints."""

import datetime as dt
import json

import pytest
from django.test import Client

from danvan.access.roles import Role
from danvan.cases import services
from danvan.cases.models import Case, Field, Kind
from danvan.core.formatting import local_today
from tests.cast import _grant, _user

from .helpers import IDENTITY_KEYS

O311 = "/api/v1/open311/v2"
CASES = "/api/v1/cases"

NAME, PHONE, EMAIL, ADDRESS = "Lê Văn Khiếu", "0987654321", "khieu.le@example.vn", "số 12 đường Bờ Kênh"
REQUEST_KEYS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
}


def field(code="ha-tang-giao-thong"):
    return Field.objects.get(code=code)


def submit(cast, kind=Kind.FEEDBACK, **extra):
    data = {
        "actor": None,
        "kind": kind,
        "title": "Đèn đường ấp Phú Hòa bị hỏng",
        "content": "Đèn đường trước chợ ấp Phú Hòa hỏng đã ba tuần, buổi tối rất tối.",
        "unit": cast.commune,
        "hamlet": cast.hamlet,
        "field": field(),
        "place_address": "chợ ấp Phú Hòa",
        "name": NAME,
        "phone": PHONE,
        "email": EMAIL,
        "address": ADDRESS,
    }
    if kind == Kind.COMPLAINT:
        data.update(decision_ref="Quyết định 15/QĐ-UBND thu hồi đất", act_known_on=local_today())
    data.update(extra)
    return services.case_submit(**data)


def one_of_each(cast):
    return {kind: submit(cast, kind=kind) for kind in Kind.values}


def assert_no_identity(text: str):
    for secret in (NAME, PHONE, EMAIL, ADDRESS, "0987 654 321"):
        assert secret not in text


# ---------------------------------------------------------------- Open311: services


def test_services_json_lists_one_service_per_active_field_with_georeport_names(client, cast):
    Field.objects.filter(code="khac").update(active=False)
    data = client.get(f"{O311}/services.json").json()
    assert [s["service_code"] for s in data] == list(
        Field.objects.filter(active=True).values_list("code", flat=True)
    )
    service = next(s for s in data if s["service_code"] == "moi-truong")
    assert service == {
        "service_code": "moi-truong",
        "service_name": "Môi trường",
        "description": "Phản ánh, kiến nghị của người dân về lĩnh vực môi trường.",
        "metadata": True,
        "type": "realtime",
        "keywords": "phản ánh, kiến nghị, môi trường",
        "group": "Phản ánh, kiến nghị",
    }


# ---------------------------------------------------------------- Open311: requests


def test_requests_json_lists_feedback_and_petitions_without_any_personal_data(client, cast):
    cases = one_of_each(cast)
    response = client.get(f"{O311}/requests.json")
    assert response.status_code == 200
    body = response.content.decode()
    data = response.json()
    assert {r["service_request_id"] for r in data} == {
        cases[Kind.FEEDBACK].code,
        cases[Kind.PETITION].code,
    }
    assert cases[Kind.DENUNCIATION].code not in body and cases[Kind.COMPLAINT].code not in body
    assert_no_identity(body)
    assert "Bờ Kênh" not in body and "chợ ấp Phú Hòa" not in body  # no free-text addresses either
    for r in data:
        assert set(r) == REQUEST_KEYS
        assert r["status"] == "open" and r["lat"] is None and r["long"] is None
        assert r["address"] == "Ấp Phú Hòa, Xã Phú Cường"
        assert r["agency_responsible"] == "Xã Phú Cường"
        assert r["service_code"] == "ha-tang-giao-thong" and r["service_name"] == "Hạ tầng – giao thông"
        assert r["requested_datetime"].endswith("+07:00") and r["updated_datetime"].endswith("+07:00")
    # the citizen's own text only with consent: otherwise a neutral summary
    assert {r["description"] for r in data} == {
        "Phản ánh lĩnh vực Hạ tầng – giao thông",
        "Kiến nghị lĩnh vực Hạ tầng – giao thông",
    }
    assert "ba tuần" not in body


def test_description_is_the_citizens_text_only_with_consent(client, cast):
    consented = submit(cast, consent_publish=True, content="Cống ấp Phú Lợi bị tắc, nước tràn ra đường.")
    data = client.get(f"{O311}/requests/{consented.code}.json").json()
    assert data[0]["description"] == "Cống ấp Phú Lợi bị tắc, nước tràn ra đường."


def test_expected_datetime_is_the_statutory_due_date_in_vietnam_time(client, cast):
    case = submit(cast)
    assert case.accept_due is not None
    r = client.get(f"{O311}/requests/{case.code}.json").json()[0]
    assert r["expected_datetime"] == f"{case.accept_due.isoformat()}T23:59:59+07:00"
    accepted = services.case_accept(actor=cast.minh, case=case)
    assert accepted.resolve_due is not None
    r = client.get(f"{O311}/requests/{case.code}.json").json()[0]
    assert r["expected_datetime"] == f"{accepted.resolve_due.isoformat()}T23:59:59+07:00"
    assert r["status_notes"] == "Đã thụ lý"


def test_resolved_public_interest_answer_is_published_and_closed(client, cast):
    case = submit(cast, consent_publish=True)
    services.case_accept(actor=cast.minh, case=case)
    services.case_resolve(actor=cast.tuan, case=case, answer="Đã thay bóng đèn ngày 20/11.", publish=True)
    r = client.get(f"{O311}/requests/{case.code}.json").json()[0]
    assert r["status"] == "closed"
    assert r["status_notes"] == "Đã giải quyết. Đã thay bóng đèn ngày 20/11."


def test_requests_json_filters_by_service_status_and_dates(client, cast):
    roads = submit(cast)
    env = submit(cast, field=field("moi-truong"), title="Rác thải", content="Rác thải ven kênh.")
    old = submit(cast, received_on=local_today() - dt.timedelta(days=120), content="Đơn cũ về đèn đường.")
    declined = submit(cast, field=field("moi-truong"), content="Khói lò gạch.")
    services.case_decline(actor=cast.minh, case=declined, reason="Không thuộc thẩm quyền của xã.")

    def codes(**params):
        response = client.get(f"{O311}/requests.json", params)
        assert response.status_code == 200, response.content
        return [r["service_request_id"] for r in response.json()]

    assert set(codes()) == {roads.code, env.code, declined.code}  # default: the last 90 days
    assert set(codes(service_code="moi-truong")) == {env.code, declined.code}
    assert set(codes(service_code="moi-truong,ha-tang-giao-thong", status="open")) == {env.code, roads.code}
    assert codes(status="closed") == [declined.code]
    start = (local_today() - dt.timedelta(days=200)).isoformat() + "T00:00:00+07:00"
    end = (local_today() - dt.timedelta(days=100)).isoformat() + "T00:00:00+07:00"
    assert codes(start_date=start, end_date=end) == [old.code]
    assert old.code in codes(start_date=start)
    assert codes(jurisdiction_id="30022") == []
    assert set(codes(jurisdiction_id="30025")) == {roads.code, env.code, declined.code}
    everything = codes(start_date=start, page_size=2)
    assert len(everything) == 2 and everything[0] == declined.code  # newest first
    assert len(codes(start_date=start, page_size=2, page=2)) == 2
    assert codes(start_date=start, page_size=2, page=3) == []


def test_bad_query_parameters_are_georeport_errors(client, cast):
    for params in ({"start_date": "hôm qua"}, {"status": "pending"}, {"page": "0"}, {"page_size": "x"}):
        response = client.get(f"{O311}/requests.json", params)
        assert response.status_code == 400
        [error] = response.json()
        assert error["code"] == 400 and error["description"]


def test_page_size_is_bounded(client, cast):
    for _ in range(3):
        submit(cast)
    assert len(client.get(f"{O311}/requests.json", {"page_size": 2}).json()) == 2
    response = client.get(f"{O311}/requests.json", {"page_size": 1001})
    assert response.status_code == 400 and "1.000" in response.json()[0]["description"]


def test_requests_json_runs_a_constant_number_of_queries(client, cast, django_assert_max_num_queries):
    submit(cast)
    with django_assert_max_num_queries(1):
        assert len(client.get(f"{O311}/requests.json").json()) == 1
    for i in range(8):
        submit(
            cast,
            field=field("moi-truong" if i % 2 else "dat-dai"),
            hamlet=None if i % 3 else cast.other_hamlet,
        )
    with django_assert_max_num_queries(1):
        assert len(client.get(f"{O311}/requests.json").json()) == 9


def test_one_request_is_a_one_element_list_and_denunciations_are_404(client, cast):
    cases = one_of_each(cast)
    data = client.get(f"{O311}/requests/{cases[Kind.PETITION].code.lower()}.json").json()
    assert len(data) == 1 and data[0]["service_request_id"] == cases[Kind.PETITION].code
    for code in (cases[Kind.DENUNCIATION].code, cases[Kind.COMPLAINT].code, "PA26-KHONGCO"):
        response = client.get(f"{O311}/requests/{code}.json")
        assert response.status_code == 404
        [error] = response.json()
        assert error["code"] == 404 and "Không tìm thấy" in error["description"]


# ---------------------------------------------------------------- Open311: POST


FORM = {
    "jurisdiction_id": "30025-01",
    "service_code": "moi-truong",
    "description": "Bãi rác tự phát cạnh cầu ấp Phú Hòa bốc mùi, đề nghị xã thu gom.",
    "address_string": "cầu ấp Phú Hòa",
    "email": "ba.tran@example.vn",
    "phone": "0911222333",
    "first_name": "Văn Ba",
    "last_name": "Trần",
}


@pytest.fixture
def form(integrator):
    return dict(FORM, api_key=integrator[1])


def test_post_request_creates_a_feedback_case_on_the_web_channel(client, cast, form):
    response = client.post(f"{O311}/requests.json", form)
    assert response.status_code == 201, response.content
    [created] = response.json()
    assert set(created) == {"service_request_id", "service_notice", "account_id"}
    case = Case.objects.get(code=created["service_request_id"])
    assert (case.kind, case.channel, case.unit, case.hamlet) == (
        Kind.FEEDBACK,
        "web",
        cast.commune,
        cast.hamlet,
    )
    assert case.field.code == "moi-truong" and case.submitter_name == "Trần Văn Ba"
    assert case.place_address == "cầu ấp Phú Hòa" and case.status == "received"
    assert case.code in created["service_notice"]
    # and it is listed publicly, without the submitter's data
    body = client.get(f"{O311}/requests.json").content.decode()
    assert case.code in body and "Trần Văn Ba" not in body and "0911222333" not in body


def test_post_request_accepts_json_and_petitions(client, cast, form):
    payload = dict(form, jurisdiction_id="30025", kind="petition")
    response = client.post(f"{O311}/requests.json", json.dumps(payload), content_type="application/json")
    assert response.status_code == 201, response.content
    case = Case.objects.get(code=response.json()[0]["service_request_id"])
    assert case.kind == Kind.PETITION and case.hamlet is None


def test_a_double_post_does_not_make_two_cases(client, cast, form):
    first = client.post(f"{O311}/requests.json", form)
    again = client.post(f"{O311}/requests.json", form)
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()[0]["service_request_id"] == again.json()[0]["service_request_id"]
    assert Case.objects.count() == 1
    # an explicit idempotency key wins: the same key is the same case, a new key a new case
    key = {"HTTP_IDEMPOTENCY_KEY": "may-01-lan-1"}
    one = client.post(f"{O311}/requests.json", dict(form, description="Lần một, có khoá."), **key)
    two = client.post(f"{O311}/requests.json", dict(form, description="Lần một, có khoá."), **key)
    assert one.json()[0]["service_request_id"] == two.json()[0]["service_request_id"]
    assert Case.objects.count() == 2


@pytest.mark.parametrize(
    "change, words",
    [
        ({"service_code": ""}, "lĩnh vực"),
        ({"address_string": "", "address_id": "", "lat": "10.7"}, "vị trí"),
        ({"jurisdiction_id": ""}, "jurisdiction_id"),
        ({"jurisdiction_id": "871"}, "Không có xã"),
        ({"media_url": "javascript:alert(1)"}, "http hoặc https"),
        ({"lat": "91", "long": "105.6"}, "Toạ độ không hợp lệ"),
        ({"description": "  "}, "nội dung"),
        ({"phone": "12ab"}, "Số điện thoại"),
        ({"email": "khong-phai-email"}, "thư điện tử"),
        ({"kind": "denunciation"}, "chỉ gửi được phản ánh hoặc kiến nghị"),
    ],
)
def test_post_request_validation_errors_are_vietnamese_georeport_errors(client, cast, form, change, words):
    response = client.post(f"{O311}/requests.json", dict(form, **change))
    assert response.status_code == 400
    [error] = response.json()
    assert error["code"] == 400 and words in error["description"]
    assert Case.objects.count() == 0


def test_post_request_counts_against_the_keys_quota_not_the_citizen_limit(client, cast, form, integrator):
    key, _secret = integrator
    key.hourly_quota = services.SUBMIT_LIMIT_PER_IP[0] + 2
    key.save()
    for i in range(key.hourly_quota):  # more than the web form lets one address send
        response = client.post(f"{O311}/requests.json", dict(form, description=f"Phản ánh số {i}."))
        assert response.status_code == 201, response.content
    response = client.post(f"{O311}/requests.json", dict(form, description="Một lần nữa."))
    assert response.status_code == 429 and "thử lại sau" in response.json()[0]["description"]
    assert 0 < int(response["Retry-After"]) <= 3600
    assert Case.objects.count() == key.hourly_quota


# ---------------------------------------------------------------- officers' API


@pytest.fixture
def an_long_officer(cast):
    return _grant(_user("nam", "Đỗ Văn Nam"), Role.CASE_OFFICER, cast.sibling_commune)


def test_the_officer_api_needs_a_session(client, cast):
    case = submit(cast)
    assert client.get(f"{CASES}/").status_code == 401
    assert client.get(f"{CASES}/{case.pk}").status_code == 401
    assert client.post(f"{CASES}/{case.pk}/accept", "{}", content_type="application/json").status_code == 401


def test_writes_need_the_csrf_token(cast, form):
    case = submit(cast)
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.minh)
    assert client.get(f"{CASES}/{case.pk}").status_code == 200
    response = client.post(f"{CASES}/{case.pk}/accept", "{}", content_type="application/json")
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status == "received"
    # the Open311 POST is for other systems: an API key, no session, so no CSRF token is needed
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.post(f"{O311}/requests.json", form).status_code == 201


def test_the_inbox_is_scoped_like_the_screens_and_has_no_identity(client, cast, an_long_officer):
    mine = one_of_each(cast)
    theirs = submit(cast, unit=cast.sibling_commune, hamlet=cast.sibling_hamlet)
    client.force_login(cast.minh)
    response = client.get(f"{CASES}/")
    data = response.json()
    assert data["count"] == 4 and {i["code"] for i in data["items"]} == {c.code for c in mine.values()}
    assert theirs.code not in response.content.decode()
    for item in data["items"]:
        assert not IDENTITY_KEYS & set(item)
    assert_no_identity(response.content.decode())
    client.force_login(an_long_officer)
    assert [i["code"] for i in client.get(f"{CASES}/").json()["items"]] == [theirs.code]
    client.force_login(cast.hoa)  # a mobilisation officer of the district holds no case permission
    assert client.get(f"{CASES}/").status_code == 403
    client.force_login(cast.lan)  # an editor neither
    assert client.get(f"{CASES}/").status_code == 403


def test_the_inbox_filters_by_kind_status_and_overdue(client, cast):
    cases = one_of_each(cast)
    late = submit(cast, received_on=local_today() - dt.timedelta(days=40))
    assert late.accept_due < local_today()
    services.case_accept(actor=cast.minh, case=cases[Kind.PETITION])
    client.force_login(cast.minh)

    def codes(**params):
        response = client.get(f"{CASES}/", params)
        assert response.status_code == 200, response.content
        return {i["code"] for i in response.json()["items"]}

    assert codes(kind="denunciation") == {cases[Kind.DENUNCIATION].code}
    assert codes(status="accepted") == {cases[Kind.PETITION].code}
    assert len(codes(status="open")) == 5
    assert codes(overdue=True) == {late.code}
    item = next(i for i in client.get(f"{CASES}/").json()["items"] if i["code"] == late.code)
    assert item["overdue"] is True and item["current_due"] == late.accept_due.isoformat()
    assert len(client.get(f"{CASES}/", {"limit": 2, "offset": 1}).json()["items"]) == 2
    assert client.get(f"{CASES}/", {"status": "mat-tich"}).status_code == 400
    assert client.get(f"{CASES}/", {"kind": "thu-tay"}).status_code == 422


def test_the_inbox_runs_a_constant_number_of_queries(client, cast, django_assert_max_num_queries):
    client.force_login(cast.minh)
    client.get(f"{CASES}/")  # warm the session
    submit(cast)
    with django_assert_max_num_queries(6):
        assert client.get(f"{CASES}/").json()["count"] == 1
    for kind in Kind.values * 3:
        submit(cast, kind=kind)
    with django_assert_max_num_queries(6):
        assert client.get(f"{CASES}/").json()["count"] == 13


def test_one_case_through_the_gate(client, cast, an_long_officer):
    case = submit(cast, kind=Kind.COMPLAINT)
    client.force_login(cast.minh)
    response = client.get(f"{CASES}/{case.pk}")
    assert response.status_code == 200
    data = response.json()
    assert data["code"] == case.code and data["decision_ref"].startswith("Quyết định 15")
    assert data["events"][0]["action"] == "submit" and not IDENTITY_KEYS & set(data)
    assert_no_identity(response.content.decode())
    for user in (an_long_officer, cast.lan):
        client.force_login(user)
        assert client.get(f"{CASES}/{case.pk}").status_code == 404
        assert (
            client.post(f"{CASES}/{case.pk}/accept", "{}", content_type="application/json").status_code == 404
        )
    client.force_login(cast.minh)
    assert client.get(f"{CASES}/999999").status_code == 404


def post(client, url, body=None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def test_workflow_endpoints_go_through_the_services(client, cast):
    case = submit(cast)
    client.force_login(cast.minh)
    accepted = post(client, f"{CASES}/{case.pk}/accept", {"note": "Giao tổ công tác kiểm tra."})
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    case.refresh_from_db()
    assert case.status == "accepted" and accepted.json()["resolve_due"] == case.resolve_due.isoformat()
    again = post(client, f"{CASES}/{case.pk}/accept")
    assert again.status_code == 400 and "Chỉ thụ lý" in again.json()["detail"]
    # a case officer may not resolve: the resolve step is the leader's
    assert post(client, f"{CASES}/{case.pk}/resolve", {"answer": "Đã sửa."}).status_code == 404
    client.force_login(cast.tuan)
    empty = post(client, f"{CASES}/{case.pk}/resolve", {"answer": " "})
    assert empty.status_code == 400 and "Vui lòng nhập" in empty.json()["detail"]
    resolved = post(client, f"{CASES}/{case.pk}/resolve", {"answer": "Đã thay bóng đèn."})
    assert resolved.status_code == 200 and resolved.json()["status"] == "resolved"
    assert resolved.json()["answer"] == "Đã thay bóng đèn."
    closed = post(client, f"{CASES}/{case.pk}/close", {"note": "Người dân hài lòng."})
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    case.refresh_from_db()
    assert case.status == "closed" and case.closed_on == local_today()
    assert [e.action for e in case.events.all()] == ["submit", "accept", "resolve", "close"]


def test_decline_and_transfer_endpoints(client, cast):
    declined, moved = submit(cast), submit(cast)
    client.force_login(cast.minh)
    missing = post(client, f"{CASES}/{declined.pk}/decline", {"reason": ""})
    assert missing.status_code == 400 and "lý do" in missing.json()["detail"]
    assert post(client, f"{CASES}/{declined.pk}/decline").status_code == 422
    response = post(client, f"{CASES}/{declined.pk}/decline", {"reason": "Đã được giải quyết (Điều 11)."})
    assert response.status_code == 200 and response.json()["status"] == "declined"
    assert post(client, f"{CASES}/{moved.pk}/transfer", {"to_unit": "00000"}).status_code == 400
    response = post(
        client, f"{CASES}/{moved.pk}/transfer", {"to_unit": "30022", "reason": "Thuộc xã An Long."}
    )
    assert response.status_code == 200
    assert response.json() == {
        "id": moved.pk,
        "code": moved.code,
        "status": "transferred",
        "status_label": "Đã chuyển đơn vị khác",
        "unit_code": "30022",
        "unit_name": "Xã An Long",
    }
    moved.refresh_from_db()
    assert moved.unit == cast.sibling_commune
    assert client.get(f"{CASES}/{moved.pk}").status_code == 404  # now outside Phú Cường's scope
    # and Open311 names the new agency
    r = client.get(f"{O311}/requests/{moved.code}.json").json()[0]
    assert r["agency_responsible"] == "Xã An Long" and "Xã An Long" in r["status_notes"]


def test_openapi_lists_the_open311_and_cases_paths(client, cast):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/open311/v2/services.json",
        "/api/v1/open311/v2/requests.json",
        "/api/v1/open311/v2/requests/{code}.json",
        "/api/v1/cases/",
        "/api/v1/cases/{case_id}",
        "/api/v1/cases/{case_id}/accept",
        "/api/v1/cases/{case_id}/decline",
        "/api/v1/cases/{case_id}/transfer",
        "/api/v1/cases/{case_id}/resolve",
        "/api/v1/cases/{case_id}/close",
    ):
        assert path in paths
    assert {"get", "post"} <= set(paths["/api/v1/open311/v2/requests.json"])
    assert not any("identity" in p for p in paths)
