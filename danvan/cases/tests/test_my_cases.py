"""A citizen's own cases in their area (issue 10.1): those filed from the account and those sent with its
verified phone, each with the public timeline the tracking page shows; a denunciation is found through a
keyed digest, never a plain link to the denouncer's account; nobody else's case opens by its code."""

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.audit.models import AuditEvent
from danvan.cases import services
from danvan.cases.models import Case
from danvan.cases.protection import account_digest
from danvan.notifications.models import Notification
from danvan.people.models import User

from .helpers import DENOUNCER, field, submit

pytestmark = pytest.mark.django_db
MINE = reverse("cases:my_cases")


def case_page(case):
    return reverse("cases:my_case", kwargs={"code": case.code})


def verify_phone(user):
    User.objects.filter(pk=user.pk).update(phone_verified_at=timezone.now())
    return User.objects.get(pk=user.pk)


def form(cast, **extra):
    data = {
        "kind": "feedback",
        "title": "Rác ứ đọng cạnh chợ Phú Cường",
        "content": "Bãi rác cạnh chợ không được thu gom một tuần.",
        "commune": str(cast.commune.pk),
        "field": str(field("moi-truong").pk),
        "token": "34" * 16,
    }
    data.update(extra)
    return data


def test_a_case_filed_while_signed_in_is_tied_to_the_account_and_shows_in_the_area(client, cast):
    client.force_login(cast.binh)
    page = client.get(reverse("cases:submit")).content.decode()
    assert 'value="Ngô Văn Bình"' in page and 'value="0912345678"' in page  # what the account knows
    assert client.post(reverse("cases:submit"), form(cast)).status_code == 302
    case = Case.objects.get()
    assert case.account == cast.binh and case.account_digest == ""
    html = client.get(MINE).content.decode()
    assert case.title in html and case.code in html
    assert AuditEvent.objects.get(action="case.submit").actor is None  # filed from the public form


def test_a_denunciation_filed_signed_in_keeps_only_a_digest_of_the_account(client, cast):
    client.force_login(cast.binh)
    client.post(
        reverse("cases:submit"),
        form(cast, kind="denunciation", title="Cán bộ thu tiền sai quy định", **DENOUNCER),
    )
    case = Case.objects.get()
    assert case.kind == "denunciation" and case.account is None and len(case.account_digest) == 64
    assert case.account_digest == account_digest(cast.binh.pk) != account_digest(cast.binh.pk + 1)
    trail = " ".join(str(e.changes) for e in AuditEvent.objects.filter(object_id=str(case.pk)))
    assert cast.binh.full_name not in trail and "account" not in trail
    assert case.title in client.get(MINE).content.decode()
    assert client.get(case_page(case)).status_code == 200


def test_cases_sent_with_the_verified_phone_show_the_unverified_phone_shows_none(client, cast):
    sent = submit(cast, name="Bình", phone="0912 345 678")  # without an account, same phone as binh's
    client.force_login(cast.binh)
    assert sent.title not in client.get(MINE).content.decode()
    assert client.get(case_page(sent)).status_code == 404
    binh = verify_phone(cast.binh)
    client.force_login(binh)
    assert sent.title in client.get(MINE).content.decode()
    assert client.get(case_page(sent)).status_code == 200


def test_the_case_page_shows_the_public_timeline_only(client, cast):
    case = submit(cast, account=cast.binh)
    services.case_accept(actor=cast.minh, case=case, note="Ghi chú nội bộ: gọi lại cho ông Bình")
    client.force_login(cast.binh)
    html = client.get(case_page(case)).content.decode()
    assert "Đã tiếp nhận đơn." in html and "Đã thụ lý" in html
    assert "Ghi chú nội bộ" not in html and cast.minh.full_name not in html
    # the tracking page then opens the case (rating, second complaint) without asking for the phone
    assert case.title in client.get(reverse("cases:track"), {"ma": case.code}).content.decode()


def test_another_citizens_case_does_not_open_by_its_code(client, cast):
    mine = submit(cast, account=cast.binh)
    other = User.objects.create_user(username="an", password="x", kind="citizen", full_name="Trần An")
    client.force_login(other)
    assert client.get(case_page(mine)).status_code == 404
    assert mine.title not in client.get(MINE).content.decode()
    assert client.get(reverse("cases:my_case", kwargs={"code": "PA26-ZZZZZZ"})).status_code == 404


def test_status_changes_of_an_accounts_case_reach_it_in_the_app_not_for_a_denunciation(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = submit(cast, account=cast.binh)
    with django_capture_on_commit_callbacks(execute=True):
        services.case_accept(actor=cast.minh, case=case)
    notices = list(Notification.objects.filter(user=cast.binh).order_by("pk"))
    assert [n.title for n in notices] == [f"Hồ sơ {case.code}: Đã tiếp nhận", f"Hồ sơ {case.code}: Đã thụ lý"]
    assert notices[0].url == case_page(case) and "Tra cứu:" not in notices[0].body
    with django_capture_on_commit_callbacks(execute=True):
        submit(cast, "denunciation", account=cast.binh)
    assert Notification.objects.filter(user=cast.binh).count() == 2


def test_an_officers_account_is_never_tied_to_a_case(cast):
    case = submit(cast, account=cast.minh)
    assert case.account is None and case.account_digest == ""


def test_the_list_costs_the_same_queries_for_many_cases(client, cast, django_assert_max_num_queries):
    for _ in range(12):
        submit(cast, account=cast.binh)
    client.force_login(cast.binh)
    with django_assert_max_num_queries(7):
        assert client.get(MINE).status_code == 200
