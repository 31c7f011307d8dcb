import pytest

from danvan.consultations import demo
from danvan.consultations.models import Consultation, Opinion, Status

pytestmark = pytest.mark.django_db


def test_demo_consultations_in_tram_chim(client):
    from danvan.access import demo as access_demo
    from danvan.people import demo as people_demo
    from danvan.people.models import Household, User
    from danvan.people.services import citizen_verify
    from danvan.units import demo as units_demo

    units = units_demo.seed()
    access_demo.seed(units)
    people_demo.seed()
    citizen = User.objects.get(username="congdan")
    citizen_verify(  # as seed_demo does
        actor=User.objects.get(username="quantri.tramchim"),
        citizen=citizen,
        household=Household.objects.filter(commune=units["new_communes"]["30001"]).order_by("code").first(),
    )
    demo.seed()
    demo.seed()  # idempotent
    done, current = Consultation.objects.order_by("opens_on")
    assert (done.status, current.status) == (Status.DECIDED, Status.OPEN)
    assert done.subject == "2" and done.sections.count() == 3
    opinions = Opinion.objects.filter(consultation=done)
    assert opinions.count() == 12
    assert set(opinions.values_list("channel", flat=True)) == {
        "web",
        "meeting",
        "box",
        "hotline",
        "organisation",
    }
    assert not opinions.filter(response="").exists()
    assert opinions.filter(response="explained").count() == 3
    assert (done.closes_on - done.opens_on).days >= 20 and done.published_on and done.outcome_text
    # the public pages and the demo citizen's form on the open one
    assert "Hội Nông dân xã" in client.get(f"/lay-y-kien/y-kien/{done.pk}/").content.decode()
    client.force_login(citizen)
    assert 'name="stance"' in client.get(f"/lay-y-kien/y-kien/{current.pk}/").content.decode()
    assert done.title in client.get("/tai-khoan/y-kien/").content.decode()
