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


# ------------------------------------------------------------- the public list at a province's scale


def _announced(cast, n, unit=None, title="Việc"):
    """`n` decisions announced (notice given) in `unit` (the hamlet), on voting days a day apart."""
    from danvan.decisions.models import Decision

    made = [decision(cast, title=f"{title} {i:02d}", voting_on=DAY + dt.timedelta(days=i)) for i in range(n)]
    qs = Decision.objects.filter(pk__in=[d.pk for d in made])
    qs.update(status=Status.NOTICE)
    if unit is not None:  # set up in another commune directly (the officer of the cast has no scope there)
        qs.update(unit=unit, commune=unit.parent)
    return made


def _titles(html):
    import re

    return re.findall(r">((?:Việc|Khác) \d\d)</a>", html)


def test_public_list_pages_by_keyset_forward_and_back(client, cast):
    import re

    households(cast, 2)
    _announced(cast, 45)
    first = client.get("/lay-y-kien/").content.decode()
    assert _titles(first) == [f"Việc {i:02d}" for i in range(44, 24, -1)]  # newest vote first
    assert 'rel="prev"' not in first
    after = re.search(r'href="\?sau=([\w-]+)" rel="next"', first).group(1)
    second = client.get(f"/lay-y-kien/?sau={after}").content.decode()
    assert _titles(second) == [f"Việc {i:02d}" for i in range(24, 4, -1)]
    before = re.search(r'href="\?truoc=([\w-]+)" rel="prev"', second).group(1)
    assert _titles(client.get(f"/lay-y-kien/?truoc={before}").content.decode()) == _titles(first)
    after = re.search(r'href="\?sau=([\w-]+)" rel="next"', second).group(1)
    third = client.get(f"/lay-y-kien/?sau={after}").content.decode()
    assert _titles(third) == [f"Việc {i:02d}" for i in range(4, -1, -1)] and 'rel="next"' not in third
    for junk in ("abc", "%%%", "W10", "eyJ4IjoxfQ", "9" * 600):
        r = client.get(f"/lay-y-kien/?sau={junk}&truoc={junk}")
        assert r.status_code == 200 and _titles(r.content.decode()) == _titles(first)


def test_public_list_filters_by_commune_found_by_name(client, cast):
    households(cast, 2)
    _announced(cast, 3)
    _announced(cast, 2, unit=cast.sibling_hamlet, title="Khác")
    everything = client.get("/lay-y-kien/").content.decode()
    assert len(_titles(everything)) == 5
    found = client.get("/lay-y-kien/", {"tim-xa": "an long"}).content.decode()
    assert f'href="?xa={cast.sibling_commune.code}"' in found and "Xã An Long" in found
    assert f'href="?xa={cast.commune.code}"' not in found
    page = client.get("/lay-y-kien/", {"xa": cast.sibling_commune.code}).content.decode()
    assert _titles(page) == ["Khác 01", "Khác 00"] and "Đang xem các việc của Xã An Long" in page
    page = client.get("/lay-y-kien/", {"xa": cast.commune.code}).content.decode()
    assert _titles(page) == ["Việc 02", "Việc 01", "Việc 00"]
    # a hamlet's code or an unknown one is no commune: everything, said so
    for code in (cast.hamlet.code, "khong-co"):
        page = client.get("/lay-y-kien/", {"xa": code}).content.decode()
        assert len(_titles(page)) == 5 and "Không tìm thấy xã, phường đã chọn" in page
    nothing = client.get("/lay-y-kien/", {"tim-xa": "khong co xa nao"}).content.decode()
    assert "Không tìm thấy xã, phường nào như vậy" in nothing


def test_public_list_keeps_the_commune_filter_across_pages(client, cast):
    import re

    households(cast, 2)
    _announced(cast, 25, unit=cast.sibling_hamlet, title="Khác")
    _announced(cast, 3)
    page = client.get("/lay-y-kien/", {"xa": cast.sibling_commune.code}).content.decode()
    link = re.search(r'href="(\?xa=\d+&amp;sau=[\w-]+)" rel="next"', page).group(1).replace("&amp;", "&")
    second = client.get("/lay-y-kien/" + link).content.decode()
    assert _titles(second) == ["Khác 04", "Khác 03", "Khác 02", "Khác 01", "Khác 00"]


