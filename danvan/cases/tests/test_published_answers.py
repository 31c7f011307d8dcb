"""Answers of public interest published on the portal with the citizen's consent, without personal data;
in the Atom feed and the sitemap."""

import pytest
from django.urls import reverse

from danvan.cases import selectors, services
from danvan.cases.models import Case

from .helpers import accepted

pytestmark = pytest.mark.django_db
ANSWERS = reverse("cases:answers")


def answered(cast, *, consent=True, publish=True, kind="feedback", **extra):
    extra.setdefault("name", "Phạm Thị Hoa")
    extra.setdefault("phone", "0912000111")
    case = accepted(cast, kind, consent_publish=consent, **extra)
    services.case_resolve(
        actor=cast.tuan,
        case=Case.objects.get(pk=case.pk),
        answer="UBND xã đã nạo vét cống ấp Phú Hòa ngày 10/11. Liên hệ cán bộ địa chính 0277 3851 234.",
        outcome="right" if kind == "complaint" else "",
        publish=publish,
    )
    return Case.objects.get(pk=case.pk)


def test_only_consented_public_interest_answers_are_listed(client, cast):
    shown = answered(cast, title="Cống ấp Phú Hòa nghẹt")
    answered(cast, consent=False, title="Không đồng ý công khai")
    answered(cast, publish=False, title="Không phải vấn đề chung")
    accepted(cast, consent_publish=True, title="Chưa giải quyết")
    html = client.get(ANSWERS).content.decode()
    assert list(selectors.published_answers()) == [shown]
    assert "Cống ấp Phú Hòa nghẹt" in html
    for title in ("Không đồng ý công khai", "Không phải vấn đề chung", "Chưa giải quyết"):
        assert title not in html


def test_denunciation_never_published(cast):
    case = answered(cast, kind="denunciation", name="Lê Văn Tố", address="Ấp Phú Lợi", phone="0987654321")
    assert not case.public_interest and list(selectors.published_answers()) == []


def test_personal_data_removed_from_question_and_answer(client, cast):
    case = answered(
        cast,
        name="Phạm Thị Hoa",
        email="hoa.pham@example.vn",
        title="Cống nghẹt trước nhà Phạm Thị Hoa",
        content="Tôi là Phạm Thị Hoa, số 0912 000 111, thư hoa.pham@example.vn; cống trước nhà bị nghẹt.",
    )
    html = client.get(reverse("cases:answer", args=[case.code])).content.decode()
    for secret in ("Phạm Thị Hoa", "0912 000 111", "hoa.pham@example.vn", "0277 3851 234"):
        assert secret not in html
    assert "[đã che]" in html and "cống trước nhà bị nghẹt" in html and "nạo vét cống" in html
    listing = client.get(ANSWERS).content.decode()
    assert "Phạm Thị Hoa" not in listing and "Cống nghẹt trước nhà [đã che]" in listing


def test_unpublished_answer_page_is_404(client, cast):
    hidden = answered(cast, consent=False)
    assert client.get(reverse("cases:answer", args=[hidden.code])).status_code == 404
    assert client.get(reverse("cases:answer", args=["KHONGCO"])).status_code == 404


def test_filters_search_and_empty_state(client, cast):
    answered(cast, title="Đèn đường ấp Phú Lợi hỏng")
    assert "Đèn đường" in client.get(ANSWERS, {"q": "den duong"}).content.decode()
    html = client.get(ANSWERS, {"q": "khong co gi"}).content.decode()
    assert "Không có câu trả lời nào khớp" in html
    far = client.get(ANSWERS, {"don-vi": cast.far_commune.code}).content.decode()
    assert "Đèn đường" not in far


def test_answers_list_query_count_is_constant(client, cast, django_assert_max_num_queries, settings):
    settings.DANVAN_PAGECACHE = False  # the page's own queries, rendered every time
    answered(cast)
    client.get(ANSWERS)
    with django_assert_max_num_queries(6):
        first = client.get(ANSWERS)
    for i in range(6):
        answered(cast, title=f"Phản ánh số {i}", phone=f"091200012{i}")
    with django_assert_max_num_queries(6):
        second = client.get(ANSWERS)
    assert len(second.context["page"].object_list) == len(first.context["page"].object_list) + 6


def test_feed_and_sitemap_carry_published_answers(client, cast):
    case = answered(cast, title="Cống nghẹt trước nhà Phạm Thị Hoa")
    feed = client.get(reverse("publishing:feed")).content.decode()
    assert reverse("cases:answer", args=[case.code]) in feed and "Phạm Thị Hoa" not in feed
    sitemap = client.get(reverse("publishing:sitemap")).content.decode()
    assert reverse("cases:answer", args=[case.code]) in sitemap and reverse("cases:answers") in sitemap


def test_redact_contacts_patterns():
    text = "Gọi 0912.345.678, +84 912 345 678 hoặc 02773851234, thư a.b@x.vn; năm 2026, 40 cm, QĐ 125/2026"
    out = selectors.redact_contacts(text)
    assert "0912" not in out and "+84" not in out and "02773851234" not in out and "@" not in out
    assert "năm 2026, 40 cm, QĐ 125/2026" in out


def test_address_that_is_only_the_hamlet_keeps_the_place_a_house_number_is_removed(client, cast):
    place = answered(
        cast,
        hamlet=cast.hamlet,
        address=f"Ấp {cast.hamlet.name.removeprefix('Ấp ')}",
        title=f"Cống {cast.hamlet.name} nghẹt",
    )
    house = answered(
        cast, address="Số 12 đường Lý Thường Kiệt", content="Nhà tôi ở số 12 đường Lý Thường Kiệt."
    )
    html = client.get(reverse("cases:answer", args=[place.code])).content.decode()
    assert f"Cống {cast.hamlet.name} nghẹt" in html
    html = client.get(reverse("cases:answer", args=[house.code])).content.decode()
    assert "Lý Thường Kiệt" not in html
