import pytest

from danvan.decisions import demo
from danvan.decisions.models import Decision, Status

pytestmark = pytest.mark.django_db


def test_demo_decisions_in_tram_chim(client):
    from danvan.access import demo as access_demo
    from danvan.people import demo as people_demo
    from danvan.units import demo as units_demo

    units = units_demo.seed()
    access_demo.seed(units)
    people_demo.seed()
    demo.seed()
    demo.seed()  # idempotent
    statuses = sorted(Decision.objects.values_list("status", flat=True))
    assert statuses == sorted(
        [
            Status.PASSED,
            Status.NOT_PASSED,
            Status.PASSED,
            Status.PASSED,
            Status.PASSED,
            Status.VOTING,
            Status.DRAFT,
        ]
    )
    closed = Decision.objects.filter(status__in=[Status.PASSED, Status.NOT_PASSED])
    assert all(d.minutes_sent_on for d in closed)
    assert sorted(Decision.objects.exclude(recognition="").values_list("recognition", flat=True)) == [
        "recognised",
        "recognised",
        "refused",
    ]
    refused = Decision.objects.get(recognition="refused")
    assert refused.matter == "3" and refused.recognition_reason
    festival = Decision.objects.get(status=Status.VOTING)
    assert festival.online_accepted and festival.matter == "6"
    page = client.get("/lay-y-kien/").content.decode()
    assert "Được thông qua" in page and "Không được thông qua" in page
