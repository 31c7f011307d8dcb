"""The citizen's own area (`/tai-khoan/`, issue 10.1): an overview made of the sections the apps declare,
each with its own page; anonymous visitors are asked to sign in, officers have their own account page."""

import pytest
from django.urls import reverse

from danvan.citizens import area
from danvan.notifications.models import Notification
from danvan.notifications.services import notify

pytestmark = pytest.mark.django_db
HOME = reverse("citizens:home")


def test_the_apps_declare_the_sections_in_order():
    keys = [s.key for s in area.sections_for(None)]
    assert keys == ["ho-so", "ho-gia-dinh", "cau-hoi", "thong-bao", "thong-tin"]


def test_a_later_module_adds_a_section_that_shows_when_it_applies(client, cast):
    """What household voting (M4) will do: a section shown only to an account linked to a household."""
    section = area.Section(
        key="bieu-quyet",
        title="Biểu quyết của hộ",
        order=25,
        template="citizens/tests/vote_card.html",
        context=lambda request: {"open_votes": 2},
        visible=lambda user: user.household_id is not None,
    )
    area.register(section)
    try:
        client.force_login(cast.binh)
        assert "Biểu quyết của hộ" not in client.get(HOME).content.decode()
        from danvan.people.services import citizen_verify
        from danvan.people.tests.helpers import make_household

        citizen_verify(actor=cast.khoa, citizen=cast.binh, household=make_household(cast))
        html = client.get(HOME).content.decode()
        assert "Biểu quyết của hộ" in html and "2 cuộc biểu quyết đang mở" in html
        assert (
            html.index("Hộ gia đình của tôi")
            < html.index("Biểu quyết của hộ")
            < html.index("Câu hỏi của tôi")
        )
    finally:
        area.unregister("bieu-quyet")


def test_the_overview_shows_every_section_and_costs_the_same_queries(
    client, cast, django_assert_max_num_queries
):
    for i in range(5):
        notify(user=cast.binh, title=f"Thông báo {i}", channels=("inapp",))
    client.force_login(cast.binh)
    with django_assert_max_num_queries(14):
        response = client.get(HOME)
    html = response.content.decode()
    assert response.status_code == 200
    for title in (
        "Hồ sơ của tôi",
        "Hộ gia đình của tôi",
        "Câu hỏi của tôi",
        "Thông báo",
        "Thông tin tài khoản",
    ):
        assert title in html
    assert "5 thông báo mới" in html and "Thông báo 4" in html
    assert 'aria-current="page"' in html


def test_anonymous_visitors_sign_in_first_and_officers_go_to_their_own_account_page(client, cast):
    response = client.get(HOME)
    assert response.status_code == 302 and response["Location"] == f"/dang-nhap/?next={HOME}"
    client.force_login(cast.minh)
    assert client.get(HOME)["Location"] == reverse("access:profile")
    assert client.get(reverse("cases:my_cases")).status_code == 404


def test_notices_are_marked_read_one_or_all_only_the_citizens_own(client, cast):
    a = notify(user=cast.binh, title="Một", channels=("inapp",))
    notify(user=cast.binh, title="Hai", channels=("inapp",))
    others = notify(user=cast.minh, title="Của cán bộ", channels=("inapp",))
    client.force_login(cast.binh)
    client.post(reverse("notifications:mine_read"), {"thong-bao": a.pk})
    assert list(Notification.objects.filter(read_at__isnull=False)) == [a]
    client.post(reverse("notifications:mine_read"), {"thong-bao": others.pk})
    assert Notification.objects.get(pk=others.pk).read_at is None
    client.post(reverse("notifications:mine_read"))
    assert not Notification.objects.filter(user=cast.binh, read_at__isnull=True).exists()
    assert Notification.objects.get(pk=others.pk).read_at is None
    assert "Của cán bộ" not in client.get(reverse("notifications:mine")).content.decode()


def test_the_notices_list_costs_the_same_queries_for_many(client, cast, django_assert_max_num_queries):
    for i in range(40):
        notify(user=cast.binh, title=f"Thông báo {i}", channels=("inapp",))
    client.force_login(cast.binh)
    with django_assert_max_num_queries(8):  # 7 + the "my dialogues" section's visibility (M3), one query
        html = client.get(reverse("notifications:mine")).content.decode()
    assert "Thông báo 39" in html and "Thông báo 9" not in html  # 30 a page, newest first
