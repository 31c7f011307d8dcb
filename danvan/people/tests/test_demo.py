import pytest

from danvan.people import demo
from danvan.people.models import Household, Resident

pytestmark = pytest.mark.django_db


def test_seed_gives_every_hamlet_realistic_households_once(cast):
    counts = demo.seed()
    per_hamlet = {
        h: Household.objects.filter(hamlet=h).count()
        for h in (cast.hamlet, cast.other_hamlet, cast.sibling_hamlet)
    }
    assert all(8 <= n <= 15 for n in per_hamlet.values()), per_hamlet
    assert counts["households"] == sum(per_hamlet.values())
    assert counts["residents"] == Resident.objects.count()
    for household in Household.objects.prefetch_related("members"):
        reps = [m for m in household.members.all() if m.is_representative]
        assert len(reps) == 1 and reps[0].full_name == household.representative_name
        assert household.commune_id in {cast.commune.pk, cast.sibling_commune.pk}
        assert household.search_text
    first = sorted(Household.objects.values_list("code", "representative_name"))

    assert demo.seed() == {"hamlets": 0, "households": 0, "residents": 0}  # idempotent
    Resident.objects.all().delete()
    Household.objects.all().delete()
    demo.seed()
    assert sorted(Household.objects.values_list("code", "representative_name")) == first  # deterministic
