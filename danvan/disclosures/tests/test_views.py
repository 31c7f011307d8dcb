import datetime as dt
import json

import pytest
from django.urls import reverse

from danvan.disclosures import services
from danvan.disclosures.models import Disclosure, DisclosureQuestion

from .helpers import D, category, make

pytestmark = pytest.mark.django_db

LIST = reverse("disclosures:list")
WS_LIST = reverse("disclosures:ws_list")


def test_public_list_filters_by_unit_category_state_and_words(client, cast):
    make(
        cast,
        1,
        title="Kế hoạch sử dụng đất năm 2026 của xã Tràm Chim",
        decision=D(2026, 3, 2),
        start=D(2026, 3, 3),
    )
    make(
        cast,
        2,
        title="Dự toán ngân sách 2025",
        decision=D(2025, 1, 2),
        start=D(2025, 1, 3),
        end=D(2025, 2, 28),
    )
    make(cast, 1, unit=cast.far_commune, title="Kế hoạch của Tân Phú", actor=cast.son)
    make(cast, 3, title="Bản nháp", publish=False)
    response = client.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200 and response.context["nav_active"] == "disclosures"
    assert "Tràm Chim" in html and "Bản nháp" not in html and "03/03/2026" in html

    def titles(**params):
        return [d.title for d in client.get(LIST, params).context["page"].object_list]

    assert titles(**{"don-vi": cast.district.code}) == [
        "Kế hoạch sử dụng đất năm 2026 của xã Tràm Chim",
        "Dự toán ngân sách 2025",
    ]
    assert titles(muc=2) == ["Dự toán ngân sách 2025"]
    assert "Dự toán ngân sách 2025" in titles(**{"tinh-trang": "het-han"})
    assert "Dự toán ngân sách 2025" not in titles(**{"tinh-trang": "con-hieu-luc"})
    assert titles(q="su dung dat tram chim") == ["Kế hoạch sử dụng đất năm 2026 của xã Tràm Chim"]
    empty = client.get(LIST, {"q": "khong co gi ca"})
    assert "Không có nội dung công khai nào khớp" in empty.content.decode()


def test_public_list_empty_state(client, cast):
    assert "Chưa có nội dung công khai nào." in client.get(LIST).content.decode()


def test_public_list_query_count(client, cast, django_assert_max_num_queries):
    for i in range(25):
        make(cast, 1 + i % 13, title=f"Nội dung {i}", decision=D(2026, 3, 2), start=D(2026, 3, 3))
    with django_assert_max_num_queries(8):
        response = client.get(LIST)
    assert len(response.context["page"].object_list) == 20


def test_detail_shows_rules_files_and_answers_but_never_contacts(client, cast):
    d = make(
        cast,
        5,
        title="Mức đóng góp xây dựng đường giao thông nông thôn ấp 3",
        decision=D(2026, 3, 6),
        start=D(2026, 3, 16),
    )
    q = services.question_ask(
        disclosure=d, question="Hộ nghèo có được miễn không?", name="Chú Sáu", phone="0912345678", email=""
    )
    services.question_answer(actor=cast.lan, question=q, answer="Hộ nghèo được miễn đóng góp.")
    services.question_ask(disclosure=d, question="Câu chưa trả lời", email="an@example.vn")
    html = client.get(d.get_absolute_url()).content.decode()
    assert "Công khai muộn" in html and "13/03/2026" in html and "Điều 12, khoản 3" in html
    assert "Hộ nghèo được miễn đóng góp." in html and "Chú Sáu" in html
    assert "0912345678" not in html and "an@example.vn" not in html and "Câu chưa trả lời" not in html


def test_drafts_are_not_public(client, cast):
    d = make(cast, 1, publish=False)
    assert client.get(d.get_absolute_url()).status_code == 404


def test_the_question_form_works_without_javascript(client, cast):
    d = make(cast, 5)
    bad = client.post(d.get_absolute_url(), {"question": "Câu hỏi?", "phone": "", "email": ""})
    assert bad.status_code == 400
    assert "số điện thoại hoặc thư điện tử" in bad.content.decode()
    ok = client.post(d.get_absolute_url(), {"question": "Câu hỏi?", "phone": "0912345678"}, follow=True)
    assert "Câu hỏi của bạn đã được gửi, cán bộ sẽ trả lời" in ok.content.decode()
    client.post(d.get_absolute_url(), {"question": "Câu hỏi?", "phone": "0912345678"})
    assert DisclosureQuestion.objects.count() == 1


