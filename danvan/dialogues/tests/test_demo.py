import pytest

from danvan.dialogues import demo, selectors
from danvan.dialogues.models import ReceptionSession, ReceptionVisit, SessionStatus, VisitOutcome

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_tells_a_story():
    from danvan.cases import demo as cases_demo
    from danvan.cases.models import Case, Channel, Kind
    from danvan.units import demo as units_demo
    from danvan.units.selectors import unit_by_code

    units_demo.seed()
    cases_demo.seed()
    n = demo.seed()
    assert n > 500 and demo.seed() == 0 and ReceptionSession.objects.count() >= n
    assert ReceptionSession.objects.filter(day__year=2020).count() > 400
    assert ReceptionSession.objects.filter(status=SessionStatus.CANCELLED, replaced_by__isnull=False).exists()
    reception = Case.objects.filter(channel=Channel.RECEPTION).count()
    assert ReceptionVisit.objects.filter(outcome=VisitOutcome.NEW_CASE).count() == reception
    assert set(ReceptionVisit.objects.values_list("outcome", flat=True)) == set(VisitOutcome.values)
    assert not ReceptionVisit.objects.filter(case__kind=Kind.DENUNCIATION).exclude(citizen_name="").exists()
    # 2020: most communes meet the rule for the half-year, some miss weeks
    old = demo._units(demo.OLD_CODES, demo.OLD_DAY)
    assert [selectors.compliance(old[i], *demo.OLD_RANGE).met for i in (0, 3)] == [True, False]
    assert unit_by_code("30001") is not None
