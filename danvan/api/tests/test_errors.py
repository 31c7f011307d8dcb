"""API errors: bounded paging, JSON for every error, array bodies refused, every status declared.
Open311 (`danvan/cases/open311/`) answers its own refusals in GeoReport's format; the out-of-range values
found while it was rewritten are checked here too."""

import json
import logging

import pytest
from django.test import Client

from danvan.cases.tests.helpers import submit
from danvan.disclosures.tests.helpers import make as make_disclosure
from danvan.publishing.tests.helpers import draft, published

HUGE = "9223372036854775808"  # 2**63: one past the largest 64-bit integer
BAD_PAGING = [
    HUGE,
    "99999999999999999999999999",
    "-1",
    "-9223372036854775809",
    "abc",
    "1.5",
    "1e3",
    "0x10",
    "١٢",
]
ERROR_KEYS = {"detail"}


def schema(client):
    return client.get("/api/v1/openapi.json").json()


def operations(doc):
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def is_open311(path):
    return path.startswith("/api/v1/open311/")


def list_endpoints(doc):
    """The operations of the schema that page with limit/offset (all of them: none may page otherwise)."""
    return sorted(
        path
        for path, method, operation in operations(doc)
        if {"limit", "offset"} <= {p["name"] for p in operation.get("parameters", [])}
    )


@pytest.fixture
def officer(cast):
    client = Client()
    client.force_login(cast.tuan)
    return client


