import json
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from danvan.publishing import services

from .helpers import category, draft, published

pytestmark = pytest.mark.django_db

LIST = reverse("publishing:article_list")
WS_LIST = reverse("publishing:ws_article_list")
QUEUE = reverse("publishing:ws_review_queue")


def test_public_list_shows_published_articles_only(client, cast):
    published(cast, title="Tin đã đăng ở Phú Cường")
    draft(cast, title="Bản nháp bí mật")
    response = client.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200 and response.context["nav_active"] == "news"
    assert "Tin đã đăng ở Phú Cường" in html and "Bản nháp bí mật" not in html


def test_public_list_filters_by_unit_subtree_and_category(client, cast):
    published(cast, title="Tin Phú Cường", category=category("hoi-quan"))
    published(cast, title="Tin An Long", unit=cast.sibling_commune)
    published(cast, title="Tin Tân Phú", unit=cast.far_commune)
    titles = lambda r: {a.title for a in r.context["page"]}  # noqa: E731
    assert titles(client.get(LIST, {"don-vi": "871"})) == {"Tin Phú Cường", "Tin An Long"}
    assert titles(client.get(LIST, {"chuyen-muc": "hoi-quan"})) == {"Tin Phú Cường"}
    response = client.get(LIST, {"don-vi": "99999"})
    assert titles(response) == set() and "Chưa có tin nào khớp" in response.content.decode()


def test_public_list_query_count(client, cast, django_assert_max_num_queries):
    for i in range(15):
        published(cast, title=f"Tin số {i}")
    with django_assert_max_num_queries(8):
        assert client.get(LIST, {"chuyen-muc": "cong-tac-dan-van"}).status_code == 200


