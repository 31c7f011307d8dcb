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


def test_demo_dialogues_record_on_their_cases_with_done_and_overdue_commitments():
    from danvan.cases import demo as cases_demo
    from danvan.cases.models import CaseDialogue
    from danvan.dialogues.models import Commitment, CommitmentStatus, Dialogue, DialogueStatus
    from danvan.units import demo as units_demo

    units = units_demo.seed()
    from danvan.access import demo as access_demo

    access_demo.seed(units)
    cases_demo.seed()
    demo.seed()
    held = Dialogue.objects.filter(status=DialogueStatus.HELD)
    assert held.filter(day__year=2020).exists() and held.exclude(day__year=2020).exists()
    assert Dialogue.objects.filter(status=DialogueStatus.PLANNED).exists()
    now = held.exclude(day__year=2020).get()
    linked = [i.case_id for i in now.items.all() if i.case_id]
    assert linked and CaseDialogue.objects.filter(case_id__in=linked, held_on=now.held_on).count() == len(
        linked
    )
    assert Commitment.objects.filter(status=CommitmentStatus.DONE).exists()
    assert any(c.overdue for c in Commitment.objects.all())
    # the planned dialogue has the demo citizen's registration and questions, one accepted and shown
    planned = Dialogue.objects.get(status=DialogueStatus.PLANNED)
    assert planned.registrations.filter(account__username="congdan").count() == 1
    assert sorted(planned.questions.values_list("status", flat=True)) == ["accepted", "pending"]
    assert planned.participants.filter(kind="official").exists()
