import time

import pytest

from danvan.cases import demo
from danvan.cases.models import Case, Kind, Status
from danvan.cases.protection import decrypt_identity

pytestmark = pytest.mark.django_db


def test_demo_seed_is_fast_idempotent_and_varied():
    from danvan.units import demo as units_demo

    units_demo.seed()
    started = time.monotonic()
    n = demo.seed()
    assert time.monotonic() - started < 15
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
