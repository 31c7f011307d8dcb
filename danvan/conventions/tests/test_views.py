import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.conventions import services
from danvan.conventions.models import Comment, Convention, Status, VersionStatus
from danvan.decisions.models import Decision
from danvan.decisions.tests.helpers import citizen
from tests.cast import _grant, _user

from .helpers import DAY, commented, drafted, households, in_comment_now, recognised

pytestmark = pytest.mark.django_db
BASE = "/can-bo/lay-y-kien/huong-uoc/"


def sign_in(client, user, unit=None):
    client.force_login(user)
    if unit is not None:
        client.get("/can-bo/", {"don-vi": unit.code})


def test_officer_creates_edits_and_opens_the_comment_period(client, cast):
    sign_in(client, cast.tuan, cast.commune)
    r = client.post(
        BASE + "them/", {"hamlet": cast.hamlet.pk, "kind": "quy_uoc", "title": "Ấp Phú Hòa", "preamble": ""}
    )
    c = Convention.objects.get()
    assert r.status_code == 302 and r["Location"].endswith(f"{BASE}{c.pk}/")
    r = client.post(
        f"{BASE}{c.pk}/them-dieu/", {"article-heading": "Nếp sống", "article-text": "Cưới hỏi văn minh."}
    )
    assert r.status_code == 302
    art = c.latest.articles.get()
    client.post(
        f"{BASE}{c.pk}/dieu/",
        {"article_id": art.pk, f"edit-{art.pk}-heading": "Nếp sống văn minh", f"edit-{art.pk}-text": "Mới."},
    )
    art.refresh_from_db()
    assert art.heading == "Nếp sống văn minh"
    # too short a period: the page says the least closing day and the decree
    r = client.post(
        f"{BASE}{c.pk}/lay-y-kien/", {"period-opens_on": "2026-12-01", "period-closes_on": "2026-12-20"}
    )
    assert r.status_code == 400
    assert "không sớm hơn ngày 31/12/2026" in r.content.decode() and "61/2023" in r.content.decode()
    r = client.post(
        f"{BASE}{c.pk}/lay-y-kien/", {"period-opens_on": "2026-12-01", "period-closes_on": "2026-12-31"}
    )
    assert r.status_code == 302
    c.refresh_from_db()
    assert c.status == Status.COMMENT
    page = client.get(f"{BASE}{c.pk}/").content.decode()
    assert "01/12/2026 – 31/12/2026" in page and "Điều 1. Nếp sống văn minh" in page


def test_article_delete_needs_confirmation(client, cast):
    c = drafted(cast, articles=2)
    sign_in(client, cast.hoa)
    art = c.latest.articles.get(number=1)
    client.post(f"{BASE}{c.pk}/dieu/", {"article_id": art.pk, "delete": "1"})
    assert c.latest.articles.count() == 2
    client.post(f"{BASE}{c.pk}/dieu/", {"article_id": art.pk, "delete": "1", "confirm": "1"})
    assert list(c.latest.articles.values_list("number", flat=True)) == [1]


def test_comments_responses_and_put_to_vote_link_to_the_decision(client, cast):
    c = in_comment_now(cast)
    sign_in(client, cast.hoa)
    r = client.post(
        f"{BASE}{c.pk}/gop-y/", {"comment-author_name": "Bà Năm", "comment-text": "Thêm điều về môi trường."}
    )
    assert r.status_code == 302
    comment = Comment.objects.get()
    client.post(f"{BASE}{c.pk}/gop-y/{comment.pk}/tra-loi/", {"response": "Tiếp thu."})
    comment.refresh_from_db()
    assert comment.response == "Tiếp thu."
    r = client.post(f"{BASE}{c.pk}/bieu-quyet/", {"vote-voting_on": "2027-02-01"})
    assert r.status_code == 400 and "Chưa hết thời gian lấy ý kiến" in r.content.decode()
    closed = commented(cast, title="Quy ước B")
    r = client.post(f"{BASE}{closed.pk}/bieu-quyet/", {"vote-voting_on": DAY.isoformat()})
    d = Decision.objects.get()
    assert r.status_code == 302 and r["Location"].endswith(f"/can-bo/lay-y-kien/{d.pk}/")
    page = client.get(f"/can-bo/lay-y-kien/{d.pk}/").content.decode()
    assert f"{BASE}{closed.pk}/" in page  # the decision's page links back to its convention


def test_list_filters_by_status_and_hides_other_communes(client, cast):
    drafted(cast, title="Hương ước một")
    commented(cast, title="Hương ước hai")
    drafted(cast, title="Hương ước ngoài", hamlet=cast.sibling_hamlet)  # made by hoa, district officer
    sign_in(client, cast.tuan)
    page = client.get(BASE).content.decode()
    assert "Hương ước một" in page and "Hương ước hai" in page and "Hương ước ngoài" not in page
    assert f'href="{BASE}" aria-current="page"' in page  # the workspace menu's entry
    assert BASE in client.get("/can-bo/lay-y-kien/").content.decode()  # linked from decisions' list
    page = client.get(BASE, {"tinh-trang": "comment"}).content.decode()
    assert "Hương ước hai" in page and "Hương ước một" not in page


def test_sibling_officer_gets_404(client, cast):
    c = drafted(cast)
    other = _grant(_user("chi", "Lý Thị Chi"), "leader", cast.sibling_commune)
    sign_in(client, other)
    assert client.get(f"{BASE}{c.pk}/").status_code == 404
    assert (
        client.post(f"{BASE}{c.pk}/them-dieu/", {"article-heading": "X", "article-text": "Y"}).status_code
        == 404
    )
    assert c.latest.articles.count() == 2


