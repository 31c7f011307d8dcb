import pytest

from danvan.cases import demo
from danvan.cases.models import Case, Kind, Status
from danvan.cases.protection import decrypt_identity

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_varied():
    from danvan.units import demo as units_demo

    units_demo.seed()
    n = demo.seed()
    assert n >= 300 and Case.objects.count() == n
    assert demo.seed() == 0 and Case.objects.count() == n
    assert set(Case.objects.values_list("kind", flat=True)) == set(Kind.values)
    assert set(Case.objects.values_list("status", flat=True)) >= {
        Status.RECEIVED,
        Status.ACCEPTED,
        Status.RESOLVED,
        Status.CLOSED,
        Status.MERGED,
        Status.DECLINED,
    }
    assert (
        Case.objects.filter(instance=2).exists()
        and Case.objects.filter(received_on__year=2020).count() >= 100
    )
    den = Case.objects.filter(kind=Kind.DENUNCIATION).first()
    assert den.submitter_name == "" and decrypt_identity(den.protected_identity)["name"]


def test_demo_gives_every_current_commune_new_cases_and_the_portal_answers():
    from danvan.cases import selectors
    from danvan.core.formatting import local_today
    from danvan.units import demo as units_demo

    units_demo.seed()
    demo.seed()
    for commune in demo._communes(demo.CURRENT_CODES, local_today()):
        waiting = Case.objects.filter(unit=commune, status__in=(Status.RECEIVED, Status.ACCEPTED))
        assert waiting.exists(), commune.name
    assert selectors.published_answers().count() >= 10


def test_the_demo_citizen_finds_cases_of_their_own_in_their_area():
    from danvan.access import demo as access_demo
    from danvan.cases import selectors
    from danvan.people.models import User
    from danvan.units import demo as units_demo

    units = units_demo.seed()
    access_demo.seed(units)
    demo.seed()
    citizen = User.objects.get(username="congdan")
    own = list(selectors.cases_of(citizen))
    assert len(own) == demo.DEMO_CITIZEN_CASES
    assert all(c.unit.code == "30001" and c.kind in (Kind.FEEDBACK, Kind.PETITION) for c in own)
    assert all(c.submitter_name == citizen.full_name for c in own)