def test_detail_page_with_meta_and_related(client, cast):
    a = published(cast, title="Tin chính", tags="Hội quán, đối thoại", summary="Tóm tắt tin chính")
    published(cast, title="Tin cùng chuyên mục")
    published(cast, title="Tin huyện khác", unit=cast.far_commune)
    response = client.get(a.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chi tiết bài viết" in html and "<h1>Tin chính</h1>" in html
    assert 'property="og:title" content="Tin chính"' in html and 'content="article"' in html
    assert 'rel="canonical"' in html and "Tóm tắt tin chính" in html
    assert [r.title for r in response.context["related"]] == ["Tin cùng chuyên mục"]


def test_drafts_are_404_for_the_public_and_previewed_by_officers(client, cast):
    a = draft(cast)
    assert client.get(a.get_absolute_url()).status_code == 404
    client.force_login(cast.minh)  # an officer without news rights
    assert client.get(a.get_absolute_url()).status_code == 404
    client.force_login(cast.lan)
    response = client.get(a.get_absolute_url())
    assert response.status_code == 200 and response.context["preview"] is True
    assert "Bản xem trước" in response.content.decode()
    preview = client.get(reverse("publishing:ws_article_preview", args=[a.pk]))
    assert preview.status_code == 200 and preview.context["preview"] is True


def test_officer_list_is_scoped_and_searches_without_diacritics(client, cast):
    draft(cast, title="Đối thoại với nông dân Phú Cường")
    other = draft(cast, title="Tin xã An Long", unit=cast.sibling_commune, actor=cast.son)
    client.force_login(cast.lan)
    page = client.get(WS_LIST).context["page"]
    assert [a.title for a in page] == ["Đối thoại với nông dân Phú Cường"]
    assert [a.title for a in client.get(WS_LIST, {"q": "doi thoai nong dan"}).context["page"]] == [
        "Đối thoại với nông dân Phú Cường"
    ]
    assert list(client.get(WS_LIST, {"q": "khong co"}).context["page"]) == []
    assert client.get(reverse("publishing:ws_article_edit", args=[other.pk])).status_code == 404
    assert client.post(reverse("publishing:ws_article_submit", args=[other.pk])).status_code == 404
    client.force_login(cast.hoa)  # mobilisation officer: no news rights
    assert client.get(WS_LIST).status_code == 404


def test_officer_list_and_queue_query_counts(client, cast, django_assert_max_num_queries):
    for i in range(12):
        services.article_submit(actor=cast.lan, article=draft(cast, title=f"Bài {i}"))
    client.force_login(cast.tuan)
    with django_assert_max_num_queries(12):
        assert client.get(WS_LIST, {"q": "bai"}).status_code == 200
    with django_assert_max_num_queries(10):
        response = client.get(QUEUE)
    assert response.status_code == 200 and len(response.context["page"]) == 12


def test_create_edit_submit_approve_through_the_screens(client, cast):
    client.force_login(cast.lan)
    response = client.post(
        reverse("publishing:ws_article_create"),
        {
            "unit": cast.commune.pk,
            "category": category().pk,
            "title": "Bài từ màn hình",
            "body": "<p>Nội dung</p>",
        },
    )
    assert response.status_code == 302
    from danvan.publishing.models import Article

    a = Article.objects.get(title="Bài từ màn hình")
    edit = reverse("publishing:ws_article_edit", args=[a.pk])
    response = client.post(
        edit,
        {
            "unit": cast.commune.pk,
            "title": "Bài từ màn hình",
            "summary": "Tóm tắt",
            "body": "<p>Nội dung</p>",
            "version": a.version,
        },
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.summary == "Tóm tắt"
    assert client.get(reverse("publishing:ws_article_submit", args=[a.pk])).status_code == 405
    client.post(reverse("publishing:ws_article_submit", args=[a.pk]))
    a.refresh_from_db()
    assert a.status == "in_review"
    assert client.post(reverse("publishing:ws_article_approve", args=[a.pk])).status_code == 404  # editor
    client.force_login(cast.tuan)
    assert a.title in client.get(QUEUE).content.decode()
    client.post(reverse("publishing:ws_article_approve", args=[a.pk]), {"publish_at": "", "note": "Được"})
    a.refresh_from_db()
    assert a.status == "published"
    response = client.get(edit)
    assert response.status_code == 200 and "duyệt đăng" in response.content.decode()
    archive = reverse("publishing:ws_article_archive", args=[a.pk])
    assert client.get(archive).status_code == 200
    client.post(archive)
    a.refresh_from_db()
    assert a.status == "archived"


def test_create_form_shows_clear_errors(client, cast):
    client.force_login(cast.lan)
    response = client.post(reverse("publishing:ws_article_create"), {"unit": cast.commune.pk, "title": ""})
    assert response.status_code == 200 and response.context["form"].errors["title"]


def test_feed_and_sitemap_list_published_articles_only(client, cast):
    a = published(cast, title="Tin trong feed")
    d = draft(cast, title="Bản nháp ngoài feed")
    feed = client.get(reverse("publishing:feed"))
    root = ET.fromstring(feed.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    links = [e.find("a:link", ns).get("href") for e in root.findall("a:entry", ns)]
    assert len(links) == 1 and links[0].endswith(a.get_absolute_url())
    sitemap = client.get(reverse("publishing:sitemap"))
    root = ET.fromstring(sitemap.content)
    locs = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(loc.endswith(a.get_absolute_url()) for loc in locs)
    assert not any(loc.endswith(d.get_absolute_url()) for loc in locs)
    assert any(loc.endswith("/tin-tuc/") for loc in locs)


# ---------------------------------------------------------------- API


def test_api_public_list_and_detail(client, cast):
    a = published(cast, title="Tin API")
    published(cast, title="Tin xa", unit=cast.far_commune)
    draft(cast, title="Nháp API")
    data = client.get("/api/v1/news/", {"unit": "871"}).json()
    assert (
        data["count"] == 1 and data["items"][0]["slug"] == a.slug and data["items"][0]["unit_code"] == "30025"
    )
    assert client.get("/api/v1/news/", {"limit": 1}).json()["count"] == 2
    detail = client.get(f"/api/v1/news/{a.slug}")
    assert detail.status_code == 200 and detail.json()["body"].startswith("<p>")
    assert client.get("/api/v1/news/nhap-api").status_code == 404


def test_api_writes_need_login_and_respect_scope(client, cast):
    body = json.dumps({"unit": "30025", "title": "Tạo qua API", "body": "<p>x</p>"})
    assert client.post("/api/v1/news/", body, content_type="application/json").status_code == 401
    client.force_login(cast.lan)
    response = client.post("/api/v1/news/", body, content_type="application/json")
    assert response.status_code == 201 and response.json()["status"] == "draft"
    pk = response.json()["id"]
    patched = client.patch(
        f"/api/v1/news/{pk}", json.dumps({"summary": "Tóm"}), content_type="application/json"
    )
    assert patched.status_code == 200 and patched.json()["summary"] == "Tóm"
    assert client.post(f"/api/v1/news/{pk}/submit").json()["status"] == "in_review"
    again = client.post(f"/api/v1/news/{pk}/submit")
    assert again.status_code == 400 and "Chờ duyệt" in again.json()["detail"]
    approve = lambda: client.post(f"/api/v1/news/{pk}/approve", "{}", content_type="application/json")  # noqa: E731
    assert approve().status_code == 404  # an editor may not approve
    other = draft(cast, title="Tin An Long", unit=cast.sibling_commune, actor=cast.son)
    assert client.patch(f"/api/v1/news/{other.pk}", "{}", content_type="application/json").status_code == 404
    bad_unit = json.dumps({"unit": "30022", "title": "X"})
    assert client.post("/api/v1/news/", bad_unit, content_type="application/json").status_code == 404
    client.force_login(cast.tuan)
    assert approve().json()["status"] == "published"
