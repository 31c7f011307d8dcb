import datetime as dt

import pytest

from danvan.consultations import services
from danvan.consultations.models import Consultation, Opinion, Status
from danvan.core.formatting import local_today

from .helpers import citizen, consultation, households

pytestmark = pytest.mark.django_db


def sign_in(client, user, unit=None):
    client.force_login(user)
    if unit is not None:
        client.get("/can-bo/", {"don-vi": unit.code})


def _current(cast, **extra):
    """An open consultation whose period covers today (the web form checks today's date)."""
    today = local_today()
    c = consultation(
        cast, opens_on=today - dt.timedelta(days=2), closes_on=today + dt.timedelta(days=20), **extra
    )
    return services.consultation_open(actor=cast.hoa, consultation=c)


def _plan(today, **extra):
    data = {
        "unit": "",
        "title": "Lấy ý kiến quy chế dân chủ của xã",
        "subject": "7",
        "content": "Lấy ý kiến Nhân dân về dự thảo quy chế.",
        "forms": ["meeting", "web"],
        "opens_on": today.isoformat(),
        "closes_on": (today + dt.timedelta(days=20)).isoformat(),
        "heading_1": "Chương I. Quy định chung",
        "text_1": "Phạm vi, đối tượng áp dụng.",
        "heading_2": "Chương II. Công khai thông tin",
        "text_2": "Nội dung công khai.",
    }
    data.update(extra)
    return data


def test_officer_creates_a_plan_with_sections(client, cast):
    sign_in(client, cast.tuan)
    today = local_today()
    r = client.post("/can-bo/lay-y-kien/y-kien/them/", _plan(today, unit=cast.commune.pk))
    c = Consultation.objects.get()
    assert r.status_code == 302 and r["Location"].endswith(f"/can-bo/lay-y-kien/y-kien/{c.pk}/")
    assert [s.heading for s in c.sections.all()] == [
        "Chương I. Quy định chung",
        "Chương II. Công khai thông tin",
    ]
    assert c.forms == ["meeting", "web"]
    page = client.get(f"/can-bo/lay-y-kien/y-kien/{c.pk}/").content.decode()
    assert (
        "Chương II. Công khai thông tin" in page
        and "Điều 25, khoản 7" in page
        and "Bắt đầu lấy ý kiến" in page
    )


def test_a_short_period_is_refused_on_the_form(client, cast):
    sign_in(client, cast.tuan)
    today = local_today()
    r = client.post(
        "/can-bo/lay-y-kien/y-kien/them/",
        _plan(today, unit=cast.commune.pk, closes_on=(today + dt.timedelta(days=19)).isoformat()),
    )
    assert r.status_code == 200 and "ít nhất 20 ngày" in r.content.decode()
    assert not Consultation.objects.exists()


def test_the_list_filters_by_status_and_hides_other_communes(client, cast):
    a = consultation(cast, title="Kế hoạch A")
    services.consultation_open(actor=cast.hoa, consultation=consultation(cast, title="Kế hoạch B"))
    sign_in(client, cast.tuan)
    page = client.get("/can-bo/lay-y-kien/y-kien/").content.decode()
    assert "Kế hoạch A" in page and "Kế hoạch B" in page
    page = client.get("/can-bo/lay-y-kien/y-kien/", {"tinh-trang": "open"}).content.decode()
    assert "Kế hoạch A" not in page and "Kế hoạch B" in page
    from danvan.access.models import RoleAssignment
    from danvan.access.roles import Role
    from danvan.people.models import User

    other = User.objects.create_user(username="an", password="x", full_name="Lý An", kind=User.Kind.OFFICER)
    RoleAssignment.objects.create(
        user=other, role=Role.LEADER, unit=cast.sibling_commune, valid_from=dt.date(2019, 1, 1)
    )
    sign_in(client, other)
    assert "Kế hoạch A" not in client.get("/can-bo/lay-y-kien/y-kien/").content.decode()
    assert client.get(f"/can-bo/lay-y-kien/y-kien/{a.pk}/").status_code == 404
    assert client.post(f"/can-bo/lay-y-kien/y-kien/{a.pk}/mo/").status_code == 404
    a.refresh_from_db()
    assert a.status == Status.DRAFT