def test_suspend_needs_confirmation_and_the_recognise_permission(client, cast):
    c = recognised(cast)
    today = timezone.localdate().isoformat()
    data = {"suspend-decided_on": today, "suspend-number": "5/QĐ-UBND", "suspend-reason": "Điều 2 trái luật."}
    sign_in(client, cast.hoa)  # manages conventions but does not hold decisions.recognise
    assert client.post(f"{BASE}{c.pk}/tam-ngung/", data).status_code == 404
    sign_in(client, cast.tuan)
    r = client.post(f"{BASE}{c.pk}/tam-ngung/", data)
    assert r.status_code == 400 and "Hãy đánh dấu xác nhận" in r.content.decode()
    r = client.post(f"{BASE}{c.pk}/tam-ngung/", {**data, "suspend-confirm": "on"})
    assert r.status_code == 302
    c.refresh_from_db()
    assert c.status == Status.SUSPENDED


def test_public_pages_show_the_text_and_take_a_citizens_comment(client, cast):
    hh = households(cast, 3)
    c = in_comment_now(cast)
    draft = drafted(cast, title="Chưa công bố")
    page = client.get("/lay-y-kien/huong-uoc/").content.decode()
    assert "Hương ước ấp Phú Hòa" in page and "Chưa công bố" not in page
    assert client.get(f"/lay-y-kien/huong-uoc/{draft.pk}/").status_code == 404
    page = client.get(f"/lay-y-kien/huong-uoc/{c.pk}/").content.decode()
    assert "Điều 1. Tiêu đề 1" in page and "Đăng nhập để góp ý" in page
    person = citizen(hh[0])
    client.force_login(person)
    page = client.get(f"/lay-y-kien/huong-uoc/{c.pk}/").content.decode()
    assert "Gửi góp ý" in page
    r = client.post(f"/lay-y-kien/huong-uoc/{c.pk}/gop-y/", {"text": ""})
    assert r.status_code == 400 and "Vui lòng nhập" in r.content.decode()
    r = client.post(f"/lay-y-kien/huong-uoc/{c.pk}/gop-y/", {"text": "Tôi đồng ý."})
    assert r.status_code == 302
    assert Comment.objects.get().citizen == person
    # a citizen of another hamlet sees no form and is refused
    outsider = citizen(households(cast, 1, hamlet=cast.other_hamlet, prefix="O")[0])
    client.force_login(outsider)
    assert "Gửi góp ý" not in client.get(f"/lay-y-kien/huong-uoc/{c.pk}/").content.decode()
    r = client.post(f"/lay-y-kien/huong-uoc/{c.pk}/gop-y/", {"text": "Ngoài thôn."})
    assert r.status_code == 400 and Comment.objects.count() == 1


def test_public_list_by_place_and_in_force_text(client, cast):
    c = recognised(cast)
    page = client.get("/lay-y-kien/huong-uoc/", {"dia-ban": cast.hamlet.code}).content.decode()
    assert c.title in page
    page = client.get("/lay-y-kien/huong-uoc/", {"dia-ban": cast.other_hamlet.code}).content.decode()
    assert c.title not in page
    page = client.get(f"/lay-y-kien/huong-uoc/{c.pk}/").content.decode()
    assert "12/QĐ-UBND" in page and "Điều 2. Tiêu đề 2" in page
    assert c.latest.status == VersionStatus.RECOGNISED
    assert "/lay-y-kien/huong-uoc/" in client.get("/lay-y-kien/").content.decode()


@pytest.mark.parametrize("value", ["9223372036854775808", "-1", "abc", "%00"])
def test_lists_answer_any_page_number_and_junk_places(client, cast, value):
    in_comment_now(cast)
    assert client.get("/lay-y-kien/huong-uoc/", {"trang": value}).status_code == 200
    assert client.get("/lay-y-kien/huong-uoc/", {"dia-ban": "\x00" + value}).status_code == 404
    assert client.get("/api/v1/conventions/", {"unit": "\x00" + value}).status_code in (400, 404)  # never 500
    sign_in(client, cast.tuan)
    assert client.get(BASE, {"trang": value, "tinh-trang": value}).status_code == 200


def test_public_page_of_an_amendment_in_comment_says_the_old_text_is_in_force(client, cast):
    c = recognised(cast)
    new = services.amend(actor=cast.hoa, convention=c, reason="Sửa.")
    services.article_add(actor=cast.hoa, version=new, heading="Môi trường", text="Giữ vệ sinh chung.")
    today = timezone.localdate()
    services.comment_period_open(
        actor=cast.hoa, version=new, opens_on=today, closes_on=today + dt.timedelta(days=30)
    )
    page = client.get(f"/lay-y-kien/huong-uoc/{c.pk}/").content.decode()
    assert "Điều 3. Môi trường" in page and "Dự thảo sửa đổi, bổ sung lần 1" in page
    assert "bản lần 1" in page and "vẫn có hiệu lực" in page


def test_the_name_reads_once_whichever_way_it_was_typed(client, cast):
    typed_in_full = commented(cast)  # "Hương ước ấp Phú Hòa"
    assert typed_in_full.full_name == "Hương ước ấp Phú Hòa" and typed_in_full.name_after_kind == "ấp Phú Hòa"
    short = services.convention_create(actor=cast.hoa, hamlet=cast.hamlet, title="Giữ gìn trật tự ấp")
    assert short.full_name == "Hương ước Giữ gìn trật tự ấp"
    page = client.get(reverse("conventions:public_list")).content.decode()
    assert "Hương ước ấp Phú Hòa" in page and "Hương ước Hương ước" not in page