def test_public_list_queries_do_not_grow_with_the_rows(client, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    households(cast, 2)
    _announced(cast, 3)
    client.get("/lay-y-kien/")  # warm what is cached once (the site's settings, the portal unit)
    with CaptureQueriesContext(connection) as few:
        client.get("/lay-y-kien/", {"xa": cast.commune.code})
    _announced(cast, 30)
    with CaptureQueriesContext(connection) as many:
        r = client.get("/lay-y-kien/", {"xa": cast.commune.code})
    assert len(_titles(r.content.decode())) == 20
    assert len(many) == len(few) <= 8, [q["sql"] for q in many]
    assert not any("OFFSET" in q["sql"].upper() or "COUNT(" in q["sql"].upper() for q in many)


def test_the_officers_list_pages_by_keyset_with_drafts(client, cast):
    import re

    households(cast, 2)
    for i in range(35):
        decision(cast, title=f"Việc {i:02d}", voting_on=DAY + dt.timedelta(days=i % 7))  # ties on the day
    sign_in(client, cast.hoa)
    first = client.get("/can-bo/lay-y-kien/").content.decode()
    after = re.search(r'href="\?sau=([\w-]+)" rel="next"', first).group(1)
    second = client.get(f"/can-bo/lay-y-kien/?sau={after}").content.decode()
    links = re.compile(r'href="/can-bo/lay-y-kien/(\d+)/"')
    shown = links.findall(first) + links.findall(second)
    assert len(set(shown)) == len(shown) == 35 and 'rel="next"' not in second
    expected = Decision.objects.order_by("-voting_on", "-id").values_list("pk", flat=True)
    assert [int(pk) for pk in shown] == list(expected)
    assert client.get("/can-bo/lay-y-kien/?sau=junk").status_code == 200


def test_the_commune_search_offers_at_most_twenty_and_never_lists_the_province(client, cast):
    from danvan.units.models import UnitKind
    from danvan.units.services import unit_create
    from tests.cast import EPOCH

    for i in range(45):
        unit_create(
            actor=None,
            code=f"39{i:03d}",
            name=f"Xã Tân Hòa {i}",
            kind=UnitKind.COMMUNE,
            parent=cast.district,
            valid_from=EPOCH,
        )
    plain = client.get("/lay-y-kien/").content.decode()
    assert "Tân Hòa" not in plain  # no list of communes without a search
    page = client.get("/lay-y-kien/", {"tim-xa": "tan hoa"}).content.decode()
    assert page.count('href="?xa=39') == 20 and "Còn 25 xã, phường khác phù hợp" in page
    assert len(page.encode()) < 150_000


@pytest.mark.parametrize("commune", [True, False])
def test_postgresql_walks_a_keyset_page_in_its_index(cast, commune):
    """The keyset condition and the selector's filter match migration 0005's partial index (and 0004's): with
    sequential scans priced out (the test tables are tiny), the plan reads the index, not a sort of the table."""
    from django.db import connection

    from danvan.core.paging import _beyond

    if connection.vendor != "postgresql":
        pytest.skip("EXPLAIN of PostgreSQL")
    from danvan.decisions import selectors

    households(cast, 2)
    made = _announced(cast, 5)
    qs = selectors.public_decisions(cast.commune if commune else None)
    qs = qs.filter(_beyond(selectors.LIST_ORDER, [made[2].voting_on, made[2].pk], forward=True))
    sql, params = qs.order_by(*selectors.LIST_ORDER)[:21].query.sql_with_params()
    with connection.cursor() as cur:
        cur.execute("SET LOCAL enable_seqscan = off")
        cur.execute("SET LOCAL enable_sort = off")
        cur.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cur.fetchall())
    index = "decision_public_commune_idx" if commune else "decision_public_order_idx"
    assert index in plan, plan
