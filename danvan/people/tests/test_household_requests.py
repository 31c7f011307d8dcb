"""A citizen asks the commune to link the account to their household, or to correct what the register holds
(issue 10.1): the commune's officers see the requests in a queue beside the household register, confirm the
link as M0 allows (the officer picks the household) or answer, and the citizen is told in the app."""

import pytest
from django.urls import reverse

from danvan.audit.models import AuditEvent
from danvan.core.errors import DomainError, DomainErrors
from danvan.notifications.models import Notification
from danvan.people import selectors, services
from danvan.people.models import HouseholdRequest, User

from .helpers import make_household

pytestmark = pytest.mark.django_db
QUEUE = reverse("people:request_list")
MINE = reverse("citizen:household")


def ask_link(cast, **extra):
    data = {
        "hamlet": cast.hamlet,
        "representative_name": "Nguyễn Văn Tám",
        "address": "Số 5, tổ 1",
        "relation": "Con",
    }
    data.update(extra)
    return services.household_link_request(actor=cast.binh, **data)


def test_a_link_request_reaches_the_communes_officers_who_verify_citizens(cast):
    req = ask_link(cast)
    assert (req.commune, req.status, req.kind) == (cast.commune, "pending", "link")
    assert list(selectors.household_request_queue(cast.khoa)) == [req]  # unit admin of Phú Cường
    assert not selectors.household_request_queue(cast.minh).exists()  # a case officer does not verify
    other_admin = User.objects.create_user(username="admin-an-long", password="x")
    from tests.cast import _grant

    _grant(other_admin, "unit_admin", cast.sibling_commune)
    assert not selectors.household_request_queue(other_admin).exists()
    notice = Notification.objects.get(user=cast.khoa)
    assert "gắn tài khoản với hộ gia đình" in notice.title and notice.url == reverse(
        "people:request_detail", args=[req.pk]
    )
    assert AuditEvent.objects.filter(action="household_request.create", object_id=str(req.pk)).exists()


def test_the_officer_links_the_household_found_and_the_citizen_is_told(cast):
    household = make_household(cast)
    req = ask_link(cast)
    assert selectors.link_candidates(cast.khoa, req) == [household]
    services.household_request_approve(actor=cast.khoa, request=req, household=household)
    binh = User.objects.get(pk=cast.binh.pk)
    assert binh.household == household and binh.is_verified and binh.verified_by == cast.khoa
    req.refresh_from_db()
    assert req.status == "done" and req.household == household and "Nguyễn Văn Tám" in req.answer
    notice = Notification.objects.filter(user=cast.binh).latest("pk")
    assert "đã được xử lý" in notice.title and notice.url == MINE
    with pytest.raises(DomainError, match="đã được trả lời"):
        services.household_request_decline(actor=cast.khoa, request=req, answer="x")


def test_a_request_is_declined_with_the_reason_the_citizen_reads(cast):
    req = ask_link(cast)
    with pytest.raises(DomainError):
        services.household_request_decline(actor=cast.khoa, request=req, answer="  ")
    services.household_request_decline(
        actor=cast.khoa, request=req, answer="Không có hộ này trong sổ. Mời anh mang CCCD đến UBND xã."
    )
    assert User.objects.get(pk=cast.binh.pk).household is None
    assert "không được thực hiện" in Notification.objects.filter(user=cast.binh).latest("pk").title


def test_an_officer_of_another_commune_cannot_answer(cast):
    req = ask_link(cast)
    other = User.objects.create_user(username="admin-tan-phu", password="x")
    from tests.cast import _grant

    _grant(other, "unit_admin", cast.far_commune)
    with pytest.raises(DomainError) as exc:
        services.household_request_decline(actor=other, request=req, answer="Không")
    assert exc.value.code == "forbidden"


def test_one_link_request_waits_at_a_time_and_every_field_is_checked_at_once(cast):
    with pytest.raises(DomainErrors) as exc:
        services.household_link_request(actor=cast.binh, hamlet=None, representative_name="", address="")
    assert [e.field for e in exc.value.errors] == ["hamlet", "representative_name", "address"]
    ask_link(cast)
    with pytest.raises(DomainError, match="đang chờ"):
        ask_link(cast)


def test_a_linked_citizen_asks_for_a_correction_the_household_managers_answer(cast):
    household = make_household(cast)
    services.citizen_verify(actor=cast.khoa, citizen=cast.binh, household=household)
    binh = User.objects.get(pk=cast.binh.pk)
    with pytest.raises(DomainError, match="đã gắn"):
        services.household_link_request(actor=binh, hamlet=cast.hamlet, representative_name="X", address="Y")
    req = services.household_correction_request(
        actor=binh, message="Năm sinh của tôi là 1985, không phải 1958."
    )
    assert (req.kind, req.household, req.hamlet) == ("correction", household, cast.hamlet)
    with pytest.raises(DomainError, match="Hãy ghi nội dung"):
        services.household_request_approve(actor=cast.khoa, request=req)
    services.household_request_approve(actor=cast.khoa, request=req, answer="Đã sửa năm sinh thành 1985.")
    req.refresh_from_db()
    assert req.status == "done" and req.answered_by == cast.khoa