def test_officer_screens_need_the_permission(client, cast):
    assert client.get(WS_LIST).status_code == 302
    client.force_login(cast.minh)
    assert client.get(WS_LIST).status_code == 404


def test_officer_create_shows_rule_violations_per_field(client, cast):
    client.force_login(cast.lan)
    data = {
        "unit": cast.commune.pk,
        "category": category(7).pk,
        "title": "Danh sách hộ nghèo, hộ cận nghèo năm 2026",
        "decision_date": "2026-03-02",
        "forms": ["posting"],
        "posting_start": "2026-03-03",
        "posting_end": "2026-03-20",
    }
    response = client.post(reverse("disclosures:ws_create"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "ít nhất 30 ngày" in form.errors["posting_end"][0]
    assert "truyền thanh" in form.errors["forms"][0]
    data.update(posting_end="2026-04-10", forms=["posting", "loudspeaker"], loudspeaker_days="3")
    response = client.post(reverse("disclosures:ws_create"), data)
    d = Disclosure.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "disclosures:ws_detail", args=[d.pk]
    )
    assert client.post(reverse("disclosures:ws_publish", args=[d.pk])).status_code == 302
    d.refresh_from_db()
    assert d.status == "published"
    client.force_login(cast.tuan)  # the leader sees the audit trail (audit.view)
    page = client.get(reverse("disclosures:ws_detail", args=[d.pk])).content.decode()
    assert (
        "Nguyễn Thị Lan đăng công khai" in page
        and "disclosure.publish" not in page
        and "Đối chiếu quy định" in page
    )
    edit = client.post(
        reverse("disclosures:ws_edit", args=[d.pk]), {**data, "title": "Danh sách hộ nghèo 2026"}
    )
    assert edit.status_code == 302
    confirm = client.get(reverse("disclosures:ws_withdraw", args=[d.pk]))
    assert "Xác nhận thu hồi" in confirm.content.decode()
    client.post(reverse("disclosures:ws_withdraw", args=[d.pk]), {"reason": "Cập nhật danh sách"})
    d.refresh_from_db()
    assert d.status == "withdrawn" and d.title == "Danh sách hộ nghèo 2026"


def test_an_editor_of_another_commune_gets_404(client, cast):
    d = make(cast, 1)
    from danvan.access.models import RoleAssignment
    from danvan.access.roles import Role
    from tests.cast import EPOCH, _user

    vy = _user("vy", "Trần Thị Vy")
    RoleAssignment.objects.create(user=vy, role=Role.EDITOR, unit=cast.sibling_commune, valid_from=EPOCH)
    client.force_login(vy)
    assert client.get(reverse("disclosures:ws_detail", args=[d.pk])).status_code == 404
    assert client.post(reverse("disclosures:ws_publish", args=[d.pk])).status_code == 404
    assert [x.pk for x in client.get(WS_LIST).context["page"].object_list] == []


def test_officer_list_and_questions_queue_query_counts(client, cast, django_assert_max_num_queries):
    for i in range(30):
        d = make(cast, 1 + i % 13, title=f"Nội dung {i}", decision=D(2026, 3, 2), start=D(2026, 3, 3))
        services.question_ask(disclosure=d, question=f"Câu hỏi {i}", email=f"n{i}@example.vn")
    client.force_login(cast.lan)
    client.get(WS_LIST)
    with django_assert_max_num_queries(14):
        response = client.get(WS_LIST)
    assert len(response.context["page"].object_list) == 25
    with django_assert_max_num_queries(14):
        response = client.get(reverse("disclosures:ws_questions"))
    assert len(response.context["page"].object_list) == 25


def test_answering_from_the_queue(client, cast):
    d = make(cast, 5)
    q = services.question_ask(disclosure=d, question="Bao giờ làm đường?", phone="0912345678")
    client.force_login(cast.lan)
    assert "0912345678" in client.get(reverse("disclosures:ws_questions")).content.decode()
    client.post(reverse("disclosures:ws_answer", args=[q.pk]), {"answer": "Tháng 6/2026."})
    q.refresh_from_db()
    assert q.status == "published"


# ---------------------------------------------------------------- API


def test_api_public_list_and_detail(client, cast):
    d = make(cast, 1, title="Công khai dự toán ngân sách xã năm 2026")
    make(cast, 2, publish=False)
    body = client.get("/api/v1/disclosures/", {"unit": cast.commune.code, "category": 1}).json()
    assert body["count"] == 1 and body["items"][0]["title"] == d.title
    assert body["items"][0]["unit_code"] == "30025"
    assert client.get(f"/api/v1/disclosures/{d.pk}").json()["category_number"] == 1
    assert client.get("/api/v1/disclosures/999999").status_code == 404


def test_api_writes_need_auth_and_follow_the_rules(client, cast):
    payload = {
        "unit_code": "30025",
        "category_number": 1,
        "title": "Kế hoạch phát triển kinh tế - xã hội năm 2026",
        "decision_date": "2026-03-02",
        "forms": ["posting", "website"],
        "posting_start": "2026-03-03",
        "posting_end": "2026-03-10",
    }
    assert (
        client.post("/api/v1/disclosures/", json.dumps(payload), content_type="application/json").status_code
        == 401
    )
    client.force_login(cast.lan)
    bad = client.post("/api/v1/disclosures/", json.dumps(payload), content_type="application/json")
    assert bad.status_code == 400 and "ít nhất 30 ngày" in bad.json()["detail"]
    payload["posting_end"] = "2026-04-10"
    created = client.post("/api/v1/disclosures/", json.dumps(payload), content_type="application/json")
    assert created.status_code == 201
    pk = created.json()["id"]
    patched = client.patch(
        f"/api/v1/disclosures/{pk}",
        json.dumps({"title": "Kế hoạch KT-XH 2026"}),
        content_type="application/json",
    )
    assert patched.status_code == 200 and patched.json()["title"] == "Kế hoạch KT-XH 2026"
    published = client.post(f"/api/v1/disclosures/{pk}/publish")
    assert published.status_code == 200 and published.json()["status"] == "published"
    client.force_login(cast.hoa)
    assert client.post(f"/api/v1/disclosures/{pk}/publish").status_code == 404


def test_published_disclosures_are_in_the_feed_and_the_sitemap(client, cast):
    import xml.etree.ElementTree as ET

    from danvan.disclosures.tests.helpers import make

    shown = make(cast, 1, title="Dự toán ngân sách xã năm 2026")
    hidden = make(cast, 2, title="Bản nháp chưa công khai", publish=False)
    feed = client.get("/feed/")
    ET.fromstring(feed.content)
    assert shown.get_absolute_url().encode() in feed.content
    assert (
        b"B\xe1\xba\xa3n nh\xc3\xa1p" not in feed.content
        and hidden.get_absolute_url().encode() not in feed.content
    )
    sitemap = client.get("/sitemap.xml")
    ET.fromstring(sitemap.content)
    assert shown.get_absolute_url().encode() in sitemap.content
    assert b"/cong-khai/so-theo-doi/" in sitemap.content


def test_the_public_filter_offers_units_by_name_and_former_units_by_date(client, cast):
    from danvan.disclosures.tests.helpers import make
    from danvan.units.models import UnitKind
    from danvan.units.services import unit_create

    former = unit_create(
        actor=None,
        code=cast.commune.code,
        name="Xã Phú Cường (cũ)",
        kind=UnitKind.COMMUNE,
        parent=cast.district,
        valid_from=None,
        valid_to=dt.date(2018, 12, 31),
    )
    make(cast, 1, title="Dự toán năm nay")
    make(cast, 2, title="Quyết toán năm cũ", unit=former, actor=cast.son)
    html = client.get("/cong-khai/").content.decode()
    assert '<option value="30025">Xã Phú Cường</option>' in html
    assert 'value="30025@2018-12-31"' in html
    html = client.get("/cong-khai/", {"don-vi": "30025@2018-12-31"}).content.decode()
    assert "Quyết toán năm cũ" in html and "Dự toán năm nay" not in html
