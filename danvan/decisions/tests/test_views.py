import datetime as dt

import pytest

from danvan.decisions.models import Decision, Status
from danvan.decisions.selectors import tally_of

from .helpers import DAY, decision, households, opened

pytestmark = pytest.mark.django_db


def sign_in(client, user, unit=None):
    client.force_login(user)
    if unit is not None:
        client.get("/can-bo/", {"don-vi": unit.code})


def test_officer_creates_opens_tallies_and_closes(client, cast):
    hh = households(cast, 40)
    sign_in(client, cast.tuan)  # the commune's leader
    r = client.post(
        "/can-bo/lay-y-kien/them/",
        {
            "unit": cast.hamlet.pk,
            "matter": "4",
            "title": "Bầu Trưởng ấp Phú Hòa",
            "content": "Bầu Trưởng ấp nhiệm kỳ 2026–2031.",
            "proposer": "hamlet_head",
            "voting_on": DAY.isoformat(),
        },
    )
    d = Decision.objects.get()
    assert r.status_code == 302 and r["Location"].endswith(f"/can-bo/lay-y-kien/{d.pk}/")
    client.post(
        f"/can-bo/lay-y-kien/{d.pk}/thong-bao/", {"notice_on": (DAY - dt.timedelta(days=3)).isoformat()}
    )
    client.post(f"/can-bo/lay-y-kien/{d.pk}/mo/")
    d.refresh_from_db()
    assert (d.status, d.households_total) == (Status.VOTING, 40)
    codes = " ".join(h.code for h in hh[:20])
    r = client.post(
        f"/can-bo/lay-y-kien/{d.pk}/kiem-phieu/",
        {"channel": "meeting", "households": codes, "yes": 15, "no": 5, "other": 0, "cluster": ""},
    )
    assert r.status_code == 302
    ballot_codes = " ".join(d.roll.filter(household__in=hh[20:30]).values_list("ballot_code", flat=True))
    r = client.post(
        f"/can-bo/lay-y-kien/{d.pk}/kiem-phieu/",
        {"channel": "ballot", "households": ballot_codes, "yes": 6, "no": 4, "other": 0, "cluster": ""},
    )
    assert r.status_code == 302
    # the same households again: refused in Vietnamese, nothing counted twice
    r = client.post(
        f"/can-bo/lay-y-kien/{d.pk}/kiem-phieu/",
        {"channel": "meeting", "households": codes, "yes": 20, "no": 0, "other": 0, "cluster": ""},
    )
    assert r.status_code == 200 and "không được tính lần nữa" in r.content.decode()
    assert tally_of(d).counted == 30
    page = client.get(f"/can-bo/lay-y-kien/{d.pk}/").content.decode()
    assert "30 trên 40 hộ" in page and "Cần ít nhất 21 trên 40" in page
    r = client.post(f"/can-bo/lay-y-kien/{d.pk}/ket-thuc/", follow=True)
    assert "Hãy đánh dấu xác nhận" in r.content.decode()  # closing asks for a confirmation
    d.refresh_from_db()
    assert d.status == Status.VOTING
    client.post(f"/can-bo/lay-y-kien/{d.pk}/ket-thuc/", {"confirm": "1"})
    d.refresh_from_db()
    assert (d.status, d.yes_count) == (Status.PASSED, 21)
    page = client.get(f"/can-bo/lay-y-kien/{d.pk}/").content.decode()
    assert "Được thông qua" in page and "Điều 21" in page


def test_out_of_scope_is_404_and_view_only_cannot_write(client, cast):
    households(cast, 3)
    d = opened(cast, "1")
    sign_in(client, cast.minh)  # case officer: no decisions.view
    assert client.get(f"/can-bo/lay-y-kien/{d.pk}/").status_code == 404
    sign_in(client, cast.thu)  # supervisor: view only
    assert client.get(f"/can-bo/lay-y-kien/{d.pk}/").status_code == 200
    assert client.post(f"/can-bo/lay-y-kien/{d.pk}/ket-thuc/").status_code == 404
    d.refresh_from_db()
    assert d.status == Status.VOTING


def test_lists_are_paged_with_bounded_queries(client, cast, django_assert_max_num_queries):
    households(cast, 2)
    for i in range(25):
        decision(cast, title=f"Việc {i}")
    sign_in(client, cast.hoa)
    with django_assert_max_num_queries(20):
        r = client.get("/can-bo/lay-y-kien/")
    assert r.status_code == 200 and r.content.decode().count("/can-bo/lay-y-kien/") >= 25


def test_public_list_shows_results_only_after_close(client, cast):
    hh = households(cast, 10)
    draft = decision(cast, title="Bản nháp chưa công bố")
    d = opened(cast, "1", title="Đường ấp Phú Hòa")
    from danvan.decisions import services

    services.tally_record(
        actor=cast.hoa, decision=d, channel="meeting", households=[h.pk for h in hh[:9]], yes=8, no=1
    )
    page = client.get("/lay-y-kien/").content.decode()
    assert "Đường ấp Phú Hòa" in page and draft.title not in page and "8/10" not in page
    detail = client.get(f"/lay-y-kien/{d.pk}/").content.decode()
    assert "Tán thành" not in detail
    assert client.get(f"/lay-y-kien/{draft.pk}/").status_code == 404
    services.voting_close(actor=cast.hoa, decision=d)
    page = client.get("/lay-y-kien/").content.decode()
    assert "Được thông qua" in page and "8/10" in page
    assert "Điều 21" in client.get(f"/lay-y-kien/{d.pk}/").content.decode()