def test_the_citizen_sees_the_household_read_only_with_identity_numbers_masked(client, cast):
    household = make_household(cast, id_number="087123456789")
    services.resident_add(
        actor=cast.khoa,
        household=household,
        full_name="Nguyễn Thị Bé",
        birth_year=2012,
        gender="female",
        relation="Con",
        id_number="087999888777",
    )
    services.citizen_verify(actor=cast.khoa, citizen=cast.binh, household=household)
    client.force_login(cast.binh)
    html = client.get(MINE).content.decode()
    assert "Nguyễn Văn Tám" in html and "Nguyễn Thị Bé" in html and "sinh năm 2012" in html
    assert "087123456789" not in html and "••••••••6789" in html
    assert "/can-bo/" not in html.split("<main")[1]  # no link into the register
    response = client.post(MINE, {"action": "correction", "message": "Bé sinh năm 2013."}, follow=True)
    assert "Đã gửi đề nghị điều chỉnh" in response.content.decode()
    assert HouseholdRequest.objects.get().kind == "correction"


def test_the_link_request_form_picks_the_hamlet_and_keeps_what_was_typed(client, cast):
    client.force_login(cast.binh)
    data = {
        "action": "link",
        "representative_name": "Nguyễn Văn Tám",
        "address": "Số 5, tổ 1",
        "commune": str(cast.commune.pk),
        "buoc": "chon-xa",
    }
    response = client.post(MINE, data)
    html = response.content.decode()
    assert response.status_code == 200 and "Ấp Phú Hòa" in html and 'value="Nguyễn Văn Tám"' in html
    response = client.post(MINE, {**data, "buoc": ""})
    assert response.status_code == 400 and "hamlet" in response.context["link_form"].errors
    response = client.post(MINE, {**data, "buoc": "", "hamlet": str(cast.hamlet.pk)}, follow=True)
    assert "Cán bộ xã sẽ đối chiếu sổ hộ" in response.content.decode()
    assert "Đang chờ xã xác nhận" in client.get(MINE).content.decode()


def test_the_officer_answers_from_the_queue(client, cast, django_assert_max_num_queries):
    household = make_household(cast)
    req = ask_link(cast)
    ask_link_other = User.objects.create_user(username="lan-dan", password="x", kind="citizen")
    services.household_link_request(
        actor=ask_link_other, hamlet=cast.other_hamlet, representative_name="Võ Văn Ba", address="Tổ 3"
    )
    client.force_login(cast.khoa)
    with django_assert_max_num_queries(12):
        html = client.get(QUEUE).content.decode()
    assert "Ngô Văn Bình" in html and "Võ Văn Ba" in html
    assert "1 yêu cầu chờ xử lý" not in html  # the list page itself
    listing = client.get(reverse("people:household_list")).content.decode()
    assert "2 yêu cầu chờ xử lý" in listing
    page = client.get(reverse("people:request_detail", args=[req.pk])).content.decode()
    assert f'value="{household.pk}"' in page and "Nguyễn Văn Tám" in page
    response = client.post(
        reverse("people:request_detail", args=[req.pk]), {"action": "approve", "household": household.pk}
    )
    assert response.status_code == 302 and User.objects.get(pk=cast.binh.pk).household == household
    # another commune's household cannot be chosen by posting its id
    req2 = HouseholdRequest.objects.get(citizen=ask_link_other)
    far = services.household_create(
        actor=cast.son,
        hamlet=cast.sibling_hamlet,
        code="HO-AL",
        address="Tổ 2",
        representative_name="Lý Văn Ba",
        birth_year=1960,
        gender="male",
    )
    response = client.post(
        reverse("people:request_detail", args=[req2.pk]), {"action": "approve", "household": far.pk}
    )
    assert response.status_code == 400 and User.objects.get(pk=ask_link_other.pk).household is None


def test_the_queue_and_a_request_are_404_for_officers_who_cannot_answer(client, cast):
    req = ask_link(cast)
    client.force_login(cast.minh)  # case officer: households.view, no citizens.verify
    assert client.get(QUEUE).status_code == 404
    assert client.get(reverse("people:request_detail", args=[req.pk])).status_code == 404
    client.force_login(cast.binh)
    assert client.get(reverse("people:request_detail", args=[req.pk])).status_code == 404