def test_the_officer_records_answers_closes_publishes_and_decides(client, cast):
    c = _current(cast)
    sign_in(client, cast.tuan)
    section = c.sections.first()
    r = client.post(
        f"/can-bo/lay-y-kien/y-kien/{c.pk}/ghi-y-kien/",
        {
            "section": section.pk,
            "channel": "meeting",
            "author_name": "Hội nghị ấp Phú Hòa",
            "stance": "disagree",
            "text": "Đề nghị giữ đất lúa.",
            "received_on": local_today().isoformat(),
        },
    )
    assert r.status_code == 302
    o = Opinion.objects.get()
    page = client.get(f"/can-bo/lay-y-kien/y-kien/{c.pk}/").content.decode()
    assert "Còn 1 ý kiến chưa được trả lời." in page and "Đề nghị giữ đất lúa." in page
    assert f'action="/can-bo/lay-y-kien/y-kien/{c.pk}/y-kien/{o.pk}/tra-loi/"' in page
    # explain without text: refused, nothing saved
    client.post(
        f"/can-bo/lay-y-kien/y-kien/{c.pk}/y-kien/{o.pk}/tra-loi/", {"response": "explained", "text": ""}
    )
    o.refresh_from_db()
    assert o.response == ""
    # closing without the confirmation: refused
    client.post(f"/can-bo/lay-y-kien/y-kien/{c.pk}/ket-thuc/")
    c.refresh_from_db()
    assert c.status == Status.OPEN
    client.post(f"/can-bo/lay-y-kien/y-kien/{c.pk}/ket-thuc/", {"confirm": "1"})
    c.refresh_from_db()
    assert c.status == Status.CLOSED
    r = client.post(f"/can-bo/lay-y-kien/y-kien/{c.pk}/cong-khai/", {"confirm": "1"}, follow=True)
    assert "chưa được tiếp thu hoặc giải trình" in r.content.decode()
    client.post(
        f"/can-bo/lay-y-kien/y-kien/{c.pk}/y-kien/{o.pk}/tra-loi/",
        {"response": "explained", "text": "Chỉ tiêu do tỉnh phân bổ."},
    )
    client.post(f"/can-bo/lay-y-kien/y-kien/{c.pk}/cong-khai/", {"confirm": "1"})
    c.refresh_from_db()
    assert c.status == Status.PUBLISHED and c.majority_stance == "disagree"
    r = client.post(
        f"/can-bo/lay-y-kien/y-kien/{c.pk}/quyet-dinh/",
        {
            "text": "Giữ nguyên dự thảo.",
            "follows_majority": "0",
            "explanation": "",
            "decided_on": local_today().isoformat(),
        },
    )
    assert r.status_code == 400 and "phải giải thích lý do" in r.content.decode()
    r = client.post(
        f"/can-bo/lay-y-kien/y-kien/{c.pk}/quyet-dinh/",
        {
            "text": "Giữ nguyên dự thảo.",
            "follows_majority": "",
            "explanation": "",
            "decided_on": local_today().isoformat(),
        },
    )
    assert r.status_code == 400 and r.context["outcome_form"].errors["follows_majority"]
    client.post(
        f"/can-bo/lay-y-kien/y-kien/{c.pk}/quyet-dinh/",
        {
            "text": "Giữ nguyên dự thảo.",
            "follows_majority": "0",
            "explanation": "Chỉ tiêu do tỉnh phân bổ.",
            "decided_on": local_today().isoformat(),
        },
    )
    c.refresh_from_db()
    assert c.status == Status.DECIDED and c.outcome_on == local_today()


def test_a_supervisor_reads_but_cannot_act(client, cast):
    c = _current(cast)
    sign_in(client, cast.thu)
    page = client.get(f"/can-bo/lay-y-kien/y-kien/{c.pk}/").content.decode()
    assert c.title in page and "Kết thúc lấy ý kiến" not in page
    assert client.post(f"/can-bo/lay-y-kien/y-kien/{c.pk}/ket-thuc/", {"confirm": "1"}).status_code in (
        403,
        404,
    )
    c.refresh_from_db()
    assert c.status == Status.OPEN


