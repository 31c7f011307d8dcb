"""Error pages a person sees: Vietnamese, in the site's layout, without the database; JSON under /api/.

The suite runs with DEBUG off (pytest-django), as `make run` and production serve.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, RequestFactory

from danvan.web import errors

ROOT = Path(__file__).resolve().parents[2]


def test_a_missing_page_shows_the_vietnamese_404_in_the_site_layout(client, db):
    response = client.get("/trang-khong-co/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Không tìm thấy trang</h1>" in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html and "danvan.css" in html
    assert 'lang="vi"' in html
    assert "Not Found" not in html and "Page not found" not in html


def test_a_missing_api_path_answers_json_in_vietnamese(client, db):
    response = client.get("/api/khong-co/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Không có địa chỉ này trong API; xem danh sách tại /api/docs."}


def test_a_view_that_raises_shows_the_vietnamese_500(db, cast, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("lỗi thử nghiệm")

    monkeypatch.setattr("danvan.web.views.latest_articles", broken)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Hệ thống đang gặp sự cố</h1>" in html and 'class="site-header"' in html
    assert "RuntimeError" not in html and "lỗi thử nghiệm" not in html and "Server Error" not in html


def test_an_api_server_error_answers_json():
    response = errors.server_error(RequestFactory().get("/api/v1/open311/v2/services.json"))
    assert response.status_code == 500
    assert json.loads(response.content) == {
        "detail": "Hệ thống đang gặp sự cố, vui lòng thử lại sau ít phút."
    }


def test_a_forbidden_page_is_the_vietnamese_403(db):
    response = errors.permission_denied(RequestFactory().get("/can-bo/"))
    assert response.status_code == 403
    assert "<h1>Không có quyền truy cập</h1>" in response.content.decode()


def test_a_form_posted_without_its_csrf_token_explains_in_vietnamese(db):
    response = Client(enforce_csrf_checks=True).post("/dang-nhap/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Phiên làm việc đã hết hạn</h1>" in html and "CSRF" not in html


def test_a_request_for_an_unknown_host_gets_the_vietnamese_400(db):
    response = Client().get("/", HTTP_HOST="khong-phai-ten-mien.example")
    assert response.status_code == 400
    assert "<h1>Yêu cầu không hợp lệ</h1>" in response.content.decode()


def test_error_pages_are_translated_for_english_readers(client, db):
    client.cookies["django_language"] = "en"
    html = client.get("/trang-khong-co/").content.decode()
    assert "<h1>Page not found</h1>" in html and 'lang="en"' in html


PAGE_WITH_DATABASE_DOWN = """
import django, json
django.setup()
from django.test import Client
for path in ("/", "/phan-anh/gui/", "/api/v1/news/", "/api/v1/open311/v2/services.json"):
    r = Client(raise_request_exception=False).get(path)
    print(json.dumps({"path": path, "status": r.status_code, "type": r["Content-Type"], "body": r.content.decode()}))
"""


@pytest.mark.parametrize(
    "database_url",
    [
        "sqlite:////nonexistent-danvan-dir/db.sqlite3",  # the file cannot be opened
        "postgres://postgres@127.0.0.1:9/danvan",  # nothing listens: connection refused
    ],
    ids=["sqlite-unreadable", "postgresql-refused"],
)
def test_the_500_page_renders_while_the_database_is_unreachable(database_url, collected_static):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DANVAN_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=database_url,
        DANVAN_DEBUG="false",
        DANVAN_SECRET_KEY="x" * 50,
        DANVAN_PROTECTED_KEYS="ZGV2LW9ubHktZGFudmFuLXByb3RlY3RlZC1rZXktMDE=",
        DANVAN_SSL_REDIRECT="false",
        DANVAN_LOG_LEVEL="CRITICAL",
        DANVAN_STATIC_ROOT=str(collected_static),
    )
    out = subprocess.run(
        [sys.executable, "-c", PAGE_WITH_DATABASE_DOWN],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    pages = {p["path"]: p for p in map(json.loads, out.stdout.strip().splitlines())}
    for path in ("/", "/phan-anh/gui/"):
        assert pages[path]["status"] == 500
        assert "<h1>Hệ thống đang gặp sự cố</h1>" in pages[path]["body"]
        assert 'class="site-header"' in pages[path]["body"]  # the layout, not the last-resort text
    for path in ("/api/v1/news/", "/api/v1/open311/v2/services.json"):  # the API's own JSON error formats
        assert pages[path]["status"] == 500
        assert pages[path]["type"].startswith("application/json")
        assert "Máy chủ gặp lỗi" in str(json.loads(pages[path]["body"]))
