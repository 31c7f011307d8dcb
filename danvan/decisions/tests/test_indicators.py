import datetime as dt

import pytest

from danvan.core import indicators as ind
from danvan.decisions import services, steps
from danvan.decisions.indicators import decision_figures

from .helpers import DAY, ballots, households, meeting, opened

pytestmark = pytest.mark.django_db


def test_decided_passed_turnout_and_channels(cast):
    hh = households(cast, 20)
    passed = opened(cast, "4")
    meeting(cast, passed, hh[:10], yes=8)
    ballots(cast, passed, hh[10:15], yes=4)
    services.voting_close(actor=cast.hoa, decision=passed)
    failed = opened(cast, "1")
    meeting(cast, failed, hh[:10], yes=10)
    services.voting_close(actor=cast.hoa, decision=failed)
    opened(cast, "6")  # still voting: not counted
    f = decision_figures(cast.commune, DAY - dt.timedelta(days=1), DAY)
    assert (f["decisions.decided"], f["decisions.passed"]) == (2, 1)
    assert (f["decisions.households"], f["decisions.households_counted"]) == (40, 25)
    assert (f["decisions.channel.meeting"], f["decisions.channel.ballot"], f["decisions.channel.online"]) == (
        2,
        1,
        0,
    )
    assert decision_figures(cast.sibling_commune, DAY, DAY)["decisions.decided"] == 0
    assert (
        decision_figures(cast.commune, DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=9))[
            "decisions.decided"
        ]
        == 0
    )
    assert "decisions.turnout" in {i.key for i in ind.all_indicators()}


def test_commune_wide_decisions_and_initiatives(cast):
    from danvan.core.formatting import local_today
    from danvan.decisions import commune, initiatives

    from .helpers import citizen

    d = commune.commune_decision_create(
        actor=cast.tuan,
        matter="1",
        commune=cast.commune,
        title="Đường liên ấp",
        content="Góp.",
        voting_on=DAY,
    )
    d = commune.commune_notice(actor=cast.tuan, decision=d, notice_on=DAY - dt.timedelta(days=3))
    d = steps.documents_deliver(actor=cast.tuan, decision=d, delivered_on=DAY - dt.timedelta(days=3))
    for part in d.parts.select_related("unit"):
        hh = households(cast, 3, hamlet=part.unit, prefix=f"P{part.pk}-")
        services.voting_open(actor=cast.tuan, decision=part)
        meeting(cast, part, hh, yes=3)
        services.voting_close(actor=cast.tuan, decision=part)
    commune.commune_close(actor=cast.tuan, decision=d)
    f = decision_figures(cast.commune, DAY, DAY)
    assert (f["decisions.decided"], f["decisions.passed"]) == (2, 2)  # the two hamlet parts, not the whole
    from danvan.decisions.indicators import commune_wide_figures, initiative_figures

    assert commune_wide_figures(cast.commune, DAY, DAY) == {
        "decisions.commune_wide": 1,
        "decisions.commune_wide_passed": 1,
    }
    assert commune_wide_figures(cast.sibling_commune, DAY, DAY)["decisions.commune_wide"] == 0
    hh = households(cast, 40, prefix="I")
    reached = initiatives.initiative_propose(
        citizen=citizen(hh[0]), matter="6", title="Đèn", content="Lắp đèn."
    )
    for h in hh[1:5]:  # 5 of the hamlet's 43 households: ≥ 10 %
        initiatives.initiative_consent(citizen=citizen(h), initiative=reached)
    initiatives.initiative_propose(citizen=citizen(hh[5]), matter="6", title="Cây xanh", content="Trồng cây.")
    today = local_today()
    assert initiative_figures(cast.commune, today, today) == {
        "decisions.initiatives_proposed": 2,
        "decisions.initiatives_reached": 1,
        "decisions.initiatives_approved": 0,
    }
    assert initiative_figures(cast.sibling_commune, today, today)["decisions.initiatives_proposed"] == 0
    assert {"decisions.initiatives_reached", "decisions.commune_wide"} <= {
        i.key for i in ind.all_indicators()
    }