def browser(user):
    """A client that checks CSRF like a browser's requests are checked, signed in as `user`, with the token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/can-bo/")  # any page sets the CSRF cookie
    return client, {"X-CSRFToken": client.cookies["csrftoken"].value}


def assert_json_error(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == ERROR_KEYS
    return body["detail"]


# ---------------------------------------------------------------- paging


def test_every_list_endpoint_pages_with_the_shared_bounded_limit_and_offset(client, cast):
    doc = schema(client)
    assert list_endpoints(doc) == [
        "/api/v1/cases/",
        "/api/v1/communities/groups",
        "/api/v1/communities/honour-board",
        "/api/v1/communities/projects",
        "/api/v1/consultations/",
        "/api/v1/disclosures/",
        "/api/v1/news/",
        "/api/v1/reception/officer/commitments",
        "/api/v1/reception/officer/dialogues",
        "/api/v1/reception/officer/visits",
        "/api/v1/units/",
    ]
    for path in list_endpoints(doc):
        params = {p["name"]: p["schema"] for p in doc["paths"][path]["get"]["parameters"]}
        assert params["limit"]["minimum"] == 1 and params["limit"]["maximum"] in (100, 500)
        assert params["offset"] == params["offset"] | {"minimum": 0, "maximum": 1_000_000, "default": 0}


@pytest.mark.parametrize("name", ["limit", "offset"])
@pytest.mark.parametrize("value", BAD_PAGING)
def test_a_huge_negative_or_junk_paging_value_is_a_400_naming_the_parameter(officer, name, value):
    for path in ("/api/v1/news/", "/api/v1/units/", "/api/v1/disclosures/", "/api/v1/cases/"):
        detail = assert_json_error(officer.get(path, {name: value}), 400)
        assert detail.startswith(f"Tham số {name} phải là số nguyên từ ")


def test_paging_beyond_its_range_is_a_400_and_within_it_pages(officer, cast):
    for i in range(3):
        published(cast, title=f"Tin số {i}")
    assert assert_json_error(officer.get("/api/v1/news/", {"limit": 101}), 400) == (
        "Tham số limit phải là số nguyên từ 1 đến 100."
    )
    assert assert_json_error(officer.get("/api/v1/news/", {"limit": 0}), 400)
    assert assert_json_error(officer.get("/api/v1/units/", {"offset": 1_000_001}), 400) == (
        "Tham số offset phải là số nguyên từ 0 đến 1.000.000."
    )
    assert officer.get("/api/v1/units/", {"limit": 500, "offset": 1_000_000}).json()["items"] == []
    page = officer.get("/api/v1/news/", {"limit": 2, "offset": 1}).json()
    assert page["count"] == 3 and len(page["items"]) == 2
    # empty means "not given": the default page
    assert len(officer.get("/api/v1/news/", {"limit": "", "offset": ""}).json()["items"]) == 3


@pytest.mark.parametrize(
    "query",
    [
        {"page": HUGE},  # no upper bound: the offset overflows
        {"end_date": "0001-01-01"},  # the default start, 90 days before, is before year 1
        {"end_date": "9999-12-31T23:59:59-12:00"},  # beyond datetime's range in Vietnam time
    ],
)
def test_open311_out_of_range_values_are_a_400(client, cast, query):
    client.raise_request_exception = False
    response = client.get("/api/v1/open311/v2/requests.json", query)
    assert response.status_code == 400


def test_public_api_lists_run_a_constant_number_of_queries(client, cast, django_assert_max_num_queries):
    def counts():
        with django_assert_max_num_queries(4):
            news = client.get("/api/v1/news/").json()["count"]
        with django_assert_max_num_queries(4):
            disclosures = client.get("/api/v1/disclosures/").json()["count"]
        return news, disclosures

    published(cast, title="Tin một")
    make_disclosure(cast, 1)
    assert counts() == (1, 1)
    for i in range(4):
        published(cast, title=f"Tin thêm {i}")
        make_disclosure(cast, 2 + i)
    assert counts() == (5, 5)


# ---------------------------------------------------------------- always JSON


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/api/v1/khong-co"),
        ("get", "/api/khong-co"),
        ("get", "/api/v1/news/mot/hai/ba"),
        ("get", "/api/v1/cases/abc"),
        ("get", "/api/v1/"),  # the API root is ninja's, and raised an HTML 404
        ("post", "/api/v1/khong-co/"),  # a POST is a 404 too, not Django's CSRF failure page
        ("delete", "/api/v2/news/"),
    ],
)
def test_an_unknown_api_address_is_a_json_404(client, cast, method, path):
    csrf_client = Client(enforce_csrf_checks=True)
    detail = assert_json_error(getattr(csrf_client, method)(path), 404)
    assert "Không có địa chỉ này trong API" in detail


def test_an_api_address_without_its_final_slash_still_redirects_a_get_and_names_it_otherwise(client, cast):
    response = client.get("/api/v1/news", {"limit": 1})
    assert response.status_code == 301 and response["Location"] == "/api/v1/news/?limit=1"
    detail = assert_json_error(client.post("/api/v1/news", "{}", content_type="application/json"), 404)
    assert "/api/v1/news/" in detail


@pytest.mark.parametrize(
    "method, path, allowed",
    [
        ("put", "/api/v1/news/", {"GET", "POST"}),
        ("delete", "/api/v1/units/", {"GET"}),
        ("post", "/api/v1/calendar/deadline", {"GET"}),
        ("get", "/api/v1/cases/1/accept", {"POST"}),
        ("post", "/api/docs", {"GET", "HEAD"}),
    ],
)
def test_a_wrong_method_is_a_json_405_with_the_allowed_ones(officer, method, path, allowed):
    response = getattr(officer, method)(path)
    detail = assert_json_error(response, 405)
    assert {m.strip() for m in response["Allow"].split(",")} == allowed
    assert f"không nhận phương thức {method.upper()}" in detail


def test_a_digit_slug_and_a_patch_of_a_slug_are_404_not_405(officer, cast):
    # `/news/{id}` (writes) and `/news/{slug}` (read) are two routes: each answered 405 for the other's method
    assert assert_json_error(officer.get("/api/v1/news/123"), 404) == "Không tìm thấy bài viết."
    article = published(cast)
    assert officer.get(f"/api/v1/news/{article.slug}").status_code == 200
    patch = officer.patch(f"/api/v1/news/{article.slug}", "{}", content_type="application/json")
    assert assert_json_error(patch, 404) == "Không tìm thấy bài viết."


def test_an_exception_inside_an_endpoint_is_a_json_500_without_internals_and_is_logged(
    client, cast, monkeypatch, caplog
):
    def broken(**kwargs):
        raise RuntimeError("bí mật nội bộ: /srv/danvan/db.sqlite3 password=hunter2")

    monkeypatch.setattr("danvan.publishing.selectors.published_articles", broken)
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/api/v1/news/")
    detail = assert_json_error(response, 500)
    assert detail.startswith("Máy chủ gặp lỗi khi xử lý yêu cầu.")
    assert b"hunter2" not in response.content and b"RuntimeError" not in response.content
    logged = [r for r in caplog.records if r.name == "django.request" and r.levelno == logging.ERROR]
    assert len(logged) == 1  # once, with the traceback (Django does not log it a second time)
    assert logged[0].exc_info[0] is RuntimeError and "hunter2" in str(logged[0].exc_info[1])


def test_a_bad_body_is_a_json_400_in_vietnamese(cast):
    case = submit(cast)
    client, csrf = browser(cast.minh)
    url = f"/api/v1/cases/{case.pk}/close"
    unreadable = client.post(url, "{not json", content_type="application/json", headers=csrf)
    assert assert_json_error(unreadable, 400).startswith("Không đọc được nội dung yêu cầu")
    # found by the fuzz job: a multipart body without its boundary failed inside the CSRF check (500)
    client.raise_request_exception = False
    multipart = client.post(url, "{}", content_type="multipart/form-data", headers=csrf)
    assert assert_json_error(multipart, 400).startswith("Không đọc được nội dung yêu cầu")


def test_a_validation_error_is_a_json_422_with_ninjas_detail(officer, cast):
    response = officer.get("/api/v1/cases/", {"kind": "khong-co"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "kind"]


# ---------------------------------------------------------------- bodies


def test_an_array_or_a_bare_value_sent_as_the_body_of_any_operation_is_a_422(officer, cast):
    case = submit(cast)
    article = draft(cast)
    disclosure = make_disclosure(cast, publish=False)
    ids = {
        "case_id": case.pk,
        "article_id": article.pk,
        "pk": disclosure.pk,
        "item_id": 1,
        "commitment_id": 1,
    }
    doc = schema(officer)
    bodies = [
        (path, method)
        for path, method, operation in operations(doc)
        if "application/json" in operation.get("requestBody", {}).get("content", {}) and not is_open311(path)
    ]
    assert len(bodies) == 24
    for path, method in bodies:
        url = path.format(**ids)
        for body in ("[]", '[{"note": "x"}]', '"chuỗi"', "5", "null"):
            response = getattr(officer, method)(url, body, content_type="application/json")
            assert response.status_code == 422, (method, url, body, response.content[:200])
            assert response.json()["detail"][0]["loc"] == ["body", "payload"]
    case.refresh_from_db()
    assert case.status == "received"  # nothing ran


def test_a_json_object_is_still_accepted(officer, cast):
    case = submit(cast)
    accepted = officer.post(f"/api/v1/cases/{case.pk}/accept", "{}", content_type="application/json")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"


# ---------------------------------------------------------------- session auth and CSRF


def test_writes_need_a_session_and_its_csrf_token(cast):
    case = submit(cast)
    url = f"/api/v1/cases/{case.pk}/accept"
    anonymous = Client(enforce_csrf_checks=True)
    # ninja's session auth checks the CSRF token first, then the session
    assert "CSRF" in assert_json_error(anonymous.post(url, "{}", content_type="application/json"), 403)
    anonymous.get("/phan-anh/gui/")  # a page with a form sets the CSRF cookie (cached pages set none)
    token = {"X-CSRFToken": anonymous.cookies["csrftoken"].value}
    assert assert_json_error(
        anonymous.post(url, "{}", content_type="application/json", headers=token), 401
    ) == ("Cần đăng nhập để dùng chức năng này.")
    client, csrf = browser(cast.minh)
    no_token = client.post(url, "{}", content_type="application/json")
    assert "CSRF" in assert_json_error(no_token, 403)
    wrong = client.post(url, "{}", content_type="application/json", headers={"X-CSRFToken": "x" * 32})
    assert "CSRF" in assert_json_error(wrong, 403)
    case.refresh_from_db()
    assert case.status == "received"
    ok = client.post(url, "{}", content_type="application/json", headers=csrf)
    assert ok.status_code == 200 and ok.json()["status"] == "accepted"
    # reads need no token
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 200


def test_an_edit_on_a_stale_version_is_a_409(officer, cast):
    article = draft(cast)
    stale = {"summary": "Tóm tắt mới", "version": article.version - 1}
    response = officer.patch(f"/api/v1/news/{article.pk}", json.dumps(stale), content_type="application/json")
    assert "vừa được người khác sửa" in assert_json_error(response, 409)


# ---------------------------------------------------------------- the schema declares every status


def test_every_operation_declares_the_statuses_it_can_answer_with_the_error_body(client, cast):
    doc = schema(client)
    components = doc["components"]["schemas"]
    assert components["ErrorOut"]["required"] == ["detail"]
    assert components["ValidationErrorOut"]["properties"]["detail"]["type"] == "array"
    checked = 0
    for path, method, operation in operations(doc):
        declared = {int(code) for code in operation["responses"]}
        if is_open311(path):  # GeoReport's own error lists, in the path's format (its tests check them)
            assert {400, 500} <= declared, (method, path, sorted(declared))
            continue
        params = operation.get("parameters", [])
        expected = {400, 500}
        if params or "requestBody" in operation:
            expected.add(422)
        if any(p["in"] == "path" for p in params):
            expected.add(404)
        if operation.get("security"):
            expected |= {401, 403}
        assert expected <= declared, (method, path, sorted(declared))
        assert declared & {200, 201}, (method, path)
        for code in expected:
            content = operation["responses"][str(code)]["content"]["application/json"]["schema"]
            wanted = "ValidationErrorOut" if code == 422 else "ErrorOut"
            assert content["$ref"] == f"#/components/schemas/{wanted}", (method, path, code)
        checked += 1
    assert checked > 30
    # the operations' own extra statuses
    assert "409" in doc["paths"]["/api/v1/news/{article_id}"]["patch"]["responses"]
    assert "404" in doc["paths"]["/api/v1/news/"]["post"]["responses"]


# ---------------------------------------------------------------- values the database cannot hold


@pytest.mark.parametrize(
    "method, path, data",
    [
        ("get", "/api/v1/units/30025%00", None),
        ("get", "/api/v1/news/?unit=a%00b", None),
        ("get", "/api/v1/cases/?q=%00", None),
        ("get", "/api/v1/calendar/deadline?rule=complaint.accept%00&start=2026-02-12", None),
        ("post", "/api/v1/news/", {"unit": "30025", "title": "Tin\x00 mới"}),
        ("post", "/api/v1/news/", {"unit": "30025", "title": "Tin", "tags": ["a", "b\x00"]}),
    ],
)
def test_a_nul_character_in_the_address_query_or_body_is_a_400(officer, cast, method, path, data):
    # PostgreSQL stores and compares no NUL character: these were 500s there (SQLite took them)
    if data is None:
        response = getattr(officer, method)(path)
    else:
        response = getattr(officer, method)(path, json.dumps(data), content_type="application/json")
    assert "ký tự NUL" in assert_json_error(response, 400)
    from danvan.publishing.models import Article

    assert not Article.objects.exists()


def test_a_nul_character_in_a_form_body_is_a_400(officer, cast):
    response = officer.post("/api/v1/cases/", {"kind": "feedback", "title": "Khói\x00 bụi"})
    assert "ký tự NUL" in assert_json_error(response, 400)


def test_a_number_too_big_for_its_column_is_a_400_not_a_500(officer, cast):
    disclosure = make_disclosure(cast, publish=False)
    url = f"/api/v1/disclosures/{disclosure.pk}"
    for days in (366, 2**31, 2**63):
        body = json.dumps({"forms": ["posting", "loudspeaker"], "loudspeaker_days": days})
        detail = assert_json_error(officer.patch(url, body, content_type="application/json"), 400)
        assert detail == "Số ngày thông báo trên hệ thống truyền thanh tối đa là 365 ngày."
    body = json.dumps({"forms": ["posting", "loudspeaker"], "loudspeaker_days": 365})
    assert officer.patch(url, body, content_type="application/json").json()["loudspeaker_days"] == 365


def _models_of(annotation, seen):
    """The pydantic models an annotation names, nested ones included."""
    import typing

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return
        seen.add(annotation)
        for field in annotation.model_fields.values():
            _models_of(field.annotation, seen)
        return
    for argument in typing.get_args(annotation):
        _models_of(argument, seen)


def test_no_two_schemas_of_the_api_share_a_name():
    """The OpenAPI components are keyed by the class's name: two classes of one name (conventions' articles and
    the news' ArticleOut) leave one of them described by the other's schema, and a client validating the
    answers refuses them (the schemathesis job found /api/v1/news/ answering 'number is required')."""
    from collections import defaultdict

    from danvan.api.main import api

    seen = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.response_models.values():
                    _models_of(model, seen)
                for model in operation.models:
                    _models_of(model, seen)
    by_name = defaultdict(set)
    for model in seen:
        if model.__module__.startswith("danvan."):
            by_name[model.__name__].add(f"{model.__module__}.{model.__qualname__}")
    assert len(by_name) > 50
    assert {name: sorted(where) for name, where in by_name.items() if len(where) > 1} == {}
