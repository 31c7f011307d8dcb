"""The anonymous page cache (danvan/core/pagecache.py): served from the cache, with validators, never for a
signed-in visitor or a page with a form, and invalidated by the services that publish, withdraw or answer —
each change visible on the very next anonymous request."""

import pytest
from django.test import Client
from django.urls import reverse

from danvan.cases import services as case_services
from danvan.cases.models import Case
from danvan.cases.tests.helpers import accepted
from danvan.core import pagecache
from danvan.disclosures import services as disclosure_services
from danvan.disclosures.tests.helpers import make as make_disclosure
from danvan.publishing import services as publishing_services
from danvan.publishing.tests.helpers import published

pytestmark = pytest.mark.django_db
NEWS = reverse("publishing:article_list")
ANSWERS = reverse("cases:answers")
DISCLOSURES = reverse("disclosures:list")


def test_a_second_anonymous_request_is_served_from_the_cache_with_validators(cast):
    published(cast, title="Tin thứ nhất")
    client = Client()
    first = client.get(NEWS)
    assert first["X-Danvan-Cache"] == "miss"
    second = client.get(NEWS)
    assert second["X-Danvan-Cache"] == "hit"
    assert second.content == first.content and "Tin thứ nhất" in second.content.decode()
    assert second["Cache-Control"].startswith("public, max-age=")
    assert second["ETag"] == first["ETag"] and second["Last-Modified"]
    assert "Cookie" in second["Vary"]
    assert not first.cookies and not second.cookies  # no CSRF cookie: the layout's forms carry no token
    again = client.get(NEWS, HTTP_IF_NONE_MATCH=second["ETag"])
    assert again.status_code == 304 and again["ETag"] == second["ETag"]
    # another query string, another language: another entry
    assert client.get(NEWS + "?trang=1")["X-Danvan-Cache"] == "miss"
    client.cookies["django_language"] = "en"
    assert client.get(NEWS)["X-Danvan-Cache"] == "miss"


def test_signed_in_visitors_and_htmx_are_never_served_from_the_cache(client, cast):
    Client().get(NEWS)
    client.force_login(cast.lan)
    response = client.get(NEWS)
    assert "X-Danvan-Cache" not in response and "public" not in response.get("Cache-Control", "")
    assert "X-Danvan-Cache" not in Client().get(NEWS, HTTP_HX_REQUEST="true")


def test_the_case_form_is_never_cached(cast):
    client = Client()
    for _ in range(2):
        response = client.get(reverse("cases:submit"))
        assert response.status_code == 200 and "X-Danvan-Cache" not in response
        assert "csrfmiddlewaretoken" in response.content.decode()


def test_a_page_with_a_csrf_form_is_not_stored(cast):
    d = make_disclosure(cast)  # its page has the citizen's question form
    for _ in range(2):
        response = Client().get(reverse("disclosures:detail", args=[d.pk]))
        assert response.status_code == 200 and "X-Danvan-Cache" not in response
        assert "csrfmiddlewaretoken" in response.content.decode() and response.cookies


def test_publishing_and_archiving_an_article_show_on_the_next_anonymous_request(cast):
    client = Client()
    assert "Tin mới đăng" not in client.get(NEWS).content.decode()
    assert client.get(NEWS)["X-Danvan-Cache"] == "hit"
    article = published(cast, title="Tin mới đăng")
    assert "Tin mới đăng" in client.get(NEWS).content.decode()
    assert client.get(NEWS)["X-Danvan-Cache"] == "hit"
    publishing_services.article_archive(actor=cast.tuan, article=article)
    assert "Tin mới đăng" not in client.get(NEWS).content.decode()


def test_publishing_and_withdrawing_a_disclosure_show_on_the_next_anonymous_request(cast):
    client = Client()
    client.get(DISCLOSURES)
    assert client.get(DISCLOSURES)["X-Danvan-Cache"] == "hit"
    d = make_disclosure(cast, title="Công khai dự toán ngân sách xã")
    assert "Công khai dự toán ngân sách xã" in client.get(DISCLOSURES).content.decode()
    disclosure_services.disclosure_withdraw(actor=cast.lan, disclosure=d, reason="Đăng nhầm phiên bản cũ.")
    assert "Công khai dự toán ngân sách xã" not in client.get(DISCLOSURES).content.decode()