def test_a_citizen_of_the_area_gives_an_opinion_on_a_section(client, cast):
    h = households(cast, 1)[0]
    who = citizen(h)
    c = _current(cast)
    section = c.sections.last()
    client.force_login(who)
    page = client.get(f"/lay-y-kien/y-kien/{c.pk}/").content.decode()
    assert page.count('name="stance"') >= 3 * 3  # a form per section and one on the whole draft
    r = client.post(
        f"/lay-y-kien/y-kien/{c.pk}/", {"section": section.pk, "stance": "agree", "text": "Đồng ý mở đường."}
    )
    assert r.status_code == 302
    o = Opinion.objects.get()
    assert (o.section, o.citizen, o.channel) == (section, who, "web")
    r = client.post(f"/lay-y-kien/y-kien/{c.pk}/", {"section": section.pk, "stance": "agree", "text": ""})
    assert r.status_code == 400 and r.context["form"].errors["text"]
    assert Opinion.objects.count() == 1
    mine = client.get("/tai-khoan/y-kien/").content.decode()
    assert c.title in mine and "Đồng ý mở đường." in mine and "Cơ quan chưa trả lời" in mine


def test_a_citizen_elsewhere_sees_no_form_and_is_refused(client, cast):
    h = households(cast, 1, hamlet=cast.sibling_hamlet, prefix="S")[0]
    c = _current(cast)
    client.force_login(citizen(h))
    page = client.get(f"/lay-y-kien/y-kien/{c.pk}/").content.decode()
    assert 'name="stance"' not in page and "Chỉ người dân cư trú tại Xã Phú Cường có tài khoản" in page
    r = client.post(f"/lay-y-kien/y-kien/{c.pk}/", {"section": "", "stance": "agree", "text": "Ý kiến."})
    assert r.status_code == 400 and "Chỉ người dân cư trú" in r.content.decode()
    assert not Opinion.objects.exists()


def test_the_public_sees_no_draft_and_the_synthesis_once_published(client, cast):
    draft = consultation(cast, title="Kế hoạch nháp")
    assert client.get(f"/lay-y-kien/y-kien/{draft.pk}/").status_code == 404
    assert "Kế hoạch nháp" not in client.get("/lay-y-kien/y-kien/").content.decode()
    h = households(cast, 1)[0]
    h.phone = "0987654321"
    h.save()
    who = citizen(h)
    who.phone = "0987654321"
    who.save()
    c = _current(cast)
    services.opinion_submit(citizen=who, consultation=c, text="Ý kiến trên cổng.", stance="agree")
    page = client.get(f"/lay-y-kien/y-kien/{c.pk}/").content.decode()
    assert "Ý kiến trên cổng." not in page and "Đăng nhập" in page  # opinions show with the synthesis only
    c = services.consultation_close(actor=cast.hoa, consultation=c)
    services.opinion_respond(
        actor=cast.hoa, opinion=Opinion.objects.get(), response="accepted", text="Đã bổ sung."
    )
    services.synthesis_publish(actor=cast.hoa, consultation=c)
    page = client.get(f"/lay-y-kien/y-kien/{c.pk}/").content.decode()
    assert "Ý kiến trên cổng." in page and "Đã bổ sung." in page and who.full_name in page
    assert "0987654321" not in page and who.username not in page
    assert c.title in client.get("/lay-y-kien/y-kien/").content.decode()
    assert "/lay-y-kien/y-kien/" in client.get("/lay-y-kien/").content.decode()


def test_the_workspace_menu_links_consultations(client, cast):
    sign_in(client, cast.tuan)
    assert "/can-bo/lay-y-kien/y-kien/" in client.get("/can-bo/lay-y-kien/").content.decode()


def test_the_officer_records_when_the_plan_went_to_the_council_and_the_front(client, cast):
    from danvan.audit.models import AuditEvent

    c = consultation(cast)
    sign_in(client, cast.tuan)
    assert "Ghi ngày gửi kế hoạch" in client.get(f"/can-bo/lay-y-kien/y-kien/{c.pk}/").content.decode()
    r = client.post(f"/can-bo/lay-y-kien/y-kien/{c.pk}/gui-ke-hoach/", {"council_on": "", "front_on": ""})
    assert r.status_code == 400 and "Nhập ngày gửi kế hoạch." in r.content.decode()
    r = client.post(
        f"/can-bo/lay-y-kien/y-kien/{c.pk}/gui-ke-hoach/",
        {"council_on": "2026-02-25", "front_on": "2026-02-26"},
    )
    assert r.status_code == 302
    c.refresh_from_db()
    assert (c.sent_to_council_on, c.sent_to_front_on) == (dt.date(2026, 2, 25), dt.date(2026, 2, 26))
    assert AuditEvent.objects.filter(action="consultation.plan_sent").count() == 1
    page = client.get(f"/can-bo/lay-y-kien/y-kien/{c.pk}/").content.decode()
    assert "Ghi ngày gửi kế hoạch" not in page and "25/02/2026" in page
