"""The portal's Atom feed and robots.txt: absolute, stable entry ids; news, disclosures and published answers
with their real dates, news never pushed out; crawlers pointed at the sitemap and kept out of the workspace,
the admin and the API."""

import datetime as dt
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from danvan.disclosures.models import Disclosure
from danvan.disclosures.tests.helpers import make
from danvan.publishing import services
from danvan.publishing.feeds import FEED_SIZE
from danvan.publishing.models import Article

from .helpers import published

ATOM = {"a": "http://www.w3.org/2005/Atom"}
FEED = reverse("publishing:feed")


def entries(client, **extra):
    root = ET.fromstring(client.get(FEED, **extra).content)
    return [
        {
            "id": e.findtext("a:id", namespaces=ATOM),
            "title": e.findtext("a:title", namespaces=ATOM),
            "link": e.find("a:link", ATOM).get("href"),
            "published": dt.datetime.fromisoformat(e.findtext("a:published", namespaces=ATOM)),
            "updated": dt.datetime.fromisoformat(e.findtext("a:updated", namespaces=ATOM)),
        }
        for e in root.findall("a:entry", ATOM)
    ]


def answer(cast):
    from danvan.cases.tests.test_published_answers import answered

    return answered(cast, title="Cống ấp Phú Hòa nghẹt")


def test_every_entry_id_is_an_absolute_tag_uri_that_stays_the_same(client, cast):
    article = published(cast, title="Hội nghị dân vận khéo")
    disclosure = make(cast, 1, title="Dự toán ngân sách xã năm 2026")
    case = answer(cast)
    first = {e["link"]: e["id"] for e in entries(client)}
    assert set(first.values()) == {
        f"tag:testserver,2026:article/{article.pk}",
        f"tag:testserver,2026:disclosure/{disclosure.pk}",
        f"tag:testserver,2026:answer/{case.code}",
    }
    assert all(urlparse(i).scheme == "tag" for i in first.values())
    # a new title, a newer entry in front, another port: the same ids
    services.article_update(actor=cast.son, article=article, title="Hội nghị điển hình dân vận khéo")
    published(cast, title="Tin mới hơn")
    again = {e["id"] for e in entries(client, HTTP_HOST="testserver:8443")}
    assert set(first.values()) < again


def test_news_keep_their_place_when_many_newer_disclosures_are_published(client, cast):
    older = [
        published(cast, title=f"Tin số {i}", when=timezone.now() - dt.timedelta(days=30 + i))
        for i in range(3)
    ]
    for i in range(FEED_SIZE + 5):
        make(cast, 1, title=f"Công khai số {i}")
    got = entries(client)
    assert len(got) == FEED_SIZE
    links = [e["link"] for e in got]
    for article in older:
        assert any(link.endswith(article.get_absolute_url()) for link in links)
    assert sum("/cong-khai/" in link for link in links) == FEED_SIZE - 3
    updated = [e["updated"] for e in got]
    assert updated == sorted(updated, reverse=True)  # newest first, whatever the kind


def test_entries_carry_their_own_publication_and_update_dates(client, cast):
    moment = timezone.now() - dt.timedelta(days=40)
    article = published(cast, title="Tin đăng 40 ngày trước", when=moment)
    Article.objects.filter(pk=article.pk).update(updated_at=moment)
    edited = published(cast, title="Tin được sửa sau khi đăng", when=moment - dt.timedelta(days=1))
    edited_at = moment + dt.timedelta(days=5)
    Article.objects.filter(pk=edited.pk).update(updated_at=edited_at)
    disclosure = make(cast, 1, title="Dự toán ngân sách xã năm 2026")
    posted = moment - dt.timedelta(days=3)
    Disclosure.objects.filter(pk=disclosure.pk).update(published_at=posted, updated_at=posted)
    case = answer(cast)
    by_link = {urlparse(e["link"]).path: e for e in entries(client)}
    assert by_link[article.get_absolute_url()]["published"] == article.publish_at
    assert by_link[article.get_absolute_url()]["updated"] == article.publish_at
    assert by_link[edited.get_absolute_url()]["published"] == edited.publish_at
    assert by_link[edited.get_absolute_url()]["updated"] == edited_at
    assert by_link[disclosure.get_absolute_url()]["updated"] == posted
    resolved = by_link[reverse("cases:answer", kwargs={"code": case.code})]
    assert timezone.localtime(resolved["updated"]).date() == case.resolved_on


@pytest.mark.django_db
def test_the_demo_feed_holds_news_disclosures_with_their_posting_days_and_no_load_time():
    from django.test import Client

    from danvan.disclosures import demo as disclosures_demo
    from danvan.people.models import User
    from danvan.publishing import demo as publishing_demo
    from danvan.units import demo as units_demo

    units_demo.seed()
    User.objects.create_superuser(username="admin", password="x")
    loaded = timezone.now()
    publishing_demo.seed()
    disclosures_demo.seed()
    today = timezone.localdate(loaded)
    for d in Disclosure.objects.filter(status="published"):
        day = d.posting_start if d.posting_start <= today else d.decision_date
        assert timezone.localtime(d.published_at).date() == day, d.title
        assert d.published_at < loaded and d.updated_at == d.created_at == d.published_at
    for a in Article.objects.filter(status="published"):
        assert a.updated_at == a.publish_at
    got = entries(Client())
    assert any(not e["title"].startswith("[") for e in got)  # news
    assert any(e["title"].startswith("[Công khai]") for e in got)
    assert all(e["updated"] < loaded for e in got)


@override_settings(ALLOWED_HOSTS=["danvan.example.gov.vn"])
def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_private_paths(client, cast):
    response = client.get("/robots.txt", HTTP_HOST="danvan.example.gov.vn")
    assert response.status_code == 200 and response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert {"Disallow: /can-bo/", "Disallow: /admin/", "Disallow: /api/"} <= set(lines)
    assert "Sitemap: http://danvan.example.gov.vn/sitemap.xml" in lines
    assert not any(line == "Disallow: /" for line in lines)