def test_answering_a_case_publishes_it_and_reopening_withdraws_it_on_the_next_anonymous_request(cast):
    client = Client()
    client.get(ANSWERS)
    assert client.get(ANSWERS)["X-Danvan-Cache"] == "hit"
    case = accepted(cast, "feedback", consent_publish=True, title="Cống ấp Phú Hòa nghẹt", phone="0912000111")
    case_services.case_resolve(
        actor=cast.tuan, case=Case.objects.get(pk=case.pk), answer="Xã đã nạo vét cống.", publish=True
    )
    assert "Cống ấp Phú Hòa nghẹt" in client.get(ANSWERS).content.decode()
    case_services.case_reopen(actor=cast.tuan, case=Case.objects.get(pk=case.pk), reason="Cống lại nghẹt.")
    assert "Cống ấp Phú Hòa nghẹt" not in client.get(ANSWERS).content.decode()


def test_an_answered_question_shows_on_the_disclosures_pages(cast):
    d = make_disclosure(cast, title="Công khai quỹ hỗ trợ")
    q = disclosure_services.question_ask(disclosure=d, question="Quỹ chia thế nào?", phone="0912345678")
    before = pagecache.generations(["disclosures"])
    disclosure_services.question_answer(actor=cast.lan, question=q, answer="Chia theo số hộ của từng ấp.")
    assert pagecache.generations(["disclosures"]) != before
    assert (
        "Chia theo số hộ của từng ấp."
        in Client().get(reverse("disclosures:detail", args=[d.pk])).content.decode()
    )


def test_cached_values_follow_their_topics(cast):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert pagecache.cached("figures", ["units"], compute) == 1
    assert pagecache.cached("figures", ["units"], compute) == 1
    pagecache.changed("units")
    assert pagecache.cached("figures", ["units"], compute) == 2
    with pytest.raises(ValueError):
        pagecache.changed("nothing")


def test_turned_off_nothing_is_cached(cast, settings):
    settings.DANVAN_PAGECACHE = False
    client = Client()
    client.get(NEWS)
    assert "X-Danvan-Cache" not in client.get(NEWS)


def test_a_hit_is_one_round_trip_to_the_cache_and_a_change_makes_the_stored_page_a_miss(cast, monkeypatch):
    """The page and its topics' generations are read together (one `get_many`, nothing else); after a change
    the stored entry no longer matches and the next request renders and stores it again."""
    from django.core.cache import cache

    published(cast, title="Tin thứ nhất")
    client = Client()
    assert client.get(NEWS)["X-Danvan-Cache"] == "miss"
    calls = []
    for name in ("get", "get_many", "has_key"):
        real = getattr(cache, name)
        monkeypatch.setattr(
            cache,
            name,
            lambda *a, _real=real, _name=name, **k: calls.append((_name, a[:1])) or _real(*a, **k),
        )
    assert client.get(NEWS)["X-Danvan-Cache"] == "hit"
    (first, (keys,)), *rest = calls
    assert first == "get_many" and keys[0].startswith("pagecache:page:")
    assert {"pagecache:gen:news", "pagecache:gen:units"} <= set(keys[1:])
    # the local-memory cache of the tests answers get_many key by key; Redis answers it with one MGET
    assert all(name == "get" and args[0] in keys for name, args in rest), rest
    pagecache.changed("news")
    assert client.get(NEWS)["X-Danvan-Cache"] == "miss"
    assert client.get(NEWS)["X-Danvan-Cache"] == "hit"


def test_a_reception_day_added_or_cancelled_shows_on_the_next_anonymous_request(cast):
    """/doi-thoai/ is cached under the module's topic, which every write of its public rows moves."""
    import datetime as dt

    from danvan.core.formatting import local_today
    from danvan.dialogues import services as dialogue_services
    from danvan.dialogues.services import day_off_reason

    day = local_today() + dt.timedelta(days=1)
    while day_off_reason(day):
        day += dt.timedelta(days=1)
    page = f"{reverse('dialogues:public_schedule')}?thang={day:%Y-%m}&don-vi={cast.commune.code}"
    client = Client()
    assert client.get(page)["X-Danvan-Cache"] == "miss"
    assert client.get(page)["X-Danvan-Cache"] == "hit"
    session = dialogue_services.session_add(
        actor=cast.minh,
        unit=cast.commune,
        day=day,
        host_role="commune_chair",
        host_name="Ông Trần Văn Chủ",
        place="Trụ sở UBND xã",
    )
    fresh = client.get(page)
    assert fresh["X-Danvan-Cache"] == "miss" and "Ông Trần Văn Chủ" in fresh.content.decode()
    dialogue_services.session_cancel(actor=cast.minh, session=session, reason="Lãnh đạo đi công tác đột xuất")
    assert client.get(page)["X-Danvan-Cache"] == "miss"
