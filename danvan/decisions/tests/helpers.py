import datetime as dt

from danvan.decisions import services, steps
from danvan.people.models import Household, User

DAY = dt.date(2026, 3, 15)
REGISTERED = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def households(cast, n, hamlet=None, prefix="H"):
    hamlet = hamlet or cast.hamlet
    made = Household.objects.bulk_create(
        Household(
            code=f"{prefix}{hamlet.pk}-{i:04d}",
            hamlet=hamlet,
            commune=hamlet.parent,
            address=f"Tổ {i % 5 + 1}",
            representative_name=f"Chủ hộ {prefix}{i}",
        )
        for i in range(n)
    )
    # registered before the voting day (the roll is the registry as it stood on that day)
    Household.objects.filter(pk__in=[h.pk for h in made]).update(created_at=REGISTERED)
    return made


def decision(cast, matter="1", actor=None, **extra):
    data = dict(
        matter=matter,
        unit=cast.hamlet,
        title="Làm đường bê tông liên tổ",
        content="Mỗi hộ đóng góp 500.000 đồng và ngày công.",
        proposer="hamlet_head",
        voting_on=DAY,
    )
    data.update(extra)
    return services.decision_create(actor=actor or cast.hoa, **data)


def opened(cast, matter="1", poll_yes=None, **extra):
    d = decision(cast, matter, **extra)
    d = services.decision_notice(actor=cast.hoa, decision=d, notice_on=DAY - dt.timedelta(days=3))
    if d.matter_info.documents_before:  # items 1–3: the documents reach every household beforehand
        d = steps.documents_deliver(actor=cast.hoa, decision=d, delivered_on=DAY - dt.timedelta(days=3))
    if poll_yes is not None:
        d = services.online_poll_record(actor=cast.hoa, decision=d, yes=poll_yes)
    return services.voting_open(actor=cast.hoa, decision=d)


def meeting(cast, d, hh, yes, no=None, other=0, **extra):
    no = len(hh) - yes - other if no is None else no
    return services.tally_record(
        actor=cast.hoa,
        decision=d,
        channel="meeting",
        households=[h.pk for h in hh],
        yes=yes,
        no=no,
        other=other,
        **extra,
    )


def ballots(cast, d, hh, yes, no=None, other=0):
    from danvan.decisions.models import RollEntry

    codes = list(RollEntry.objects.filter(decision=d, household__in=hh).values_list("ballot_code", flat=True))
    no = len(hh) - yes - other if no is None else no
    return services.tally_record(
        actor=cast.hoa, decision=d, channel="ballot", households=codes, yes=yes, no=no, other=other
    )


def citizen(household, username=None):
    from django.utils import timezone

    return User.objects.create_user(
        username=username or f"cd-{household.pk}",
        password="x",
        kind=User.Kind.CITIZEN,
        full_name=household.representative_name,
        household=household,
        verified_at=timezone.now(),
    )
