import pytest

from danvan.decisions import demo
from danvan.decisions.models import Decision, Initiative, InitiativeStatus, Scope, Status

pytestmark = pytest.mark.django_db


def test_demo_decisions_in_tram_chim(client):
    from danvan.access import demo as access_demo
    from danvan.people import demo as people_demo
    from danvan.people.models import Household, User
    from danvan.people.services import citizen_verify
    from danvan.units import demo as units_demo

    units = units_demo.seed()
    access_demo.seed(units)
    people_demo.seed()
    citizen_verify(  # as seed_demo does
        actor=User.objects.get(username="quantri.tramchim"),
        citizen=User.objects.get(username="congdan"),
        household=Household.objects.filter(commune=units["new_communes"]["30001"]).order_by("code").first(),
    )
    demo.seed()
    demo.seed()  # idempotent
    hamlet_scope = Decision.objects.filter(scope=Scope.HAMLET, part_of__isnull=True)
    statuses = sorted(hamlet_scope.values_list("status", flat=True))
    assert statuses == sorted(
        [
            Status.PASSED,
            Status.NOT_PASSED,
            Status.PASSED,
            Status.PASSED,
            Status.PASSED,
            Status.PASSED,
            Status.VOTING,
            Status.DRAFT,
        ]
    )
    board = hamlet_scope.get(matter="5")  # the supervision board's election, for the Front to recognise
    assert board.status == Status.PASSED and board.minutes_sent_on and not board.recognition
    closed = hamlet_scope.filter(status__in=[Status.PASSED, Status.NOT_PASSED])
    assert all(d.minutes_sent_on for d in closed)
    assert sorted(Decision.objects.exclude(recognition="").values_list("recognition", flat=True)) == [
        "recognised",
        "recognised",
        "refused",
    ]
    refused = Decision.objects.get(recognition="refused")
    assert refused.matter == "3" and refused.recognition_reason
    festival = hamlet_scope.get(status=Status.VOTING)
    assert festival.online_accepted and festival.matter == "6"
    road = Decision.objects.get(scope=Scope.COMMUNE)
    parts = road.parts.count()
    assert parts >= 2 and road.status == Status.PASSED and road.hamlets_total == parts
    assert road.hamlets_passed * 3 >= 2 * parts
    assert sorted(Initiative.objects.values_list("status", flat=True)) == sorted(
        [InitiativeStatus.REACHED, InitiativeStatus.COLLECTING]
    )
    page = client.get("/lay-y-kien/").content.decode()
    assert "Được thông qua" in page and "Không được thông qua" in page and "thôn thông qua" in page
    assert "Trồng hàng cây sao" in client.get("/lay-y-kien/sang-kien/").content.decode()
