import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.conventions import services
from danvan.conventions.indicators import convention_figures
from danvan.conventions.models import Convention, Status, VersionStatus
from danvan.core import indicators as ind
from danvan.core.formatting import local_today

from .helpers import DAY, commented, drafted, in_comment_now, recognised

pytestmark = pytest.mark.django_db


def test_figures_over_a_subtree_and_a_range(cast):
    today = timezone.localdate()
    c = recognised(cast)  # version 1: voting day DAY, recognised today
    services.annual_review_record(
        actor=cast.hoa, convention=c, year=today.year, held_on=today, findings="Tốt."
    )
    services.suspend(actor=cast.tuan, convention=c, decided_on=today, number="1/QĐ", reason="Điều 2.")
    services.amend(actor=cast.hoa, convention=c, reason="Sửa điều 2.")
    drafted(cast, title="Quy ước khác", hamlet=cast.other_hamlet)
    f = convention_figures(cast.commune, DAY, today)
    assert f == {
        "conventions.drafted": 2,
        "conventions.amendments": 1,
        "conventions.adopted": 1,
        "conventions.recognised": 1,
        "conventions.refused": 0,
        "conventions.in_force": 1,
        "conventions.suspended": 1,
        "conventions.annulled": 0,
        "conventions.reviews": 1,
    }
    assert convention_figures(cast.sibling_commune, DAY, today)["conventions.drafted"] == 0
    before = convention_figures(cast.commune, DAY - dt.timedelta(days=400), DAY - dt.timedelta(days=1))
    assert before["conventions.in_force"] == 0 and before["conventions.adopted"] == 0
    services.annul(actor=cast.tuan, convention=c, decided_on=today, number="2/QĐ", reason="Không khắc phục.")
    f = convention_figures(cast.commune, DAY, today)
    assert (f["conventions.in_force"], f["conventions.annulled"]) == (0, 1)
    assert "conventions.in_force" in {i.key for i in ind.all_indicators()}


def test_api_lists_and_reads_public_conventions_only(client, cast):
    c = in_comment_now(cast)
    hidden = drafted(cast, title="Chưa công bố")
    r = client.get("/api/v1/conventions/", {"unit": cast.commune.code})
    assert r.status_code == 200
    assert [x["id"] for x in r.json()] == [c.pk]
    assert r.json()[0]["status"] == "comment"
    r = client.get(f"/api/v1/conventions/{c.pk}")
    body = r.json()
    assert r.status_code == 200 and [a["number"] for a in body["articles"]] == [1, 2]
    assert body["comment_closes_on"] == c.latest.closes_on.isoformat()
    assert client.get(f"/api/v1/conventions/{hidden.pk}").status_code == 404
    assert client.get("/api/v1/conventions/", {"unit": "khong-co"}).status_code == 404
    assert client.get("/api/v1/conventions/99999999999999").status_code == 404
    assert "/api/v1/conventions/" in client.get("/api/v1/openapi.json").content.decode()


def test_a_draft_is_public_from_its_posting_day_not_before(client, cast):
    today = local_today()
    later = commented(cast, opens_on=today + dt.timedelta(days=3), closes_on=today + dt.timedelta(days=40))
    now = in_comment_now(cast, title="Quy ước ấp Phú Hòa")
    assert [x["id"] for x in client.get("/api/v1/conventions/").json()] == [now.pk]
    assert client.get(f"/api/v1/conventions/{later.pk}").status_code == 404
    assert client.get(reverse("conventions:public_detail", args=[later.pk])).status_code == 404
    page = client.get(reverse("conventions:public_list")).content.decode()
    assert "Quy ước ấp Phú Hòa" in page and "Hương ước ấp Phú Hòa" not in page


def test_api_filters_by_a_district_or_province_code_over_its_subtree(client, cast):
    c = in_comment_now(cast)
    for code in (cast.district.code, cast.commune.code, cast.hamlet.code):
        assert [x["id"] for x in client.get("/api/v1/conventions/", {"unit": code}).json()] == [c.pk], code
    for code in (cast.other_district.code, cast.far_commune.code, cast.other_hamlet.code):
        assert client.get("/api/v1/conventions/", {"unit": code}).json() == [], code


def test_api_reads_the_text_in_force_while_an_amendment_is_drafted(client, cast):
    c = recognised(cast)
    new = services.amend(actor=cast.hoa, convention=c, reason="Sửa.")
    services.article_add(actor=cast.hoa, version=new, heading="Điều mới", text="Chưa có hiệu lực.")
    body = client.get(f"/api/v1/conventions/{c.pk}").json()
    assert (body["version"], body["status"], body["recognition_number"]) == (1, "in_force", "12/QĐ-UBND")
    assert "Điều mới" not in [a["heading"] for a in body["articles"]]


def test_demo_three_hamlets(db):
    from danvan.access import demo as access_demo
    from danvan.conventions import demo
    from danvan.decisions import demo as decisions_demo
    from danvan.people import demo as people_demo
    from danvan.people.models import Household, User
    from danvan.people.services import citizen_verify
    from danvan.units import demo as units_demo

    units = units_demo.seed()
    access_demo.seed(units)
    people_demo.seed()
    citizen_verify(
        actor=User.objects.get(username="quantri.tramchim"),
        citizen=User.objects.get(username="congdan"),
        household=Household.objects.filter(commune=units["new_communes"]["30001"]).order_by("code").first(),
    )
    decisions_demo.seed()
    demo.seed()
    demo.seed()  # idempotent
    statuses = sorted(Convention.objects.filter(commune__code="30001").values_list("status", flat=True))
    assert statuses == [Status.COMMENT, Status.IN_FORCE, Status.IN_FORCE]
    commenting = Convention.objects.get(status=Status.COMMENT)
    assert (
        commenting.latest.comments.count() == 2
        and commenting.latest.comments.exclude(response="").count() == 1
    )
    congdan = User.objects.get(username="congdan")
    assert commenting.hamlet_id == congdan.household.hamlet_id
    in_force = Convention.objects.filter(status=Status.IN_FORCE)
    assert sum(c.reviews.count() for c in in_force) == 1
    amended = [c for c in in_force if c.versions.count() == 2]
    assert len(amended) == 1
    assert amended[0].in_force.number == 1 and amended[0].latest.status == VersionStatus.DRAFTING
    assert services.in_comment(commenting.latest)
    # each text names its own kind and place: a quy ước of a khóm says "Quy ước này … trong khóm"
    for c in Convention.objects.filter(commune__code="30001"):
        word = c.hamlet.get_kind_display().lower()
        first = c.latest.articles.order_by("pk").first().text
        assert first.startswith(f"{c.get_kind_display()} này") and f"trong {word}" in first, c.title
        assert f"trong {word}" in c.latest.preamble or f"trong {word}" in (c.preamble or "")
